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
import { addressKey } from '../http/rate-limit'
import { METRIC_ACCESS } from '../auth/metric-access'
import { who } from '../auth/policy'
import type { AuthEnv, Principal, PrincipalResolver } from '../auth/principal'
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, TOKEN_SESSION_ABSOLUTE_MS, principalOf } from '../auth/principal'
import type { SecondFactorService } from '../auth/second-factor'
import type { SessionOwner, SessionService } from '../auth/sessions'
import type { SignInBackoff } from '../auth/sign-in-backoff'

/** Who is signed in, with the metrics their role may read (auth/metric-access.ts), so the web asks for no other. */
export const me = (p: Principal): SignedIn => ({
  kind: p.kind, login: p.actor, name: p.name, role: p.role, roleName: ROLE_LABELS[p.role],
  township: p.township, grids: p.grids, department: p.department, home: homeScope(p.reach), metrics: METRIC_ACCESS[p.role],
})

/**
 * `sessions`: the session rows and the streams they opened (auth/sessions.ts); the cookie is this module's.
 * `backoff`: the per-login slowdown of repeated failed sign-ins (auth/sign-in-backoff.ts).
 */
export function authRoutes(sessions: SessionService, resolver: PrincipalResolver, secondFactors: SecondFactorService, backoff: SignInBackoff) {
  const startSession = async (c: Context, owner: SessionOwner, absoluteMs: number) => {
    const { cookie, principal } = await sessions.start(owner, absoluteMs, getCookie(c, SESSION_COOKIE))
    // No Max-Age: the cookie ends with the browser; the server ends the session after 8 idle hours regardless.
    setCookie(c, SESSION_COOKIE, cookie, { httpOnly: true, sameSite: 'Strict', path: '/', secure: new URL(c.req.url).protocol === 'https:' })
    // The reply says who is now signed in, and the audit row records them.
    c.set('principal', principal)
    return principal
  }

  return new Hono<AuthEnv>()
    .post('/login', limitBody, async (c) => {
      const { login, password, otp, recoveryCode } = await readJson(c, LoginRequest)
      c.set('auditActor', login)
      // Before the password is looked at: a login slowed by repeated failures learns nothing from its answer.
      const attempt = backoff(login, addressKey(c))
      const user = await sessions.checkPassword(login, password)
      // Only after the password: the second factor's answers (required, wrong) must not be a password oracle.
      await secondFactors.verify(user, { otp, recoveryCode })
      attempt.succeeded()
      return c.json({ user: me(await startSession(c, { userId: user.id }, SESSION_ABSOLUTE_MS)) })
    })
    .post('/token-session', limitBody, async (c) => {
      const { token } = await readJson(c, TokenSessionRequest)
      const row = await resolver.tokenRow(token)
      if (!row) throw new ApiError(401, 'invalid_token', 'the token is unknown or revoked; ask an administrator for a new one')
      c.set('auditActor', row.name)
      // An intake integration files Open311 requests with its key and has no screen: a session would be a cookie a
      // browser could replay, for nothing it may do.
      if (row.role === 'intake') throw new ApiError(403, 'forbidden', 'an intake token files Open311 requests (its api_key) and does not sign in')
      return c.json({ user: me(await startSession(c, { tokenId: row.id }, TOKEN_SESSION_ABSOLUTE_MS)) })
    })
    .post('/logout', async (c) => {
      const cookie = getCookie(c, SESSION_COOKIE)
      if (cookie) await sessions.end(cookie)
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.body(null, 204)
    })
    // Sign out everywhere (a phone left signed in somewhere): every session of this person, on every device.
    .post('/logout-all', async (c) => {
      const principal = who(c)
      if (principal.kind !== 'user') {
        throw new ApiError(403, 'not_a_person', 'signing out everywhere is for people; a device signs out when an administrator revokes its token')
      }
      await sessions.endAll(principal.id)
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

