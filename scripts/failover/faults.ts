// The three faults of `npm run failover`, each done to a running cluster while the event-stream clients and the
// intake run, each returning its figures and the promises it found broken (as sentences).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import postgres from 'postgres'
import { killAndWatch } from '../cluster/failover'
import type { FailoverFigures } from '../cluster/failover'
import type { ServingCluster } from '../cluster/serve'
import type { EventClient } from './event-clients'

/** A client must have its stream back within this after losing it. */
export const RECONNECT_BOUND_MS = 5_000
/** Every replica must take writes again within this of the primary's return. */
export const RECOVERY_BOUND_MS = 10_000
/** Reads must be served by the primary within this of the standby's stop. */
export const READS_MOVED_BOUND_MS = 5_000

export interface FaultResult { lines: string[]; problems: string[] }

export const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const reconnectsSince = (clients: readonly EventClient[], marks: number[]) => clients.flatMap((c, i) => c.reconnects.slice(marks[i]))

/** (a) kill -9 an API replica `kills` times, a different one each time; the cluster restarts each. */
export async function killReplicas(cluster: ServingCluster, clients: readonly EventClient[], kills: number): Promise<FaultResult> {
  const lines: string[] = []
  const problems: string[] = []
  for (let k = 0; k < kills; k++) {
    const replica = cluster.replicas[k % cluster.replicas.length]!
    const marks = clients.map((c) => c.reconnects.length)
    const f: FailoverFigures = await killAndWatch({
      url: cluster.url, socket: cluster.haproxySocket, name: replica.name, port: replica.port, pid: () => replica.pid,
    }, { clients: 2, timeoutMs: 120_000 })
    // The streams cut by the kill reconnect within a second or two; wait for the stragglers' bound.
    const deadline = performance.now() + RECONNECT_BOUND_MS * 2
    while (clients.some((c) => !c.live) && performance.now() < deadline) await sleep(100)
    const took = reconnectsSince(clients, marks).sort((a, b) => a - b)
    const down = clients.filter((c) => !c.live).length
    lines.push(`kill ${k + 1}: ${replica.name} pid ${f.killedPid} → ${f.newPid}; out of rotation ${f.outOfRotationMs} ms, ` +
      `restarted ${f.restartedMs} ms, answering ${f.answersMs} ms, back in rotation ${f.backInRotationMs} ms; ` +
      `${took.length} streams reconnected, slowest ${Math.round(took.at(-1) ?? 0)} ms; health probes ${f.failed}/${f.requests} failed; load ${loadAverage()}`)
    if (down) problems.push(`kill ${k + 1}: ${down} clients had no stream ${RECONNECT_BOUND_MS * 2 / 1000} s after ${replica.name} came back`)
    const slow = took.filter((ms) => ms > RECONNECT_BOUND_MS)
    if (slow.length) problems.push(`kill ${k + 1}: ${slow.length} clients took more than ${RECONNECT_BOUND_MS / 1000} s to reconnect (slowest ${Math.round(slow.at(-1)!)} ms)`)
    if (f.failedAfterKill) problems.push(`kill ${k + 1}: ${f.failedAfterKill} health requests through HAProxy failed after the kill (${f.failures.join('; ')})`)
    await sleep(1_000)
  }
  return { lines, problems }
}

/** A write through one replica, straight to its port: 201 once it reaches the primary again. */
async function writesThrough(url: string, headers: Record<string, string>, body: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/incidents`, {
      method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers }, signal: AbortSignal.timeout(5_000),
    })
    await res.arrayBuffer()
    return res.status === 201
  } catch {
    return false
  }
}

/**
 * (b) the primary restarted as a crash would (`pg_ctl restart -m immediate`), down for `downMs`. Times, from its
 * return: each replica's first write taken again (a probe write straight to its port), and every client's first
 * event committed after the return.
 */
export async function restartPrimary(cluster: ServingCluster, clients: readonly EventClient[], headers: Record<string, string>, downMs: number, tag: string): Promise<FaultResult> {
  const problems: string[] = []
  const began = performance.now()
  await cluster.primary.restart(downMs)
  const back = performance.now()
  const since = () => Math.round(performance.now() - back)
  const recovered = await Promise.all(cluster.replicas.map(async (r) => {
    const body = JSON.stringify({ type: 'road-occupation', severity: 'normal', source: 'app', point: { lng: 119.708034, lat: 27.559551 }, description: `probe-${tag}-${r.name}` })
    while (since() < RECOVERY_BOUND_MS * 3) {
      if (await writesThrough(r.url, headers, body)) return { name: r.name, ms: since() }
      await sleep(100)
    }
    return { name: r.name, ms: -1 }
  }))
  const sql = postgres(cluster.databaseUrl, { max: 1, onnotice: () => {} })
  let eventsMs = -1
  try {
    const [row] = await sql<{ id: number }[]>`SELECT coalesce(max(id), 0)::int AS id FROM events`
    const mark = row!.id
    while (since() < RECOVERY_BOUND_MS * 3) {
      if (clients.every((c) => c.lastId > mark)) { eventsMs = since(); break }
      await sleep(100)
    }
  } finally {
    await sql.end({ timeout: 1 })
  }
  /** -1: not seen while the drill watched (three times the bound). */
  const after = (ms: number) => ms < 0 ? `not within ${(RECOVERY_BOUND_MS * 3) / 1000} s` : `after ${ms} ms`
  const lines = [`primary down ${Math.round(back - began)} ms (immediate stop, ${downMs} ms pause, start); after its return: ` +
    `${recovered.map((r) => `${r.name} took writes ${after(r.ms)}`).join(', ')}; every client had an event committed after the return ` +
    `${after(eventsMs)}; load ${loadAverage()}`]
  for (const r of recovered) {
    if (r.ms < 0 || r.ms > RECOVERY_BOUND_MS) problems.push(`${r.name} did not take writes within ${RECOVERY_BOUND_MS / 1000} s of the primary's return (${after(r.ms)})`)
  }
  if (eventsMs < 0 || eventsMs > RECOVERY_BOUND_MS) problems.push(`events did not reach every client within ${RECOVERY_BOUND_MS / 1000} s of the primary's return (${after(eventsMs)})`)
  return { lines, problems }
}

/** Lines of a replica's log from byte `from` on. */
const logSince = (dir: string, name: string, from: number) => readFileSync(join(dir, `${name}.log`)).subarray(from).toString('utf8')
const logSize = (dir: string, name: string) => readFileSync(join(dir, `${name}.log`)).length

/**
 * (c) the standby stopped while readers ask HAProxy for lists and figures: every read must still be answered
 * (200), and every replica must have set the standby aside — reading from the primary — within the bound.
 */
export async function stopStandby(cluster: ServingCluster, dir: string, headers: Record<string, string>): Promise<FaultResult> {
  const problems: string[] = []
  const paths = ['/api/incidents?limit=50&fields=map', '/api/metrics/summary', '/api/metrics/choropleth?level=township&metric=reports']
  const marks = new Map(cluster.replicas.map((r) => [r.name, logSize(dir, r.name)]))
  let reading = true
  let stoppedAt = Infinity
  const failed: string[] = []
  let reads = 0
  let slowest = 0
  const reader = async (i: number) => {
    for (let n = i; reading; n++) {
      const began = performance.now()
      try {
        const res = await fetch(`${cluster.url}${paths[n % paths.length]}`, { headers, signal: AbortSignal.timeout(15_000) })
        await res.arrayBuffer()
        if (res.status !== 200) failed.push(`HTTP ${res.status}`)
      } catch (error) {
        failed.push((error as Error).message)
      }
      reads++
      if (began > stoppedAt) slowest = Math.max(slowest, performance.now() - began)
    }
  }
  const readers = Array.from({ length: 6 }, (_, i) => reader(i))
  await sleep(1_000)
  stoppedAt = performance.now()
  const stopping = cluster.standby.stop()
  const setAside = new Map<string, number>()
  while (setAside.size < cluster.replicas.length && performance.now() - stoppedAt < READS_MOVED_BOUND_MS * 4) {
    for (const r of cluster.replicas) {
      if (!setAside.has(r.name) && logSince(dir, r.name, marks.get(r.name)!).includes('standby: set aside')) setAside.set(r.name, Math.round(performance.now() - stoppedAt))
    }
    await sleep(50)
  }
  await stopping
  await sleep(2_000)
  reading = false
  await Promise.all(readers)
  const lines = [`standby stopped: ${[...setAside].map(([name, ms]) => `${name} reads from the primary after ${ms} ms`).join(', ')}; ` +
    `${reads} reads through HAProxy, ${failed.length} failed, slowest after the stop ${Math.round(slowest)} ms; load ${loadAverage()}`]
  for (const r of cluster.replicas) {
    const ms = setAside.get(r.name)
    if (ms === undefined || ms > READS_MOVED_BOUND_MS) problems.push(`${r.name} did not move its reads to the primary within ${READS_MOVED_BOUND_MS / 1000} s (${ms ?? 'never'})`)
  }
  if (failed.length) problems.push(`${failed.length} reads failed while the standby stopped (${[...new Set(failed)].slice(0, 3).join('; ')})`)
  return { lines, problems }
}
