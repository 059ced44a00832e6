// Bar 8: publish → receive latency of the event stream with 1,000 clients ÷ with 10. Each client is a
// node:http GET of /api/stream that reads the text/event-stream as an EventSource would (the runner process
// holds them all; the server is the app child). A publish is a POSTed incident; the time runs from just before
// the POST is sent to the moment each client has read that incident's `incident.created` event. The two client
// counts alternate, each round publishing PUBLISHES incidents a little apart, and the p95 is over every
// (publish, client) pair of that count.
import { readFileSync } from 'node:fs'
import { Agent } from 'node:http'
import { openIncidentStream } from './incident-stream'
import type { IncidentStream } from './incident-stream'
import { quantile } from './stats'

export interface SseSide { clients: number; samples: number; p50: number; p95: number; max: number; missed: number }
export interface SseResult { few: SseSide; many: SseSide; ratio: number; fdLimit: string }

const PUBLISHES = 10
const GAP_MS = 150

async function post(base: string, body: unknown): Promise<{ id: number }> {
  const res = await fetch(`${base}/api/incidents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  if (res.status !== 201) throw new Error(`POST /api/incidents: ${res.status} ${await res.text()}`)
  return (await res.json()) as { id: number }
}

const INCIDENT = { type: 'road-occupation', point: { lng: 119.708034, lat: 27.559551 }, description: '基准测试：事件推送', source: 'patrol', severity: 'normal' }

async function measure(base: string, n: number): Promise<{ latencies: number[]; missed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity })
  const clients: IncidentStream[] = Array.from({ length: n }, () => openIncidentStream(base, agent))
  let readyCount = 0
  for (const c of clients) void c.ready.then(() => { readyCount++ })
  const ready = Promise.all(clients.map((c) => c.ready))
  try {
    await Promise.race([ready, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${readyCount} of ${n} streams ready after 60 s`)), 60_000))])
    const sent: { id: number; at: number }[] = []
    for (let i = 0; i < PUBLISHES; i++) {
      const at = performance.now()
      const { id } = await post(base, INCIDENT)
      sent.push({ id, at })
      await new Promise((r) => setTimeout(r, GAP_MS))
    }
    // Let the last events arrive everywhere.
    const deadline = performance.now() + 10_000
    while (performance.now() < deadline && clients.some((c) => sent.some((s) => !c.received.has(s.id)))) await new Promise((r) => setTimeout(r, 50))
    const latencies: number[] = []
    let missed = 0
    for (const c of clients) for (const s of sent) {
      const got = c.received.get(s.id)
      if (got === undefined) missed++
      else latencies.push(got - s.at)
    }
    return { latencies, missed }
  } finally {
    for (const c of clients) c.req.destroy()
    agent.destroy()
  }
}

function side(clients: number, runs: { latencies: number[]; missed: number }[]): SseSide {
  const all = runs.flatMap((r) => r.latencies).sort((a, b) => a - b)
  return { clients, samples: all.length, p50: quantile(all, 0.5), p95: quantile(all, 0.95), max: all.at(-1) ?? NaN, missed: runs.reduce((n, r) => n + r.missed, 0) }
}

export async function benchSse(base: string, few = 10, many = 1000, rounds = 2): Promise<SseResult> {
  const a: { latencies: number[]; missed: number }[] = []
  const b: { latencies: number[]; missed: number }[] = []
  for (let r = 0; r < rounds; r++) {
    a.push(await measure(base, few))
    b.push(await measure(base, many))
  }
  const fewSide = side(few, a)
  const manySide = side(many, b)
  return { few: fewSide, many: manySide, ratio: manySide.p95 / fewSide.p95, fdLimit: fdLimit() }
}

/** The runner's open-file limit: 1,000 streams need 1,000 sockets here and as many in the server. */
function fdLimit(): string {
  try {
    return /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.slice(1, 3).join(' / ') ?? '?'
  } catch { return '?' }
}
