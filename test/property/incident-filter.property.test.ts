// Property test (fast-check, 1,000 runs): for any incident filter set (scope, range, status, category, module,
// department, source, severity, onList), the ids GET /api/incidents lists (its SQL) are exactly the incidents the
// one predicate (domain/incident-filter.ts) keeps, read as the web's live path reads them (the API's map feature).
// A random data set over random real grids is written once; each run asks a random filter of it.
import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { CATEGORY_IDS, INCIDENT_TYPE_IDS } from '../../domain/catalogue'
import { DEPARTMENT_IDS } from '../../domain/departments'
import { INCIDENT_STATUS_IDS, SEVERITY_IDS, SOURCE_IDS } from '../../domain/incident'
import type { IncidentFilterSet } from '../../domain/incident-filter'
import { MODULE_IDS } from '../../domain/modules'
import { COUNTY_CODE } from '../../domain/regions'
import { incidentFeature } from '../../api/services/incident-record'
import { loadRegions } from '../../api/services/regions'
import type { IncidentFeatureRow } from '../../api/store/incidents'
import { liveIncidentMatches } from '../../web/src/map/live-incident-filter'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { insertIncident } from '../support/fixtures'

const RUNS = 1_000
const DAY = 86_400_000
const LIST_CAP = 5000

let t: TestApp
let features: { id: number; properties: Record<string, unknown> }[]
let grids: string[]
beforeAll(async () => {
  t = await testApp()
  // A few townships' grids, so a drawn scope often holds some of the data.
  grids = loadRegions().grids.features.map((f) => String(f.properties.id)).filter((g) => /^3303291(00|01|02)/.test(g))
  const incident = fc.record({
    reportedAt: fc.integer({ min: T0 - 60 * DAY, max: T0 }), grid: fc.constantFrom(...grids),
    status: fc.constantFrom(...INCIDENT_STATUS_IDS), severity: fc.constantFrom(...SEVERITY_IDS),
    type: fc.constantFrom(...INCIDENT_TYPE_IDS), source: fc.constantFrom(...SOURCE_IDS), onList: fc.option(fc.boolean(), { nil: undefined }),
  })
  for (const f of fc.sample(incident, { numRuns: 400, seed: 20261207 })) await insertIncident(t.store, f)
  const rows = (await t.store.sql.all(`SELECT id, type, category, module, department, on_list AS onList, source, severity, status,
    lng, lat, township, grid, reported_at AS reportedAt, accept_by AS acceptBy, resolve_by AS resolveBy FROM incidents`)) as IncidentFeatureRow[]
  features = rows.map((r) => ({ id: r.id, properties: incidentFeature(r, T0).properties! }))
})
afterAll(async () => await t.close())

const someOf = <T extends string>(ids: readonly T[]) => fc.option(fc.subarray([...ids], { minLength: 1 }), { nil: undefined })
const scope = fc.oneof(
  fc.constant(COUNTY_CODE),
  fc.constantFrom('330329100', '330329101', '330329102', '330329103'),
  fc.constantFrom(...['0', '1', '2'].map((i) => `33032910${i}`)).chain((town) => fc.constant(town + '001')), // a village, maybe empty
  fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `330329100${String(i + 1).padStart(3, '0')}`)),
  fc.integer({ min: 0, max: 10_000 }).map((i) => `33032910${i % 3}${String(i % 40 + 1).padStart(3, '0')}${String(i % 9 + 1).padStart(2, '0')}`),
)
// Instants to the millisecond, either side of the data, and none at all.
const instant = fc.option(fc.integer({ min: T0 - 70 * DAY, max: T0 + DAY }), { nil: undefined })
const filterSet: fc.Arbitrary<IncidentFilterSet> = fc.record({
  scope, from: instant, to: instant,
  status: someOf(INCIDENT_STATUS_IDS), category: someOf(CATEGORY_IDS), module: someOf(MODULE_IDS),
  department: someOf(DEPARTMENT_IDS), source: someOf(SOURCE_IDS), severity: someOf(SEVERITY_IDS),
  onList: fc.option(fc.boolean(), { nil: undefined }),
}).filter((f) => f.from === undefined || f.to === undefined || f.from < f.to)

function query(f: IncidentFilterSet): string {
  const q = new URLSearchParams({ limit: String(LIST_CAP) })
  if (f.scope) q.set('scope', f.scope)
  if (f.from !== undefined) q.set('from', new Date(f.from).toISOString())
  if (f.to !== undefined) q.set('to', new Date(f.to).toISOString())
  for (const k of ['status', 'category', 'module', 'department', 'source', 'severity'] as const) if (f[k]) q.set(k, f[k]!.join(','))
  if (f.onList !== undefined) q.set('onList', String(f.onList))
  return q.toString()
}

test('the list request\'s SQL and the live predicate keep the same incidents', async () => {
  let nonEmpty = 0
  await fc.assert(fc.asyncProperty(filterSet, async (f) => {
    const res = await t.json(`/api/incidents?${query(f)}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.next).toBeNull()
    const listed = (res.body.features as { id: number }[]).map((x) => x.id).sort((a, b) => a - b)
    const kept = features.filter((x) => liveIncidentMatches(f, x.properties)).map((x) => x.id).sort((a, b) => a - b)
    expect(kept).toEqual(listed)
    if (listed.length) nonEmpty++
  }), { numRuns: RUNS })
  // Not degenerate: many filter sets select something.
  expect(nonEmpty).toBeGreaterThan(RUNS / 10)
})
