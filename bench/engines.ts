// `npm run bench -- --engine postgres`: the PostgreSQL engine beside SQLite, on the very same rows (the cached
// SQLite dataset, copied into PostgreSQL with COPY), at 100k and 1M incidents. Per scale, one API server child
// per engine runs at the same time, and every case alternates between them in halves, so both see the same
// machine. Prints each figure for both engines and the ratio PostgreSQL ÷ SQLite; writes
// bench/results/engines-latest.json.
//
//   BENCH_PG_URL=postgres://postgres@127.0.0.1:55450/postgres npm run bench -- --engine postgres
//   BENCH_SCALES=100000  BENCH_RUNS=100  BENCH_DIR=/tmp/onemap-bench   as for `npm run bench`
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import type { Agent } from 'node:http'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../api/store'
import type { Child } from './child'
import { startChild } from './child'
import type { Dataset } from './datasets'
import { ensureDataset } from './datasets'
import type { EngineIntake, IntakeDiagnostics } from './engine-intake'
import { BATCH, CONCURRENT, benchEngineIntake, intakeDiagnostics } from './engine-intake'
import { get, keepAlive } from './http-client'
import type { Focus } from './http-latency'
import { findFocus, targetCases } from './http-latency'
import { RESULTS_DIR, readBenchEnv } from './paths'
import type { PgDataset } from './pg-dataset'
import { ensurePgDataset, pgDatabaseBytes, scratchPgCopy } from './pg-dataset'
import { quantile } from './stats'
import { fmt, renderTable } from './table'
import { TILE_RANGE_DAYS } from './tile-bytes'
import { cpuSeconds } from './throughput'
import { countyViewport } from './viewport'

const DAY = 86_400_000
const ENGINES = ['sqlite', 'postgres'] as const
type EngineName = (typeof ENGINES)[number]
type PerEngine<T> = Record<EngineName, T>

interface Case { id: string; name: string; limitMs: number | null; path: (i: number) => string }
/** cpuMs: CPU per request of the API server, and for PostgreSQL of the cluster's processes too. */
interface Timing { p50: number; p95: number; cpuMs: number | null; bytes: number }
interface CaseResult { id: string; name: string; limitMs: number | null; engines: PerEngine<Timing> }

interface ScaleResult {
  scale: number
  loadavg: [number, number]
  focus: Focus
  bytes: PerEngine<number>
  /** The API server's VmRSS / VmHWM; for PostgreSQL also the cluster's processes (sum of PSS: shared buffers
   * counted once, shared among the processes that touched them). */
  rss: PerEngine<{ rss: number; peak: number } | null>
  postgresPss: number | null
  tiles: PerEngine<{ tiles: number; coldMs: number; warmMs: number }>
  cases: CaseResult[]
  intake: PerEngine<EngineIntake>
  intakeDiagnostics: IntakeDiagnostics
  /** A trivial statement's round trip through the store to PostgreSQL, one after another (ms): what every
   * statement pays before any work, and what the machine's load inflates (each one wakes two processes). */
  roundTrip: { p50: number; p95: number }
}

const log = (line: string) => console.log(line)

function adminUrl(): string {
  const url = process.env.BENCH_PG_URL
  if (!url) throw new Error('BENCH_PG_URL is required: a superuser URL of a running PostgreSQL + PostGIS cluster, e.g. postgres://postgres@127.0.0.1:55450/postgres (see bench/README.md)')
  return url
}

/** The cases: the latency targets, and the summaries again with the memo defeated (a `from` one second later
 * per request), which is what the database answers when the memo's entry has expired. */
function cases(focus: Focus, now: number): Case[] {
  const out: Case[] = targetCases(focus, now).map((c) => ({ id: c.id, name: c.name, limitMs: c.limitMs, path: () => c.path }))
  const from = (i: number) => new Date(now - 30 * DAY + i * 1000).toISOString()
  out.push(
    { id: 'summary-county-uncached', name: 'summary county (30 d), memo defeated', limitMs: 50, path: (i) => `/api/metrics/summary?from=${from(i)}` },
    { id: 'summary-township-uncached', name: `summary township ${focus.township} (30 d), memo defeated`, limitMs: 30, path: (i) => `/api/metrics/summary?scope=${focus.township}&from=${from(i)}` },
    { id: 'choropleth-uncached', name: 'choropleth grid reports (30 d), memo defeated', limitMs: 80, path: (i) => `/api/metrics/choropleth?level=grid&metric=reports&from=${from(i)}` },
  )
  return out
}

async function timeCase(base: string, pid: number, agent: Agent, c: Case, start: number, runs: number, warmup: number, withCluster: boolean) {
  const times: number[] = []
  let bytes = 0
  let cpu0: number | null = null
  const cpu = () => {
    const own = cpuSeconds(pid)
    if (!withCluster || own === null) return own
    const cluster = clusterCpuSeconds()
    return cluster === null ? null : own + cluster
  }
  for (let i = 0; i < warmup + runs; i++) {
    if (i === warmup) cpu0 = cpu()
    const res = await get(base + c.path(start + i), agent)
    if (res.status !== 200) throw new Error(`GET ${c.path(start + i)}: ${res.status} ${res.body.toString().slice(0, 300)}`)
    if (i >= warmup) times.push(res.ms)
    bytes = res.bytes
  }
  const cpu1 = cpu()
  return { times, bytes, cpuSeconds: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 }
}

/** One case on both servers: four halves, alternating engines, so a drift in the machine's speed hits both. */
async function measureCase(servers: PerEngine<Child>, agents: PerEngine<Agent>, c: Case, runs: number): Promise<CaseResult> {
  const acc = { sqlite: { times: [] as number[], cpu: 0, cpuKnown: true, bytes: 0 }, postgres: { times: [] as number[], cpu: 0, cpuKnown: true, bytes: 0 } }
  const half = Math.ceil(runs / 2)
  for (let round = 0; round < 2; round++) {
    for (const e of round === 0 ? ENGINES : [...ENGINES].reverse()) {
      const r = await timeCase(servers[e].url, servers[e].pid, agents[e], c, round * 10_000, half, round === 0 ? 5 : 2, e === 'postgres')
      acc[e].times.push(...r.times)
      acc[e].bytes = r.bytes
      if (r.cpuSeconds === null) acc[e].cpuKnown = false
      else acc[e].cpu += r.cpuSeconds
    }
  }
  const timing = (e: EngineName): Timing => ({
    p50: quantile(acc[e].times, 0.5), p95: quantile(acc[e].times, 0.95), bytes: acc[e].bytes,
    cpuMs: acc[e].cpuKnown ? (acc[e].cpu * 1000) / acc[e].times.length : null,
  })
  return { id: c.id, name: c.name, limitMs: c.limitMs, engines: { sqlite: timing('sqlite'), postgres: timing('postgres') } }
}

async function fetchTiles(base: string, agent: Agent, q: string): Promise<number> {
  const t0 = performance.now()
  for (const t of countyViewport().tiles) {
    const res = await get(`${base}/api/tiles/incidents/${t.z}/${t.x}/${t.y}.mvt?${q}`, agent)
    if (res.status !== 200) throw new Error(`tile ${t.z}/${t.x}/${t.y}: ${res.status} ${res.body.toString().slice(0, 200)}`)
  }
  return performance.now() - t0
}

/** The cluster's processes: the postmaster named in BENCH_PG_DATA/postmaster.pid and its children. */
function clusterPids(): number[] | null {
  const dataDir = process.env.BENCH_PG_DATA
  if (!dataDir) return null
  try {
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number).filter((pid) => {
      if (pid === postmaster) return true
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster
      } catch { return false }
    })
  } catch {
    return null
  }
}

/** PSS of the cluster's processes, bytes (shared buffers counted once, shared among those that touched them). */
function clusterPss(): number | null {
  const pids = clusterPids()
  if (!pids) return null
  let total = 0
  for (const pid of pids) {
    try { total += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024 } catch { /* ended */ }
  }
  return total
}

/** CPU-seconds the cluster's live processes have used (backends that ended meanwhile are missed: the API's pool
 * keeps its connections). */
function clusterCpuSeconds(): number | null {
  const pids = clusterPids()
  if (!pids) return null
  return pids.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0)
}

async function benchServers(ds: Dataset, pg: PgDataset, runs: number) {
  const now = String(ds.now)
  const servers = {
    sqlite: await startChild('app-server.ts', { BENCH_DB: ds.path, BENCH_NOW: now }),
    postgres: await startChild('app-server.ts', { BENCH_DB: pg.url, BENCH_NOW: now }),
  }
  try {
    const agents = { sqlite: keepAlive(), postgres: keepAlive() }
    const focus = await findFocus(servers.sqlite.url, agents.sqlite)
    const pgFocus = await findFocus(servers.postgres.url, agents.postgres)
    if (JSON.stringify(focus) !== JSON.stringify(pgFocus)) throw new Error(`the engines disagree on the focus: ${JSON.stringify(focus)} vs ${JSON.stringify(pgFocus)}`)
    // Tiles first, while each server's tile cache is empty: the first pass builds the cell pyramid (cold).
    const q = `from=${new Date(ds.now - TILE_RANGE_DAYS * DAY).toISOString()}&to=${new Date(ds.now + 1000).toISOString()}`
    const cold = { sqlite: await fetchTiles(servers.sqlite.url, agents.sqlite, q), postgres: await fetchTiles(servers.postgres.url, agents.postgres, q) }
    const warm = { sqlite: await fetchTiles(servers.sqlite.url, agents.sqlite, q), postgres: await fetchTiles(servers.postgres.url, agents.postgres, q) }
    const n = countyViewport().tiles.length
    const tiles = { sqlite: { tiles: n, coldMs: cold.sqlite, warmMs: warm.sqlite }, postgres: { tiles: n, coldMs: cold.postgres, warmMs: warm.postgres } }
    log(`  tiles (${n}) cold: SQLite ${fmt.ms(cold.sqlite)} ms, PostgreSQL ${fmt.ms(cold.postgres)} ms; warm ${fmt.ms(warm.sqlite)} / ${fmt.ms(warm.postgres)} ms`)
    const results: CaseResult[] = []
    for (const c of cases(focus, ds.now)) {
      const r = await measureCase(servers, agents, c, runs)
      log(`  ${r.name}: p50/p95 SQLite ${fmt.ms(r.engines.sqlite.p50)}/${fmt.ms(r.engines.sqlite.p95)} ms, PostgreSQL ${fmt.ms(r.engines.postgres.p50)}/${fmt.ms(r.engines.postgres.p95)} ms`)
      results.push(r)
    }
    for (const a of Object.values(agents)) a.destroy()
    return { focus, tiles, cases: results, rss: { sqlite: servers.sqlite.memory(), postgres: servers.postgres.memory() }, postgresPss: clusterPss() }
  } finally {
    await servers.sqlite.stop()
    await servers.postgres.stop()
  }
}

async function benchIntakeBoth(ds: Dataset, pg: PgDataset, admin: string): Promise<{ intake: PerEngine<EngineIntake>; intakeDiagnostics: IntakeDiagnostics }> {
  const opts = { rounds: 2, perRowRows: 1000, batchedRows: 5000 }
  const dir = mkdtempSync(join(tmpdir(), 'onemap-bench-intake-'))
  const path = join(dir, 'intake.db')
  copyFileSync(ds.path, path)
  const scratch = await scratchPgCopy(admin, pg)
  try {
    const lite = await openStore(path)
    let sqlite: EngineIntake
    try { sqlite = await benchEngineIntake(lite, ds.now, `bench-intake-${ds.scale}`, opts) } finally { await lite.close() }
    log(`  intake SQLite: ${fmt.int(sqlite.perRow.perSecond)}/s 1/tx, ${fmt.int(sqlite.perRowConcurrent.perSecond)}/s 1/tx × ${CONCURRENT} callers, ${fmt.int(sqlite.batched.perSecond)}/s ${BATCH}/tx`)
    const pgStore = await openStore(scratch.url)
    let postgres: EngineIntake
    let diagnostics: IntakeDiagnostics
    try {
      postgres = await benchEngineIntake(pgStore, ds.now, `bench-intake-${ds.scale}`, opts, clusterCpuSeconds)
      log(`  intake PostgreSQL: ${fmt.int(postgres.perRow.perSecond)}/s 1/tx, ${fmt.int(postgres.perRowConcurrent.perSecond)}/s 1/tx × ${CONCURRENT} callers, ${fmt.int(postgres.batched.perSecond)}/s ${BATCH}/tx`)
      const asyncStore = async () => {
        await pgStore.sql.exec(`ALTER DATABASE ${new URL(scratch.url).pathname.slice(1)} SET synchronous_commit = off`)
        return openStore(scratch.url)
      }
      diagnostics = await intakeDiagnostics(pgStore, asyncStore, ds.now, `bench-intake-${ds.scale}`, opts.perRowRows, clusterCpuSeconds)
      log(`  (diagnostic) PostgreSQL: ${fmt.int(diagnostics.concurrentNoFeedLock.perSecond)}/s 1/tx × ${CONCURRENT} without the feed lock; ${fmt.int(diagnostics.perRowAsyncCommit.perSecond)}/s 1/tx with synchronous_commit=off`)
    } finally { await pgStore.close() }
    return { intake: { sqlite, postgres }, intakeDiagnostics: diagnostics }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await scratch.drop()
  }
}

async function roundTrip(pg: PgDataset): Promise<{ p50: number; p95: number }> {
  const store = await openStore(pg.url)
  try {
    const times: number[] = []
    for (let i = 0; i < 1100; i++) {
      const t0 = performance.now()
      await store.sql.get('SELECT 1 AS one')
      if (i >= 100) times.push(performance.now() - t0)
    }
    return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) }
  } finally {
    await store.close()
  }
}

async function benchScale(ds: Dataset, pg: PgDataset, admin: string, runs: number): Promise<ScaleResult> {
  log(`\n[${fmt.scale(ds.scale)}] SQLite ${ds.path} beside PostgreSQL ${pg.database}`)
  const loadStart = loadavg()[0] ?? NaN
  const http = await benchServers(ds, pg, runs)
  const intake = await benchIntakeBoth(ds, pg, admin)
  const rt = await roundTrip(pg)
  log(`  round trip to PostgreSQL (SELECT 1): p50 ${rt.p50.toFixed(2)} ms, p95 ${rt.p95.toFixed(2)} ms`)
  return {
    roundTrip: rt,
    scale: ds.scale, loadavg: [loadStart, loadavg()[0] ?? NaN], ...http, ...intake,
    bytes: { sqlite: statSync(ds.path).size, postgres: await pgDatabaseBytes(admin, pg.database) },
  }
}

const ratio = (pg: number, lite: number) => `${fmt.ratio(pg / lite)}×`

function printTable(scales: ScaleResult[]) {
  for (const s of scales) {
    const rows: string[][] = []
    const pair = (label: string, a: number, b: number, show: (n: number) => string, target = '') =>
      rows.push([label, show(a), show(b), ratio(b, a), target])
    rows.push(['load average (1 min) start → end', `${s.loadavg[0].toFixed(1)} → ${s.loadavg[1].toFixed(1)}`, '', '', ''])
    for (const c of s.cases) {
      const { sqlite: a, postgres: b } = c.engines
      const limit = c.limitMs === null ? '' : `p95 ≤ ${c.limitMs}; ≤ 2×`
      rows.push([`${c.name}: p50 / p95 (CPU†) ms`, `${fmt.ms(a.p50)} / ${fmt.ms(a.p95)} (${a.cpuMs === null ? '?' : fmt.ms(a.cpuMs)})`,
        `${fmt.ms(b.p50)} / ${fmt.ms(b.p95)} (${b.cpuMs === null ? '?' : fmt.ms(b.cpuMs)})`, `${ratio(b.p50, a.p50)} / ${ratio(b.p95, a.p95)}`,
        `${limit}${c.limitMs !== null ? (b.p95 <= c.limitMs && b.p95 <= 2 * a.p95 ? ' ok' : ' MISS') : ''}`])
    }
    pair(`incident tiles, cold (${s.tiles.sqlite.tiles} tiles, ms)`, s.tiles.sqlite.coldMs, s.tiles.postgres.coldMs, fmt.ms, '≤ 2×')
    pair('incident tiles, warm (ms)', s.tiles.sqlite.warmMs, s.tiles.postgres.warmMs, fmt.ms, '≤ 2×')
    pair('intake, 1 incident per transaction (/s)', s.intake.sqlite.perRow.perSecond, s.intake.postgres.perRow.perSecond, fmt.int, 'PG ≥ 1,000/s')
    pair(`intake, 1 per transaction, ${CONCURRENT} callers (/s)`, s.intake.sqlite.perRowConcurrent.perSecond, s.intake.postgres.perRowConcurrent.perSecond, fmt.int, 'PG ≥ 1,000/s')
    pair(`intake, ${BATCH} per transaction (/s)`, s.intake.sqlite.batched.perSecond, s.intake.postgres.batched.perSecond, fmt.int)
    const cpuOf = (i: EngineIntake) => [i.perRow, i.perRowConcurrent, i.batched].map((r) => r.cpuMsPerRow === null ? '?' : r.cpuMsPerRow.toFixed(2)).join(' / ')
    rows.push([`  CPU per incident, 1/tx / ${CONCURRENT} callers / ${BATCH} per tx (ms)‡`, cpuOf(s.intake.sqlite), cpuOf(s.intake.postgres), '', ''])
    const perRowCpu = s.intake.postgres.perRowConcurrent.cpuMsPerRow
    if (perRowCpu !== null) rows.push([`  cores PG needs for 1,000/s 1/tx (${CONCURRENT} callers' CPU × 1,000)`, '', (perRowCpu).toFixed(2), '', `≤ ${cpus().length} here`])
    rows.push([`  (diagnostic) PG 1/tx × ${CONCURRENT} callers, feed lock a no-op (/s)`, '', fmt.int(s.intakeDiagnostics.concurrentNoFeedLock.perSecond), '', ''])
    rows.push(['  (diagnostic) PG 1/tx, synchronous_commit=off (/s)', '', fmt.int(s.intakeDiagnostics.perRowAsyncCommit.perSecond), '', ''])
    rows.push(['  (diagnostic) round trip to PostgreSQL, SELECT 1: p50 / p95 (ms)', '', `${s.roundTrip.p50.toFixed(2)} / ${s.roundTrip.p95.toFixed(2)}`, '', ''])
    pair('database on disk (MB)', s.bytes.sqlite, s.bytes.postgres, fmt.mb)
    if (s.rss.sqlite && s.rss.postgres) {
      pair('API server RSS (MB)', s.rss.sqlite.rss, s.rss.postgres.rss, fmt.mb)
      pair('API server peak RSS (MB)', s.rss.sqlite.peak, s.rss.postgres.peak, fmt.mb)
    }
    if (s.postgresPss !== null) rows.push(['PostgreSQL cluster processes, PSS (MB)', '', fmt.mb(s.postgresPss), '', ''])
    rows.push(['† CPU per request: the API server; for PostgreSQL plus the cluster\'s processes', '', '', '', ''])
    rows.push(['‡ CPU per incident: the benchmark\'s process (intake runs in it); for PostgreSQL plus the cluster\'s processes', '', '', '', ''])
    log(`\n${renderTable([`${fmt.scale(s.scale)} incidents`, 'SQLite', 'PostgreSQL', 'PG ÷ SQLite', 'target'], rows)}`)
  }
}

export async function benchEngines() {
  const env = readBenchEnv({ ...process.env, BENCH_SCALES: process.env.BENCH_SCALES ?? '100000,1000000' })
  const admin = adminUrl()
  const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memoryGB: Math.round(totalmem() / 2 ** 30), loadavgStart: loadavg() }
  log(`engines, SQLite beside PostgreSQL: Node ${machine.node}, ${machine.cpus} CPUs, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`)
  log(`scales ${env.scales.map(fmt.scale).join(', ')}; cache ${env.dir}; ${env.runs} requests per case and engine`)
  const scales: ScaleResult[] = []
  for (const scale of env.scales) {
    const ds = ensureDataset(env.dir, scale, log)
    const pg = await ensurePgDataset(admin, ds, log)
    scales.push(await benchScale(ds, pg, admin, env.runs))
  }
  printTable(scales)
  mkdirSync(RESULTS_DIR, { recursive: true })
  const out = join(RESULTS_DIR, 'engines-latest.json')
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), machine, scales }, null, 2)}\n`)
  log(`\nwritten to ${out}`)
}
