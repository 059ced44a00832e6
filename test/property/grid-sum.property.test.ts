// Property test (fast-check, 1,000 runs): for any period, incident filters and additive metric, the choropleth's
// values over all grids add up to the county total in the summary, and so do the townships'. A random data set
// over random real grids is written once; each run asks a random question of it. Periods are whole local days or
// any two instants (to the millisecond): the county total reads whole days from the daily rollup and the edges
// from raw rows, the grids read raw rows only, so only a period with edges checks where the two meet.
import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { INCIDENT_TYPE_IDS } from '../../domain/catalogue'
import { INCIDENT_STATUS_IDS, SEVERITY_IDS, SOURCE_IDS } from '../../domain/incident'
import { loadRegions } from '../../api/services/regions'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { insertDispute, insertIncident, insertSite } from '../support/fixtures'

const RUNS = 1_000
const DAY = 86_400_000
const ADDITIVE = ['reports', 'cases', 'open', 'overdue', 'resolved', 'reportsToday', 'disputes', 'sites', 'sitesOverdueInspection'] as const

let t: TestApp
beforeAll(async () => {
  t = await testApp()
  const grids = loadRegions().grids.features.map((f) => String(f.properties.id))
  const when = fc.integer({ min: T0 - 90 * DAY, max: T0 })
  const incident = fc.record({
    reportedAt: when, grid: fc.constantFrom(...grids), status: fc.constantFrom(...INCIDENT_STATUS_IDS),
    severity: fc.constantFrom(...SEVERITY_IDS), type: fc.constantFrom(...INCIDENT_TYPE_IDS), source: fc.constantFrom(...SOURCE_IDS),
  })
  const seed = 20261127
  for (const f of fc.sample(incident, { numRuns: 600, seed })) await insertIncident(t.store, f)
  for (const f of fc.sample(fc.record({ acceptedAt: when, grid: fc.constantFrom(...grids), status: fc.constantFrom('accepted', 'mediating', 'succeeded', 'failed') }), { numRuns: 120, seed })) await insertDispute(t.store, f)
  for (const f of fc.sample(fc.record({ registeredAt: when, nextInspectionDue: fc.integer({ min: T0 - 20 * DAY, max: T0 + 40 * DAY }), grid: fc.constantFrom(...grids) }), { numRuns: 80, seed })) await insertSite(t.store, f)
  // Some cases (一件事) of reports of one category and township, in different grids: a case counts in its primary's.
  const rows = await t.store.sql.all<{ id: number; key: string }>("SELECT id, township || '|' || category AS key FROM incidents ORDER BY id")
  const byKey = new Map<string, number[]>()
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), Number(r.id)])
  for (const ids of [...byKey.values()].filter((l) => l.length >= 3).slice(0, 12)) {
    const res = await t.post('/api/incident-merges', { primary: ids[0], members: ids.slice(1, 3) })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  }
})
afterAll(async () => await t.close())

const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10) // a local (UTC+8) date
const someOf = <T extends string>(ids: readonly T[]) => fc.option(fc.subarray([...ids], { minLength: 1 }), { nil: undefined })
const question = fc.record({
  metric: fc.constantFrom(...ADDITIVE),
  from: fc.integer({ min: T0 - 100 * DAY, max: T0 }),
  days: fc.integer({ min: 1, max: 120 }),
  /** null: whole local days (from's day, `days` long); else [from, from + span) to the millisecond. */
  span: fc.option(fc.integer({ min: 1, max: 120 * DAY }), { nil: null }),
  status: someOf(INCIDENT_STATUS_IDS), severity: someOf(SEVERITY_IDS), source: someOf(SOURCE_IDS),
})
const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0)

test('the sum over grids (and over townships) equals the county total', async () => {
  await fc.assert(fc.asyncProperty(question, async (q) => {
    const iso = (ms: number) => new Date(ms).toISOString()
    const params = new URLSearchParams(q.span === null ? { from: day(q.from), to: day(q.from + q.days * DAY) } : { from: iso(q.from), to: iso(q.from + q.span) })
    for (const k of ['status', 'severity', 'source'] as const) if (q[k]) params.set(k, q[k]!.join(','))
    const summary = await t.json(`/api/metrics/summary?${params}`)
    expect(summary.status, JSON.stringify(summary.body)).toBe(200)
    const grids = await t.json(`/api/metrics/choropleth?level=grid&metric=${q.metric}&${params}`)
    expect(grids.status, JSON.stringify(grids.body)).toBe(200)
    const towns = await t.json(`/api/metrics/choropleth?level=township&metric=${q.metric}&${params}`)
    const total = summary.body.metrics[q.metric]
    expect(typeof total).toBe('number')
    expect(sum(grids.body.values)).toBe(total)
    expect(sum(towns.body.values)).toBe(total)
  }), { numRuns: RUNS })
})

test('the data set is not degenerate: most questions have a non-zero total', async () => {
  const res = await t.json('/api/metrics/summary?from=2026-08-01&to=2026-11-27')
  expect(res.body.metrics.reports).toBeGreaterThan(300)
  expect(res.body.metrics.disputes).toBeGreaterThan(50)
})
