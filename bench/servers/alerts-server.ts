// Child process for bench/alerts-worker.ts: the real app over a benchmark database with the clock pinned to the
// data's `now` (meta generated_at, or BENCH_NOW), and two bench-only routes that run an alert evaluation on
// demand, full or incremental, with its findings computed in the API's thread (as before the worker) or in the
// worker thread (as the server runs it now). While one runs, the runner times the product's own routes
// and event stream against this server. Each answer says how long the event loop could not turn
// during the evaluation.
//
// Env: BENCH_DB (a SQLite path or a postgres:// URL), BENCH_NOW (optional). Prints `listening <port>`; SIGTERM stops it.
import { serve } from '@hono/node-server'
import { createApp } from '../../api/app'
import { alertPlaces } from '../../api/services/alerts/alert-record'
import { startFindingsThread } from '../../api/services/alerts/findings-thread'
import { inProcessFindings } from '../../api/services/alerts/rule-findings'
import { rulePlaces } from '../../api/services/alerts/rule-places'
import { loadRegions } from '../../api/services/regions'
import { openStore } from '../../api/store'
import { storeLocation } from '../../api/store/read-only'
import { benchLeader } from './bench-leader'
import { ALERTS_FULL_PATH, ALERTS_INCREMENTAL_PATH, ALERTS_NOW_PATH } from './paths'

const dbPath = process.env.BENCH_DB
if (!dbPath) throw new Error('BENCH_DB is required')
const store = await openStore(dbPath)
const now = Number(process.env.BENCH_NOW ?? await store.meta.value('generated_at'))
if (!Number.isSafeInteger(now)) throw new Error('BENCH_NOW (epoch ms) is required when the database has no generated_at')
const regions = loadRegions()
const { app, accounts, services } = await createApp({ regions, store, now: () => now })
const { withLeader } = await benchLeader(accounts)
const evaluator = services.alerts.evaluator
const places = rulePlaces(regions, alertPlaces(regions))
const here = inProcessFindings(store, places)
const findingsThread = startFindingsThread({ location: storeLocation(store)!, places, onTrouble: (m) => console.error(m) })

// How long the event loop could not turn: a 10 ms timer's lateness, sampled while an evaluation runs. (A histogram
// armed only during the evaluation sees nothing when the evaluation holds the loop from start to end: the timer
// never fires before it is disarmed.)
let lag = { maxMs: 0, blockedMs: 0 }
let last = performance.now()
setInterval(() => {
  const t = performance.now()
  const late = t - last - 10
  last = t
  if (late > lag.maxMs) lag.maxMs = late
  if (late > 50) lag.blockedMs += late
}, 10).unref()
const lagDuring = async <T>(fn: () => Promise<T>): Promise<[T, { maxMs: number; blockedMs: number }]> => {
  lag = { maxMs: 0, blockedMs: 0 }
  const result = await fn()
  // One more turn of the loop, so a block that lasted to the end is counted.
  await new Promise((r) => setTimeout(r, 15))
  return [result, { maxMs: Math.round(lag.maxMs), blockedMs: Math.round(lag.blockedMs) }]
}
const sourceOf = (thread: string | undefined) => (thread === 'main' ? here : thread === 'worker' ? findingsThread.findings : null)

app.get(ALERTS_NOW_PATH, (c) => c.text(String(now)))

app.post(ALERTS_FULL_PATH, async (c) => {
  const source = sourceOf(c.req.query('thread'))
  if (!source) return c.text('thread=main|worker is required', 400)
  const back = evaluator.computeWith(source)
  try {
    const [report, loop] = await lagDuring(() => evaluator.full(now))
    return c.json({ report, loop })
  } finally {
    back()
  }
})

app.post(ALERTS_INCREMENTAL_PATH, async (c) => {
  const grid = c.req.query('grid')
  const source = sourceOf(c.req.query('thread'))
  if (!grid || !source) return c.text('grid= and thread=main|worker are required', 400)
  const back = evaluator.computeWith(source)
  try {
    const [report, loop] = await lagDuring(() => evaluator.incremental(now, [grid]))
    return c.json({ report, loop })
  } finally {
    back()
  }
})

// Warm the worker thread (its start and its store) before the runner times anything.
await findingsThread.findings({ now, rules: [] })
const server = serve({ fetch: (req, env) => app.fetch(withLeader(req), env), port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`))
const stop = () => {
  server.close()
  void findingsThread.close().then(() => store.close()).finally(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
