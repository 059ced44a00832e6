// The full alert evaluation off the API's thread, at scale: `node --import tsx bench/alerts-worker.ts <db> [rounds]`
// (a SQLite path or a postgres:// URL of a seeded database: it is written to — alerts, a few incidents — so use a
// copy you can spare). The app runs in a child process (servers/alerts-server.ts). Three phases alternate, `rounds`
// times each (default 3), in one run so the machine's drift hits all three:
//   idle    no evaluation running;
//   main    a full evaluation whose findings are computed in the API's thread (as before the worker);
//   worker  a full evaluation whose findings are computed in the worker thread (as the server runs it now).
// During each phase the runner times, side by side, `/api/metrics/summary` for 30 days with the memo defeated (a
// `from` one second later per request), one after another on a kept-alive connection, and an event stream's
// delivery: an incident POSTed every 250 ms, timed from just before the POST to the stream's `incident.created`.
// Then the incremental evaluation after a change: an incident reported in one of 20 grids, then its grid evaluated.
// The load average is printed at the start and the end.
import { Agent, request } from 'node:http'
import type { ClientRequest } from 'node:http'
import { loadavg } from 'node:os'
import { pointOnFeature } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { loadRegions } from '../api/services/regions'
import { startChild } from './child'
import { get, keepAlive } from './http-client'
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

interface Stream { req: ClientRequest; received: Map<number, number>; ready: Promise<void> }
function openStream(): Stream {
  const received = new Map<number, number>()
  let onReady!: () => void
  const ready = new Promise<void>((resolve) => { onReady = resolve })
  let buf = ''
  const req = request(`${base}/api/stream`, { agent: new Agent({ keepAlive: true }), headers: { Accept: 'text/event-stream' } }, (res) => {
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      const at = performance.now()
      buf += chunk
      let end: number
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, end)
        buf = buf.slice(end + 2)
        const kind = /^event: (.*)$/m.exec(block)?.[1]
        if (kind === 'ready') onReady()
        if (kind === 'incident.created') {
          const id = (JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as { id?: number }).id
          if (typeof id === 'number') received.set(id, at)
        }
      }
    })
  })
  req.on('error', () => { /* closed at the end */ })
  req.end()
  return { req, received, ready }
}

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

interface Phase { summary: number[]; delivery: number[]; missed: number; evaluation?: { ms: number; findingsMs: number; reconcileMs: number; loop: { maxMs: number; p99Ms: number } } }
const phases: Record<'idle' | 'main' | 'worker', Phase[]> = { idle: [], main: [], worker: [] }

const summaryAgent = keepAlive()
let requestNo = 0
async function measure(until: () => boolean, stream: Stream): Promise<Omit<Phase, 'evaluation'>> {
  const summary: number[] = []
  const sent: { id: number; at: number }[] = []
  const summaries = (async () => {
    while (!until()) {
      const from = new Date(now - 30 * DAY + ++requestNo * 1000).toISOString()
      const r = await get(`${base}/api/metrics/summary?from=${from}`, summaryAgent)
      if (r.status !== 200) throw new Error(`summary: ${r.status} ${r.body.toString().slice(0, 200)}`)
      summary.push(r.ms)
    }
  })()
  const posts = (async () => {
    while (!until()) {
      const at = performance.now()
      const { id } = await postIncident(gridPoints[0]!.point, '事件推送')
      sent.push({ id, at })
      const wait = POST_EVERY_MS - (performance.now() - at)
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    }
  })()
  await Promise.all([summaries, posts])
  const deadline = performance.now() + 15_000
  while (performance.now() < deadline && sent.some((s) => !stream.received.has(s.id))) await new Promise((r) => setTimeout(r, 20))
  const delivery = sent.flatMap((s) => { const got = stream.received.get(s.id); return got === undefined ? [] : [got - s.at] })
  return { summary, delivery, missed: sent.length - delivery.length }
}

async function evaluationPhase(thread: 'main' | 'worker', stream: Stream): Promise<Phase> {
  let done = false
  const evaluation = fetch(`${base}${ALERTS_FULL_PATH}?thread=${thread}`, { method: 'POST' }).then(async (r) => {
    if (r.status !== 200) throw new Error(`full evaluation: ${r.status} ${await r.text()}`)
    return (await r.json()) as { report: { ms: number; rules: Record<string, { ms: number; reconcileMs: number }> }; loop: { maxMs: number; p99Ms: number } }
  }).finally(() => { done = true })
  const measured = await measure(() => done, stream)
  const { report, loop } = await evaluation
  const reconcileMs = Object.values(report.rules).reduce((n, r) => n + r.reconcileMs, 0)
  const findingsMs = Object.values(report.rules).reduce((n, r) => n + r.ms, 0) - reconcileMs
  return { ...measured, evaluation: { ms: report.ms, findingsMs, reconcileMs, loop } }
}

const now = Number(await (await fetch(`${base}${ALERTS_NOW_PATH}`)).text())

try {
  const stream = openStream()
  await stream.ready
  // The first evaluation raises the alerts; the steady state (every minute on a server) is what is timed.
  for (const thread of ['worker', 'main'] as const) await fetch(`${base}${ALERTS_FULL_PATH}?thread=${thread}`, { method: 'POST' })
  for (let round = 0; round < ROUNDS; round++) {
    const order = (['idle', 'main', 'worker'] as const).map((_, i, a) => a[(i + round) % 3]!)
    for (const phase of order) {
      if (phase === 'idle') {
        const end = performance.now() + IDLE_MS
        phases.idle.push(await measure(() => performance.now() >= end, stream))
      } else {
        phases[phase].push(await evaluationPhase(phase, stream))
      }
      console.log(`round ${round + 1} ${phase} done (load ${load()})`)
    }
  }
  stream.req.destroy()

  const ms = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(1))
  console.log('\nAPI while a full evaluation runs (ms; p50 / p95 / max; n)')
  for (const [name, list] of Object.entries(phases)) {
    const s = list.flatMap((p) => p.summary)
    const d = list.flatMap((p) => p.delivery)
    console.log(`${name.padEnd(7)} summary ${ms(quantile(s, 0.5))} / ${ms(quantile(s, 0.95))} / ${ms(Math.max(...s))} (${s.length})   stream delivery ${ms(quantile(d, 0.5))} / ${ms(quantile(d, 0.95))} / ${ms(Math.max(...d))} (${d.length}, missed ${list.reduce((n, p) => n + p.missed, 0)})`)
  }
  console.log('\nFull evaluation (ms): total, finding, reconciling (API thread), the API thread\'s event-loop delay max / p99 during it')
  for (const name of ['main', 'worker'] as const) {
    for (const p of phases[name]) {
      const e = p.evaluation!
      console.log(`${name.padEnd(7)} ${e.ms}  finding ${e.findingsMs}  reconciling ${e.reconcileMs}  loop delay ${e.loop.maxMs} / ${e.loop.p99Ms}`)
    }
  }

  const inc: { hereMs: number; reconcileMs: number; hereFindingsMs: number; workerRoundTripMs: number }[] = []
  for (const [i, { point }] of gridPoints.entries()) {
    const { grid } = await postIncident(point, `增量 ${i}`)
    const r = await fetch(`${base}${ALERTS_INCREMENTAL_PATH}?grid=${grid}`, { method: 'POST' })
    inc.push(await r.json() as (typeof inc)[number])
  }
  const col = (f: (x: (typeof inc)[number]) => number) => { const v = inc.map(f); return `${ms(quantile(v, 0.5))} / ${ms(quantile(v, 0.95))} / ${ms(Math.max(...v))}` }
  console.log(`\nIncremental evaluation after a change (ms; p50 / p95 / max over ${inc.length} grids)`)
  console.log(`in the API thread, finding and reconciling  ${col((x) => x.hereMs)}   (of it reconciling ${col((x) => x.reconcileMs)})`)
  console.log(`finding only, in the API thread             ${col((x) => x.hereFindingsMs)}`)
  console.log(`finding only, through the worker (round trip) ${col((x) => x.workerRoundTripMs)}`)
} finally {
  console.log(`\nload average at the end: ${load()}`)
  await child.stop()
}
