// Incidents turn overdue on the map as their deadlines pass (web/src/map/deadline-watch.ts).
import { expect, test } from 'vitest'
import type { PointFeature } from '../../web/src/api/map-data'
import { deadlineWatch } from '../../web/src/map/deadline-watch'

const T = Date.parse('2026-12-07T08:00:00Z')
const MIN = 60_000
const at = (ms: number) => new Date(ms).toISOString()

function incident(id: number, properties: Record<string, unknown>): PointFeature {
  return { type: 'Feature', id, geometry: { type: 'Point', coordinates: [119.7, 27.56] }, properties: { id, severity: 'normal', ...properties } }
}

test('an incident turns overdue once, at the first tick after its deadline; the others are left alone', () => {
  const turned: (string | number)[] = []
  const watch = deadlineWatch((f) => { turned.push(f.id); expect(f.properties.overdue).toBe(true) })
  watch.reset([
    incident(1, { status: 'handling', overdue: false, dueAt: at(T + 10 * MIN) }),
    incident(2, { status: 'reported', overdue: false, dueAt: at(T + 30 * MIN) }),
    incident(3, { status: 'handling', overdue: true }),
    incident(4, { status: 'closed', overdue: false }),
  ])
  expect(watch.size).toBe(2)
  watch.tick(T + 5 * MIN)
  expect(turned).toEqual([])
  watch.tick(T + 10 * MIN)
  expect(turned).toEqual([1])
  watch.tick(T + 11 * MIN)
  expect(turned).toEqual([1])
  watch.tick(T + 31 * MIN)
  expect(turned).toEqual([1, 2])
  expect(watch.size).toBe(0)
})

test('a later version replaces the earlier: accepted in time (a new deadline) or closed, it is not turned overdue by the old one', () => {
  const turned: (string | number)[] = []
  const watch = deadlineWatch((f) => turned.push(f.id))
  watch.reset([incident(1, { status: 'reported', overdue: false, dueAt: at(T + 10 * MIN) }), incident(2, { status: 'reported', overdue: false, dueAt: at(T + 10 * MIN) })])
  watch.track(incident(1, { status: 'accepted', overdue: false, dueAt: at(T + 120 * MIN) }))
  watch.track(incident(2, { status: 'closed', overdue: false }))
  watch.tick(T + 60 * MIN)
  expect(turned).toEqual([])
  watch.tick(T + 120 * MIN)
  expect(turned).toEqual([1])
})

test('the turned feature keeps everything else it had, and a reset forgets what was watched', () => {
  const turned: PointFeature[] = []
  const watch = deadlineWatch((f) => turned.push(f))
  watch.track(incident(7, { status: 'dispatched', overdue: false, dueAt: at(T), severity: 'urgent' }))
  watch.tick(T)
  expect(turned[0]).toMatchObject({ id: 7, properties: { id: 7, status: 'dispatched', severity: 'urgent', overdue: true } })
  watch.track(incident(8, { status: 'reported', overdue: false, dueAt: at(T) }))
  watch.reset([])
  watch.tick(T + MIN)
  expect(turned).toHaveLength(1)
})
