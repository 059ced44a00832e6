// Property test (fast-check): the two engines give the same answers. The same random records (incidents of every
// status, severity, type and source, resolved ones with random handling times; disputes; sites and their
// inspections; whistle calls, some tied to an incident) are written into a SQLite store and a PostgreSQL store,
// each behind its own app on the same pinned clock; then, for random questions (every metric, scopes from the
// county down to a grid, periods of whole local days and of any two instants, incident filters, breakdown
// dimensions, series by day, week and month, choropleths by township and grid, list pages followed by their
// cursors), every answer must be deeply equal, status and body.
//
// Numbers are compared exactly (toEqual is Object.is on numbers), floats included: every aggregate the store
// returns is an integer count or sum (or, for the whistle median, the mean of two integers, exact in a double),
// and every ratio, average and rounding is computed in JavaScript from those (api/services/metric-formulas.ts),
// so the engines have no excuse to differ even in the last bit. A difference there is a bug to report, not a
// tolerance to add.
//
// Runs in the postgres project only (it needs both engines), and fails (never skips) without its cluster.
import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApp } from '../../api/app'
import { loadRegions } from '../../api/services/regions'
import { TIMESERIES_METRICS, breakdownDims, isRegionDim, readsMedian } from '../../api/services/metric-formulas'
import { openStore } from '../../api/store'
import type { Store } from '../../api/store'
import type { Engine } from '../../api/store/sql'
import { CATEGORY_IDS, INCIDENT_TYPE_IDS } from '../../domain/catalogue'
import { DEPARTMENT_IDS } from '../../domain/departments'
import { DISPUTE_LEVEL_IDS, DISPUTE_STATUS_IDS, DISPUTE_TYPE_IDS } from '../../domain/dispute'
import { INCIDENT_STATUS_IDS, SEVERITY_IDS, SOURCE_IDS } from '../../domain/incident'
import { CALLBACK_RESULT_IDS } from '../../domain/callback'
import { METRIC_IDS } from '../../domain/metrics'
import type { MetricId } from '../../domain/metrics'
import { MODULE_IDS } from '../../domain/modules'
import { COUNTY_CODE } from '../../domain/regions'
import { SITE_CATEGORY_IDS, SITE_GRADE_IDS } from '../../domain/sites'
import { WHISTLE_KIND_IDS, WHISTLE_STATUS_IDS } from '../../domain/whistle'
import { T0 } from '../support/app'
import { freshStorePlace, testPostgresUrl } from '../support/engine'
import type { StorePlace } from '../support/engine'
import { insertCallback, insertDispute, insertIncident, insertInspection, insertSite, insertWhistle } from '../support/fixtures'

const RUNS = 500
const SEED = 20201204
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const RECORDS = { incidents: 220, disputes: 40, sites: 20, inspections: 40, whistles: 40 }

interface EngineApp {
  engine: Engine
  store: Store
  get: (path: string) => Promise<{ status: number; body: unknown; next: string | null }>
  close: () => Promise<void>
}

/** The real app over a fresh store on `engine`, as test/support/app.ts builds it, asked by a county leader. */
async function appOn(engine: Engine, clock: { now: number }): Promise<EngineApp> {
  const place: StorePlace = await freshStorePlace(engine)
  const store = await openStore(place.location)
  const onemap = await createApp({ regions: loadRegions(), store, now: () => clock.now, totpKey: randomBytes(32) })
  const { secret } = await onemap.accounts.createToken({ name: 'parity leader', role: 'leader', township: null, grids: [] }, null)
  return {
    engine,
    store,
    async get(path) {
      const res = await onemap.app.request(path, { headers: { Authorization: `Bearer ${secret}` } })
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : null, next: res.headers.get('Link') }
    },
    close: async () => { await store.close(); await place.drop() },
  }
}

// A pool of real grids across the county, so that township, village and grid scopes often hold records.
const ALL_GRIDS = loadRegions().grids.features.map((f) => String(f.properties.id))
const POOL = fc.sample(fc.constantFrom(...ALL_GRIDS), { numRuns: 24, seed: SEED })

const clock = { now: T0 }
let sqlite: EngineApp
let pg: EngineApp

/** The same records, in the same order (so with the same ids), into both stores. */
async function writeRecords(stores: Store[]) {
  const when = fc.integer({ min: T0 - 90 * DAY, max: T0 })
  const grid = fc.constantFrom(...POOL)
  const incidents = fc.sample(fc.record({
    reportedAt: when, grid, status: fc.constantFrom(...INCIDENT_STATUS_IDS), severity: fc.constantFrom(...SEVERITY_IDS),
    type: fc.constantFrom(...INCIDENT_TYPE_IDS), source: fc.constantFrom(...SOURCE_IDS),
    handling: fc.integer({ min: 1, max: 20 * DAY }), onList: fc.option(fc.boolean(), { nil: undefined }),
  }), { numRuns: RECORDS.incidents, seed: SEED })
  const disputes = fc.sample(fc.record({
    acceptedAt: when, grid, status: fc.constantFrom(...DISPUTE_STATUS_IDS), level: fc.constantFrom(...DISPUTE_LEVEL_IDS),
    type: fc.constantFrom(...DISPUTE_TYPE_IDS),
  }), { numRuns: RECORDS.disputes, seed: SEED + 1 })
  const sites = fc.sample(fc.record({
    registeredAt: when, nextInspectionDue: fc.integer({ min: T0 - 20 * DAY, max: T0 + 40 * DAY }), grid,
    grade: fc.constantFrom(...SITE_GRADE_IDS), category: fc.constantFrom(...SITE_CATEGORY_IDS),
    lastInspectionAt: fc.option(when, { nil: null }),
  }), { numRuns: RECORDS.sites, seed: SEED + 2 })
  const inspections = fc.sample(fc.record({
    site: fc.integer({ min: 0, max: RECORDS.sites - 1 }), at: when, mobile: fc.boolean(),
  }), { numRuns: RECORDS.inspections, seed: SEED + 3 })
  const whistles = fc.sample(fc.record({
    whistledAt: when, grid, department: fc.constantFrom(...DEPARTMENT_IDS), kind: fc.constantFrom(...WHISTLE_KIND_IDS),
    status: fc.constantFrom(...WHISTLE_STATUS_IDS), ackAfter: fc.integer({ min: 1, max: 3 * DAY }),
    rating: fc.integer({ min: 1, max: 5 }), incident: fc.option(fc.integer({ min: 0, max: RECORDS.incidents - 1 }), { nil: null }),
  }), { numRuns: RECORDS.whistles, seed: SEED + 4 })

  // The call-back of each archived incident: awaited, or answered some hours after its verification.
  const callbacks = fc.sample(fc.record({
    result: fc.option(fc.constantFrom(...CALLBACK_RESULT_IDS), { nil: null }), after: fc.integer({ min: 1, max: 5 * DAY }),
  }), { numRuns: RECORDS.incidents, seed: SEED + 5 })

  for (const store of stores) {
    const incidentIds: number[] = []
    for (const [i, f] of incidents.entries()) {
      const resolved = f.status === 'resolved' || f.status === 'archived'
      const resolvedAt = Math.min(f.reportedAt + f.handling, T0)
      const id = await insertIncident(store, { ...f, ...(resolved ? { resolvedAt } : {}) })
      incidentIds.push(id)
      if (f.status !== 'archived') continue
      // As insertIncident verifies an archived one: an hour after it was resolved.
      const verifiedAt = resolvedAt + HOUR
      const c = callbacks[i]!
      await insertCallback(store, {
        incidentId: id, township: f.grid.slice(0, 9), createdAt: verifiedAt, result: c.result,
        ...(c.result === null ? {} : { doneAt: Math.min(verifiedAt + c.after, T0) }),
      })
    }
    for (const f of disputes) await insertDispute(store, f)
    const siteIds: number[] = []
    for (const f of sites) siteIds.push(await insertSite(store, f))
    for (const f of inspections) await insertInspection(store, { siteId: siteIds[f.site]!, at: f.at, mobile: f.mobile })
    for (const f of whistles) {
      // A call tied to an incident is that incident's township's (a call's village and grid come through it).
      const tied = f.incident === null ? null : incidents[f.incident]!
      await insertWhistle(store, {
        whistledAt: f.whistledAt, township: (tied?.grid ?? f.grid).slice(0, 9), department: f.department, kind: f.kind,
        status: f.status, incidentId: f.incident === null ? null : incidentIds[f.incident]!,
        acknowledgedAt: f.status === 'whistled' ? null : Math.min(f.whistledAt + f.ackAfter, T0),
        rating: f.status === 'rated' ? f.rating : null,
      })
    }
    expect(incidentIds[0]).toBe(1)
  }
}

beforeAll(async () => {
  testPostgresUrl()
  ;[sqlite, pg] = await Promise.all([appOn('sqlite', clock), appOn('postgres', clock)])
  await writeRecords([sqlite.store, pg.store])
}, 120_000)

afterAll(async () => {
  await sqlite?.close()
  await pg?.close()
})

/** Both engines' answers to one request: equal status, equal body (and equal next-page link). */
async function same(path: string) {
  const [a, b] = await Promise.all([sqlite.get(path), pg.get(path)])
  expect(b, `${path} on PostgreSQL differs from SQLite`).toEqual(a)
  return a
}

const day = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10) // a local (UTC+8) date
const iso = (ms: number) => new Date(ms).toISOString()
/** Mostly absent: seven filters at once would select nothing in most questions. */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: arb, weight: 1 })
const someOf = <T extends string>(ids: readonly T[]) => rarely(fc.subarray([...ids], { minLength: 1, maxLength: 3 }))

const scope = fc.oneof(
  fc.constant(COUNTY_CODE),
  fc.constantFrom(...POOL).map((g) => g.slice(0, 9)),
  fc.constantFrom(...POOL).map((g) => g.slice(0, 12)),
  fc.constantFrom(...POOL),
  fc.constantFrom(...ALL_GRIDS),
)
const period = fc.oneof(
  // Whole local days: the county's incident figures come from the daily rollup.
  fc.record({ kind: fc.constant('days' as const), from: fc.integer({ min: T0 - 100 * DAY, max: T0 }), days: fc.integer({ min: 1, max: 120 }) }),
  // Any two instants, to the millisecond: the rollup for the whole days inside, raw rows for the ragged edges.
  fc.record({ kind: fc.constant('instants' as const), from: fc.integer({ min: T0 - 100 * DAY, max: T0 }), span: fc.integer({ min: 1, max: 120 * DAY }) }),
  // Only one end, or none: the defaults (up to now, the last 30 days).
  fc.record({ kind: fc.constant('from' as const), from: fc.integer({ min: T0 - 100 * DAY, max: T0 }) }),
  fc.record({ kind: fc.constant('none' as const) }),
)
const filters = fc.record({
  status: someOf(INCIDENT_STATUS_IDS), severity: someOf(SEVERITY_IDS), source: someOf(SOURCE_IDS),
  category: someOf(CATEGORY_IDS), module: someOf(MODULE_IDS), department: someOf(DEPARTMENT_IDS),
  onList: rarely(fc.boolean()),
})
const metric = fc.constantFrom(...METRIC_IDS)
const question = fc.record({
  scope, period, filters,
  summaryOnly: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  series: fc.record({ metric: fc.constantFrom(...TIMESERIES_METRICS), interval: fc.constantFrom('day', 'week', 'month') }),
  breakdown: fc.record({ metric, by: fc.nat(), then: fc.option(fc.nat(), { nil: null }) }),
  choropleth: fc.record({ metric, level: fc.constantFrom('township', 'grid'), ofTownship: fc.boolean() }),
  list: fc.record({ limit: fc.integer({ min: 1, max: 80 }), pages: fc.integer({ min: 1, max: 3 }), map: fc.boolean(), overdue: rarely(fc.boolean()) }),
})
type Question = typeof question extends fc.Arbitrary<infer Q> ? Q : never

function periodParams(p: Question['period']): Record<string, string> {
  if (p.kind === 'days') return { from: day(p.from), to: day(p.from + p.days * DAY) }
  if (p.kind === 'instants') return { from: iso(p.from), to: iso(p.from + p.span) }
  if (p.kind === 'from') return { from: iso(p.from) }
  return {}
}

function filterParams(f: Question['filters']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : String(v)
  return out
}

const query = (...parts: Record<string, string>[]) => new URLSearchParams(Object.assign({}, ...parts)).toString()

/** A breakdown dimension of the metric (and maybe a second one), picked by index so every pick is valid. */
function breakdownOf(metric: MetricId, by: number, then: number | null): Record<string, string> {
  const dims = breakdownDims(metric)
  const first = dims[by % dims.length]!
  const seconds = dims.filter((d) => d !== first && !isRegionDim(d))
  if (then === null || readsMedian(metric) || seconds.length === 0) return { metric, by: first }
  return { metric, by: first, then: seconds[then % seconds.length]! }
}

/** A list, its first pages followed by their cursors as a client would. */
async function samePages(path: string, base: Record<string, string>, pages: number) {
  let cursor: string | undefined
  for (let i = 0; i < pages; i++) {
    const page = await same(`${path}?${query(base, cursor ? { cursor } : {})}`)
    expect(page.status, JSON.stringify(page.body)).toBe(200)
    cursor = (page.body as { next?: string | null }).next ?? undefined
    if (!cursor) break
  }
}

describe('SQLite and PostgreSQL give the same answers', () => {
  test('the records arrived alike and are not degenerate', async () => {
    const all = await same('/api/metrics/summary?from=2026-08-01&to=2026-11-28')
    const m = (all.body as { metrics: Record<MetricId, number | null> }).metrics
    expect(m.reports).toBe(RECORDS.incidents)
    expect(m.disputes).toBeGreaterThan(20)
    expect(m.resolved).toBeGreaterThan(20)
    expect(m.whistles).toBe(RECORDS.whistles)
    for (const id of METRIC_IDS) expect(m[id], id).not.toBeNull()
    // Each table, row by row as the API shows it.
    await samePages('/api/incidents', { limit: '1000' }, 1)
    await samePages('/api/disputes', { limit: '1000' }, 1)
    await samePages('/api/sites', { limit: '1000' }, 1)
    await samePages('/api/whistles', { limit: '1000' }, 1)
  })

  test('every metric answer, list page and tile count is equal', async () => {
    await fc.assert(fc.asyncProperty(question, async (q) => {
      const where = { scope: q.scope, ...periodParams(q.period), ...filterParams(q.filters) }
      const summary = await same(`/api/metrics/summary?${query(where)}`)
      if (summary.status !== 200) return // an empty period (e.g. from after now): refused alike, nothing more to ask
      if (q.summaryOnly) return

      await same(`/api/metrics/timeseries?${query(where, q.series)}`)
      await same(`/api/metrics/breakdown?${query(where, breakdownOf(q.breakdown.metric, q.breakdown.by, q.breakdown.then))}`)
      const { scope: _scope, ...unscoped } = where
      const township: Record<string, string> = q.choropleth.ofTownship ? { township: q.scope === COUNTY_CODE ? POOL[0]!.slice(0, 9) : q.scope.slice(0, 9) } : {}
      await same(`/api/metrics/choropleth?${query(unscoped, { metric: q.choropleth.metric, level: q.choropleth.level }, township)}`)

      const list = { ...where, limit: String(q.list.limit), ...(q.list.map ? { fields: 'map' } : {}),
        ...(q.list.overdue === undefined ? {} : { overdue: String(q.list.overdue) }) }
      await samePages('/api/incidents', list, q.list.pages)
      const { fields: _fields, limit: _limit, ...tileQuery } = list
      await same(`/api/tiles/incidents.json?${query(tileQuery)}`)
      const records = { scope: q.scope, ...periodParams(q.period), limit: String(q.list.limit) }
      await samePages('/api/disputes', records, q.list.pages)
      // Whistle calls are township records: a village or grid scope asks for its township's.
      await samePages('/api/whistles', { ...records, scope: q.scope === COUNTY_CODE ? COUNTY_CODE : q.scope.slice(0, 9) }, q.list.pages)
    }), { numRuns: RUNS })
  })
})
