// `npm run failover`: the cluster of `npm run cluster` (PostgreSQL primary + streaming standby, API replicas,
// HAProxy; all on loopback) under a steady load — event-stream clients through HAProxy that reconnect with
// Last-Event-ID as browsers do, and an intake of new incidents sent with Idempotency-Key — while three faults are
// done to it in turn:
//   (a) kill -9 an API replica, five times (the cluster restarts each): every client has its stream back within
//       5 s and misses no event, no acknowledged write is lost, nobody sees a 5xx other than 503;
//   (b) the primary restarted as a crash would (pg_ctl restart -m immediate): writes meanwhile get 503 with
//       Retry-After (never 500), every replica takes writes again within 10 s of the primary's return by itself,
//       no acknowledged write is lost, and the figures equal their recomputation from the rows after;
//   (c) the standby stopped: every read is still answered, from the primary within 5 s.
// Then: every acknowledged write stored exactly once, no half-written record, no event missed by any client.
// Prints the figures of each fault (with the load average: the machine may be shared) and exits 1 on any failure.
// Bounded in time: every wait has a deadline; the cluster is stopped at the end whatever happened.
//
//   npm run failover [-- --ports A-B] [--clients 100] [--rate 200] [--kills 5] [--incidents 2000]
//                       [--primary-down-ms 3000] [--faults a,b,c] [--dir D]
// --ports confines every listening port to A-B (HAProxy, three for PostgreSQL, one per replica: at least 7); else
// HAProxy takes $PORT or 8787 and the rest any free port. The intake's rate limit is off in the replicas (the run
// sends a county's intake from one client).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { openStore } from '../api/store'
import { serveCluster } from './cluster/serve'
import type { ServingCluster } from './cluster/serve'
import { checkFigures, checkWrites } from './failover/checks'
import { missedEvents, openFleet } from './failover/event-clients'
import type { Fleet } from './failover/event-clients'
import { killReplicas, loadAverage, restartPrimary, stopStandby } from './failover/faults'
import type { FaultResult } from './failover/faults'
import { startIntake } from './failover/intake'
import type { Intake } from './failover/intake'
import { leaderAuth } from './trust/server-child'
import { portPlan } from './failover/ports'

const { values } = parseArgs({
  options: {
    ports: { type: 'string' }, clients: { type: 'string' }, rate: { type: 'string' }, kills: { type: 'string' },
    incidents: { type: 'string' }, 'primary-down-ms': { type: 'string' }, faults: { type: 'string' }, dir: { type: 'string' },
  },
  strict: true,
})
const CLIENTS = Number(values.clients ?? 100)
const RATE = Number(values.rate ?? 200)
const KILLS = Number(values.kills ?? 5)
const INCIDENTS = Number(values.incidents ?? 2_000)
const PRIMARY_DOWN_MS = Number(values['primary-down-ms'] ?? 3_000)
const FAULTS = new Set((values.faults ?? 'a,b,c').split(','))
const REPLICAS = 3
const tag = `failover-${Date.now().toString(36)}`
const plan = await portPlan(values.ports, REPLICAS)
const ownDir = values.dir === undefined
const dir = resolve(values.dir ?? mkdtempSync(join(tmpdir(), 'onemap-failover-')))

const failures: string[] = []
const say = (line: string) => console.log(line)
const stamp = () => `${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`
const t0 = performance.now()

let cluster: ServingCluster | undefined
let fleet: Fleet | undefined
let intake: Intake | undefined
let progress: ReturnType<typeof setInterval> | undefined
const abort = new AbortController()
// Ctrl-C ends the run at once: the cluster is stopped (the abort), the clients closed, and the process exits.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (abort.signal.aborted) return
    say(`${signal}: stopping the cluster…`)
    abort.abort()
    clearInterval(progress)
    fleet?.close()
    intake?.stop()
    void (cluster?.stop() ?? Promise.resolve()).finally(() => {
      if (ownDir) rmSync(dir, { recursive: true, force: true })
      process.exit(130)
    })
  })
}

try {
  if (plan.pgPorts) process.env.ONEMAP_PG_PORTS = plan.pgPorts
  say(`${stamp()} starting the cluster (${REPLICAS} replicas, demo preset with ${INCIDENTS} incidents) in ${dir}; load ${loadAverage()}`)
  cluster = await serveCluster({
    dir, port: plan.haproxy, replicas: REPLICAS, replicaPorts: plan.replicas, preset: 'demo', incidents: INCIDENTS,
    env: { ...process.env, SIMULATE: '0', NODE_ENV: 'production', RATE_LIMIT_INTAKE: 'off' },
    signal: abort.signal,
    onReplica: (event, replica, detail) => { if (event !== 'restarted') say(`${stamp()}   ${replica.name} ${event}: ${detail}`) },
  })
  say(`${stamp()} serving at ${cluster.url} (replicas on ${cluster.replicas.map((r) => r.port).join(', ')}; primary ${cluster.primary.port}, standby ${cluster.standby.port})`)
  const headers = await leaderAuth(cluster.databaseUrl, 'npm run failover')

  fleet = openFleet(cluster.url, CLIENTS, { headers })
  await within(60_000, fleet.ready, `${CLIENTS} event streams ready`)
  const firstStart = Math.min(...fleet.clients.map((c) => c.startedAfter!))
  say(`${stamp()} ${CLIENTS} event streams open; intake at ${RATE}/s`)
  intake = startIntake(cluster.url, headers, RATE, tag)
  // A line every 15 s: what the intake achieves and how many streams are held, on a machine that may be crowded.
  let ackedBefore = 0
  progress = setInterval(() => {
    const acked = intake!.acked.size
    say(`${stamp()}   … ${((acked - ackedBefore) / 15).toFixed(0)} writes/s acknowledged, ${intake!.pending} pending, ` +
      `${fleet!.clients.filter((c) => c.live).length}/${CLIENTS} streams live; load ${loadAverage()}`)
    ackedBefore = acked
  }, 15_000)
  await sleep(3_000)
  const report = (name: string, result: FaultResult) => {
    for (const line of result.lines) say(`${stamp()} ${name} ${line}`)
    for (const p of result.problems) failures.push(`${name}: ${p}`)
  }
  const statusLine = () => `intake ${[...intake!.statuses].map(([s, n]) => `${s}×${n}`).join(' ')}, ${intake!.acked.size} acknowledged, ${intake!.pending} pending`

  if (FAULTS.has('a')) {
    say(`${stamp()} (a) kill -9 a replica ${KILLS} times`)
    report('(a)', await killReplicas(cluster, fleet.clients, KILLS))
    say(`${stamp()} (a) ${statusLine()}`)
  }
  if (FAULTS.has('b')) {
    say(`${stamp()} (b) restart the primary (immediate stop, ${PRIMARY_DOWN_MS} ms down)`)
    const before = new Map(intake.statuses)
    report('(b)', await restartPrimary(cluster, fleet.clients, headers, PRIMARY_DOWN_MS, tag))
    const during = [...intake.statuses].map(([s, n]) => [s, n - (before.get(s) ?? 0)] as const).filter(([, n]) => n > 0)
    say(`${stamp()} (b) answers to the intake from the primary's stop to every replica's recovery: ${during.map(([s, n]) => `${s}×${n}`).join(' ')}`)
    // The figures, with the intake paused so the rows stand still while they are compared.
    await intake.pause(60_000)
    await standbyCaughtUp(cluster, 30_000)
    const store = await openStore(cluster.databaseUrl)
    try {
      const problems = await checkFigures(store, (path) => getJson(`${cluster!.url}${path}`, headers))
      say(`${stamp()} (b) figures after the restart: summary and choropleths ${problems.length ? 'DIFFER from' : 'equal'} their recomputation from the rows`)
      for (const p of problems) failures.push(`(b) ${p}`)
    } finally {
      await store.close()
    }
    intake.resume()
  }
  if (FAULTS.has('c')) {
    say(`${stamp()} (c) stop the standby`)
    report('(c)', await stopStandby(cluster, dir, headers))
  }

  // The end: every write acknowledged, every event delivered, every acknowledged write stored once.
  await intake.pause(60_000)
  say(`${stamp()} ${statusLine()}`)
  if (intake.pending) failures.push(`${intake.pending} writes were never acknowledged (retried for a minute after the intake stopped)`)
  if (intake.wrongCount) failures.push(`${intake.wrongCount} answers broke the promise (5xx other than 503, 503 without Retry-After, or a refusal): ${intake.wrong.join(' | ')}`)
  const feed = await feedAfter(cluster.databaseUrl, firstStart)
  const last = feed.at(-1) ?? firstStart
  const deadline = performance.now() + 30_000
  while (fleet.clients.some((c) => c.lastId < last) && performance.now() < deadline) await sleep(200)
  const { missed, clientsMissing } = missedEvents(fleet.clients, feed)
  const reconnects = fleet.clients.flatMap((c) => c.reconnects).sort((a, b) => a - b)
  const refusals = new Map<string, number>()
  for (const c of fleet.clients) for (const [s, n] of c.refusals) refusals.set(s, (refusals.get(s) ?? 0) + n)
  const resets = fleet.clients.reduce((n, c) => n + c.resets, 0)
  const repeated = fleet.clients.reduce((n, c) => n + c.repeated, 0)
  say(`${stamp()} events: ${feed.length} in the feed during the run, ${missed} missed by ${clientsMissing} of ${CLIENTS} clients, ` +
    `${resets} resets, ${repeated} repeated; ${reconnects.length} reconnects, p50 ${pct(reconnects, 0.5)} ms, p95 ${pct(reconnects, 0.95)} ms, ` +
    `max ${pct(reconnects, 1)} ms; stream refusals ${[...refusals].map(([s, n]) => `${s}×${n}`).join(' ') || 'none'}`)
  if (missed) failures.push(`${missed} events missed by ${clientsMissing} clients`)
  if (resets) failures.push(`${resets} streams were reset (more missed than the server replays)`)
  const badRefusals = [...refusals].filter(([s]) => /^5/.test(s) && s !== '503')
  if (badRefusals.length) failures.push(`event streams refused with ${badRefusals.map(([s, n]) => `${s}×${n}`).join(', ')}`)
  const store = await openStore(cluster.databaseUrl)
  try {
    const { stored, problems } = await checkWrites(store, tag, intake.acked)
    say(`${stamp()} writes: ${stored} stored for ${intake.acked.size} acknowledged; load ${loadAverage()}`)
    for (const p of problems) failures.push(`writes: ${p}`)
  } finally {
    await store.close()
  }
} catch (error) {
  failures.push(`the run stopped: ${(error as Error).message}`)
} finally {
  clearInterval(progress)
  fleet?.close()
  intake?.stop()
  await cluster?.stop()
  if (ownDir) rmSync(dir, { recursive: true, force: true })
}
say(`${stamp()} ${failures.length ? `FAILED:\n  ${failures.join('\n  ')}` : 'every promise held'}`)
process.exit(failures.length ? 1 : 0)

function sleep(ms: number) { return new Promise((r) => setTimeout(r, ms)) }

function pct(sorted: number[], q: number): number {
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!) : 0
}

async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`not ${what} within ${ms / 1000} s`)), ms) })])
  } finally {
    clearTimeout(timer)
  }
}

/** A county leader's API token, made in the database as `npm run user` would: it reads and writes the county. */
async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) })
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`)
  return res.json()
}

/** The ids of the change feed after `id`, ascending, from the primary. */
async function feedAfter(databaseUrl: string, id: number): Promise<number[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  try {
    return (await sql<{ id: number }[]>`SELECT id::int AS id FROM events WHERE id > ${id} ORDER BY id`).map((r) => r.id)
  } finally {
    await sql.end({ timeout: 1 })
  }
}

/** Waits until the standby has replayed all the primary has written (a figure read there must see every row). */
async function standbyCaughtUp(c: ServingCluster, ms: number): Promise<void> {
  const sql = postgres(c.primary.url, { max: 1, onnotice: () => {} })
  try {
    const deadline = performance.now() + ms
    for (;;) {
      const rows = await sql<{ lag: number }[]>`SELECT coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), -1)::float8 AS lag FROM pg_stat_replication`
      if (rows.length && rows.every((r) => r.lag === 0)) return
      if (performance.now() > deadline) throw new Error(`the standby did not catch up within ${ms / 1000} s`)
      await sleep(100)
    }
  } finally {
    await sql.end({ timeout: 1 })
  }
}
