// The live incident patches (web/src/map/live-incidents.ts): a change is drawn at once on the small live source,
// and reaches the clustered source only in folds, one batch per FOLD_MS or per FOLD_AT changes.
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import type { PointFeature } from '../../web/src/api/map-data'
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
