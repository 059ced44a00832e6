// The Hono application: composes the route modules and shapes every error. It holds no I/O of its own: the
// caller hands it its dependencies, so tests build it with `createApp(...)` and call `app.request()`.
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { HTTPException } from 'hono/http-exception'
import type { Config, Health } from '../domain/answers/meta'
import { buildReference } from '../domain/reference'
import { DEFAULT_TRUST } from './config'
import type { TrustConfig } from './config'
import { INCIDENT_TILES_ABOVE } from '../domain/incident-tiles'
import { calendarWarning } from '../domain/working-days'
import { accountService } from './auth/accounts'
import { auditWrites } from './auth/audit'
import { auditLog } from './auth/audit-log'
import { openStreams } from './auth/open-streams'
import { enforce } from './auth/policy'
import { secondFactorService } from './auth/second-factor'
import { sessionService } from './auth/sessions'
import { signInBackoff } from './auth/sign-in-backoff'
import { identify, principalResolver } from './auth/principal'
import type { AuthEnv } from './auth/principal'
import { ApiError } from './errors'
import { cacheControl } from './http/cache-control'
import { clientAddress } from './http/client-address'
import { addressKey, rateLimit } from './http/rate-limit'
import { OUTAGE_RETRY_SECONDS, isDatabaseOutage } from './store/unavailable'
import { readYourWrites } from './http/read-your-writes'
import { corsAllowlist, securityHeaders } from './http/security'
import { closeOnUnreadBody } from './http/unread-body'
import { EXPORT_MAX_ROWS, EXPORT_PAGE_ROWS } from './exports/send-export'
import { buildOpenApi } from './openapi'
import { isOgcPath, ogcNotFound, ogcOnError } from './ogc/exception'
import { ogcRoutes } from './ogc/routes'
import { open311Requests } from './open311/requests'
import { open311Routes } from './open311/routes'
import { DEFAULT_BRIEFING_SETTINGS, briefingService } from './briefings/service'
import type { BriefingSettings } from './briefings/service'
import { briefingRoutes } from './routes/briefings'
import { adminRoutes, auditRoutes } from './routes/admin'
import { alertRoutes, alertRuleRoutes } from './routes/alerts'
import { authRoutes } from './routes/auth'
import { callbackRoutes, callbackSettingsRoutes, incidentCallbackRoutes } from './routes/callbacks'
import { disputeRoutes } from './routes/disputes'
import { incidentRoutes } from './routes/incidents'
import { caseMergeRoutes } from './routes/case-merges'
import { metricRoutes } from './routes/metrics'
import { queueRoutes } from './routes/queue'
import { scoreboardRoutes } from './routes/scoreboard'
import { regionRoutes } from './routes/regions'
import { siteRoutes } from './routes/sites'
import { streamRoutes } from './routes/stream'
import { tileRoutes } from './routes/tiles'
import { whistleRoutes } from './routes/whistles'
import { callbackService } from './services/callbacks'
import { alertService } from './services/alerts/alerts'
import { disputeService } from './services/disputes'
import { EventBus } from './services/event-bus'
import { incidentService } from './services/incidents'
import { caseMergeService } from './services/case-merges'
import { loadBoundaryTimeline } from './services/boundary-timeline'
import { figureService } from './services/metric-figures'
import { metricService } from './services/metrics'
import { regionStats } from './services/region-stats'
import { selectionAreas } from './services/selection-area'
import type { Regions } from './services/regions'
import { placeNames } from './services/place-names'
import { siteService } from './services/sites'
import { queueService } from './services/queue'
import { scoreboardService } from './services/scoreboard'
import { whistleService } from './services/whistles'
import type { Store } from './store'
import { tileService } from './tiles/tile-service'

export interface AppDeps {
  regions: Regions
  store: Store
  /** The clock; tests pin it. */
  now?: () => number
  /** Reported by /api/config so the web can add a raster basemap. */
  basemapUrl?: string | null
  /** CORS allowlist, rate limits and body time-out; DEFAULT_TRUST (config.ts) when not given. */
  trust?: TrustConfig
  /** Reported by /api/config: above this many incidents in range the map draws incidents from vector tiles. */
  incidentTilesAbove?: number
  /** TOTP_KEY: seals second-factor keys at rest; without it no one can enrol (the demo's published key aside). */
  totpKey?: Buffer | null
  /** Rows one CSV/XLSX export may hold (EXPORT_MAX_ROWS); tests lower it to reach the 413. */
  exportMaxRows?: number
  /** Rows per page an export reads (EXPORT_PAGE_ROWS); tests lower it to walk several pages. */
  exportPageRows?: number
  /** How often each open event stream's credential is checked again (STREAM_RECHECK_MS, a minute); tests shorten it. */
  streamRecheckMs?: number
  /** The PDF briefings' renderer (Chromium, queue, time limit, retention); DEFAULT_BRIEFING_SETTINGS when not given. */
  briefing?: Partial<BriefingSettings>
}

export async function createApp(deps: AppDeps) {
  const { store } = deps
  const now = deps.now ?? Date.now
  // Imported boundary versions over the built files: the map gets those in force at start, intake places each
  // record by those in force at its own time (services/boundary-timeline.ts).
  const boundaries = await loadBoundaryTimeline(store, deps.regions)
  const regions = boundaries.regionsAt(now())
  const locator = boundaries.locator(now)
  const bus = await EventBus.open(store.events)
  store.onCommit(() => bus.notify())
  await store.followOtherProcesses()
  const incidents = incidentService({ store, locator, now })
  const disputes = disputeService({ store, locator, now })
  const sites = siteService({ store, now })
  const whistles = whistleService({ store, now, townships: regions.townships })
  const callbacks = callbackService({ store, now, names: placeNames(regions) })
  const alerts = alertService({ store, regions, now })
  const queue = queueService({ store, now, incidentRecord: incidents.recordOf, whistleRecord: whistles.recordOf })
  const stats = regionStats(regions)
  const areas = selectionAreas(regions)
  const metrics = metricService({ store, regions: stats, now })
  const scoreboard = scoreboardService({ store, regions: stats, now })
  const figures = figureService({ store, regions: stats })
  const tiles = tileService({ store, regions, bus, now })
  const reference = JSON.stringify(buildReference())
  const openapi = JSON.stringify(buildOpenApi())
  const resolver = principalResolver(store, now)
  const streams = openStreams(resolver.stillValid, deps.streamRecheckMs)
  const accounts = accountService({ store, now, regions, streams })
  const trust = deps.trust ?? DEFAULT_TRUST
  const secondFactors = secondFactorService(store, now, deps.totpKey ?? null)
  const exports = { maxRows: deps.exportMaxRows ?? EXPORT_MAX_ROWS, pageRows: deps.exportPageRows ?? EXPORT_PAGE_ROWS, place: placeNames(regions), now }
  const sessions = sessionService({ store, resolver, accounts, streams, now, sessionsPerToken: trust.sessionsPerToken })
  const briefings = briefingService({ store, now, settings: { ...DEFAULT_BRIEFING_SETTINGS, ...deps.briefing } })

  const api = new Hono<AuthEnv>()
    .get('/health', (c) => {
      const at = now()
      return c.json({ status: 'ok', time: new Date(at).toISOString(), lastEventId: bus.lastId, calendarWarning: calendarWarning(at) } satisfies Health)
    })
    .get('/config', async (c) => {
      const { first, last } = await store.meta.dataSpan()
      const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())
      return c.json({ basemapUrl: deps.basemapUrl ?? null, incidentTilesAbove: deps.incidentTilesAbove ?? INCIDENT_TILES_ABOVE,
        dataStart: iso(first), dataEnd: iso(last) } satisfies Config)
    })
    .get('/reference', (c) => c.body(reference, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=300' }))
    .get('/openapi.json', (c) => c.body(openapi, 200, { 'Content-Type': 'application/json' }))
    .route('/regions', regionRoutes(regions))
    .route('/incident-merges', caseMergeRoutes(caseMergeService({ store, now }), store, now))
    .route('/incidents', incidentRoutes(incidents, store, now, areas, exports))
    .route('/incidents', incidentCallbackRoutes(callbacks, incidents))
    .route('/callbacks', callbackRoutes(callbacks, exports))
    .route('/settings', callbackSettingsRoutes(callbacks))
    .route('/disputes', disputeRoutes(disputes, store, now, areas, exports))
    .route('/sites', siteRoutes(sites, store, now, areas, exports))
    .route('/whistles', whistleRoutes(whistles, store, now, areas, exports))
    .route('/queue', queueRoutes(queue))
    .route('/scoreboard', scoreboardRoutes(scoreboard))
    .route('/alerts', alertRoutes(alerts, exports))
    .route('/alert-rules', alertRuleRoutes(alerts))
    .route('/metrics', metricRoutes(metrics, figures, stats, areas, scoreboard))
    .route('/stream', streamRoutes(bus, streams))
    .route('/tiles', tileRoutes(tiles, now, areas))
    .route('/auth', authRoutes(sessions, resolver, secondFactors, signInBackoff({ now })))
    .route('/admin', adminRoutes(accounts, secondFactors))
    .route('/audit', auditRoutes(auditLog(store), exports))
    .route('/briefings', briefingRoutes(briefings, now, stats))

  const app = new Hono<AuthEnv>()
  // Order (outermost first): headers and CORS answer for every response, refusals and preflights included; then
  // who is asking, so a write's rate limit keys on the principal (people behind one township NAT do not share a
  // budget) and falls back to the address for anonymous callers; the limits come before the audit so a flood of
  // refused requests is not a flood of audit rows; then the audit (it sees the final status of every write that got
  // through, refusals by policy included) and the route × role table; scope checks happen in the routes. The
  // connection and caching headers sit outside everything else, so they see the final answer, refusals included.
  app.use('*', securityHeaders(deps.basemapUrl))
  app.use('/api/*', closeOnUnreadBody())
  app.use('/api/*', cacheControl())
  app.use('/api/*', corsAllowlist(trust.corsOrigins))
  app.use('/api/*', compress())
  app.use('/api/*', clientAddress(trust.trustedProxies))
  app.use('/api/*', identify(resolver))
  // The headless browser printing a briefing: its print session reads the view's figures, nothing else.
  app.use('/api/*', briefings.access.identify())
  // Every POST has a budget. The doors where a credential is tried — sign-in, a token exchanged for a session, and
  // any other /api/auth/* POST but sign-out — share sign-in's tight one, keyed on the address always: a cookie or
  // token (the public wall token included) must not buy more guesses. Sign-out (of one session or all) has its
  // own, per client, so a township signing out at the end of a shift does not spend its sign-in budget. Every
  // other write is intake.
  // Registered with use() and a method check, not on('POST', …): the access matrix test reads app.routes as the
  // list of served routes, and a middleware is not one.
  const signIn = trust.loginRate ? rateLimit({ rule: trust.loginRate, name: 'sign-in', now, key: addressKey }) : null
  const signOut = trust.logoutRate ? rateLimit({ rule: trust.logoutRate, name: 'sign-out', now }) : null
  const intake = trust.intakeRate ? rateLimit({ rule: trust.intakeRate, name: 'write', now }) : null
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'POST' && c.req.method !== 'PUT') return next()
    c.set('bodyTimeoutMs' as never, trust.requestTimeoutMs as never)
    const limit = /^\/api\/auth\/logout(-all)?\/?$/.test(c.req.path) ? signOut : c.req.path.startsWith('/api/auth/') ? signIn : intake
    return limit ? limit(c, next) : next()
  })
  // Every write (refused anonymous ones summarised per address and minute) and every unmasked read of a record
  // with personal data; chained by hash (docs/audit.md).
  app.use('/api/*', auditWrites(store, now))
  app.use('/api/*', enforce())
  app.use('/api/*', readYourWrites(store.standby))
  app.route('/api', api)
  // OGC API – Features (GIS clients: QGIS, GDAL) behind the same guards as /api: who is asking, the audit, the
  // route × role table, caching by what the answer holds. Its reads take no write budget, as /api's reads.
  // ('/ogc/*' matches /ogc itself too.)
  app.use('/ogc/*', cacheControl(), corsAllowlist(trust.corsOrigins), compress(), clientAddress(trust.trustedProxies), identify(resolver),
    auditWrites(store, now), enforce())
  app.route('/ogc', ogcRoutes({ incidents, disputes, sites, whistles, alerts, now, regions }))
  // Open311 GeoReport v2: its own door (an api_key in the form, no cookie), the same budget, audit and route table.
  app.use('/open311/*', closeOnUnreadBody())
  app.use('/open311/*', clientAddress(trust.trustedProxies))
  app.route('/open311', open311Routes({
    requests: open311Requests({ store, incidents, placeName: placeNames(regions) }),
    resolver, store, now, rate: trust.intakeRate, bodyTimeoutMs: trust.requestTimeoutMs,
  }))
  app.notFound((c) => {
    if (isOgcPath(c.req.path)) return ogcNotFound(c)
    if (c.req.path.startsWith('/api')) {
      return c.json({ error: { code: 'not_found', message: `no API route ${c.req.method} ${c.req.path}; see /api/openapi.json` } }, 404)
    }
    return c.text('Not found', 404)
  })
  app.onError((err, c) => {
    if (isOgcPath(c.req.path)) return ogcOnError(err, c)
    if (err instanceof ApiError) return c.json({ error: { code: err.code, message: err.message }, ...err.extra }, err.status, err.headers)
    if (err instanceof HTTPException) {
      return c.json({ error: { code: `http_${err.status}`, message: err.message || 'request rejected' } }, err.status)
    }
    if (isDatabaseOutage(err)) {
      console.warn(`database out of reach, answered 503: ${(err as Error).message}`)
      return c.json({ error: { code: 'database_unavailable', message: `the database is out of reach for the moment; nothing of this request was stored: send it again in ${OUTAGE_RETRY_SECONDS} s` } },
        503, { 'Retry-After': String(OUTAGE_RETRY_SECONDS) })
    }
    console.error(err)
    return c.json({ error: { code: 'internal', message: 'internal error; the server log has the details' } }, 500)
  })
  return { app, bus, streams, services: { incidents, callbacks, disputes, sites, whistles, queue, metrics, scoreboard, figures, tiles, alerts, briefings }, accounts, secondFactors, locator, regions }
}

export type OneMap = Awaited<ReturnType<typeof createApp>>
export type App = OneMap['app']
