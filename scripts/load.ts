// `npm run load`: the real server (api/server.ts, demo preset, simulator off) under load, printing the figures.
//   1. autocannon, 100 connections for 30 s each, on the summary, the township and grid choropleths, an incident
//      tile and a grid tile: requests/s, p50/p99 latency, errors. Any error or non-2xx fails the run.
//   2. 1,000 concurrent event-stream (SSE) clients, each on its own socket; incidents are POSTed while they are
//      held, and every client must receive every incident.created event. Prints connect and delivery times.
// Each endpoint gets a 3 s warm-up at 10 connections first, not counted.
// LOAD_SECONDS (default 30), LOAD_CONNECTIONS (100), LOAD_SSE_CLIENTS (1000), LOAD_EVENTS (50) change the run.
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { ensureBuilt, freePort, leaderAuth, startServer } from './trust/server-child'

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30)
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100)
const SSE_CLIENTS = Number(process.env.LOAD_SSE_CLIENTS ?? 1000)
const EVENTS = Number(process.env.LOAD_EVENTS ?? 50)
const failures: string[] = []
/** A county leader's token (leaderAuth): the API needs a principal; the leader reads the whole county. */
let auth: Record<string, string> = {}

async function hammer(name: string, url: string) {
  // Warm-up, not counted: the first requests pay for JIT compilation and SQLite's page cache.
  await autocannon({ url, connections: 10, duration: 3, headers: auth })
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: auth })
  const errors = r.errors + r.non2xx // autocannon's errors include its time-outs
  const line = `${name.padEnd(34)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(5)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  max ${String(r.latency.max).padStart(5)} ms  ${r.requests.total} requests, ${r.errors} errors, ${r.timeouts} time-outs, ${r.non2xx} non-2xx`
  console.log(line)
  if (errors > 0) failures.push(`${name}: ${errors} failed requests`)
  if (r.requests.total === 0) failures.push(`${name}: no request completed`)
}

interface SseClient { got: Set<number>; ready: Promise<void>; close: () => void }

function sseClient(base: string): SseClient {
  const got = new Set<number>()
  let req: http.ClientRequest
  const ready = new Promise<void>((resolve, reject) => {
    // agent: false — a socket of its own per client, as 1,000 browsers would have.
    req = http.get(`${base}/api/stream`, { agent: false, headers: { Accept: 'text/event-stream', ...auth } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream: HTTP ${res.statusCode}`))
      res.setEncoding('utf8')
      let buf = ''
      res.on('data', (chunk: string) => {
        buf += chunk
        let end: number
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, end)
          buf = buf.slice(end + 2)
          const event = /^event: (.*)$/m.exec(frame)?.[1]
          if (event === 'ready') resolve()
          if (event === 'incident.created') {
            const data = JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? '{}')
            const id = Number(data.id ?? data.properties?.id)
            if (Number.isFinite(id)) got.add(id)
          }
        }
      })
      res.on('error', reject)
    })
    req.on('error', reject)
  })
  return { got, ready, close: () => req.destroy() }
}

async function sse(base: string) {
  const t0 = Date.now()
  const clients: SseClient[] = []
  for (let i = 0; i < SSE_CLIENTS; i++) clients.push(sseClient(base))
  const results = await Promise.allSettled(clients.map((c) => c.ready))
  const connected = results.filter((r) => r.status === 'fulfilled').length
  const connectMs = Date.now() - t0
  if (connected < SSE_CLIENTS) failures.push(`event stream: ${SSE_CLIENTS - connected} of ${SSE_CLIENTS} clients could not connect (${(results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined)?.reason})`)

  const t1 = Date.now()
  const ids: number[] = []
  for (let i = 0; i < EVENTS; i++) {
    const res = await fetch(`${base}/api/incidents`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({ type: 'road-occupation', source: 'app', point: { lng: 119.708034, lat: 27.559551 }, description: `load-${i}` }),
    })
    if (res.status !== 201) { failures.push(`event stream: POST ${i} got ${res.status} ${await res.text()}`); continue }
    const id = (await res.json() as { id: number }).id
    ids.push(id)
  }
  // Wait until every client has every event, or 60 s.
  const deadline = Date.now() + 60_000
  const complete = () => clients.every((c) => ids.every((id) => c.got.has(id)))
  while (!complete() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  const deliveredMs = Date.now() - t1
  const short = clients.filter((c) => !ids.every((id) => c.got.has(id)))
  const delivered = clients.reduce((n, c) => n + ids.filter((id) => c.got.has(id)).length, 0)
  console.log(`event stream: ${connected}/${SSE_CLIENTS} clients held (all ready in ${connectMs} ms); ${ids.length} incidents POSTed → ${delivered}/${ids.length * SSE_CLIENTS} events delivered in ${deliveredMs} ms; ${short.length} clients missed an event`)
  if (short.length) failures.push(`event stream: ${short.length} clients missed at least one of ${ids.length} events`)
  clients.forEach((c) => c.close())
}

async function main() {
  ensureBuilt()
  const dir = mkdtempSync(join(tmpdir(), 'onemap-load-'))
  const started = Date.now()
  // Rate limit off: autocannon and the SSE check are one client at rates no person produces.
  const server = await startServer(await freePort(), join(dir, 'onemap.db'), { RATE_LIMIT_INTAKE: 'off' })
  auth = await leaderAuth(join(dir, 'onemap.db'), 'load script')
  const { execSync } = await import('node:child_process')
  console.log(`load: server ${server.url} (demo preset seeded in ${((Date.now() - started) / 1000).toFixed(1)} s); ulimit -n ${execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim()}; ${CONNECTIONS} connections × ${SECONDS} s per endpoint`)
  try {
    const base = server.url
    await hammer('GET /api/metrics/summary', `${base}/api/metrics/summary`)
    await hammer('GET choropleth level=township', `${base}/api/metrics/choropleth?level=township&metric=reports`)
    await hammer('GET choropleth level=grid', `${base}/api/metrics/choropleth?level=grid&metric=overdueRate`)
    // The tiles that hold 罗阳镇 (the county seat, the busiest place): an incident tile at county zoom, a grid tile.
    for (const tile of ['incidents/10/852/430', 'grids/12/3410/1721']) {
      // A tile with content: an empty one (204) would make the figure meaningless.
      const probe = await fetch(`${base}/api/tiles/${tile}.mvt`, { headers: auth })
      const bytes = (await probe.arrayBuffer()).byteLength
      if (probe.status !== 200 || bytes === 0) failures.push(`tile ${tile}: HTTP ${probe.status}, ${bytes} bytes; expected a tile with content`)
      else await hammer(`GET /api/tiles/${tile} (${bytes} B)`, `${base}/api/tiles/${tile}.mvt`)
    }
    await sse(base)
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  if (failures.length) {
    console.log(`FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`)
    process.exit(1)
  }
  console.log('PASSED: 0 errors on every endpoint; every event-stream client received every event')
}

main().catch((err) => { console.error(err); process.exit(1) })
