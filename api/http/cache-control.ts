// Who may keep a copy of an answer. Three classes, the default chosen per route from the policy table
// (api/auth/policy.ts ROUTES), and a route that knows better sets its own Cache-Control (regions, reference and
// tiles keep theirs, revalidated by ETag):
//
//  - public routes keep their public caching: the same answer for everyone, so any cache may hold it;
//  - `no-store` for what carries personal data unmasked (records and lists read by roles that see them so,
//    /api/auth/me, accounts, tokens, the audit log), for any answer that sets a cookie, and for every write's: a copy on a shared kiosk's
//    disk or in a proxy outlives the session that was allowed to see it. It is also the default of a signed-in
//    route, so a route added without thought is never stored;
//  - `private, no-cache` for answers that depend on who asks but hold no one's personal data (figures, tiles,
//    masked records): the browser may keep them, and asks again each time.
//
// Every answer that is not public also says `Vary: Cookie, Authorization`: a cache that ignores `private` (or the
// browser's own, when someone else signs in on the same screen) must not hand one principal's answer to another.
import type { Context, MiddlewareHandler } from 'hono'
import { maskFor, requestPolicy } from '../auth/policy'

export const NO_STORE = 'no-store'
export const PRIVATE_REVALIDATE = 'private, no-cache'
const VARY_PRINCIPAL = ['Cookie', 'Authorization']

/** Figures and tiles: the answer depends on the asker's area, but names no one. */
const FIGURES = /^\/api\/(metrics|tiles)\//
/** Records and their lists: personal data, unless the server masked it for this request. */
const RECORDS = /^\/api\/(incidents|disputes|sites|whistles)(\/|$)/

function masked(c: Context): boolean {
  try {
    return maskFor(c)
  } catch {
    return false // a bad ?masked= or no principal: the answer is an error, and the stricter class costs nothing
  }
}

function defaultFor(c: Context): string {
  if (FIGURES.test(c.req.path)) return PRIVATE_REVALIDATE
  if (RECORDS.test(c.req.path) && masked(c)) return PRIVATE_REVALIDATE
  return NO_STORE
}

/** Adds the principal's headers to Vary, keeping what is there (e.g. Accept-Encoding). */
function varyByPrincipal(headers: Headers) {
  const have = (headers.get('Vary') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const add = VARY_PRINCIPAL.filter((h) => !have.some((v) => v.toLowerCase() === h.toLowerCase()))
  if (add.length) headers.set('Vary', [...have, ...add].join(', '))
}

export function cacheControl(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    const read = c.req.method === 'GET' || c.req.method === 'HEAD'
    // An answer that sets a cookie hands out a credential: no cache may keep it, whatever the route's class.
    if (!read || headers.has('Set-Cookie')) headers.set('Cache-Control', NO_STORE)
    else if (!headers.has('Cache-Control') && requestPolicy(c)?.access !== 'public') {
      headers.set('Cache-Control', defaultFor(c))
    }
    if (!/\bpublic\b/.test(headers.get('Cache-Control') ?? 'public')) varyByPrincipal(headers)
  }
}
