// Thousands of event-stream clients on the cluster (`npm run cluster`: three API replicas behind HAProxy, PostgreSQL
// with a standby): each a socket of its own through HAProxy, as browsers would be. Once all are open, incidents are
// POSTed a little apart; the delivery time runs from just before a POST is sent to the moment a client has read
// its `incident.created`. Prints connect time, delivery p50/p95/max over every (publish, client) pair, events missed
// (checked against the change feed), how HAProxy spread the streams, the replicas' memory and the load average.
//   node --import tsx bench/cluster-streams.ts [--clients 5000] [--publishes 20] [--gap-ms 500] [--ports A-B]
//     [--maxconn 9000] [--dir D (kept: the logs)]
// Not part of `npm run bench`: it starts a cluster of its own (PostgreSQL, HAProxy) and stops it at the end.
import { readFileSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { haproxyCommand } from '../scripts/cluster/haproxy'
import { serveCluster } from '../scripts/cluster/serve'
import type { ServingCluster } from '../scripts/cluster/serve'
import { missedEvents, openFleet } from '../scripts/failover/event-clients'
import type { Fleet } from '../scripts/failover/event-clients'
import { loadAverage } from '../scripts/failover/faults'
import { leaderAuth } from '../scripts/trust/server-child'
import { portPlan } from '../scripts/failover/ports'
import { quantile } from './stats'

const { values } = parseArgs({
  options: {
    clients: { type: 'string' }, publishes: { type: 'string' }, 'gap-ms': { type: 'string' }, ports: { type: 'string' },
    maxconn: { type: 'string' }, dir: { type: 'string' },
  },
})
const CLIENTS = Number(values.clients ?? 5_000)
const PUBLISHES = Number(values.publishes ?? 20)
const GAP_MS = Number(values['gap-ms'] ?? 500)
// Every held stream is one connection on HAProxy's front and one to a replica; HAProxy needs two descriptors per
// connection and sets its own open-file limit from maxconn (as root), which must stay under the hard limit.
const MAXCONN = Number(values.maxconn ?? 9_000)
const plan = await portPlan(values.ports, 3)
const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'onemap-streams-'))
const INCIDENT = { type: 'road-occupation', point: { lng: 119.708034, lat: 27.559551 }, description: '基准测试：五千路事件推送', source: 'patrol', severity: 'normal' }
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`)

let cluster: ServingCluster | undefined
let fleet: Fleet | undefined
let failed = false
try {
  if (plan.pgPorts) process.env.ONEMAP_PG_PORTS = plan.pgPorts
  log(`open-file limit ${openFiles()}; load ${loadAverage()}`)
  cluster = await serveCluster({
    dir, port: plan.haproxy, replicas: 3, replicaPorts: plan.replicas, preset: 'demo', incidents: 2_000, maxconn: MAXCONN,
    env: { ...process.env, SIMULATE: '0', NODE_ENV: 'production', RATE_LIMIT_INTAKE: 'off' },
    onReplica: (event, replica, detail) => log(`${replica.name} ${event}: ${detail}`),
  })
  log(`cluster serving at ${cluster.url}`)
  const headers = await leaderAuth(cluster.databaseUrl, 'bench streams')
  const openedAt = performance.now()
  const arrivals = new Map<number, number[]>()
  fleet = openFleet(cluster.url, CLIENTS, {
    headers, onIncident: (id, at) => { const list = arrivals.get(id); if (list) list.push(at); else arrivals.set(id, [at]) },
  })
  await Promise.race([fleet.ready, new Promise((_, reject) => setTimeout(() => reject(new Error(`not all ${CLIENTS} streams ready in 180 s (${fleet!.clients.filter((c) => c.startedAfter !== null).length})`)), 180_000))])
  const connectMs = performance.now() - openedAt
  const spread = await streamsPerReplica(cluster)
  log(`${CLIENTS} streams ready in ${Math.round(connectMs)} ms; HAProxy's current sessions per replica ${spread}; load ${loadAverage()}`)
  const firstStart = Math.min(...fleet.clients.map((c) => c.startedAfter!))

  const sent: { id: number; at: number }[] = []
  for (let i = 0; i < PUBLISHES; i++) {
    const at = performance.now()
    const res = await fetch(`${cluster.url}/api/incidents`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(INCIDENT) })
    if (res.status !== 201) throw new Error(`POST /api/incidents: ${res.status} ${await res.text()}`)
    const { id } = await res.json() as { id: number }
    // The event may arrive before the POST's answer: arrivals are kept by incident id and timed from the send.
    sent.push({ id, at })
    await new Promise((r) => setTimeout(r, GAP_MS))
  }
  const sql = postgres(cluster.databaseUrl, { max: 1, onnotice: () => {} })
  const feed = (await sql<{ id: number }[]>`SELECT id::int AS id FROM events WHERE id > ${firstStart} ORDER BY id`).map((r) => r.id)
  await sql.end({ timeout: 1 })
  const last = feed.at(-1) ?? firstStart
  const deadline = performance.now() + 30_000
  while (fleet.clients.some((c) => c.lastId < last) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  const { missed, clientsMissing } = missedEvents(fleet.clients, feed)
  const reconnects = fleet.clients.reduce((n, c) => n + c.reconnects.length, 0)
  const refusals = new Map<string, number>()
  for (const c of fleet.clients) for (const [s, n] of c.refusals) refusals.set(s, (refusals.get(s) ?? 0) + n)
  const latencies = sent.flatMap((s) => (arrivals.get(s.id) ?? []).map((t) => t - s.at)).sort((a, b) => a - b)
  log(`${PUBLISHES} incidents ${GAP_MS} ms apart to ${CLIENTS} clients: ${latencies.length} deliveries timed, delivery p50 ${Math.round(quantile(latencies, 0.5))} ms, ` +
    `p95 ${Math.round(quantile(latencies, 0.95))} ms, max ${Math.round(latencies.at(-1) ?? NaN)} ms; ${missed} events missed by ${clientsMissing} clients ` +
    `(${feed.length} in the feed); ${reconnects} reconnects after the first ready; stream opens refused ${[...refusals].map(([k, n]) => `${k}×${n}`).join(' ') || 'none'}; replicas' RSS ${rss(cluster)}; load ${loadAverage()}`)
  failed = missed > 0
} catch (error) {
  console.error(`the run stopped: ${(error as Error).message}`)
  failed = true
} finally {
  fleet?.close()
  await cluster?.stop()
  if (!values.dir) rmSync(dir, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)

async function streamsPerReplica(c: ServingCluster): Promise<string> {
  const csv = await haproxyCommand(c.haproxySocket, 'show stat')
  const [header, ...rows] = csv.trim().split('\n')
  const columns = header!.replace(/^# /, '').split(',')
  return rows.map((r) => r.split(',')).filter((r) => r[columns.indexOf('pxname')] === 'replicas' && r[columns.indexOf('svname')]!.startsWith('api'))
    .map((r) => `${r[columns.indexOf('svname')]} ${r[columns.indexOf('scur')]}`).join(', ')
}

function rss(c: ServingCluster): string {
  return c.replicas.map((r) => {
    try {
      const kb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${r.pid}/status`, 'utf8'))?.[1])
      return `${r.name} ${Math.round(kb / 1024)} MB`
    } catch { return `${r.name} ?` }
  }).join(', ')
}

function openFiles(): string {
  return /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.slice(1, 3).join(' / ') ?? '?'
}
