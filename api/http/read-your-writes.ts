// With a hot standby (DATABASE_READ_URL), the read routes read from it, and a client still reads its own writes.
// Every write's answer carries the primary's WAL position after it (header X-Onemap-Wal, and a short-lived cookie
// for the browser, which sends it back by itself); a read that brings a position the standby has not replayed yet
// is answered from the primary instead of waiting. On loopback or a LAN the standby replays within milliseconds, so
// that costs the primary one read now and then, and nobody waits. Without a standby this does nothing.
import type { MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { Standby } from '../store/standby'

export const WAL_HEADER = 'X-Onemap-Wal'
export const WAL_COOKIE = 'onemap_wal'
/** Long enough for any standby that is up to have replayed the write; after it, reads may go there again. */
const WAL_COOKIE_SECONDS = 60

/**
 * The routes a standby serves: figures, lists, records, tiles, regions, the queue. Not sign-in and sessions (a
 * revoked session must be refused at once), not the event stream (its replay reads the change feed the primary
 * writes), not the audit log and administration.
 */
const STANDBY_ROUTES = /^\/api\/(metrics|incidents|disputes|sites|whistles|tiles|regions|queue)(\/|$)/

export function readYourWrites(standby: Standby | null): MiddlewareHandler {
  return async (c, next) => {
    if (!standby) return next()
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      if (!STANDBY_ROUTES.test(c.req.path)) return next()
      const written = c.req.header(WAL_HEADER) ?? getCookie(c, WAL_COOKIE)
      if (written !== undefined && !(await standby.hasReplayed(written))) return next()
      return standby.readsFromStandby(() => next())
    }
    await next()
    if (c.res.status >= 400) return
    const position = await standby.primaryPosition().catch(() => null)
    if (position === null) return
    c.header(WAL_HEADER, position)
    setCookie(c, WAL_COOKIE, position, {
      httpOnly: true, sameSite: 'Strict', path: '/api', maxAge: WAL_COOKIE_SECONDS, secure: new URL(c.req.url).protocol === 'https:',
    })
  }
}
