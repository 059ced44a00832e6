// Child process for bench/alerts-worker.ts: the real app over a benchmark database with the clock pinned to the
// data's `now` (meta generated_at, or BENCH_NOW), and two bench-only routes that run an alert evaluation on
// demand: a full one with its findings computed in the API's thread (as before the worker) or in the worker thread
// (as the server runs it now), and an incremental one. While one runs, the runner times the product's own routes
// and event stream against this server. The event loop's delay is sampled during each evaluation
// (perf_hooks.monitorEventLoopDelay): how long the loop could not answer anything.
//
// Env: BENCH_DB (a SQLite path or a postgres:// URL), BENCH_NOW (optional). Prints `listening <port>`; SIGTERM stops it.
import { monitorEventLoopDelay } from 'node:perf_hooks'
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
const thread = startFindingsThread({ location: storeLocation(store)!, places, onTrouble: (m) => console.error(m) })

const delay = monitorEventLoopDelay({ resolution: 10 })
const loopDelay = () => ({ maxMs: Math.round(delay.max / 1e6), p99Ms: Math.round(delay.percentile(99) / 1e6), meanMs: Math.round(delay.mean / 1e5) / 10 })

app.get(ALERTS_NOW_PATH, (c) => c.text(String(now)))

app.post(ALERTS_FULL_PATH, async (c) => {
  const where = c.req.query('thread') === 'main' ? 'main' : 'worker'
  const back = evaluator.computeWith(where === 'main' ? here : thread.findings)
  delay.reset()
  delay.enable()
  try {
    const report = await evaluator.full(now)
    delay.disable()
    return c.json({ thread: where, report, loop: loopDelay() })
  } finally {
    delay.disable()
    back()
  }
})

app.post(ALERTS_INCREMENTAL_PATH, async (c) => {
  const grid = c.req.query('grid')
  if (!grid) return c.text('grid= is required', 400)
  const report = await evaluator.incremental(now, [grid])
  const params = (await services.alerts.rules.current()).get('spike')!.values
  const t0 = performance.now()
  await thread.findings({ now, rules: [{ id: 'spike', params }], grids: [grid] })
  const workerRoundTripMs = performance.now() - t0
  const t1 = performance.now()
  await here({ now, rules: [{ id: 'spike', params }], grids: [grid] })
  const hereFindingsMs = performance.now() - t1
  return c.json({ hereMs: report.ms, reconcileMs: report.rules.spike?.reconcileMs ?? 0, hereFindingsMs, workerRoundTripMs })
})

// Warm the worker thread (its start and its store) before the runner times anything.
await thread.findings({ now, rules: [] })
const server = serve({ fetch: (req, env) => app.fetch(withLeader(req), env), port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`))
const stop = () => {
  server.close()
  void thread.close().then(() => store.close()).finally(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
