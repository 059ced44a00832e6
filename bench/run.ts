// `npm run bench`: the benchmark suite (the speed targets and bars 1–9), at 10k, 100k and 1M incidents. Prints a
// table and writes bench/results/latest.json. Every ratio is measured side by side in this one run: the machine
// is shared and noisy, so absolute times are printed for reference and judged with the load average beside them.
//
//   npm run bench                                  all three scales (~1.5 min extra the first time, to seed 1M)
//   BENCH_SCALES=10000,100000 npm run bench        fewer scales
//   BENCH_DIR=/path  BENCH_RUNS=100  BENCH_LOAD_SECONDS=3   cache dir, requests per latency case, load round length
//   npm run bench -- --engine postgres             instead: the PostgreSQL engine beside SQLite (engines.ts)
import { mkdirSync, writeFileSync } from 'node:fs'
import { launchBrowser } from '../test/support/browser'
import type { BundleResult } from './bundle'
import { benchBundle } from './bundle'
import type { MapScaleResult } from './map-bars'
import { benchMapScale, bundleRows, mapRows, mapVerdicts } from './map-bars'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { startChild } from './child'
import { benchEngines } from './engines'
import type { Dataset } from './datasets'
import { ensureDataset } from './datasets'
import { keepAlive } from './http-client'
import type { Focus, LatencyRow } from './http-latency'
import { findFocus, measureLatency, otherCases, targetCases } from './http-latency'
import type { IntakeResult } from './intake'
import { BATCH, benchIntake } from './intake'
import { RESULTS_DIR, readBenchEnv } from './paths'
import { MEMORY_PATH, SUMMARY_PATH } from './servers/paths'
import type { SpatialResult } from './spatial'
import { benchSpatial } from './spatial'
import { fmt, renderTable } from './table'
import type { RateComparison } from './throughput'
import { CONNECTIONS, compareRates } from './throughput'

interface ScaleResult {
  scale: number
  dataset: { path: string; bytes: number; builtSeconds: number | null; dataUpTo: string }
  focus: Focus
  /** 1-minute load average when this scale's benchmarks started and ended (2 CPUs: above 2, others shared them). */
  loadavg: [number, number]
  /** The API server child after every HTTP benchmark of this scale. */
  server: { rssBytes: number; peakRssBytes: number } | null
  latency: LatencyRow[]
  otherLatency: LatencyRow[]
  summaryVsMemory: RateComparison
  intake: IntakeResult
  /** Bars 5–8: tiles, the map in Chromium, the event stream. */
  map: MapScaleResult
}

interface Verdict { id: string; bar: string; figure: string; target: string; pass: boolean; atScale: number | null }

/** Bars not measured yet (none: bars 5–9 are in map-bars.ts). */
const NOT_YET_MEASURED: string[] = []

const env = readBenchEnv()
/** Alternating rounds per side of a throughput comparison. */
const ROUNDS = 4

/** "a ÷ b req/s = r; per server CPU-s a' ÷ b' = r'". */
function rates(c: RateComparison): string {
  const wall = `${fmt.int(c.a.reqPerSec)} ÷ ${fmt.int(c.b.reqPerSec)} req/s = ${fmt.ratio(c.wallRatio)}`
  if (c.cpuRatio === null || c.a.reqPerCpuSecond === null || c.b.reqPerCpuSecond === null) return wall
  return `${wall}; per server CPU-s ${fmt.int(c.a.reqPerCpuSecond)} ÷ ${fmt.int(c.b.reqPerCpuSecond)} = ${fmt.ratio(c.cpuRatio)}`
}
const log = (line: string) => console.log(line)
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ')

/** The HTTP benchmarks of one scale, against one API server child (stopped before the intake runs). */
async function benchServer(ds: Dataset) {
  const server = await startChild('app-server.ts', { BENCH_DB: ds.path, BENCH_NOW: String(ds.now) })
  try {
    const agent = keepAlive()
    const focus = await findFocus(server.url, agent)
    const latency: LatencyRow[] = []
    for (const c of targetCases(focus, ds.now)) {
      const row = await measureLatency(server.url, server.pid, agent, c, env.runs)
      log(`  ${row.name}: p50 ${fmt.ms(row.p50)} ms, p95 ${fmt.ms(row.p95)} ms, server CPU ${row.cpuMs === null ? 'n/a' : fmt.ms(row.cpuMs)} ms`)
      latency.push(row)
    }
    const otherLatency: LatencyRow[] = []
    for (const c of otherCases(focus)) otherLatency.push(await measureLatency(server.url, server.pid, agent, c, Math.max(10, Math.round(env.runs / 5))))
    log(`  ${otherLatency.length} other metric endpoints measured`)
    agent.destroy()
    const summaryVsMemory = await compareRates(
      { label: 'county summary', url: server.url + SUMMARY_PATH, pid: server.pid },
      { label: 'same bytes from memory', url: server.url + MEMORY_PATH, pid: server.pid },
      { rounds: ROUNDS, seconds: env.loadSeconds },
    )
    log(`  summary ÷ memory: ${rates(summaryVsMemory)}`)
    const memory = server.memory()
    return { focus, latency, otherLatency, summaryVsMemory, server: memory ? { rssBytes: memory.rss, peakRssBytes: memory.peak } : null }
  } finally {
    await server.stop()
  }
}

async function benchScale(ds: Dataset, browser: Awaited<ReturnType<typeof launchBrowser>>): Promise<ScaleResult> {
  log(`\n[${fmt.scale(ds.scale)}] API server on ${ds.path}`)
  const loadStart = loadavg()[0] ?? NaN
  const http = await benchServer(ds)
  log(`  intake on a scratch copy…`)
  const intake = await benchIntake(ds, { rounds: 2, perRowRows: 1000, batchedRows: 5000, fullRows: 500 })
  log(`  intake ${fmt.int(intake.perRow.perSecond)}/s per row, ${fmt.int(intake.batched.perSecond)}/s batched (${fmt.ratio(intake.ratio)}×)`)
  log(`  map and stream (bars 5–8)…`)
  const map = await benchMapScale(ds, browser)
  return {
    scale: ds.scale,
    dataset: { path: ds.path, bytes: ds.bytes, builtSeconds: ds.builtSeconds, dataUpTo: new Date(ds.now).toISOString() },
    loadavg: [loadStart, loadavg()[0] ?? NaN],
    ...http,
    intake,
    map,
  }
}

async function benchTrivial(): Promise<RateComparison> {
  const hono = await startChild('trivial-server.ts', { BENCH_MODE: 'hono' })
  const node = await startChild('trivial-server.ts', { BENCH_MODE: 'node' })
  try {
    return await compareRates({ label: 'Hono route', url: `${hono.url}/`, pid: hono.pid },
      { label: 'bare node:http', url: `${node.url}/`, pid: node.pid }, { rounds: ROUNDS, seconds: env.loadSeconds })
  } finally {
    await hono.stop()
    await node.stop()
  }
}

function verdicts(scales: ScaleResult[], spatial: SpatialResult, trivial: RateComparison, bundle: BundleResult): Verdict[] {
  const top = scales.at(-1)
  const out: Verdict[] = []
  if (top) {
    for (const row of top.latency) {
      if (row.limitMs === null) continue
      out.push({ id: row.id, bar: `speed: ${row.name}`, figure: `p95 ${fmt.ms(row.p95)} ms`, target: `p95 ≤ ${row.limitMs} ms`, pass: row.p95 <= row.limitMs, atScale: top.scale })
    }
    out.push({ id: 'intake', bar: 'speed: intake through the service', figure: `${fmt.int(top.intake.perRow.perSecond)}/s`, target: '≥ 2,000/s', pass: top.intake.perRow.perSecond >= 2000, atScale: top.scale })
    out.push({ id: 'bar1', bar: 'bar 1: summary ÷ same bytes from memory', figure: `${ratioPair(top.summaryVsMemory)} per CPU-s (wall)`, target: '≥ 0.3', pass: top.summaryVsMemory.ratio >= 0.3, atScale: top.scale })
    out.push({ id: 'bar4', bar: `bar 4: intake ${BATCH}/tx ÷ 1/tx`, figure: `${fmt.ratio(top.intake.ratio)}×`, target: '≥ 20×', pass: top.intake.ratio >= 20, atScale: top.scale })
  }
  out.push({ id: 'bar2', bar: 'bar 2: Hono ÷ bare node:http', figure: `${ratioPair(trivial)} per CPU-s (wall)`, target: '≥ 0.75', pass: trivial.ratio >= 0.75, atScale: null })
  out.push({ id: 'bar3', bar: 'speed / bar 3: spatial index ÷ naive', figure: `${fmt.ratio(spatial.ratio)}×, ${spatial.mismatches} mismatches`, target: '≥ 50×, 0 mismatches', pass: spatial.ratio >= 50 && spatial.mismatches === 0, atScale: null })
  out.push(...mapVerdicts(top, bundle))
  return out
}

/** "0.31 (0.28)": the verdict's figure, then the wall-clock one when they differ in kind. */
const ratioPair = (c: RateComparison) => (c.cpuRatio === null ? fmt.ratio(c.wallRatio) : `${fmt.ratio(c.cpuRatio)} (${fmt.ratio(c.wallRatio)})`)

/** "p50 / p95 (server CPU per request)". */
const latencyCell = (r: LatencyRow) => `${fmt.ms(r.p50)} / ${fmt.ms(r.p95)} (${r.cpuMs === null ? '?' : fmt.ms(r.cpuMs)})`

function printTables(scales: ScaleResult[], spatial: SpatialResult, trivial: RateComparison, bundle: BundleResult, verdictList: Verdict[]) {
  const cols = scales.map((s) => fmt.scale(s.scale))
  const top = scales.at(-1)
  const judged = top && top.scale !== 1_000_000 ? ` (at ${fmt.scale(top.scale)}; targets are for 1M)` : ''
  const result = (id: string) => {
    const v = verdictList.find((x) => x.id === id)
    return v ? `${v.pass ? 'PASS' : 'FAIL'}${judged}` : ''
  }
  const perScale = (f: (s: ScaleResult) => string) => scales.map(f)
  const latencyRow = (i: number): string[] => {
    const first = scales[0]?.latency[i]
    if (!first) return []
    return [`${first.name}: p50 / p95 (CPU) ms`, ...perScale((s) => { const r = s.latency[i]; return r ? latencyCell(r) : '' }),
      first.limitMs === null ? '' : `p95 ≤ ${first.limitMs}`, result(first.id)]
  }
  const rows: string[][] = [
    ['load average (1 min) at start → end', ...perScale((s) => `${s.loadavg[0].toFixed(1)} → ${s.loadavg[1].toFixed(1)}`), '', ''],
    ['database size (MB)', ...perScale((s) => fmt.mb(s.dataset.bytes)), '', ''],
    ['seed time (s; "reused" when cached)', ...perScale((s) => (s.dataset.builtSeconds === null ? 'reused' : s.dataset.builtSeconds.toFixed(1))), '', ''],
    ['API server RSS now / peak (MB)', ...perScale((s) => (s.server ? `${fmt.mb(s.server.rssBytes)} / ${fmt.mb(s.server.peakRssBytes)}` : 'n/a')), '', ''],
    ...(scales[0]?.latency ?? []).map((_, i) => latencyRow(i)),
    ['  incident pages: features, gzip KB', ...perScale((s) => s.latency.filter((x) => x.features !== null)
      .map((r) => `${r.features}, ${(r.bytes / 1024).toFixed(0)}`).join(' | ')), '', ''],
    ['intake, 1 transaction per incident (/s)', ...perScale((s) => fmt.int(s.intake.perRow.perSecond)), '≥ 2,000/s', result('intake')],
    [`intake, ${BATCH} per transaction (/s)`, ...perScale((s) => fmt.int(s.intake.batched.perSecond)), '', ''],
    [`[bar 4] ${BATCH}/tx ÷ 1/tx`, ...perScale((s) => `${fmt.ratio(s.intake.ratio)}×`), '≥ 20×', result('bar4')],
    ['  (diagnostic) synchronous=FULL: 1/tx, 500/tx (/s), ratio', ...perScale((s) => `${fmt.int(s.intake.syncFull.perRow.perSecond)}, ${fmt.int(s.intake.syncFull.batched.perSecond)}, ${fmt.ratio(s.intake.syncFull.ratio)}×`), '', ''],
    ['county summary ÷ same bytes from memory, req/s', ...perScale((s) => `${fmt.int(s.summaryVsMemory.a.reqPerSec)} ÷ ${fmt.int(s.summaryVsMemory.b.reqPerSec)}`), '', ''],
    ['  the same, req per server CPU-second', ...perScale((s) => (s.summaryVsMemory.a.reqPerCpuSecond === null ? 'n/a'
      : `${fmt.int(s.summaryVsMemory.a.reqPerCpuSecond)} ÷ ${fmt.int(s.summaryVsMemory.b.reqPerCpuSecond ?? NaN)}`)), '', ''],
    ['[bar 1] summary ÷ memory: per CPU-s (wall)', ...perScale((s) => ratioPair(s.summaryVsMemory)), '≥ 0.3', result('bar1')],
    ...mapRows(scales).map(([label, cells, target, id]) => [label, ...cells, target, id ? result(id) : '']),
  ]
  log(`\n${renderTable(['benchmark', ...cols, 'target', 'result'], rows)}`)

  const free: string[][] = [
    [`[bar 3] grid assignment, index ÷ naive loop`,
      `${spatial.naiveUsPerPoint.toFixed(1)} ÷ ${spatial.indexUsPerPoint.toFixed(2)} µs a point = ${fmt.ratio(spatial.ratio)}×; ${spatial.mismatches} of ${fmt.int(spatial.points)} differ`,
      '≥ 50×, 0 mismatches', verdictList.find((v) => v.id === 'bar3')?.pass ? 'PASS' : 'FAIL'],
    [`[bar 2] trivial route, Hono ÷ node:http, req per CPU-s (wall)`,
      `${fmt.int(trivial.a.reqPerCpuSecond ?? NaN)} ÷ ${fmt.int(trivial.b.reqPerCpuSecond ?? NaN)} = ${ratioPair(trivial)}`,
      '≥ 0.75', verdictList.find((v) => v.id === 'bar2')?.pass ? 'PASS' : 'FAIL'],
    ...bundleRows(bundle).map(([label, figure, target, id]) => [label!, figure!, target!, id ? (verdictList.find((v) => v.id === id)?.pass ? 'PASS' : 'FAIL') : '']),
    ...NOT_YET_MEASURED.map((m) => [m, 'not yet measured', '', '']),
  ]
  log(`\n${renderTable(['scale-independent', 'figure', 'target', 'result'], free)}`)

  const others = scales[0]?.otherLatency ?? []
  if (others.length) {
    const otherRows = others.map((c, i) => [c.name, ...perScale((s) => { const r = s.otherLatency[i]; return r ? latencyCell(r) : '' })])
    log(`\n${renderTable(['other metric endpoints, p50 / p95 (CPU) ms, no target', ...cols], otherRows)}`)
  }
}

async function main() {
  const started = Date.now()
  const machine = { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '?', memoryGB: Math.round(totalmem() / 2 ** 30), loadavgStart: loadavg() }
  log(`基层治理一张图 benchmark: Node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), load average ${load()}`)
  log(`scales ${env.scales.map(fmt.scale).join(', ')}; cache ${env.dir}; ${env.runs} requests per latency case`)

  log('\ndatasets (demo preset, seedDatabase)')
  const datasets = env.scales.map((scale) => ensureDataset(env.dir, scale, log))
  for (const ds of datasets) log(`  ${fmt.scale(ds.scale)}: ${fmt.mb(ds.bytes)} MB`)

  log('\nspatial index vs naive loop…')
  const spatial = benchSpatial()
  log(`  ${fmt.ratio(spatial.ratio)}×, ${spatial.mismatches} mismatches`)
  log('trivial route, Hono vs bare node:http…')
  const trivial = await benchTrivial()
  log(`  ${rates(trivial)}`)

  log('bundle (vite build of the SPA, and of a full ECharts import)…')
  const bundle = await benchBundle()
  log(`  initial JS ${fmt.int(bundle.initialJs.gzipBytes)} B gzip; ECharts chunk ÷ full ${fmt.ratio(bundle.ratio)}`)

  const browser = await launchBrowser()
  const scales: ScaleResult[] = []
  try {
    for (const ds of datasets) scales.push(await benchScale(ds, browser))
  } finally {
    await browser.close()
  }

  const verdictList = verdicts(scales, spatial, trivial, bundle)
  const wallSeconds = (Date.now() - started) / 1000
  printTables(scales, spatial, trivial, bundle, verdictList)
  const failed = verdictList.filter((v) => !v.pass)
  log(`\n${verdictList.length - failed.length} of ${verdictList.length} measured targets met; ${NOT_YET_MEASURED.length} bars not yet measured.`)
  log(`load average at the end ${load()} on ${machine.cpus} CPUs (above ${machine.cpus} means other work shared the machine).`)

  mkdirSync(RESULTS_DIR, { recursive: true })
  const out = join(RESULTS_DIR, 'latest.json')
  writeFileSync(out, `${JSON.stringify({
    startedAt: new Date(started).toISOString(), wallSeconds,
    machine: { ...machine, loadavgEnd: loadavg() },
    settings: { ...env, connections: CONNECTIONS, batch: BATCH },
    verdicts: verdictList, notYetMeasured: NOT_YET_MEASURED,
    spatial, trivial, bundle, scales,
  }, null, 2)}\n`)
  log(`wrote ${out}; total ${wallSeconds.toFixed(0)} s`)
}

/** `--engine postgres`: the engine comparison; no flag (or `--engine sqlite`): the suite above. */
function engineFlag(argv: string[]): string {
  const i = argv.indexOf('--engine')
  const value = i === -1 ? argv.find((a) => a.startsWith('--engine='))?.slice('--engine='.length) : argv[i + 1]
  return value ?? 'sqlite'
}

const engine = engineFlag(process.argv.slice(2))
if (engine === 'postgres') await benchEngines()
else if (engine === 'sqlite') await main()
else throw new Error(`--engine ${engine}: use postgres (SQLite beside PostgreSQL) or sqlite (the suite)`)
