// Child process for the wall soak (bench/wall-soak.ts): the real app and the built SPA, as api/server.ts serves
// them, over a fresh demo database, with the live simulator running SOAK_RATE times faster than its default (an
// argument api/server.ts does not take). Not api/server.ts itself for that reason.
//
// Env: SOAK_DB (path, seeded with the demo preset when empty), SOAK_RATE (default 10). Prints `listening <port>`
// once ready; SIGTERM stops it.
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from '../../api/app'
import { readSeedRegions } from '../../api/seed/geodata'
import { seedDemoAccounts } from '../../api/seed/demo-accounts'
import { seedStore } from '../../api/seed/seed-store'
import { startSimulator } from '../../api/seed/simulator'
import { loadRegions } from '../../api/services/regions'
import { openStore } from '../../api/store'

// As api/server.ts (which cannot be imported: it starts a server when loaded).
const WEB_DIST = join(import.meta.dirname, '..', '..', 'dist', 'web')
const dbPath = process.env.SOAK_DB
const rate = Number(process.env.SOAK_RATE ?? 10)
if (!dbPath) throw new Error('SOAK_DB is required')
if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('dist/web/index.html is missing: run `npm run build` first')

const store = await openStore(dbPath)
if (await store.meta.preset() === null) await seedStore(store, { preset: 'demo', now: Date.now() })
const onemap = await createApp({ regions: loadRegions(), store })
// The wall signs in with the demo display token (bench/wall-soak.ts opens /wall?token=…), as on `npm start`.
await seedDemoAccounts(store, onemap.accounts, onemap.secondFactors)
const root = relative(process.cwd(), WEB_DIST) || '.'
onemap.app.use('/*', serveStatic({ root }))
onemap.app.get('*', async (c, next) => {
  if (c.req.path.startsWith('/api') || /\.[a-z0-9]+$/i.test(c.req.path)) return next()
  return serveStatic({ root, path: 'index.html' })(c, next)
})
const simulator = startSimulator(onemap.services, readSeedRegions(), { rate })

const server = serve({ fetch: onemap.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`))
const stop = () => {
  simulator.stop()
  server.close()
  void store.close().finally(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
