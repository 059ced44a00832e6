// asOf: figures and lists as they stood at an instant (domain/as-of.ts). The records are made through the services
// with the clock moved step by step, so their histories are what the live service writes. The core check: what
// the API answered at T (clock pinned at T) is what it answers later for asOf=T, however the records changed since.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertSite } from '../support/fixtures'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const POINT = { lng: 119.708034, lat: 27.559551, crs: 'wgs84' }
/** The instant the snapshot is taken: three days before the clock's end. */
const T = T0 - 3 * DAY
const iso = (t: number) => new Date(t).toISOString()

let t: TestApp
const at = (time: number) => { t.clock.now = time }
const report = async (severity: 'normal' | 'urgent' = 'normal', type = 'road-occupation') =>
  (await t.services.incidents.create({ type, point: POINT, description: '（合成）as-of 测试', source: 'patrol', severity } as never)).id
const step = async (id: number, action: string, extra: Record<string, unknown> = {}) =>
  await t.services.incidents.transition(id, { action, ...extra } as never)
const dispute = async () =>
  (await t.services.disputes.create({ type: 'neighbour', point: POINT, description: '（合成）as-of 纠纷', parties: [{ name: '张三' }], level: 'village', method: 'sweep', risk: 'low', crossRegion: false } as never)).id
const move = async (id: number, action: string) => await t.services.disputes.transition(id, { action } as never)

/** Every answer the snapshot compares: the figures of each endpoint and the incident list, all pages. */
const PATHS = [
  '/api/metrics/summary',
  '/api/metrics/summary?scope=330329100',
  '/api/metrics/summary?status=reported,accepted',
  '/api/metrics/choropleth?metric=overdue',
  '/api/metrics/choropleth?metric=closureRate&level=grid&township=330329100',
  '/api/metrics/timeseries?metric=reports&interval=day',
  '/api/metrics/breakdown?metric=open&by=status',
  '/api/metrics/breakdown?metric=reports&by=township',
  '/api/incidents',
  '/api/incidents?overdue=true',
  '/api/incidents?status=handling,dispatched',
  '/api/disputes',
  '/api/disputes?overdue=true',
  '/api/disputes?status=accepted',
  '/api/metrics/breakdown?metric=disputeSuccessRate&by=level',
  '/api/sites',
  '/api/sites?overdue=true',
]
const withAsOf = (path: string, asOf: number | string) => `${path}${path.includes('?') ? '&' : '?'}asOf=${asOf}`

async function read(path: string) {
  const res = await t.json(path)
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200)
  return res.body
}

const snapshot = new Map<string, unknown>()
let ids: number[] = []

beforeAll(async () => {
  t = await testApp(T - 10 * DAY)
  // A site overdue at T (red: every 30 days), inspected after T.
  const site = await insertSite(t.store, { registeredAt: T - 40 * DAY, nextInspectionDue: T - 10 * DAY, grade: 'red', grid: GRIDS.luoyangA })
  const a = await report()
  const b = await report('urgent')
  const c = await report('normal', 'food-safety')
  const d = await report()
  ids = [a, b, c, d]
  // Disputes: one settled before T, one escalated before T and settled after, one in mediation at T, overdue then.
  const settled = await dispute()
  const escalated = await dispute()
  const mediating = await dispute()
  at(T - 9 * DAY)
  await step(a, 'accept'); await step(a, 'dispatch'); await step(a, 'start')
  await step(d, 'accept')
  at(T - 5 * DAY)
  await step(a, 'resolve'); await step(b, 'accept')
  await step(d, 'dispatch'); await step(d, 'start')
  await move(settled, 'start'); await move(settled, 'succeed')
  await move(escalated, 'escalate'); await move(mediating, 'start')
  at(T - 2 * HOUR)
  const e = await report('urgent')
  ids.push(e)

  at(T)
  for (const path of PATHS) snapshot.set(path, await read(path))

  // After T: every kind of change the history records, and new reports.
  at(T + HOUR)
  await step(a, 'verify')
  await step(b, 'dispatch'); await step(b, 'start')
  await step(d, 'requestExtension', { until: iso(T0 + 20 * DAY), note: '（合成）需要更多时间' })
  at(T + 2 * HOUR)
  await step(d, 'approveExtension')
  await step(c, 'accept'); await step(c, 'dispatch')
  await step(e, 'accept')
  await t.services.sites.inspect(site, { result: 'pass', mobile: false, offSite: false })
  await move(escalated, 'start'); await move(escalated, 'succeed')
  await move(mediating, 'escalate')
  await dispute()
  at(T + DAY)
  await report(); await report('urgent')
  await step(c, 'transfer', { assignee: { kind: 'grid', code: GRIDS.luoyangA } })
  at(T0)
})
afterAll(async () => await t.close())

describe('asOf', () => {
  test('what the API answered at T is what it answers now for asOf=T', async () => {
    for (const path of PATHS) expect(await read(withAsOf(path, T)), path).toEqual(snapshot.get(path))
  })

  test('the records did change after T (the test would prove nothing otherwise)', async () => {
    const then = snapshot.get('/api/metrics/summary') as { metrics: Record<string, number> }
    const now = await read(`/api/metrics/summary?from=${iso(T - 29 * DAY)}`)
    expect(now.metrics.reports).toBeGreaterThan(then.metrics.reports!)
    expect(now.metrics.sitesOverdueInspection).toBeLessThan(then.metrics.sitesOverdueInspection!)
    for (const path of ['/api/sites?overdue=true', '/api/disputes', '/api/disputes?overdue=true', '/api/incidents', '/api/metrics/breakdown?metric=open&by=status']) {
      expect(await read(path), path).not.toEqual(snapshot.get(path))
    }
  })

  test('asOf = now is today\'s answer exactly, and the epoch-ms form is the ISO form', async () => {
    for (const path of PATHS) {
      const today = await read(path)
      expect(await read(withAsOf(path, T0)), path).toEqual(today)
      expect(await read(withAsOf(path, iso(T0))), path).toEqual(today)
    }
  })

  test('left out, asOf is the end of a period that ended in the past', async () => {
    const q = `from=${iso(T - 20 * DAY)}&to=${iso(T)}`
    const past = await read(`/api/metrics/summary?${q}`)
    expect(past.now).toBe(iso(T))
    expect(await read(`/api/metrics/summary?${q}&asOf=${T}`)).toEqual(past)
    // … so an incident open at T and closed since counts as open.
    expect(past.metrics.open).toBe((snapshot.get('/api/metrics/summary') as { metrics: Record<string, number> }).metrics.open)
  })

  test('reports of the day as of its midnight: none yet, although the day had reports', async () => {
    const midnight = Date.parse('2026-11-24T00:00:00+08:00') // T's local day starts here
    const day = await read(`/api/metrics/summary?from=2026-11-23&to=2026-11-24`)
    expect(day.now).toBe(iso(midnight))
    expect(day.metrics.reportsToday).toBe(0)
    const q = `from=${iso(T - 2 * HOUR)}&to=${iso(T)}&asOf=${T}`
    expect((await read(`/api/metrics/summary?${q}`)).metrics.reportsToday).toBe(1) // the one at T − 2 h
  })

  test('an incident list as of T shows each incident\'s status then', async () => {
    const then = await read(withAsOf('/api/incidents', T))
    const status = Object.fromEntries(then.features.map((f: { properties: { id: number; status: string } }) => [f.properties.id, f.properties.status]))
    expect([status[ids[0]!], status[ids[1]!], status[ids[2]!], status[ids[3]!], status[ids[4]!]]).toEqual(['resolved', 'accepted', 'reported', 'handling', 'reported'])
    expect(then.features).toHaveLength(5) // the two reported after T do not exist yet
  })

  test('/api/config says where the data begins and ends: the first and the latest report', async () => {
    const { body } = await t.json('/api/config', {}, null)
    const span = await t.store.sql.get<{ first: number; last: number }>('SELECT min(reported_at) AS first, max(reported_at) AS last FROM incidents')
    expect([body.dataStart, body.dataEnd]).toEqual([iso(span!.first), iso(span!.last)])
    expect(body.dataEnd).toBe(iso(T + DAY)) // the last report, after T
  })

  test('a future asOf is 422 saying so; a malformed one 400', async () => {
    for (const path of ['/api/metrics/summary', '/api/metrics/choropleth?metric=reports', '/api/metrics/timeseries?metric=reports', '/api/metrics/breakdown?metric=reports&by=status', '/api/incidents']) {
      const future = await t.json(withAsOf(path, T0 + 1))
      expect(future.status, path).toBe(422)
      expect(future.body.error.code).toBe('future_as_of')
      expect(future.body.error.message).toMatch(/future/)
      const bad = await t.json(withAsOf(path, 'yesterday'))
      expect(bad.status, path).toBe(400)
    }
  })
})
