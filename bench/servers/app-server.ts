// Child process: the real app (createApp, the same routes and middleware api/server.ts serves under /api) over
// a benchmark database, on 127.0.0.1 through @hono/node-server, with no simulator and the clock pinned to the
// data's `now` so a reused database answers the same "last 30 days" as a fresh one. Not api/server.ts itself:
// that one also needs a built SPA (dist/web), and this one must carry a bench-only route (below), which stays
// out of the product. A child process rather than in the runner, so its RSS is the server's alone.
//
// Env: BENCH_DB (a SQLite path or a postgres:// URL), BENCH_NOW (epoch ms). Prints `listening <port>` once ready; SIGTERM stops it.
import { serve } from '@hono/node-server'
import { createApp } from '../../api/app'
import { loadRegions } from '../../api/services/regions'
import { openStore } from '../../api/store'
import { benchLeader } from './bench-leader'
import { MEMORY_PATH, SUMMARY_PATH } from './paths'

const dbPath = process.env.BENCH_DB
const now = Number(process.env.BENCH_NOW)
if (!dbPath || !Number.isSafeInteger(now)) throw new Error('BENCH_DB and BENCH_NOW (epoch ms) are required')

const store = await openStore(dbPath)
const { app, accounts } = await createApp({ regions: loadRegions(), store, now: () => now })
const { secret, withLeader } = await benchLeader(accounts)

// Bar 1's denominator: the county summary's exact bytes and content type, answered from memory by the
// same server, through the same /api middleware (compress), so the ratio isolates the work of computing it.
// Registered before the first request: Hono's router refuses routes once it has matched one.
let memory: { body: string; type: string } | null = null
app.get(MEMORY_PATH, (c) => (memory ? c.body(memory.body, 200, { 'Content-Type': memory.type }) : c.text('not ready', 503)))
const first = await app.request(SUMMARY_PATH, { headers: { Authorization: `Bearer ${secret}` } })
memory = { body: await first.text(), type: first.headers.get('Content-Type') ?? 'application/json' }

const server = serve({ fetch: (req, env) => app.fetch(withLeader(req), env), port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`))
const stop = () => {
  server.close()
  void store.close().finally(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
