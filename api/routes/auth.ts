// /api/auth: sign-in with login and password (a session cookie), a device token exchanged for a session cookie
// (the wall: EventSource cannot send an Authorization header, and a token in every stream URL would end up in
// access logs), sign-out (this session, or everywhere), who am I (401 when no one), and whether anyone is signed
// in (always 200: a page asks this before it knows, and a 401 there would be a console error on every sign-in
// screen).
import { Hono } from 'hono'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { SignedIn } from '../../domain/answers/account'
import { LoginRequest, TokenSessionRequest } from '../../domain/account-schemas'
import { ROLE_LABELS, homeScope } from '../../domain/roles'
import { ApiError } from '../errors'
import { NO_STORE } from '../http/cache-control'
import { readJson, limitBody } from '../http/json-body'
import { METRIC_ACCESS } from '../auth/metric-access'
import { who } from '../auth/policy'
import type { AuthEnv, Principal, PrincipalResolver } from '../auth/principal'
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, SESSION_IDLE_MS, TOKEN_SESSION_ABSOLUTE_MS, principalOf } from '../auth/principal'
import type { SecondFactorService } from '../auth/second-factor'
import { DUMMY_HASH, newSessionId, sha256, verifyPassword } from '../auth/secrets'
import type { AccountService } from '../auth/accounts'
import type { OpenStreams } from '../auth/open-streams'
import type { Store } from '../store'

/** Who is signed in, with the metrics their role may read (auth/metric-access.ts), so the web asks for no other. */
export const me = (p: Principal): SignedIn => ({
  kind: p.kind, login: p.actor, name: p.name, role: p.role, roleName: ROLE_LABELS[p.role],
  township: p.township, grids: p.grids, home: homeScope(p.reach), metrics: METRIC_ACCESS[p.role],
})

/**
 * `sessionsPerToken`: a token exchanged once more ends its oldest session (TrustConfig.sessionsPerToken); `streams`:
 * the open event streams, closed with the session that opened them.
 */
export function authRoutes(store: Store, resolver: PrincipalResolver, now: () => number, deps: {
  accounts: AccountService; streams: OpenStreams; secondFactors: SecondFactorService; sessionsPerToken: number
}) {
  const { accounts, streams, secondFactors, sessionsPerToken } = deps
  /** Ends this request's session, and closes the event streams it opened. */
  const endSession = (cookie: string) => {
    const hash = sha256(cookie)
    store.accounts.deleteSession(hash)
    streams.endSession(hash)
  }
  const startSession = (c: Context, owner: { userId: number } | { tokenId: number }, absoluteMs: number) => {
    const old = getCookie(c, SESSION_COOKIE)
    if (old) endSession(old)
    const id = newSessionId()
    const at = now()
    store.accounts.insertSession(sha256(id), owner, at, at + SESSION_IDLE_MS, at + absoluteMs)
    // Without a cap, anyone holding a wall's token (the demo one is public) could mint sessions without end.
    if ('tokenId' in owner) store.accounts.trimTokenSessions(owner.tokenId, sessionsPerToken, sha256(id))
    store.accounts.pruneSessions(at)
    // No Max-Age: the cookie ends with the browser; the server ends the session after 8 idle hours regardless.
    setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/', secure: new URL(c.req.url).protocol === 'https:' })
    // The reply says who is now signed in, and the audit row records them.
    const principal = resolver.session(id)!
    c.set('principal', principal)
    return principal
  }

  return new Hono<AuthEnv>()
    .post('/login', limitBody, async (c) => {
      const { login, password, otp, recoveryCode } = await readJson(c, LoginRequest)
      c.set('auditActor', login)
      const user = store.accounts.userByLogin(login)
      // An unknown login costs the same scrypt as a wrong password and gets the same answer: no account probing.
      const ok = await verifyPassword(password, user?.password ?? DUMMY_HASH)
      if (!user || !ok) throw new ApiError(401, 'invalid_credentials', 'the login or the password is wrong')
      if (user.disabled) throw new ApiError(403, 'account_disabled', 'this account is disabled; ask an administrator to enable it')
      // Only after the password: the second factor's answers (required, wrong) must not be a password oracle.
      secondFactors.verify(user, { otp, recoveryCode })
      return c.json({ user: me(startSession(c, { userId: user.id }, SESSION_ABSOLUTE_MS)) })
    })
    .post('/token-session', limitBody, async (c) => {
      const { token } = await readJson(c, TokenSessionRequest)
      const row = resolver.tokenRow(token)
      if (!row) throw new ApiError(401, 'invalid_token', 'the token is unknown or revoked; ask an administrator for a new one')
      c.set('auditActor', row.name)
      return c.json({ user: me(startSession(c, { tokenId: row.id }, TOKEN_SESSION_ABSOLUTE_MS)) })
    })
    .post('/logout', (c) => {
      const cookie = getCookie(c, SESSION_COOKIE)
      if (cookie) endSession(cookie)
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.body(null, 204)
    })
    // Sign out everywhere (a phone left signed in somewhere): every session of this person, on every device.
    .post('/logout-all', (c) => {
      const principal = who(c)
      if (principal.kind !== 'user') {
        throw new ApiError(403, 'not_a_person', 'signing out everywhere is for people; a device signs out when an administrator revokes its token')
      }
      accounts.endSessions(principal.id)
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.body(null, 204)
    })
    .get('/me', (c) => c.json({ user: me(who(c)) }))
    .get('/session', (c) => {
      const principal = principalOf(c)
      // A public route whose answer is who is signed in: as personal as /me (http/cache-control.ts adds Vary).
      return c.json({ user: principal ? me(principal) : null }, 200, { 'Cache-Control': NO_STORE })
    })
}

