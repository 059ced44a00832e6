// An event stream lasts no longer than what proved it (api/auth/open-streams.ts): signing out, signing out
// everywhere (oneself or by an administrator), disabling the account or revoking the token closes its streams at
// once; a periodic re-check from the database closes the rest (a session expired by time, a change made by
// another process). Other people's streams stay open.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_TRUST } from '../../api/config'
import { SESSION_IDLE_MS } from '../../api/auth/principal'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { sseReader } from '../support/sse'
import type { SseReader } from '../support/sse'
import { sessionCookieOf } from '../support/session-cookie'

const PASSWORD = 'stream-ends-password'
const LUOYANG = '330329100'
/** The findings' bound on how long a stream may outlive its credential. */
const CLOSED_WITHIN_MS = 5000

let seq = 0
const cookieOf = (res: { headers: Headers }) => sessionCookieOf(res)!

function helpers(t: TestApp) {
  const person = async (role: 'township' | 'admin' = 'township') => {
    const login = `p${++seq}`
    const user = await t.accounts.createUserSync({ login,name: '测试',role,...(role==='township'? { township: LUOYANG }:{}),password: PASSWORD })
    return { id: user.id, login }
  }
  const signIn = async (login: string) => cookieOf(await t.post('/api/auth/login', { login, password: PASSWORD }, {}, null))
  const post = (path: string, cookie: string) => t.post(path, {}, { Cookie: cookie }, null)
  /** Opens a stream and reads up to `ready`, so it is subscribed and filed before the test acts. */
  const stream = async (headers: Record<string, string>): Promise<SseReader> => {
    const res = await t.app.request('/api/stream', { headers })
    expect(res.status).toBe(200)
    const reader = sseReader(res)
    expect((await reader.until((s) => s.includes('event: ready'))).text).toContain('event: ready')
    return reader
  }
  /** Whether the stream's body ended within the bound. */
  const ends = async (reader: SseReader, ms = CLOSED_WITHIN_MS) => (await reader.until(() => false, ms)).done
  /** Still open: it ends not within a short wait, and an event still reaches it. */
  const staysOpen = async (reader: SseReader) => {
    const before = (await reader.until(() => false, 300))
    expect(before.done).toBe(false)
    await t.store.transaction(async () => { await t.store.events.append(t.clock.now, 'incident.updated', 1, LUOYANG, { ping: ++seq }, null) })
    await t.bus.notify()
    const after = await reader.until((s) => s.includes(`"ping":${seq}`))
    expect(after.text).toContain(`"ping":${seq}`)
    expect(after.done).toBe(false)
  }
  return { person, signIn, post, stream, ends, staysOpen }
}

describe('closed at once, by this server', () => {
  // The default re-check (a minute): whatever closes within 5 s here is the immediate close, not the sweep.
  let t: TestApp
  let h: ReturnType<typeof helpers>
  let admin: string
  beforeAll(async () => {
    t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, loginRate: null } })
    h = helpers(t)
    admin = await t.adminSession(`p${++seq}`, PASSWORD)
  })
  afterAll(async () => await t.close())

  test('signing out ends the streams of that session within 5 s; another session of the same person keeps its own', async () => {
    const { login } = await h.person()
    const [a, b] = [await h.signIn(login), await h.signIn(login)]
    const [sa, sb] = [await h.stream({ Cookie: a }), await h.stream({ Cookie: b })]
    expect((await h.post('/api/auth/logout', a)).status).toBe(204)
    expect(await h.ends(sa)).toBe(true)
    await h.staysOpen(sb)
    await sb.cancel()
  })

  test('disabling an account ends its streams within 5 s', async () => {
    const { id, login } = await h.person()
    const s = await h.stream({ Cookie: await h.signIn(login) })
    expect((await h.post(`/api/admin/users/${id}/disable`, admin)).status).toBe(200)
    expect(await h.ends(s)).toBe(true)
  })

  test('revoking a token ends the streams it opened as a bearer token within 5 s', async () => {
    const secret = await t.token('wall')
    const id = (await t.accounts.tokens()).at(-1)!.id
    const s = await h.stream({ Authorization: `Bearer ${secret}` })
    expect((await h.post(`/api/admin/tokens/${id}/revoke`, admin)).status).toBe(200)
    expect(await h.ends(s)).toBe(true)
    expect((await t.app.request('/api/stream', { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401)
  })

  test("a wall window whose session the per-token cap ends loses its stream at once; the newer windows keep theirs", async () => {
    const secret = await t.token('wall')
    const exchange = async () => cookieOf(await t.post('/api/auth/token-session', { token: secret }, {}, null))
    const oldest = await exchange()
    const s = await h.stream({ Cookie: oldest })
    const rest = []
    for (let i = 1; i < DEFAULT_TRUST.sessionsPerToken; i++) { t.clock.now += 1_000; rest.push(await exchange()) }
    const newest = await h.stream({ Cookie: rest.at(-1)! })
    t.clock.now += 1_000
    await exchange() // one more than the cap: the oldest session ends
    expect(await h.ends(s)).toBe(true)
    await h.staysOpen(newest)
    await newest.cancel()
  })

  test("revoking a wall's token ends the stream of the session it was exchanged for within 5 s; the reconnect is 401", async () => {
    const secret = await t.token('wall')
    const id = (await t.accounts.tokens()).at(-1)!.id
    const wall = cookieOf(await t.post('/api/auth/token-session', { token: secret }, {}, null))
    const s = await h.stream({ Cookie: wall })
    expect((await h.post(`/api/admin/tokens/${id}/revoke`, admin)).status).toBe(200)
    expect(await h.ends(s)).toBe(true)
    expect((await t.app.request('/api/stream', { headers: { Cookie: wall } })).status).toBe(401)
    expect((await t.post('/api/auth/token-session', { token: secret }, {}, null)).status).toBe(401)
  })

  test('signing out everywhere ends every session of the person and all their streams; others stay open; audited', async () => {
    const me = await h.person()
    const other = await h.person()
    const [a, b] = [await h.signIn(me.login), await h.signIn(me.login)]
    const [sa, sb] = [await h.stream({ Cookie: a }), await h.stream({ Cookie: b })]
    const theirs = await h.stream({ Cookie: await h.signIn(other.login) })
    const out = await h.post('/api/auth/logout-all', a)
    expect(out.status).toBe(204)
    expect(out.headers.get('Set-Cookie')).toMatch(/onemap_session=;.*Max-Age=0/)
    expect(await h.ends(sa)).toBe(true)
    expect(await h.ends(sb)).toBe(true)
    for (const cookie of [a, b]) expect((await t.json('/api/auth/me', { headers: { Cookie: cookie } }, null)).status).toBe(401)
    await h.staysOpen(theirs)
    await theirs.cancel()
    const audit = (await t.json(`/api/audit?actor=${me.login}`, { headers: { Cookie: admin } }, null)).body.entries
    expect(audit[0]).toMatchObject({ method: 'POST', path: '/api/auth/logout-all', status: 204 })
  })

  test('a device token cannot sign out everywhere (403): its sessions end when it is revoked', async () => {
    const res = await t.post('/api/auth/logout-all', {})
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('not_a_person')
  })

  test("an administrator signs a user out everywhere: their sessions and streams end, others' stay; audited", async () => {
    const them = await h.person()
    const other = await h.person()
    const [a, b] = [await h.signIn(them.login), await h.signIn(them.login)]
    const [sa, sb] = [await h.stream({ Cookie: a }), await h.stream({ Cookie: b })]
    const theirs = await h.stream({ Cookie: await h.signIn(other.login) })
    const res = await h.post(`/api/admin/users/${them.id}/sessions/end`, admin)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ user: { login: them.login, disabled: false }, sessionsEnded: 2 })
    expect(await h.ends(sa)).toBe(true)
    expect(await h.ends(sb)).toBe(true)
    for (const cookie of [a, b]) expect((await t.json('/api/auth/me', { headers: { Cookie: cookie } }, null)).status).toBe(401)
    // Not disabled: they sign in again.
    expect((await t.post('/api/auth/login', { login: them.login, password: PASSWORD }, {}, null)).status).toBe(200)
    await h.staysOpen(theirs)
    await theirs.cancel()
    const audit = (await t.json('/api/audit', { headers: { Cookie: admin } }, null)).body.entries
    expect(audit.find((e: { path: string }) => e.path === `/api/admin/users/${them.id}/sessions/end`)).toMatchObject({ status: 200, target: `/api/admin/users/${them.id}` })
    expect((await h.post('/api/admin/users/999999/sessions/end', admin)).status).toBe(404)
  })
})

describe('closed by the periodic re-check', () => {
  const RECHECK_MS = 100
  let t: TestApp
  let h: ReturnType<typeof helpers>
  beforeAll(async () => {
    t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, loginRate: null }, streamRecheckMs: RECHECK_MS })
    h = helpers(t)
  })
  afterAll(async () => await t.close())

  test('a session that expires by time (8 idle hours) ends its stream; the re-check itself does not slide the session', async () => {
    const cookie = await h.signIn((await h.person()).login)
    const subscribed = t.bus.size
    const s = await h.stream({ Cookie: cookie })
    // Half the idle time, a few sweeps: still valid, and (were the sweep a use) the session would slide here.
    t.clock.now += SESSION_IDLE_MS / 2
    expect(await h.ends(s, RECHECK_MS * 5)).toBe(false)
    t.clock.now += SESSION_IDLE_MS / 2 + 60_000
    expect(await h.ends(s, RECHECK_MS * 20)).toBe(true)
    // Nothing is left behind: the registry's entry, and the bus's subscription.
    expect(t.streams.size).toBe(0)
    expect(t.bus.size).toBe(subscribed)
  })

  test('a change made by another process (npm run user, another replica) ends the stream at the next re-check', async () => {
    const secret = await t.token('wall')
    const id = (await t.accounts.tokens()).at(-1)!.id
    const s = await h.stream({ Authorization: `Bearer ${secret}` })
    const kept = await h.stream({ Authorization: `Bearer ${t.leader}` })
    // Straight to the database, as the CLI does: this server's registry hears nothing.
    await t.store.accounts.revokeToken(id, t.clock.now)
    expect(await h.ends(s, RECHECK_MS * 20)).toBe(true)
    await h.staysOpen(kept)
    await kept.cancel()
  })
})
