// Metric endpoint timings on a big database (targets: county summary p95 ≤ 50 ms, township ≤ 30 ms, grid
// choropleth ≤ 80 ms at 1M incidents). Requests go through the real app (`app.request()`: routing, SQL, JSON),
// one after another after a warm-up; it prints p50/p95/max per case, the database size, RSS, and the query
// plans that the figures depend on. Not a timed test: machines are noisy, read it beside its own baseline.
//
//   npm run seed -- --preset demo --incidents 1000000 --db /tmp/onemap-1m.db
//   node --import tsx bench/metrics.ts --db /tmp/onemap-1m.db [--runs 50] [--now ISO]
import { statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createApp } from '../api/app'
import { loadRegions } from '../api/services/regions'
import { openStore } from '../api/store'
import type { Store } from '../api/store'

export interface BenchCase { name: string; path: string; limitMs?: number }
export interface BenchRow { name: string; p50: number; p95: number; max: number; limitMs: number | null; ok: boolean | null }

const DAY = 86_400_000

/** The cases, scoped to the largest township of the data (罗阳镇 in the demo) so the township figure is the worst one. */
export function metricCases(biggestTownship: string, aGrid: string): BenchCase[] {
  return [
    { name: 'summary county (30 d)', path: '/api/metrics/summary', limitMs: 50 },
    { name: `summary township ${biggestTownship} (30 d)`, path: `/api/metrics/summary?scope=${biggestTownship}`, limitMs: 30 },
    { name: 'choropleth grid reports (30 d)', path: '/api/metrics/choropleth?level=grid&metric=reports', limitMs: 80 },
    { name: 'choropleth grid closureRate (30 d)', path: '/api/metrics/choropleth?level=grid&metric=closureRate', limitMs: 80 },
    { name: 'choropleth grid overdueRate', path: '/api/metrics/choropleth?level=grid&metric=overdueRate' },
    { name: 'choropleth township closureRate', path: '/api/metrics/choropleth?level=township&metric=closureRate' },
    { name: `summary village ${aGrid.slice(0, 12)}`, path: `/api/metrics/summary?scope=${aGrid.slice(0, 12)}` },
    { name: `summary grid ${aGrid}`, path: `/api/metrics/summary?scope=${aGrid}` },
    { name: 'summary county, filtered (category)', path: '/api/metrics/summary?category=enforcement,market' },
    { name: 'summary county, 365 d', path: `/api/metrics/summary?from=${iso(-365)}` },
    { name: 'timeseries reports month (12)', path: '/api/metrics/timeseries?metric=reports&interval=month' },
    { name: 'timeseries closureRate day (30)', path: '/api/metrics/timeseries?metric=closureRate&interval=day' },
    { name: 'breakdown reports by category (30 d)', path: '/api/metrics/breakdown?metric=reports&by=category' },
    { name: 'breakdown reports by type (30 d)', path: '/api/metrics/breakdown?metric=reports&by=type' },
    { name: 'breakdown closureRate by village (30 d)', path: '/api/metrics/breakdown?metric=closureRate&by=village' },
    { name: `breakdown reports by module, ${biggestTownship}`, path: `/api/metrics/breakdown?metric=reports&by=module&scope=${biggestTownship}` },
  ]
  function iso(days: number) { return new Date(Date.now() + days * DAY).toISOString() }
}

export async function benchMetrics(store: Store, opts: { runs: number; now?: number }): Promise<BenchRow[]> {
  const regions = loadRegions()
  const now = opts.now
  const { app, accounts } = await createApp({ regions, store, ...(now === undefined ? {} : { now: () => now }) })
  // As a county leader: every request also pays for the token lookup, the policy and the scope checks.
  const auth = { Authorization: `Bearer ${(await accounts.createToken({ name: 'bench metrics leader', role: 'leader' }, null)).secret}` }
  const biggest = (await store.sql.get<{ township: string }>(`SELECT township FROM incidents ${store.sql.dialect.indexedBy('incidents_metrics_township')}
    GROUP BY township ORDER BY count(*) DESC LIMIT 1`))?.township
  const aGrid = regions.grids.features.find((f) => f.properties.township === biggest)?.properties.id ?? '33032910000501'
  const rows: BenchRow[] = []
  for (const c of metricCases(biggest ?? '330329100', aGrid)) {
    const times: number[] = []
    for (let i = 0; i < opts.runs + 5; i++) {
      const t0 = performance.now()
      const res = await app.request(c.path, { headers: auth })
      await res.text()
      if (res.status !== 200) throw new Error(`${c.path}: ${res.status} ${await res.text()}`)
      if (i >= 5) times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN
    const p95 = at(0.95)
    rows.push({ name: c.name, p50: at(0.5), p95, max: times.at(-1) ?? NaN, limitMs: c.limitMs ?? null, ok: c.limitMs === undefined ? null : p95 <= c.limitMs })
  }
  return rows
}

async function plans(store: Store, now: number): Promise<Record<string, string[]>> {
  const q = { scope: '330329', from: now - 30 * DAY, to: now, now, filter: {}, key: { kind: 'total' } as const }
  return {
    'incidents, county, raw': await store.metrics.explain('incidents', q),
    'incidents, township, raw': await store.metrics.explain('incidents', { ...q, scope: '330329100' }),
    'incidents, rollup': await store.metrics.explain('incidentDays', q),
    'open incidents, township': await store.metrics.explain('openIncidents', { ...q, scope: '330329100' }),
    'incidents by grid': await store.metrics.explain('incidents', { ...q, grids: ['33032910000501'], key: { kind: 'dim', dim: 'grid' } }),
  }
}

async function main() {
  const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string' }, now: { type: 'string' } } })
  const path = values.db ?? '/tmp/onemap-1m.db'
  const store = await openStore(path)
  // The file's size and its schema table are SQLite's.
  if (store.native.engine !== 'sqlite') throw new Error(`${path}: this benchmark runs on a SQLite file`)
  const db = store.native.db
  const hasRollup = db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'incident_days'`).pluck().get()
  if (!hasRollup) throw new Error(`${path} was built before the metrics schema (incident_days) was added to migration 1; seed it again`)
  const counts = db.prepare('SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM incident_days) AS rollupRows').get()
  const now = values.now === undefined ? undefined : Date.parse(values.now)
  console.log(`${path}: ${(statSync(path).size / 1e6).toFixed(0)} MB`, counts)
  const rows = await benchMetrics(store, { runs: Number(values.runs ?? 50), ...(now === undefined ? {} : { now }) })
  console.table(rows.map((r) => ({
    case: r.name, 'p50 ms': r.p50.toFixed(1), 'p95 ms': r.p95.toFixed(1), 'max ms': r.max.toFixed(1),
    limit: r.limitMs ?? '', ok: r.ok === null ? '' : r.ok ? 'yes' : 'NO',
  })))
  console.log(`RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`)
  for (const [name, plan] of Object.entries(await plans(store, now ?? Date.now()))) console.log(`plan ${name}: ${plan.join(' | ')}`)
  await store.close()
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
