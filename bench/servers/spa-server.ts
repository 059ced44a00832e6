// Child process for the browser benchmarks (bench/map-frames.ts): the real app over a benchmark database with the
// clock pinned to the data's `now`, the SPA built by bench/bundle.ts, and, for the updateData ÷ setData bench, a
// bare page that loads MapLibre itself (no app around it) from node_modules.
//
// Requests without a credential act as the county leader (bench-leader.ts), so the SPA opens signed in.
//
// Env: BENCH_DB, BENCH_NOW (epoch ms), BENCH_SPA (a built dist directory). Prints `listening <port>`.
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from '../../api/app'
import { loadRegions } from '../../api/services/regions'
import { openStore } from '../../api/store'
import { REPO } from '../paths'
import { benchLeader } from './bench-leader'

const dbPath = process.env.BENCH_DB
const now = Number(process.env.BENCH_NOW)
const spa = process.env.BENCH_SPA
if (!dbPath || !Number.isSafeInteger(now) || !spa) throw new Error('BENCH_DB, BENCH_NOW and BENCH_SPA are required')
if (!existsSync(join(spa, 'index.html'))) throw new Error(`${spa}/index.html is missing`)

const store = await openStore(dbPath)
const { app, accounts } = await createApp({ regions: loadRegions(), store, now: () => now })
const { withLeader } = await benchLeader(accounts)

// The app's Content-Security-Policy forbids inline script (api/http/security.ts), so the bare page's module is a
// file of its own, as the SPA's are.
export const BARE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/bench/bare.css"></head>
<body><div id="map"></div><script type="module" src="/bench/bare.js"></script></body></html>`
const BARE_SCRIPT = `import { Map, setWorkerUrl } from '/bench/maplibre/maplibre-gl.mjs'
setWorkerUrl('/bench/maplibre/maplibre-gl-worker.mjs')
window.maplibre = { Map }
window.benchReady = true
`
app.get('/bench/bare.html', (c) => c.html(BARE_PAGE))
app.get('/bench/bare.js', (c) => c.body(BARE_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
app.get('/bench/bare.css', (c) => c.body('html,body,#map{margin:0;width:100%;height:100%}', 200, { 'Content-Type': 'text/css; charset=utf-8' }))
const maplibre = relative(process.cwd(), join(REPO, 'node_modules', 'maplibre-gl', 'dist')) || '.'
app.use('/bench/maplibre/*', serveStatic({ root: maplibre, rewriteRequestPath: (p) => p.replace(/^\/bench\/maplibre/, '') }))

const root = relative(process.cwd(), spa) || '.'
app.use('/*', serveStatic({ root }))
app.get('*', async (c, next) => {
  if (c.req.path.startsWith('/api') || /\.[a-z0-9]+$/i.test(c.req.path)) return next()
  return serveStatic({ root, path: 'index.html' })(c, next)
})

const server = serve({ fetch: (req, env) => app.fetch(withLeader(req), env), port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`))
const stop = () => {
  server.close()
  void store.close().finally(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
