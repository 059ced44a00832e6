// The full alert evaluation off the API's thread, at scale: `node --import tsx bench/alerts-worker.ts <db> [rounds]`
// (a SQLite path or a postgres:// URL of a seeded database: it is written to — alerts, a few incidents — so use a
// copy you can spare). The app runs in a child process (servers/alerts-server.ts). Three phases alternate, `rounds`
// times each (default 3), in one run so the machine's drift hits all three:
//   idle    no evaluation running;
//   main    a full evaluation whose findings are computed in the API's thread (as before the worker);
//   worker  a full evaluation whose findings are computed in the worker thread (as the server runs it now).
// Each phase times one of two probes (each probe gets a phase of its own: at 1M incidents on SQLite one summary holds
// the API's thread for a second or more, which would swamp the other): `/api/metrics/summary` for 30 days with the
// memo defeated (a `from` one second later per request), one after another on a kept-alive connection; or an event
// stream's delivery, an incident POSTed every 250 ms, timed from just before the POST to the stream's
// `incident.created`. Then the incremental evaluation after a change: an incident reported in one of 20 grids,
// then that grid evaluated, its findings computed in the API's thread and through the worker, alternately.
// The load average is printed at the start and the end.
import { Agent } from 'node:http'
import { loadavg } from 'node:os'
import { pointOnFeature } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { loadRegions } from '../api/services/regions'
import { startChild } from './child'
import { get, keepAlive } from './http-client'
import { openIncidentStream } from './incident-stream'
import type { IncidentStream } from './incident-stream'
import { ALERTS_FULL_PATH, ALERTS_INCREMENTAL_PATH, ALERTS_NOW_PATH } from './servers/paths'
import { quantile } from './stats'

const [location, roundsArg = '3'] = process.argv.slice(2)
if (!location) throw new Error('usage: bench/alerts-worker.ts <SQLite path or postgres:// URL> [rounds]')
const ROUNDS = Number(roundsArg)
const DAY = 86_400_000
const IDLE_MS = 6_000
const POST_EVERY_MS = 250

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ')
console.log(`load average at the start: ${load()}`)
const child = await startChild('alerts-server.ts', { BENCH_DB: location })
const base = child.url

const grids = (loadRegions().grids.features as Feature<Polygon | MultiPolygon>[])
const gridPoints = grids.filter((_, i) => i % Math.max(1, Math.floor(grids.length / 20)) === 0).slice(0, 20)
  .map((g) => ({ grid: g.properties!.id as string, point: pointOnFeature(g).geometry.coordinates }))

async function postIncident(point: number[], note: string): Promise<{ id: number; grid: string }> {
  const res = await fetch(`${base}/api/incidents`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'road-occupation', point: { lng: point[0], lat: point[1] }, description: `基准测试：${note}`, source: 'patrol', severity: 'normal' }),
  })
  if (res.status !== 201) throw new Error(`POST /api/incidents: ${res.status} ${await res.text()}`)
  return (await res.json()) as { id: number; grid: string }
}

type Probe = 'summary' | 'stream'
interface Evaluation { ms: number; findingsMs: number; reconcileMs: number; loop: { maxMs: number; blockedMs: number } }
interface Phase { samples: number[]; missed: number; evaluation?: Evaluation }
const phases: Record<'idle' | 'main' | 'worker', Record<Probe, Phase[]>> = {
  idle: { summary: [], stream: [] }, main: { summary: [], stream: [] }, worker: { summary: [], stream: [] },
}

const summaryAgent = keepAlive()
let requestNo = 0
let resets = 0
/**
 * A kept-alive connection the server closes as idle (keepAliveTimeout, 5 s) just as the next request goes out is
 * reset: a browser sends such a request again, and so does this, timing both tries. A loop blocked for seconds
 * makes that race likely: its count is printed.
 */
async function getRetried(url: string): ReturnType<typeof get> {
  try {
    return await get(url, summaryAgent)
  } catch (err) {
    if ((err as { code?: string }).code !== 'ECONNRESET') throw err
    resets++
    return await get(url, summaryAgent)
  }
}

/** The summary one request after another, or an incident every POST_EVERY_MS and its delivery, until `until()`. */
async function measure(probe: Probe, until: () => boolean, stream: IncidentStream): Promise<Phase> {
  const samples: number[] = []
  if (probe === 'summary') {
    while (!until()) {
      const from = new Date(now - 30 * DAY + ++requestNo * 1000).toISOString()
      const t0 = performance.now()
      const r = await getRetried(`${base}/api/metrics/summary?from=${from}`)
      if (r.status !== 200) throw new Error(`summary: ${r.status} ${r.body.toString().slice(0, 200)}`)
      samples.push(performance.now() - t0)
    }
    return { samples, missed: 0 }
  }
  const sent: { id: number; at: number }[] = []
  while (!until()) {
    const at = performance.now()
    const { id } = await postIncident(gridPoints[0]!.point, '事件推送')
    sent.push({ id, at })
    const wait = POST_EVERY_MS - (performance.now() - at)
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
  }
  const deadline = performance.now() + 15_000
  while (performance.now() < deadline && sent.some((s) => !stream.received.has(s.id))) await new Promise((r) => setTimeout(r, 20))
  for (const s of sent) { const got = stream.received.get(s.id); if (got !== undefined) samples.push(got - s.at) }
  return { samples, missed: sent.length - samples.length }
}

interface EvaluationAnswer { report: { ms: number; rules: Record<string, { ms: number; reconcileMs: number }> }; loop: { maxMs: number; blockedMs: number } }
const evaluationOf = ({ report, loop }: EvaluationAnswer): Evaluation => {
  const reconcileMs = Object.values(report.rules).reduce((n, r) => n + r.reconcileMs, 0)
  return { ms: report.ms, findingsMs: Object.values(report.rules).reduce((n, r) => n + r.ms, 0) - reconcileMs, reconcileMs, loop }
}
async function evaluate(path: string): Promise<EvaluationAnswer> {
  const r = await fetch(`${base}${path}`, { method: 'POST' })
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`)
  return (await r.json()) as EvaluationAnswer
}

async function evaluationPhase(thread: 'main' | 'worker', probe: Probe, stream: IncidentStream): Promise<Phase> {
  let done = false
  const evaluation = evaluate(`${ALERTS_FULL_PATH}?thread=${thread}`).finally(() => { done = true })
  const measured = await measure(probe, () => done, stream)
  return { ...measured, evaluation: evaluationOf(await evaluation) }
}

const now = Number(await (await fetch(`${base}${ALERTS_NOW_PATH}`)).text())

try {
  const stream = openIncidentStream(base, new Agent({ keepAlive: true }))
  await stream.ready
  // The first evaluation raises the alerts; the steady state (every minute on a server) is what is timed.
  for (const thread of ['worker', 'main'] as const) await fetch(`${base}${ALERTS_FULL_PATH}?thread=${thread}`, { method: 'POST' })
  for (let round = 0; round < ROUNDS; round++) {
    for (const probe of ['summary', 'stream'] as const) {
      const order = (['idle', 'main', 'worker'] as const).map((_, i, a) => a[(i + round) % 3]!)
      for (const phase of order) {
        if (phase === 'idle') {
          const end = performance.now() + IDLE_MS
          phases.idle[probe].push(await measure(probe, () => performance.now() >= end, stream))
        } else {
          phases[phase][probe].push(await evaluationPhase(phase, probe, stream))
        }
        console.log(`round ${round + 1} ${probe} ${phase} done (load ${load()})`)
      }
    }
  }
  stream.req.destroy()

  const ms = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(1))
  const stats = (v: number[]) => `${ms(quantile(v, 0.5))} / ${ms(quantile(v, 0.95))} / ${ms(v.length ? Math.max(...v) : NaN)} (${v.length})`
  console.log('\nThe API while a full evaluation runs (ms; p50 / p95 / max (samples))')
  for (const [name, byProbe] of Object.entries(phases)) {
    const missed = byProbe.stream.reduce((n, p) => n + p.missed, 0)
    console.log(`${name.padEnd(7)} summary ${stats(byProbe.summary.flatMap((p) => p.samples))}   stream delivery ${stats(byProbe.stream.flatMap((p) => p.samples))}, missed ${missed}`)
  }
  console.log(`summary requests sent again after a reset connection: ${resets}`)
  console.log('\nFull evaluation (ms): total, finding, reconciling (API thread); the API thread\'s event loop: longest stall, stalls over 50 ms together')
  for (const name of ['main', 'worker'] as const) {
    for (const p of [...phases[name].summary, ...phases[name].stream]) {
      const e = p.evaluation!
      console.log(`${name.padEnd(7)} ${e.ms}  finding ${e.findingsMs}  reconciling ${e.reconcileMs}  loop ${e.loop.maxMs} / ${e.loop.blockedMs}`)
    }
  }

  const inc: Record<'main' | 'worker', Evaluation[]> = { main: [], worker: [] }
  for (const [i, { point }] of gridPoints.entries()) {
    const { grid } = await postIncident(point, `增量 ${i}`)
    for (const thread of (i % 2 ? ['main', 'worker'] : ['worker', 'main']) as ('main' | 'worker')[]) {
      inc[thread].push(evaluationOf(await evaluate(`${ALERTS_INCREMENTAL_PATH}?thread=${thread}&grid=${grid}`)))
    }
  }
  console.log(`\nIncremental evaluation after a change, one grid (ms; p50 / p95 / max over ${gridPoints.length} grids)`)
  for (const thread of ['main', 'worker'] as const) {
    const e = inc[thread]
    console.log(`${thread.padEnd(7)} total ${stats(e.map((x) => x.ms))}  finding ${stats(e.map((x) => x.findingsMs))}  reconciling ${stats(e.map((x) => x.reconcileMs))}  longest loop stall ${stats(e.map((x) => x.loop.maxMs))}`)
  }
} finally {
  console.log(`\nload average at the end: ${load()}`)
  await child.stop()
}
