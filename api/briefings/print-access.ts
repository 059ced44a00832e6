// How the headless browser gets in to read one view, without a standing account: the render issues a random
// ticket (kept only as its SHA-256, for a minute, good once) bound to the requester's principal and the one view;
// the browser's first navigation exchanges it for a print session cookie and lands on that view's print page. The
// session is read-only and reads only the lists and figures a briefing prints (none of them carries a name or a
// phone: masked by construction), inside the view's scope, for a few minutes. Kept in this process's memory: the
// browser that exchanges it is this process's own, and opens this process's own address.
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { ApiError } from '../errors'
import type { AuthEnv, Principal } from '../auth/principal'
import { newSessionId, sha256 } from '../auth/secrets'

export const PRINT_COOKIE = 'onemap_print'
export const TICKET_MS = 60_000
/** Long enough for the slowest render the time limit allows. */
export const PRINT_SESSION_MS = 5 * 60_000

/** What one print session may read: the briefing's lists and figures (never a record's detail). */
const PRINT_READS = [
  /^\/api\/metrics\/(summary|timeseries|breakdown|choropleth)$/,
  /^\/api\/(incidents|disputes|alerts|scoreboard)$/,
  /^\/api\/regions\/(county|townships|villages|grids)$/,
  /^\/api\/(config|reference|health)$/,
]

interface Grant { principal: Principal; scope: string; printPath: string; expiresAt: number }

export function printAccess(now: () => number) {
  const tickets = new Map<string, Grant>()
  const sessions = new Map<string, Grant>()
  const sweep = (m: Map<string, Grant>) => { const at = now(); for (const [k, g] of m) if (g.expiresAt <= at) m.delete(k) }

  return {
    /** A ticket for `principal` to open `printPath` (the print page with its view in the query) once. */
    issue(principal: Principal, scope: string, printPath: string): string {
      sweep(tickets)
      const ticket = newSessionId()
      tickets.set(sha256(ticket), { principal: { ...principal, via: 'session' }, scope, printPath, expiresAt: now() + TICKET_MS })
      return ticket
    },
    /** Spends a ticket: the print session's cookie and where to go, or null for an unknown, spent or late one. */
    exchange(ticket: string): { cookie: string; printPath: string } | null {
      const hash = sha256(ticket)
      const grant = tickets.get(hash)
      tickets.delete(hash)
      if (!grant || grant.expiresAt <= now()) return null
      sweep(sessions)
      const cookie = newSessionId()
      sessions.set(sha256(cookie), { ...grant, expiresAt: now() + PRINT_SESSION_MS })
      return { cookie, printPath: grant.printPath }
    },
    /** Ends the print session of a finished render (its cookie is known only to the browser context, now closed). */
    endFor(printPath: string) {
      for (const [k, g] of sessions) if (g.printPath === printPath) sessions.delete(k)
    },
    /**
     * After `identify`: a request with no other credential but a print cookie reads as the requester, GET only, on
     * the briefing's reads, within the view's scope; anything else it tries is 403.
     */
    identify(): MiddlewareHandler<AuthEnv> {
      return async (c, next) => {
        if (c.get('principal')) return next()
        const cookie = getCookie(c, PRINT_COOKIE)
        if (!cookie) return next()
        const grant = sessions.get(sha256(cookie))
        if (!grant || grant.expiresAt <= now()) return next()
        const scope = c.req.query('scope')
        if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || !PRINT_READS.some((re) => re.test(c.req.path))
          || (scope !== undefined && !scope.startsWith(grant.scope))) {
          throw new ApiError(403, 'print_read_only', 'a briefing print session reads only the figures and lists of its own view')
        }
        c.set('principal', grant.principal)
        c.set('auditActor', `${grant.principal.actor} (briefing)`)
        return next()
      }
    },
    get openTickets() { sweep(tickets); return tickets.size },
  }
}
export type PrintAccess = ReturnType<typeof printAccess>
