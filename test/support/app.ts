// Builds the real app over a fresh, migrated database on the run's engine (support/engine.ts: a temporary
// SQLite file, or a PostgreSQL schema of its own), with a pinned clock that tests can move. No server, no network: requests go through app.request(). Requests act as a county leader (an API token
// made here) unless they carry their own Authorization or Cookie header, or pass `as: null` (no credential);
// `t.token(role, scope)` makes a token for any other principal; `t.admin(login, password)` an administrator, who
// signs in with `otp: t.otp()` besides the password.
import { randomBytes } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import { createApp } from '../../api/app'
import type { AppDeps } from '../../api/app'
import { DEMO_TOTP_SECRET } from '../../api/seed/demo-accounts'
import { loadRegions } from '../../api/services/regions'
import type { Regions } from '../../api/services/regions'
import { openStore } from '../../api/store'
import type { Role } from '../../domain/roles'
import { freshStorePlace } from './engine'
import { sessionCookieOf } from './session-cookie'

let regions: Regions | undefined

export interface TestApp extends Awaited<ReturnType<typeof createApp>> {
  store: Awaited<ReturnType<typeof openStore>>
  clock: { now: number }
  json: (path: string, init?: RequestInit, as?: string | null) => Promise<{ status: number; body: any; headers: Headers }>
  post: (path: string, body: unknown, headers?: Record<string, string>, as?: string | null) => Promise<{ status: number; body: any; headers: Headers }>
  /** The county leader's token every request carries by default. */
  leader: string
  /** Headers that act as the default principal, for direct app.request() calls. */
  auth: Record<string, string>
  /** A new API token (its secret) for a principal of this role and scope (a department account: its department). */
  token: (role: Role, scope?: { township?: string; grids?: string[]; department?: string }) => Promise<string>
  /** An administrator (its id) whose second factor is the demo's published TOTP key, DEMO_TOTP_SECRET. */
  admin: (login: string, password: string) => Promise<number>
  /** Such an administrator, signed in: its session cookie (`onemap_session=…`). */
  adminSession: (login: string, password: string) => Promise<string>
  /**
   * A code of DEMO_TOTP_SECRET that this app has not accepted yet: the current time step's, or, when that one was
   * handed out already, the next step's — the clock then moves on to it (a code is good for one sign-in).
   */
  otp: () => string
  count: (table: string) => Promise<number>
  close: () => Promise<void>
}

export const T0 = Date.parse('2026-11-27T02:00:00Z')

/**
 * `options.trust` overrides the rate limits etc. (a corpus of hundreds of writes from one client would trip them);
 * `options.streamRecheckMs` shortens the re-check of open event streams' credentials. Second-factor keys are sealed
 * with a random TOTP_KEY of this app's own unless `options.totpKey` says otherwise.
 */
export async function testApp(startAt = T0, options: Pick<AppDeps, 'trust' | 'totpKey' | 'streamRecheckMs' | 'briefing' | 'exportMaxRows' | 'exportPageRows'> = {}): Promise<TestApp> {
  regions ??= loadRegions()
  const place = await freshStorePlace()
  const store = await openStore(place.location)
  const clock = { now: startAt }
  const onemap = await createApp({ regions, store, now: () => clock.now, totpKey: randomBytes(32), ...options })
  let n = 0
  const token = async (role: Role, scope: { township?: string; grids?: string[]; department?: string } = {}) =>
    (await onemap.accounts.createToken({ name: `test ${role} ${++n}`, role, township: scope.township ?? null, grids: scope.grids ?? [], department: scope.department ?? null }, null)).secret
  const leader = await token('leader')
  let handedOut = -1
  const otp = () => {
    const step = TOTP.counter({ timestamp: clock.now })
    if (step <= handedOut) clock.now = (handedOut + 1) * 30_000
    handedOut = TOTP.counter({ timestamp: clock.now })
    return TOTP.generate({ secret: Secret.fromBase32(DEMO_TOTP_SECRET), timestamp: clock.now })
  }
  const admin = async (login: string, password: string) => {
    const { id } = await onemap.accounts.createUserSync({ login, name: '管理员', role: 'admin', password })
    await onemap.secondFactors.enrolPublished(id, DEMO_TOTP_SECRET)
    return id
  }
  const json = async (path: string, init: RequestInit = {}, as: string | null = leader) => {
    const headers = new Headers(init.headers)
    if (as !== null && !headers.has('Authorization') && !headers.has('Cookie')) headers.set('Authorization', `Bearer ${as}`)
    const res = await onemap.app.request(path, { ...init, headers })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers }
  }
  return {
    ...onemap,
    store,
    clock,
    json,
    leader,
    auth: { Authorization: `Bearer ${leader}` },
    token,
    admin,
    adminSession: async (login, password) => {
      await admin(login, password)
      const res = await json('/api/auth/login', {
        method: 'POST', body: JSON.stringify({ login, password, otp: otp() }), headers: { 'Content-Type': 'application/json' },
      }, null)
      return sessionCookieOf(res)!
    },
    otp,
    post: (path, body, headers = {}, as = leader) => json(path, {
      method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...headers },
    }, as),
    count: async (table) => (await store.sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n,
    close: async () => { await store.close(); await place.drop() },
  }
}
