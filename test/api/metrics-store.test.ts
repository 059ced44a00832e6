// What the metric figures stand on: the day rollup kept by triggers (always equal to the raw rows, and giving
// the same figures), the indexes the planner must use, and the stored figures (indicators, staffing).
import { ENGINE } from '../support/engine'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { localDaySql } from '../../api/store/local-time-sql'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertIncident } from '../support/fixtures'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const M = Date.parse('2026-11-27T00:00:00+08:00')
const LUOYANG = '330329100'
const SIQIAN = '330329101'
const VILLAGE_005 = '330329100005'

describe('the day rollup', () => {
  let r: TestApp
  // mulberry32: a deterministic stream, so a failure reproduces.
  let seed = 7
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  const STATUSES = ['reported', 'accepted', 'dispatched', 'handling', 'resolved', 'archived', 'returned']

  beforeAll(async () => {
    r = await testApp()
    for (let i = 0; i < 800; i++) {
      const status = pick(STATUSES)
      await insertIncident(r.store, {
        reportedAt: T0 - Math.floor(rnd() * 70 * DAY), status, grid: pick(Object.values(GRIDS)),
        type: pick(['road-occupation', 'penalty-evidence', 'food-safety', 'illegal-stacking']),
        severity: pick(['normal', 'urgent', 'critical'] as const), source: pick(['patrol', 'hotline', 'app']),
      })
    }
    // Writes through the service as well: intake, a walk through the life cycle, a reopen (clears resolvedAt).
    const { body } = await r.post('/api/incidents', { type: 'road-occupation', point: { lng: 119.708034, lat: 27.559551 }, description: '测试', source: 'patrol', severity: 'urgent' })
    // The leader dispatches and verifies; the township it is assigned to works it (resolve and reopen need a note).
    const officer = await r.token('township', { township: '330329100' })
    const steps = [['accept', r.leader], ['dispatch', r.leader], ['start', officer], ['resolve', officer], ['reopen', r.leader],
      ['resolve', officer], ['verify', r.leader]] as const
    for (const [action, as] of steps) {
      r.clock.now += HOUR
      expect((await r.post(`/api/incidents/${body.id}/transitions`, { action, note: `${action}（测试）` }, {}, as)).status).toBe(200)
    }
    r.clock.now = T0
    // And rows changed or removed behind the services' back.
    await r.store.sql.run(`UPDATE incidents SET status = 'archived', resolved_at = reported_at + 7200000 WHERE id % 7 = 0 AND status = 'handling'`)
    await r.store.sql.run(`UPDATE incidents SET township = '330329101', village = '330329101200', grid = '33032910120001', reported_at = reported_at - 3600000 WHERE id % 11 = 0`)
    await r.store.sql.run('DELETE FROM incidents WHERE id % 13 = 0 AND id NOT IN (SELECT incident_id FROM incident_events)')
  })
  afterAll(async () => await r.close())

  test('equals a GROUP BY over the raw rows after inserts, transitions, updates and deletes', async () => {
    const rollup = (await r.store.sql.all(`SELECT day, township, status, on_list, n, handled, handling_ms FROM incident_days
      WHERE n > 0 ORDER BY 1, 2, 3, 4`))
    const raw = (await r.store.sql.all(`SELECT ${localDaySql('reported_at')} AS day, township, status, on_list,
      count(*) AS n, sum(CASE WHEN resolved_at IS NOT NULL THEN 1 ELSE 0 END) AS handled, coalesce(sum(resolved_at - reported_at), 0) AS handling_ms
      FROM incidents GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`))
    expect(rollup.length).toBeGreaterThan(100)
    expect(rollup).toEqual(raw)
    expect((await r.store.sql.get('SELECT count(*) AS n FROM incident_days WHERE n < 0'))).toEqual({ n: 0 })
  })

  // Naming every source makes the filter one the rollup cannot answer, so the same figures come from the raw rows.
  const RAW = '&source=patrol,hotline,app,camera,department'
  test.each([
    ['the default period', ''],
    ['whole local days', '&from=2026-10-01&to=2026-11-27'],
    ['ragged edges', `&from=${new Date(M - 33 * DAY + 5 * HOUR + 17).toISOString()}&to=${new Date(M - 2 * DAY - 7 * HOUR).toISOString()}`],
    ['less than a day', `&from=${new Date(M - 3 * DAY + HOUR).toISOString()}&to=${new Date(M - 3 * DAY + 20 * HOUR).toISOString()}`],
    ['a status filter', '&status=resolved,archived,returned&from=2026-10-01'],
  ])('gives the raw rows\' figures: %s', async (_name, query) => {
    for (const scope of ['330329', LUOYANG, SIQIAN]) {
      const viaRollup = await r.json(`/api/metrics/summary?scope=${scope}${query}`)
      const viaRaw = await r.json(`/api/metrics/summary?scope=${scope}${query}${RAW}`)
      expect(viaRollup.status).toBe(200)
      expect(viaRollup.body.metrics.reports).toBeGreaterThan(0)
      expect(viaRollup.body.metrics, scope).toEqual(viaRaw.body.metrics)
    }
    const series = async (extra: string) => (await r.json(`/api/metrics/timeseries?metric=closureRate&interval=week${query}${extra}`)).body.points
    expect(await series('')).toEqual(await series(RAW))
    const towns = async (extra: string) => (await r.json(`/api/metrics/choropleth?level=township&metric=avgHandlingHours${query}${extra}`)).body.values
    expect(await towns('')).toEqual(await towns(RAW))
  })

  // SQLite's plans name the covering index each query reads; PostgreSQL's planner chooses by cost (on these few
  // rows it would scan the tables), so there the test asks whether each query CAN use its index: plans made with
  // sequential scans priced out must name it.
  test.runIf(ENGINE === 'postgres')('every metric query matches an index PostgreSQL can use', async () => {
    const q = { scope: '330329', from: T0 - 30 * DAY, to: T0, now: T0, filter: {}, key: { kind: 'total' } as const }
    const plan = (id: 'openIncidents' | 'incidents', over: object) => r.store.sql.transaction(async () => {
      await r.store.sql.exec('SET LOCAL enable_seqscan = off')
      return (await r.store.metrics.explain(id, { ...q, ...over })).join('\n')
    })
    expect(await plan('openIncidents', {})).toMatch(/incidents_open/)
    expect(await plan('openIncidents', { scope: LUOYANG })).toMatch(/incidents_open/)
    expect(await plan('incidents', { scope: LUOYANG })).toMatch(/incidents_metrics_township/)
    // By grid: one of the covering indexes (which one is the planner's call on this little data), never the table.
    const byGrid = await plan('incidents', { grids: [GRIDS.luoyangA, GRIDS.luoyangB], key: { kind: 'dim', dim: 'grid' } })
    expect(byGrid).toMatch(/incidents_metrics_/)
    expect(byGrid).not.toMatch(/Seq Scan on incidents/)
  })

  test.runIf(ENGINE === 'sqlite')('the planner uses the covering and partial indexes', async () => {
    const q = { scope: '330329', from: T0 - 30 * DAY, to: T0, now: T0, filter: {}, key: { kind: 'total' } as const }
    expect((await r.store.metrics.explain('openIncidents', q)).join()).toMatch(/COVERING INDEX incidents_open/)
    expect((await r.store.metrics.explain('openIncidents', { ...q, scope: LUOYANG })).join()).toMatch(/COVERING INDEX incidents_open \(grid>\? AND grid<\?\)/)
    expect((await r.store.metrics.explain('incidents', q)).join()).toMatch(/COVERING INDEX incidents_metrics_time/)
    expect((await r.store.metrics.explain('incidents', { ...q, scope: LUOYANG })).join()).toMatch(/COVERING INDEX incidents_metrics_township/)
    expect((await r.store.metrics.explain('incidents', { ...q, filter: { category: ['market'] } })).join()).toMatch(/COVERING INDEX incidents_metrics_time/)
    const byGrid = /COVERING INDEX incidents_metrics_grid \(grid=\? AND reported_at>\? AND reported_at<\?\)/
    const grids = [GRIDS.luoyangA, GRIDS.luoyangB]
    expect((await r.store.metrics.explain('incidents', { ...q, grids, key: { kind: 'dim', dim: 'grid' } })).join()).toMatch(byGrid)
    expect((await r.store.metrics.explain('incidents', { ...q, scope: VILLAGE_005, grids })).join()).toMatch(byGrid)
    expect((await r.store.metrics.explain('incidents', { ...q, grids, key: { kind: 'dim', dim: 'village' } })).join()).toMatch(byGrid)
    expect((await r.store.metrics.explain('incidents', { ...q, key: { kind: 'dim', dim: 'type' } })).join()).toMatch(/COVERING INDEX incidents_metrics_time/)
  })
})

describe('the article\'s stored figures', () => {
  let f: TestApp
  beforeAll(async () => {
    f = await testApp()
    const staff = (...v: unknown[]) => f.store.sql.run('INSERT INTO stationed_staff (township, domain, staff) VALUES (?, ?, ?)', v)
    await staff(LUOYANG, 'justice', 5); await staff(LUOYANG, 'market', 7); await staff(SIQIAN, 'housing', 3)
    const posts = (...v: unknown[]) => f.store.sql.run('INSERT INTO flexible_posts (township, posts) VALUES (?, ?)', v)
    await posts(LUOYANG, 3); await posts(SIQIAN, 2); await posts('330329102', 0)
    const ind = (...v: unknown[]) => f.store.sql.run('INSERT INTO indicators (id, scope, period_from, period_to, value, source) VALUES (?, ?, ?, ?, ?, ?)', v)
    await ind('online-acceptance', '330329', Date.parse('2020-01-01T00:00:00+08:00'), Date.parse('2020-12-01T00:00:00+08:00'), 0.8, '中国机构编制网 2020-12-04')
    await ind('mobile-penalty', '330329', Date.parse('2020-01-01T00:00:00+08:00'), Date.parse('2020-12-01T00:00:00+08:00'), 0.9, '中国机构编制网 2020-12-04')
    await ind('online-acceptance', LUOYANG, Date.parse('2021-01-01T00:00:00+08:00'), Date.parse('2021-02-01T00:00:00+08:00'), 0.85, 'synthetic')
  })
  afterAll(async () => await f.close())

  test('staffing: stationed staff per township × domain with totals, flexible posts per township', async () => {
    const { status, body } = await f.json('/api/metrics/staffing')
    expect(status).toBe(200)
    expect(body.stationed.domains).toEqual(['justice', 'natural-resources', 'market', 'housing', 'enforcement'])
    expect(body.stationed.townships).toHaveLength(19)
    expect(body.stationed.townships[0]).toEqual({
      township: LUOYANG, name: '罗阳镇', total: 12, byDomain: { justice: 5, 'natural-resources': 0, market: 7, housing: 0, enforcement: 0 },
    })
    expect(body.stationed.byDomain).toEqual({ justice: 5, 'natural-resources': 0, market: 7, housing: 3, enforcement: 0 })
    expect(body.stationed.total).toBe(15)
    expect(body.flexiblePosts).toEqual({
      townships: [{ township: LUOYANG, name: '罗阳镇', posts: 3 }, { township: SIQIAN, name: '司前畲族镇', posts: 2 }], total: 5, townshipCount: 2,
    })
  })

  test('indicators by scope and overlapping period', async () => {
    const all = await f.json('/api/metrics/indicators')
    expect(all.body.indicators).toHaveLength(3)
    expect(all.body.indicators[0]).toEqual({
      id: 'mobile-penalty', scope: '330329', value: 0.9, source: '中国机构编制网 2020-12-04',
      period: { from: '2019-12-31T16:00:00.000Z', to: '2020-11-30T16:00:00.000Z' },
    })
    const county2020 = await f.json('/api/metrics/indicators?scope=330329&from=2020-07-01&to=2020-12-01')
    expect(county2020.body.indicators.map((i: { id: string }) => i.id)).toEqual(['mobile-penalty', 'online-acceptance'])
    expect((await f.json('/api/metrics/indicators?from=2021-01-15')).body.indicators).toEqual([expect.objectContaining({ scope: LUOYANG, value: 0.85 })])
    expect((await f.json('/api/metrics/indicators?scope=330329999')).status).toBe(422)
  })
})
