// The Hono application: composes the route modules and shapes every error. It holds no I/O of its own: the
// caller hands it its dependencies, so tests build it with `createApp(...)` and call `app.request()`.
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { HTTPException } from 'hono/http-exception'
import { ApiError } from './errors'
import { regionRoutes } from './routes/regions'
import type { Regions } from './services/regions'

export interface AppDeps {
  regions: Regions
  /** Reported by /api/health and used by the web to build its map style. */
  basemapUrl?: string | null
}

export function createApp(deps: AppDeps) {
  const api = new Hono()
    .get('/health', (c) => c.json({ status: 'ok', time: new Date().toISOString() }))
    .get('/config', (c) => c.json({ basemapUrl: deps.basemapUrl ?? null }))
    .route('/regions', regionRoutes(deps.regions))

  const app = new Hono()
  app.use('/api/*', compress())
  app.route('/api', api)
  app.notFound((c) => {
    if (c.req.path.startsWith('/api')) {
      return c.json({ error: { code: 'not_found', message: `no API route ${c.req.method} ${c.req.path}; see /api/openapi.json` } }, 404)
    }
    return c.text('Not found', 404)
  })
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json({ error: { code: err.code, message: err.message } }, err.status)
    if (err instanceof HTTPException) {
      return c.json({ error: { code: `http_${err.status}`, message: err.message || 'request rejected' } }, err.status)
    }
    console.error(err)
    return c.json({ error: { code: 'internal', message: 'internal error; the server log has the details' } }, 500)
  })
  return app
}

export type App = ReturnType<typeof createApp>
