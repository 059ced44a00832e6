// Builds the real app over a fresh, migrated database in a temp directory, with a pinned clock that tests can
// move. No server, no network: requests go through app.request(). Requests act as a county leader (an API token
// made here) unless they carry their own Authorization or Cookie header, or pass `as: null` (no credential);
// `t.token(role, scope)` makes a token for any other principal.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../../api/app'
import type { AppDeps } from '../../api/app'
import { loadRegions } from '../../api/services/regions'
import type { Regions } from '../../api/services/regions'
import { openStore } from '../../api/store'
import type { Role } from '../../domain/roles'

let regions: Regions | undefined

export interface TestApp extends ReturnType<typeof createApp> {
  store: ReturnType<typeof openStore>
  clock: { now: number }
  json: (path: string, init?: RequestInit, as?: string | null) => Promise<{ status: number; body: any; headers: Headers }>
  post: (path: string, body: unknown, headers?: Record<string, string>, as?: string | null) => Promise<{ status: number; body: any; headers: Headers }>
  /** The county leader's token every request carries by default. */
  leader: string
  /** Headers that act as the default principal, for direct app.request() calls. */
  auth: Record<string, string>
  /** A new API token (its secret) for a principal of this role and scope. */
  token: (role: Role, scope?: { township?: string; grids?: string[] }) => string
  count: (table: string) => number
  close: () => void
}

export const T0 = Date.parse('2026-11-27T02:00:00Z')

/**
 * `options.trust` overrides the rate limits etc. (a corpus of hundreds of writes from one client would trip them);
 * `options.streamRecheckMs` shortens the re-check of open event streams' credentials.
 */
export function testApp(startAt = T0, options: Pick<AppDeps, 'trust' | 'streamRecheckMs'> = {}): TestApp {
  regions ??= loadRegions()
  const dir = mkdtempSync(join(tmpdir(), 'onemap-test-'))
  const store = openStore(join(dir, 'test.db'))
  const clock = { now: startAt }
  const onemap = createApp({ regions, store, now: () => clock.now, ...options })
  let n = 0
  const token = (role: Role, scope: { township?: string; grids?: string[] } = {}) =>
    onemap.accounts.createToken({ name: `test ${role} ${++n}`, role, township: scope.township ?? null, grids: scope.grids ?? [] }, null).secret
  const leader = token('leader')
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
    post: (path, body, headers = {}, as = leader) => json(path, {
      method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...headers },
    }, as),
    count: (table) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    close: () => { store.close(); rmSync(dir, { recursive: true, force: true }) },
  }
}
