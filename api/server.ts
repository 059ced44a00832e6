// Starts the Node server: API under /api, the built SPA from dist/web for everything else.
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from './app'
import { ConfigError, readConfig } from './config'
import { loadRegions } from './services/regions'

const REPO = join(import.meta.dirname, '..')
export const WEB_DIST = join(REPO, 'dist', 'web')

function main() {
  let config
  try {
    config = readConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`)
      process.exit(2)
    }
    throw err
  }
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    console.error('dist/web/index.html is missing: run `npm run build` (or `npm start`, which builds when needed)')
    process.exit(2)
  }

  const app = createApp({ regions: loadRegions(), basemapUrl: config.basemapUrl })
  // serveStatic resolves root against the working directory (STACK.md).
  const root = relative(process.cwd(), WEB_DIST) || '.'
  app.use('/*', serveStatic({ root }))
  // Only extension-less, non-API paths are SPA routes; a missing .js must stay a 404 (STACK.md pitfall 7).
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api') || /\.[a-z0-9]+$/i.test(c.req.path)) return next()
    return serveStatic({ root, path: 'index.html' })(c, next)
  })

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`基层治理一张图 serving at http://${config.host}:${info.port}`)
  })
  const stop = () => server.close(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main()
