// The live incident patches (web/src/map/live-incidents.ts): a change is drawn at once on the small live source,
// and reaches the clustered source only in folds, one batch per FOLD_MS or per FOLD_AT changes.
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import type { PointFeature } from '../../web/src/api/map-data'
import { liveIncidentMatches, viewIncidentFilter } from '../../web/src/map/live-incident-filter'
import { FOLD_AT, FOLD_MS, liveIncidents } from '../../web/src/map/live-incidents'
import type { SourceWriter } from '../../web/src/map/live-incidents'
import { LIVE_SOURCE } from '../../web/src/map/overlays/incidents'

type Call = [string, string, unknown]
let calls: Call[]
const host: SourceWriter = {
  setData: (source, data) => { calls.push(['setData', source, data]) },
  updateData: (source, diff) => { calls.push(['updateData', source, diff]) },
}

const incident = (id: number, status = 'reported'): PointFeature & { id: number } =>
  ({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [119.7, 27.55] }, properties: { id, status, g: 1 } }) as PointFeature & { id: number }
const on = (source: string) => calls.filter((c) => c[1] === source)

beforeEach(() => { calls = []; vi.useFakeTimers() })
afterEach(() => vi.useRealTimers())

test('a change is drawn on the live source and the heatmap at once; the clustered source is not touched', () => {
  const live = liveIncidents(host)
  live.put(incident(1))
  expect(on(LIVE_SOURCE)).toEqual([['updateData', LIVE_SOURCE, { add: [incident(1)] }]])
  expect(on('heatmap')).toEqual([['updateData', 'heatmap', { add: [incident(1)] }]])
  expect(on('incidents')).toEqual([])
  live.destroy()
})

test('changes fold into the clustered source in one batch after FOLD_MS, the latest version of each, and the live source empties', () => {
  const live = liveIncidents(host)
  live.put(incident(1))
  live.put(incident(2))
  vi.advanceTimersByTime(FOLD_MS / 2)
  live.put(incident(1, 'accepted'))
  expect(on('incidents')).toEqual([])
  vi.advanceTimersByTime(FOLD_MS / 2)
  expect(on('incidents')).toEqual([['updateData', 'incidents', { add: [incident(1, 'accepted'), incident(2)] }]])
  expect(calls.at(-1)).toEqual(['setData', LIVE_SOURCE, { type: 'FeatureCollection', features: [] }])
  expect(live.pending).toBe(0)
  // Nothing pending: the next period folds nothing.
  vi.advanceTimersByTime(FOLD_MS * 2)
  expect(on('incidents')).toHaveLength(1)
  live.destroy()
})

test('FOLD_AT waiting changes fold at once', () => {
  const live = liveIncidents(host)
  for (let i = 0; i < FOLD_AT; i++) live.put(incident(i))
  const folds = on('incidents')
  expect(folds).toHaveLength(1)
  expect((folds[0]![2] as { add: unknown[] }).add).toHaveLength(FOLD_AT)
  live.destroy()
})

test('a wholesale reload drops what was pending: the reloaded data already has it', () => {
  const live = liveIncidents(host)
  live.put(incident(1))
  live.reset()
  vi.advanceTimersByTime(FOLD_MS * 2)
  expect(on('incidents')).toEqual([])
  expect(live.pending).toBe(0)
  live.destroy()
})

// The view's filters on the live path: an event is drawn only if the list request would fetch the incident.
const DAY = 86_400_000
const NOW = Date.parse('2026-11-27T10:00:00+08:00')
const RANGE = { from: NOW - 7 * DAY, to: NOW + 1 }
const GRID = '33032910000501'
/** An incident as a live event carries it (api/services/incident-record.ts incidentFeature). */
const live = (id: number, p: Partial<Record<'category' | 'status' | 'grid' | 'reportedAt', string>> = {}) => ({
  type: 'Feature', id, geometry: { type: 'Point', coordinates: [119.7, 27.55] },
  properties: { id, type: 'illegal-stacking', category: 'urban-rural', module: 'management', department: 'enforcement', onList: true,
    source: 'patrol', severity: 'normal', status: 'reported', overdue: false, grid: GRID, township: GRID.slice(0, 9),
    reportedAt: new Date(NOW - DAY).toISOString(), ...p },
}) as PointFeature & { id: number }

test('with 类别 = 安全生产, a live 城乡管理 incident is not drawn (and comes off the map if it was)', () => {
  const patches = liveIncidents(host)
  const filter = viewIncidentFilter({ scope: '330329', filters: { category: ['safety'] }, offList: false }, RANGE)
  expect(patches.patch(live(1), filter)).toBe(false)
  expect(calls.some(([op, , diff]) => op === 'updateData' && 'add' in (diff as object))).toBe(false)
  expect(on('incidents')).toEqual([['updateData', 'incidents', { remove: [1] }]])
  expect(patches.patch(live(2, { category: 'safety' }), filter)).toBe(true)
  expect(on(LIVE_SOURCE).at(-1)).toEqual(['updateData', LIVE_SOURCE, { add: [live(2, { category: 'safety' })] }])
  patches.destroy()
})

test('an incident whose new status leaves the status filter is removed from every source, pending fold included', () => {
  const patches = liveIncidents(host)
  const filter = viewIncidentFilter({ scope: '330329100', filters: { status: ['reported'] }, offList: false }, RANGE)
  expect(patches.patch(live(7), filter)).toBe(true)
  expect(patches.pending).toBe(1)
  calls = []
  expect(patches.patch(live(7, { status: 'accepted' }), filter)).toBe(false)
  expect(calls).toEqual([
    ['updateData', LIVE_SOURCE, { remove: [7] }], ['updateData', 'heatmap', { remove: [7] }], ['updateData', 'incidents', { remove: [7] }],
  ])
  expect(patches.pending).toBe(0)
  vi.advanceTimersByTime(FOLD_MS * 2)
  expect(on('incidents')).toHaveLength(1) // nothing folded back in
  patches.destroy()
})

test('scope, range and the off-list switch apply as on the list request; an incomplete event is not drawn', () => {
  const view = (scope: string, offList = false) => viewIncidentFilter({ scope, filters: {}, offList }, RANGE)
  expect(liveIncidentMatches(view('330329100005'), live(1).properties)).toBe(true)
  expect(liveIncidentMatches(view('330329101'), live(1).properties)).toBe(false)
  expect(liveIncidentMatches(view('330329'), live(1, { reportedAt: new Date(RANGE.from - 1).toISOString() }).properties)).toBe(false)
  expect(liveIncidentMatches(view('330329', true), live(1).properties)).toBe(false)
  expect(liveIncidentMatches(view('330329'), { id: 1, status: 'reported' })).toBe(false)
})
