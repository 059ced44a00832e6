// Starts the Node server: opens (and on first start seeds) the database, serves the API under /api and the built
// SPA from dist/web for everything else, and runs the live simulator when configured.
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Context } from 'hono'
import { createApp } from './app'
import { ConfigError, databaseLocation, readConfig } from './config'
import type { Config } from './config'
import { readSeedRegions } from './seed/geodata'
import { DEMO_DEPARTMENT_USERS, DEMO_PASSWORD_NOTE, DEMO_TOTP_SECRET, DEMO_USERS, DEMO_WALL_TOKEN, demoWallLive, seedDemoAccounts } from './seed/demo-accounts'
import { seedStore } from './seed/seed-store'
import { startSimulator } from './seed/simulator'
import { startAlertSchedule } from './services/alerts/schedule'
import { startBriefingSchedule } from './briefings/schedule'
import { loadRegions } from './services/regions'
import { openStore } from './store'
import type { Store } from './store'
import { redactUrl } from './store/postgres-db'
import { DatabaseUnavailable } from './store/unavailable'
import { calendarWarning } from '../domain/working-days'

const REPO = join(import.meta.dirname, '..')
export const WEB_DIST = join(REPO, 'dist', 'web')

/**
 * Built files under assets/ carry a hash of their content in their name, so a browser may keep them for good and
 * a reload asks for none of them (nor compiles them again: Chromium keeps compiled code for cached scripts);
 * index.html, which names them, is asked for again each time so a new build is picked up at once.
 */
function cacheControl(path: string, c: Context) {
  c.header('Cache-Control', /(^|[\\/])assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache')
}

function fail(message: string): never {
  console.error(message)
  process.exit(2)
}

function readConfigOrExit(): Config {
  try {
    return readConfig()
  } catch (err) {
    if (err instanceof ConfigError) fail(`Configuration error: ${err.message}`)
    throw err
  }
}

async function main() {
  const config = readConfigOrExit()
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    fail('dist/web/index.html is missing: run `npm run build` (or `npm start`, which builds when needed)')
  }

  const location = databaseLocation(config)
  const where = config.databaseUrl ? redactUrl(config.databaseUrl) : config.dbPath
  let store: Store
  try {
    store = await openStore(location, { pool: config.databasePool, readLocation: config.databaseReadUrl })
  } catch (err) {
    if (err instanceof DatabaseUnavailable) fail(err.message)
    throw err
  }
  const existing = await store.meta.preset()
  if (existing === null) {
    const started = Date.now()
    const summary = await seedStore(store, { preset: config.preset, now: started })
    console.log(`Seeded ${where} with the ${config.preset} preset in ${((Date.now() - started) / 1000).toFixed(1)} s:`, summary)
  } else if (existing !== config.preset) {
    console.warn(`${where} holds the ${existing} preset; PRESET=${config.preset} applies only to an empty database`)
  }

  const onemap = await createApp({
    regions: loadRegions(), store, basemapUrl: config.basemapUrl, trust: config.trust, incidentTilesAbove: config.incidentTilesAbove, totpKey: config.totpKey,
    briefing: { chromiumPath: config.chromiumPath, concurrency: config.briefingConcurrency, waiting: config.briefingQueue, keepDays: config.briefingKeepDays },
  })
  const { app } = onemap
  if (config.demoAccounts && await seedDemoAccounts(store, onemap.accounts, onemap.secondFactors)) {
    console.log(`Created the demo accounts: ${DEMO_USERS.map((u) => `${u.login} (${u.role})`).join(', ')}, one per county department (${DEMO_DEPARTMENT_USERS.length}: dept-<id>, e.g. ${DEMO_DEPARTMENT_USERS[1]!.login}) and a wall display token; passwords in the README`)
    console.log(`The demo administrator's second factor: TOTP key ${DEMO_TOTP_SECRET} (its current code: npm run user -- totp-code --login admin)`)
  }
  for (const u of await store.accounts.users()) {
    if (u.role === 'admin' && !u.disabled && !(await onemap.secondFactors.enrolled(u.id))) {
      console.warn(`Administrator ${u.login} has no second factor and cannot sign in: run \`npm run user -- totp --login ${u.login}\``)
    }
  }
  const demo = config.demoAccounts && (await store.accounts.users()).some((u) => DEMO_USERS.some((d) => d.login === u.login) && !u.disabled)
  if (await store.accounts.userCount() === 0) {
    console.warn('No accounts yet: create the first administrator with `npm run user -- add --login admin --name 管理员 --role admin`, then give it its second factor with `npm run user -- totp --login admin`')
  }
  const wallLive = config.demoAccounts && await demoWallLive(store)
  // serveStatic resolves root against the working directory, not this file. The build writes .gz and .br copies
  // beside its files (scripts/vite-precompress.ts), sent as they are to a browser that accepts them.
  const root = relative(process.cwd(), WEB_DIST) || '.'
  app.use('/*', serveStatic({ root, precompressed: true, onFound: cacheControl }))
  // Only extension-less, non-API paths are SPA routes; a missing .js must stay a 404, not
  // index.html, which a browser refuses as a script with a MIME-type error instead of a plain missing file.
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api') || /\.[a-z0-9]+$/i.test(c.req.path)) return next()
    return serveStatic({ root, path: 'index.html', precompressed: true, onFound: cacheControl })(c, next)
  })

  // Several API processes may share one PostgreSQL: the simulator runs in one of them at a time.
  const simulator = config.simulate ? store.lease('simulator', () => startSimulator(onemap.services, readSeedRegions()).stop) : null
  if (simulator) console.log('Live simulator on (SIMULATE=0 turns it off); with several API processes on one database it runs in one at a time')

  // Warnings (研判预警) are evaluated in one process at a time among those sharing the database: fully every
  // ALERTS_EVERY_SECONDS (a minute by default), and for the grids that just had reports a moment after they came
  // in. The full evaluation's findings are computed in a worker thread (its reconcile stays here, with the writing
  // connection), so the event loop keeps serving while it runs; the thread ends with the schedule.
  const alerts = store.lease('alerts', () => {
    const offThread = onemap.services.alerts.offThread((message) => console.warn(message))
    const stopSchedule = startAlertSchedule({
      evaluator: onemap.services.alerts.evaluator, bus: onemap.bus, now: Date.now, everyMs: config.alertsEverySeconds * 1000,
      onReport: (r) => { if (r.mode === 'full' && r.ms > 20_000) console.warn(`alerts: a full evaluation took ${(r.ms / 1000).toFixed(1)} s`) },
    })
    return () => {
      stopSchedule()
      void offThread?.close()
    }
  })

  // The daily briefings, in one process at a time as the warnings are; they print from this process's own address.
  const briefingAt = config.briefingAt
  const briefings = briefingAt ? store.lease('briefings', () => startBriefingSchedule({
    service: onemap.services.briefings, at: briefingAt, townships: onemap.regions.townships.features.map((t) => t.properties.id), now: Date.now,
    onError: (scope, err) => console.warn(`briefings: the daily briefing of ${scope} failed: ${(err as Error).message}`),
  })) : null

  // Node's own limits back up the app's body time-out for what the app never sees: headers trickled in slowly.
  const server = serve({
    fetch: app.fetch, port: config.port, hostname: config.host,
    serverOptions: { headersTimeout: 10_000, requestTimeout: config.trust.requestTimeoutMs + 5_000 },
  }, (info) => {
    const base = `http://${config.host}:${info.port}`
    // The briefing renderer's browser opens this process itself, on the loopback when it listens on every interface.
    const own = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
    onemap.services.briefings.setOrigin(`http://${own.includes(':') ? `[${own}]` : own}:${info.port}`)
    console.log(`基层治理一张图 serving at ${base}`)
    if (demo) console.warn(`⚠ ${DEMO_PASSWORD_NOTE}`)
    const calendar = calendarWarning(Date.now())
    if (calendar) console.warn(`⚠ ${calendar}`)
    if (wallLive) console.log(`Wall screen (demo display token): ${base}/wall?token=${DEMO_WALL_TOKEN}`)
  })
  const stop = () => {
    void simulator?.stop()
    void alerts.stop()
    void briefings?.stop()
    void onemap.services.briefings.close()
    server.close()
    void store.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

await main()
