// Response headers that make the browser enforce what the server means: a Content-Security-Policy with no
// inline script (the built index.html loads only /assets/*.js modules; test/api/security.test.ts checks it), no
// framing by other sites, no MIME sniffing, no referrer leaking record URLs; and CORS for an explicit allowlist
// of origins only (default none: the dashboard is served from the API's own origin and needs no CORS).
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'

/** The origin of a configured raster basemap, which MapLibre fetches tiles from (connect-src and img-src). */
function basemapOrigin(basemapUrl: string | null | undefined): string[] {
  if (!basemapUrl) return []
  const m = /^(https?:\/\/[^/]+)/.exec(basemapUrl)
  return m ? [m[1]!] : []
}

export function contentSecurityPolicy(basemapUrl?: string | null) {
  const tiles = basemapOrigin(basemapUrl)
  return {
    defaultSrc: ["'self'"],
    // Modules from /assets only: no 'unsafe-inline', no 'unsafe-eval' (ECharts and MapLibre need neither).
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    // MapLibre starts its workers from a blob: URL; child-src covers browsers that predate worker-src.
    workerSrc: ["'self'", 'blob:'],
    childSrc: ["'self'", 'blob:'],
    // Stylesheets come from /assets only. Inline style *attributes* set through the CSSOM (el.style.x = …, which
    // is how Vue, MapLibre and ECharts position things) are not governed by style-src, so no 'unsafe-inline'.
    styleSrc: ["'self'"],
    // ECharts exports and MapLibre sprites use data: and blob: images.
    imgSrc: ["'self'", 'data:', 'blob:', ...tiles],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", ...tiles],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  }
}

export function securityHeaders(basemapUrl?: string | null): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: contentSecurityPolicy(basemapUrl),
    // A same-site intranet deployment may serve over plain HTTP; browsers ignore HSTS there, and on HTTPS it is right.
    strictTransportSecurity: 'max-age=15552000; includeSubDomains',
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    permissionsPolicy: { camera: [], microphone: [], geolocation: ['self'], payment: [], usb: [] },
  })
}

export function corsAllowlist(origins: string[]): MiddlewareHandler {
  const allowed = new Set(origins)
  return cors({
    // Unknown origins get no Access-Control-Allow-Origin at all, so the browser refuses to show them the response.
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Idempotency-Key', 'Last-Event-ID', 'Authorization'],
    exposeHeaders: ['Location', 'Link', 'Idempotent-Replayed', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy', 'Retry-After'],
    credentials: true,
    maxAge: 600,
  })
}
