// Which incident indexes do the API's real queries use? Every index is written on every intake, so one that no
// query plan picks is pure cost. This drives the real app (app.request) through the requests the web and the
// simulator make (lists at every scope level, with each filter, bbox and cursor; every metric endpoint at
// every scope level and key; detail, transitions), records each SQL statement it runs with its parameters,
// and prints EXPLAIN QUERY PLAN's index for each, per index. Run it on a benchmark database (the planner chooses
// by the statistics the seed's ANALYZE leaves, so a small test database can choose differently):
//
//   node --import tsx bench/index-audit.ts [/tmp/onemap-bench/demo-1000000.db]
//
// It works on a scratch copy: the transitions write.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createApp } from '../api/app'
import { loadRegions } from '../api/services/regions'
import { openStore } from '../api/store'

const source = process.argv[2] ?? '/tmp/onemap-bench/demo-1000000.db'
const dir = mkdtempSync(join(tmpdir(), 'onemap-index-audit-'))
const path = join(dir, 'audit.db')
copyFileSync(source, path)

// Record every statement run, with its arguments (plans can depend on bound values: SQLite's STAT4).
const seen = new Map<string, unknown[]>()
const proto = (Database.prototype as unknown as { prepare: (sql: string) => object }).prepare.call(new Database(':memory:'), 'SELECT 1')
const stmtProto = Object.getPrototypeOf(proto) as Record<'all' | 'get' | 'run' | 'iterate', (...args: unknown[]) => unknown>
for (const m of ['all', 'get', 'run', 'iterate'] as const) {
  const original = stmtProto[m]
  stmtProto[m] = function (this: { source: string }, ...args: unknown[]) {
    if (/\bincidents\b/.test(this.source) && !this.source.startsWith('EXPLAIN')) seen.set(this.source, args)
    return original.apply(this, args)
  }
}

const store = await openStore(path)
// The plans are SQLite's own (EXPLAIN QUERY PLAN), read on the store's connection.
if (store.native.engine !== 'sqlite') throw new Error(`${path}: the index audit reads SQLite query plans`)
const db = store.native.db
const now = Number((db.prepare(`SELECT max(reported_at) AS t FROM incidents`).get() as { t: number }).t)
const regions = loadRegions()
const onemap = await createApp({ regions, store, now: () => now })
// As a county leader: the plans are those of the queries a signed-in leader's requests run.
const auth = { Authorization: `Bearer ${(await onemap.accounts.createToken({ name: 'bench index-audit leader', role: 'leader' }, null)).secret}` }
const app = { request: (path: string, init: RequestInit = {}) => onemap.app.request(path, { ...init, headers: { ...auth, ...(init.headers as Record<string, string> | undefined) } }) }
const grid = regions.grids.features[0]!.properties as { id: string; village: string; township: string }
const scopes = ['330329', grid.township, grid.village, grid.id]
const DAY = 86_400_000
const iso = (t: number) => new Date(t).toISOString()
const paths: string[] = []
const listFilters = ['', 'status=reported,accepted', 'category=enforcement', 'module=grid', 'department=police',
  'source=grid-worker', 'severity=urgent', 'onList=true', 'overdue=true', 'overdue=false']
for (const scope of scopes) {
  for (const f of listFilters) paths.push(`/api/incidents?scope=${scope}&${f}`)
  paths.push(`/api/incidents?scope=${scope}&from=${iso(now - 30 * DAY)}&to=${iso(now + 1)}`)
}
paths.push(`/api/incidents?bbox=119.9,27.5,120.0,27.6&from=${iso(now - 30 * DAY)}&to=${iso(now + 1)}&limit=5000`)
paths.push(`/api/incidents?bbox=119.95,27.55,119.96,27.56&limit=5000`)
paths.push(`/api/incidents?limit=10`)
for (const scope of scopes) {
  for (const q of ['', `from=${iso(now - 365 * DAY)}`, 'category=enforcement', 'status=reported', 'onList=true', `from=${iso(now - 7 * DAY)}&to=${iso(now - DAY)}`]) {
    paths.push(`/api/metrics/summary?scope=${scope}&${q}`)
  }
  for (const interval of ['day', 'week', 'month']) paths.push(`/api/metrics/timeseries?metric=reports&interval=${interval}&scope=${scope}`)
  paths.push(`/api/metrics/timeseries?metric=closureRate&interval=day&scope=${scope}&category=market`)
  for (const by of ['category', 'module', 'department', 'source', 'severity', 'status', 'type', 'township', 'village', 'grid']) {
    paths.push(`/api/metrics/breakdown?metric=reports&by=${by}&scope=${scope}`)
    paths.push(`/api/metrics/breakdown?metric=overdueRate&by=${by}&scope=${scope}`)
  }
}
for (const level of ['township', 'grid']) {
  for (const metric of ['reports', 'closureRate', 'overdueRate', 'openIncidents']) paths.push(`/api/metrics/choropleth?level=${level}&metric=${metric}`)
}
paths.push(`/api/metrics/choropleth?level=grid&metric=reports&township=${grid.township}`)
paths.push('/api/whistles', `/api/whistles?scope=${grid.township}`)

let failed = 0
for (const p of paths) {
  const res = await app.request(p)
  await res.text()
  if (res.status !== 200 && res.status !== 422) { failed++; console.error(`${res.status} ${p}`) }
}
// A page after the first (the keyset cursor) and an incident's life: detail, transitions.
const first = await (await app.request(`/api/incidents?limit=2`)).json() as { next: string | null; features: { id: number }[] }
if (first.next) await (await app.request(`/api/incidents?limit=2&cursor=${first.next}`)).text()
const id = first.features[0]!.id
await (await app.request(`/api/incidents/${id}`)).text()
for (const action of ['accept', 'dispatch']) {
  await (await app.request(`/api/incidents/${id}/transitions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action }) })).text()
}

const byIndex = new Map<string, string[]>()
for (const [sql, args] of seen) {
  let plan: string[]
  try {
    plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail)
  } catch {
    continue // a statement with no plan worth reading (e.g. an INSERT)
  }
  const used = plan.flatMap((d) => [...d.matchAll(/INDEX (\w+)/g)].map((m) => m[1]!)).filter((i) => i.startsWith('incidents_'))
  const scan = plan.some((d) => /^SCAN incidents\b(?! USING)/.test(d))
  for (const i of used.length ? used : [scan ? '(full scan of incidents)' : '(rowid / no incidents index)']) {
    byIndex.set(i, [...(byIndex.get(i) ?? []), `${sql.replace(/\s+/g, ' ')}\n      → ${plan.join(' | ')}`])
  }
}
const all = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents' AND sql IS NOT NULL ORDER BY name`)
  .pluck().all() as string[])
console.log(`${paths.length + 5} requests (${failed} failed), ${seen.size} distinct statements on incidents, on ${source}\n`)
for (const name of all) console.log(`${name.padEnd(28)} ${byIndex.get(name)?.length ?? 0} statements`)
for (const [name, list] of byIndex) if (!all.includes(name)) console.log(`${name.padEnd(28)} ${list.length} statements`)
if (process.argv.includes('--verbose')) for (const [name, list] of byIndex) console.log(`\n${name}\n  ${[...new Set(list)].join('\n  ')}`)
await store.close()
rmSync(dir, { recursive: true, force: true })
