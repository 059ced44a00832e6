// Who is asking: a signed-in person (session cookie), a device (Authorization: Bearer <token>), or a wall that
// exchanged its token for a session cookie (EventSource cannot send headers). Resolved once per request by
// `identify` and kept on the context for the policy (policy.ts) and the audit log (audit.ts).
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { ActingPrincipal } from '../../domain/actor'
import type { Reach, Role } from '../../domain/roles'
import { reachOf } from '../../domain/roles'
import type { Store } from '../store'
import type { SessionRow, TokenRow, UserRow } from '../store/accounts'
import { sha256 } from './secrets'

export const SESSION_COOKIE = 'onemap_session'
/** A session ends after 8 h without a request (a shift); each request slides it, up to 7 days after sign-in. */
export const SESSION_IDLE_MS = 8 * 3600_000
export const SESSION_ABSOLUTE_MS = 7 * 86_400_000
/** A wall's session lives as long as it keeps asking and its token is not revoked (walls run for months). */
export const TOKEN_SESSION_ABSOLUTE_MS = 365 * 86_400_000
/** Sliding expiry and "last used" are written at most once a minute per session or token, not on every request. */
const TOUCH_MS = 60_000

export interface Principal {
  kind: 'user' | 'token'
  id: number
  /** The login, or the token's name: what the audit log records. */
  actor: string
  name: string
  role: Role
  township: string | null
  grids: readonly string[]
  /** The department a county department account works for; null for every other role. */
  department: string | null
  reach: Reach
  /** How this request proved it: a cookie can be replayed by a browser across sites, a bearer token cannot. */
  via: 'session' | 'bearer'
}

export interface AuthEnv {
  Variables: {
    principal: Principal | null; auditActor?: string
    /** The SHA-256 of the session cookie that proved `principal` (not set for a bearer token): what an open stream is filed under. */
    sessionHash?: string
  }
}

const fromUser = (u: UserRow, via: Principal['via']): Principal => {
  const fields = { role: u.role as Role, township: u.township, grids: u.grids, department: u.department }
  return { kind: 'user', id: u.id, actor: u.login, name: u.name, ...fields, reach: reachOf(fields), via }
}
const fromToken = (t: TokenRow, via: Principal['via']): Principal => {
  const fields = { role: t.role as Role, township: t.township, grids: t.grids, department: t.department }
  return { kind: 'token', id: t.id, actor: t.name, name: t.name, ...fields, reach: reachOf(fields), via }
}

export function principalResolver(store: Store, now: () => number) {
  const accounts = store.accounts
  const liveToken = async (hash: string): Promise<TokenRow | null> => {
    const t = await accounts.tokenByHash(hash)
    if (!t || t.revokedAt !== null) return null
    const at = now()
    if (t.lastUsedAt === null || at - t.lastUsedAt > TOUCH_MS) await accounts.touchToken(t.id, at)
    return t
  }
  /** Who a stored session stands for; null when it expired or its owner may no longer sign in. Writes nothing. */
  const sessionOwner = async (s: SessionRow, at: number): Promise<Principal | null> => {
    if (s.expiresAt <= at) return null
    if (s.userId !== null) {
      const u = await accounts.userById(s.userId)
      return u && !u.disabled ? fromUser(u, 'session') : null
    }
    if (s.tokenId !== null) {
      const t = await accounts.tokenById(s.tokenId)
      return t && t.revokedAt === null ? fromToken(t, 'session') : null
    }
    return null
  }
  return {
    async bearer(secret: string): Promise<Principal | null> {
      const t = await liveToken(sha256(secret))
      return t ? fromToken(t, 'bearer') : null
    },
    async session(cookie: string): Promise<Principal | null> {
      const hash = sha256(cookie)
      const s = await accounts.session(hash)
      if (!s) return null
      const at = now()
      const principal = await sessionOwner(s, at)
      if (!principal) { await accounts.deleteSession(hash); return null }
      if (at - s.lastSeenAt > TOUCH_MS) await accounts.touchSession(hash, at, Math.min(at + SESSION_IDLE_MS, s.absoluteAt))
      return principal
    },
    /**
     * Whether what proved an open stream still would, asked again of the database (api/auth/open-streams.ts).
     * Counts as no use: it slides no session (an idle tab with a stream open must still expire after 8 idle
     * hours) and marks no token used.
     */
    async stillValid({ principal, sessionHash }: { principal: Principal; sessionHash: string | null }): Promise<boolean> {
      if (sessionHash !== null) {
        const s = await accounts.session(sessionHash)
        return s !== null && (await sessionOwner(s, now())) !== null
      }
      const t = await accounts.tokenById(principal.id)
      return t !== null && t.revokedAt === null
    },
    tokenRow: (secret: string) => liveToken(sha256(secret)),
  }
}
export type PrincipalResolver = ReturnType<typeof principalResolver>

/** Sets `principal` (null when the request carries no valid credential; the policy decides whether that is 401). */
export function identify(resolver: PrincipalResolver): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization')
    let principal: Principal | null = null
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header)
      principal = m ? await resolver.bearer(m[1]!) : null
      // A header that is present but wrong is a failed credential, not an absent one: no fallback to the cookie.
      c.set('principal', principal)
      c.set('auditActor', principal ? undefined : 'invalid-token')
      return next()
    }
    const cookie = getCookie(c, SESSION_COOKIE)
    if (cookie) principal = await resolver.session(cookie)
    c.set('principal', principal)
    if (cookie && principal) c.set('sessionHash', sha256(cookie))
    return next()
  }
}

export const principalOf = (c: Context): Principal | null => (c.get('principal' as never) as Principal | null | undefined) ?? null

/** The principal as the rules and history see it: its sides' fields, its key ('user:ID', 'token:ID') and name. */
export function actingAs(p: Principal): ActingPrincipal {
  return { key: `${p.kind}:${p.id}`, name: p.name, role: p.role, township: p.township, grids: p.grids, department: p.department }
}
