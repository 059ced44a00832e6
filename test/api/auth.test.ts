// Sign-in, sessions, device tokens, the reach of each principal beyond the matrix (defaults, unknown ids, the
// grid worker's neighbours), CSRF, the wall's masking and the event stream's filter.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { SESSION_IDLE_MS } from '../../api/auth/principal'
import { sha256 } from '../../api/auth/secrets'
import { DEFAULT_TRUST } from '../../api/config'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertDispute, insertIncident } from '../support/fixtures'
import { pointInGrid } from '../support/points'
import { sessionCookieOf } from '../support/session-cookie'
import { readUntil } from '../support/sse'

const LUOYANG = '330329100'
const PASSWORD = 'correct-horse-battery'

let t: TestApp
beforeAll(async () => {
  // More sign-ins than the sign-in budget allows a minute from one address: its limit is trust.test.ts's subject.
  t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, loginRate: null } })
  await t.accounts.createUserSync({ login: 'officer', name: '罗阳镇干部', role: 'township', township: LUOYANG, password: PASSWORD })
  await t.admin('root', PASSWORD)
})
afterAll(async () => await t.close())

const login = (loginName: string, password: string, headers: Record<string, string> = {}) =>
  t.post('/api/auth/login', { login: loginName, password }, headers, null)
/** Administrators sign in with a second factor (second-factor.test.ts): a fresh code of the demo key. */
const adminLogin = () => t.post('/api/auth/login', { login: 'root', password: PASSWORD, otp: t.otp() }, {}, null)
const cookieOf = sessionCookieOf
const asCookie = (cookie: string, path: string) => t.json(path, { headers: { Cookie: cookie } }, null)

test('signing in sets an HttpOnly, SameSite=Strict session cookie; the cookie is the session until sign-out', async () => {
  const res = await login('officer', PASSWORD)
  expect(res.status).toBe(200)
  expect(res.body.user).toMatchObject({ login: 'officer', role: 'township', township: LUOYANG, home: LUOYANG })
  const setCookie = res.headers.get('Set-Cookie')!
  expect(setCookie).toMatch(/HttpOnly/)
  expect(setCookie).toMatch(/SameSite=Strict/)
  expect(setCookie).toMatch(/Path=\//)
  const cookie = cookieOf(res)!
  // Only the hash of the session id is stored.
  const id = cookie.split('=')[1]!
  expect((await t.store.sql.get('SELECT count(*) AS n FROM sessions WHERE id_hash = ?', [sha256(id)]))).toEqual({ n: 1 })
  expect(JSON.stringify((await t.store.sql.all('SELECT * FROM sessions')))).not.toContain(id)
  expect((await asCookie(cookie, '/api/auth/me')).body.user.login).toBe('officer')

  const out = await t.json('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' } }, null)
  expect(out.status).toBe(204)
  expect(out.headers.get('Set-Cookie')).toMatch(/onemap_session=;.*Max-Age=0/)
  expect((await asCookie(cookie, '/api/auth/me')).status).toBe(401)
})

test('a wrong password and an unknown login get the same 401; nothing says which was wrong', async () => {
  const wrong = await login('officer', 'not-the-password')
  const unknown = await login('nobody', 'not-the-password')
  expect([wrong.status, unknown.status]).toEqual([401, 401])
  expect(wrong.body).toEqual(unknown.body)
  expect(wrong.body.error.code).toBe('invalid_credentials')
  expect(cookieOf(wrong)).toBeNull()
})

test('passwords are stored as scrypt with a salt of their own: the same password hashes differently', async () => {
  await t.accounts.createUserSync({ login: 'twin1', name: 'a', role: 'leader', password: PASSWORD })
  await t.accounts.createUserSync({ login: 'twin2', name: 'b', role: 'leader', password: PASSWORD })
  const [a, b] = await Promise.all(['twin1', 'twin2'].map(async (l) => (await t.store.accounts.userByLogin(l))!.password))
  expect(a).toMatch(/^scrypt\$16384\$8\$1\$/)
  expect(a).not.toBe(b)
  expect(a).not.toContain(PASSWORD)
})

test('a session ends after 8 idle hours, slides while used, and never outlives 7 days', async () => {
  const start = t.clock.now
  try {
    const cookie = cookieOf(await login('officer', PASSWORD))!
    t.clock.now += SESSION_IDLE_MS - 60_000
    expect((await asCookie(cookie, '/api/auth/me')).status).toBe(200)
    // Used 7 h 59 min in: it now lasts until 8 h after that use, past the first 8 h.
    t.clock.now += 2 * 60_000
    expect((await asCookie(cookie, '/api/auth/me')).status).toBe(200)
    t.clock.now += SESSION_IDLE_MS + 1
    expect((await asCookie(cookie, '/api/auth/me')).status).toBe(401)

    // Used every 7 hours, it still ends 7 days after sign-in.
    t.clock.now = start
    const busy = cookieOf(await login('officer', PASSWORD))!
    let last = 200
    for (let h = 7; h <= 7 * 24 + 7 && last === 200; h += 7) {
      t.clock.now = start + h * 3_600_000
      last = (await asCookie(busy, '/api/auth/me')).status
      if (h < 7 * 24) expect(last, `at ${h} h`).toBe(200)
    }
    expect(last).toBe(401)
  } finally {
    t.clock.now = start
  }
})

test('disabling a user refuses their sign-in and ends the sessions they have', async () => {
  await t.accounts.createUserSync({ login: 'leaving', name: '离职', role: 'township', township: LUOYANG, password: PASSWORD })
  const cookie = cookieOf(await login('leaving', PASSWORD))!
  const admin = cookieOf(await adminLogin())!
  const id = (await t.store.accounts.userByLogin('leaving'))!.id
  const off = await t.json(`/api/admin/users/${id}/disable`, { method: 'POST', headers: { Cookie: admin, 'Content-Type': 'application/json' } }, null)
  expect(off.body.user).toMatchObject({ login: 'leaving', disabled: true })
  expect((await asCookie(cookie, '/api/incidents')).status).toBe(401)
  const again = await login('leaving', PASSWORD)
  expect(again.status).toBe(403)
  expect(again.body.error.code).toBe('account_disabled')
})

test('an administrator cannot disable their own account', async () => {
  const admin = cookieOf(await adminLogin())!
  const id = (await t.store.accounts.userByLogin('root'))!.id
  const res = await t.json(`/api/admin/users/${id}/disable`, { method: 'POST', headers: { Cookie: admin, 'Content-Type': 'application/json' } }, null)
  expect(res.status).toBe(409)
  expect(res.body.error.code).toBe('self_disable')
})

test('tokens: the secret is shown once and stored only as SHA-256; last use is kept; a revoked token is 401, and so is the wall session it was exchanged for', async () => {
  const admin = cookieOf(await adminLogin())!
  const adminPost = (path: string, body: unknown) => t.json(path, { method: 'POST', headers: { Cookie: admin, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, null)
  const created = await adminPost('/api/admin/tokens', { name: '罗阳镇大屏', role: 'wall', township: LUOYANG })
  expect(created.status).toBe(201)
  const { secret, token } = created.body
  expect(secret).toMatch(/^omt_[A-Za-z0-9_-]{43}$/)
  expect(JSON.stringify((await t.store.sql.all('SELECT * FROM api_tokens')))).not.toContain(secret)
  expect((await t.store.accounts.tokenByHash(sha256(secret)))!.id).toBe(token.id)
  const listed = await t.json('/api/admin/tokens', { headers: { Cookie: admin } }, null)
  expect(JSON.stringify(listed.body)).not.toContain(secret)

  expect((await t.json('/api/incidents', {}, secret)).status).toBe(200)
  expect((await t.store.accounts.tokenById(token.id))!.lastUsedAt).toBe(t.clock.now)
  const exchanged = await t.post('/api/auth/token-session', { token: secret }, {}, null)
  expect(exchanged.body.user).toMatchObject({ kind: 'token', role: 'wall', township: LUOYANG })
  const wallCookie = cookieOf(exchanged)!
  expect((await asCookie(wallCookie, '/api/auth/me')).status).toBe(200)

  const revoked = await adminPost(`/api/admin/tokens/${token.id}/revoke`, {})
  expect(revoked.body.token.revokedAt).not.toBeNull()
  expect((await t.json('/api/incidents', {}, secret)).status).toBe(401)
  expect((await asCookie(wallCookie, '/api/auth/me')).status).toBe(401)
  expect((await t.post('/api/auth/token-session', { token: secret }, {}, null)).status).toBe(401)
  expect((await adminPost(`/api/admin/tokens/${token.id}/revoke`, {})).status).toBe(409)
})

test('a token cannot be an administrator, and account scopes are checked', async () => {
  const admin = cookieOf(await adminLogin())!
  const adminPost = (path: string, body: unknown) => t.json(path, { method: 'POST', headers: { Cookie: admin, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, null)
  expect((await adminPost('/api/admin/tokens', { name: 'x', role: 'admin' })).status).toBe(422)
  const noTownship = await adminPost('/api/admin/users', { login: 'nt', name: 'x', role: 'township', password: PASSWORD })
  expect(noTownship.status).toBe(422)
  expect(noTownship.body.error.message).toMatch(/needs a township/)
  const foreignGrid = await adminPost('/api/admin/users', { login: 'fg', name: 'x', role: 'grid', township: LUOYANG, grids: [GRIDS.siqian], password: PASSWORD })
  expect(foreignGrid.body.error.message).toMatch(/not a grid of township 330329100/)
  expect((await adminPost('/api/admin/users', { login: 'short', name: 'x', role: 'leader', password: 'short' })).body.error.code).toBe('weak_password')
  expect((await adminPost('/api/admin/users', { login: 'officer', name: 'x', role: 'leader', password: PASSWORD })).status).toBe(409)
})

test('an invalid bearer token is 401 even with a valid cookie beside it (no silent fallback)', async () => {
  const cookie = cookieOf(await login('officer', PASSWORD))!
  const res = await t.json('/api/incidents', { headers: { Cookie: cookie, Authorization: 'Bearer omt_wrong' } }, null)
  expect(res.status).toBe(401)
  expect(res.body.error.message).toMatch(/sign in/)
})

test('CSRF: a signed-in write must be application/json; a bearer-token write need not be', async () => {
  const cookie = cookieOf(await login('officer', PASSWORD))!
  const form = await t.json('/api/incidents', {
    method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'type=x',
  }, null)
  expect(form.status).toBe(415)
  expect(form.body.error.message).toMatch(/application\/json/)
  const logoutNoType = await t.json('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie } }, null)
  expect(logoutNoType.status).toBe(415)
  // The same body-less POST with a token goes through (here: logout, which for a token is a no-op 204).
  expect((await t.json('/api/auth/logout', { method: 'POST' })).status).toBe(204)
})

test('a township officer: lists default to their township; an unknown id and a foreign one are both 404', async () => {
  const officer = await t.token('township', { township: LUOYANG })
  const own = await insertIncident(t.store, { reportedAt: t.clock.now - 1000, grid: GRIDS.luoyangB })
  const foreign = await insertIncident(t.store, { reportedAt: t.clock.now - 1000, grid: GRIDS.siqian })
  const list = await t.json('/api/incidents?limit=5000', {}, officer)
  expect(list.status).toBe(200)
  const ids = list.body.features.map((f: { id: number }) => f.id)
  expect(ids).toContain(own)
  expect(ids).not.toContain(foreign)
  expect(list.body.features.every((f: { properties: { township: string } }) => f.properties.township === LUOYANG)).toBe(true)
  expect((await t.json('/api/incidents?scope=330329', {}, officer)).status).toBe(403)
  const summary = await t.json('/api/metrics/summary', {}, officer)
  expect(summary.body.scope).toBe(LUOYANG)
  expect((await t.json('/api/incidents/99999999', {}, officer)).status).toBe(404)
  const denied = await t.json(`/api/incidents/${foreign}`, {}, officer)
  expect(denied.status).toBe(404)
  expect(denied.body.error).toEqual({ code: 'not_found', message: `no incident with id ${foreign}` })
  // The county choropleth (every township side by side) is a county view.
  expect((await t.json('/api/metrics/choropleth?metric=reports', {}, officer)).status).toBe(403)
})

test('a grid worker reaches their grid only: a neighbouring grid of the same township is 403 as a scope, 404 as a record', async () => {
  const worker = await t.token('grid', { township: LUOYANG, grids: [GRIDS.luoyangA] })
  const neighbour = await insertIncident(t.store, { reportedAt: t.clock.now - 1000, grid: GRIDS.luoyangB })
  expect((await t.json(`/api/incidents/${neighbour}`, {}, worker)).status).toBe(404)
  expect((await t.json(`/api/incidents?scope=${GRIDS.luoyangB}`, {}, worker)).status).toBe(403)
  expect((await t.json(`/api/incidents?scope=${LUOYANG}`, {}, worker)).status).toBe(403)
  expect((await t.json(`/api/incidents/${neighbour}/transitions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"accept"}' }, worker)).status).toBe(404)
  expect((await t.store.incidents.get(neighbour))!.status).toBe('reported')
  const list = await t.json('/api/incidents', {}, worker)
  expect(list.status).toBe(200)
  expect(list.body.features.every((f: { properties: { grid: string } }) => f.properties.grid === GRIDS.luoyangA)).toBe(true)
})

test('a wall display is read-only and always gets personal data masked, whatever it asks', async () => {
  const wall = await t.token('wall')
  const created = await t.post('/api/incidents', {
    type: 'road-occupation', point: { lng: 119.708034, lat: 27.559551 }, source: 'hotline', description: '测试(合成)',
    reporter: { name: '张三丰', phone: '13812345678' },
  })
  const plain = await t.json(`/api/incidents/${created.body.id}`)
  expect(plain.body.reporter).toEqual({ name: '张三丰', phone: '13812345678' })
  for (const q of ['', '?masked=false', '?masked=0']) {
    const seen = await t.json(`/api/incidents/${created.body.id}${q}`, {}, wall)
    expect(seen.status).toBe(200)
    expect(JSON.stringify(seen.body)).not.toMatch(/张三丰|13812345678/)
    expect(seen.body.reporter).toEqual({ name: '张**', phone: '138****5678' })
  }
  const d = await insertDispute(t.store, { acceptedAt: t.clock.now - 1000 })
  await t.store.sql.run('UPDATE disputes SET parties = ? WHERE id = ?', [JSON.stringify([{ name: '欧阳锋', phone: '13912345678', idNumber: '330329199001011234' }]), d])
  const dispute = await t.json(`/api/disputes/${d}?masked=false`, {}, wall)
  expect(JSON.stringify(dispute.body)).not.toMatch(/欧阳锋|13912345678|199001011234/)
  const write = await t.post('/api/incidents', { type: 'road-occupation', point: { lng: 119.708034, lat: 27.559551 }, source: 'patrol', description: 'x' }, {}, wall)
  expect(write.status).toBe(403)
})

/**
 * Reads an SSE response until `until` matches the text so far (or 5 s pass), then closes it. Through support/sse.ts,
 * which keeps one read pending across its waits: a read abandoned at each wait would take the next chunk with it,
 * and on a loaded machine (a write taking over 200 ms) the live events went missing.
 */
async function readStream(res: Response, until: (text: string) => boolean): Promise<string> {
  return (await readUntil(res, until, 5000)).text
}
/** The records events carry, as `kind:id`, in order; `ready` and `reset` left out. */
const entities = (text: string) => [...text.matchAll(/^event: (\S+)\ndata: (.*)$/gm)]
  .filter((m) => m[1] !== 'ready' && m[1] !== 'reset')
  .map((m) => `${m[1]}:${(JSON.parse(m[2]!) as { id: number }).id}`)

test('the stream is filtered to the principal: replayed and live events of other townships (or grids) never arrive', async () => {
  const point = (grid: string) => pointInGrid(t.locator, grid)
  const siqian = point(GRIDS.siqian)
  const body = (p: { lng: number; lat: number }) => ({ type: 'road-occupation', point: p, source: 'patrol', description: '流测试(合成)' })
  const since = t.bus.lastId
  const own = (await t.post('/api/incidents', body(point(GRIDS.luoyangA)))).body.id as number
  const foreign = (await t.post('/api/incidents', body(siqian))).body.id as number
  const whistle = (await t.post('/api/whistles', { township: LUOYANG, department: 'market', reason: '流测试(合成)' })).body.id as number

  const officer = await t.token('township', { township: LUOYANG })
  const worker = await t.token('grid', { township: LUOYANG, grids: [GRIDS.luoyangA] })
  const open = (as: string) => t.app.request(`/api/stream?lastEventId=${since}`, { headers: { Authorization: `Bearer ${as}` } })

  const county = await readStream(await open(t.leader), (s) => s.includes('event: ready'))
  expect(entities(county)).toEqual([`incident.created:${own}`, `incident.created:${foreign}`, `whistle.created:${whistle}`])
  const township = await readStream(await open(officer), (s) => s.includes('event: ready'))
  expect(entities(township)).toEqual([`incident.created:${own}`, `whistle.created:${whistle}`])
  const grid = await readStream(await open(worker), (s) => s.includes('event: ready'))
  expect(entities(grid)).toEqual([`incident.created:${own}`])

  // Live: a foreign incident, then an own one; the officer's stream shows the own one only.
  const res = await t.app.request('/api/stream', { headers: { Authorization: `Bearer ${officer}` } })
  const reading = readStream(res, (s) => /incident\.created/.test(s))
  await new Promise((r) => setTimeout(r, 100))
  const foreign2 = (await t.post('/api/incidents', body(siqian))).body.id as number
  const own2 = (await t.post('/api/incidents', body(point(GRIDS.luoyangA)))).body.id as number
  const live = await reading
  expect(entities(live)).toEqual([`incident.created:${own2}`])
  expect(live).not.toContain(`"id":${foreign2}`)
})
