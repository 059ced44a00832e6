// The audit log: every write — accepted or refused — is one row saying who, when, what and from where, except
// refused anonymous writes, summarised per address and minute; reads are not logged, except a record with personal
// data opened unmasked; administrators (only) read it back, newest first, by actor, page by page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_TRUST } from '../../api/config'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertDispute, insertIncident } from '../support/fixtures'

let t: TestApp
let adminCookie = ''
beforeAll(async () => {
  t = await testApp()
  adminCookie = await t.adminSession('auditor', 'audit-password-1')
})
afterAll(async () => await t.close())

const rows = async () => (await t.store.sql.all('SELECT * FROM audit_log ORDER BY id')) as Record<string, unknown>[]
const last = async () => (await rows()).at(-1)!
const point = { lng: 119.708034, lat: 27.559551 }

test('an accepted write: the principal, the time, the method and path, the record it created, the status', async () => {
  const created = await t.post('/api/incidents', { type: 'road-occupation', point, source: 'patrol', description: '审计(合成)' })
  expect(created.status).toBe(201)
  expect(await last()).toMatchObject({
    at: t.clock.now, actor: 'test leader 1', actor_kind: 'token', role: 'leader', method: 'POST', path: '/api/incidents',
    target: `/api/incidents/${created.body.id}`, status: 201,
  })
  const moved = await t.post(`/api/incidents/${created.body.id}/transitions`, { action: 'accept' })
  expect(moved.status).toBe(200)
  expect(await last()).toMatchObject({ path: `/api/incidents/${created.body.id}/transitions`, target: `/api/incidents/${created.body.id}`, detail: 'accept', status: 200 })
})

test('refused writes are recorded with their status: wrong role, foreign record, invalid body; anonymous ones as the minute\'s summary', async () => {
  const before = (await rows()).length
  expect((await t.post('/api/incidents', {}, {}, null)).status).toBe(401)

  const wall = await t.token('wall')
  expect((await t.post('/api/incidents', { type: 'road-occupation', point, source: 'patrol', description: 'x' }, {}, wall)).status).toBe(403)
  expect(await last()).toMatchObject({ actor_kind: 'token', role: 'wall', status: 403, path: '/api/incidents' })

  const officer = await t.token('township', { township: '330329100' })
  const foreign = await insertIncident(t.store, { reportedAt: t.clock.now - 1000, grid: GRIDS.siqian })
  // A record outside the officer's area is answered as one that does not exist (404), and logged so.
  expect((await t.post(`/api/incidents/${foreign}/transitions`, { action: 'accept' }, {}, officer)).status).toBe(404)
  expect(await last()).toMatchObject({ role: 'township', status: 404, target: `/api/incidents/${foreign}`, detail: 'accept' })

  expect((await t.post('/api/incidents', { type: 'nope' })).status).toBe(422)
  expect(await last()).toMatchObject({ role: 'leader', status: 422 })

  expect((await t.post('/api/auth/login', { login: 'mallory', password: 'guessing-1234' }, {}, null)).status).toBe(401)
  expect((await rows()).length).toBe(before + 3)

  // The two anonymous refusals are one row, chained with the first audit row after their minute.
  t.clock.now += 60_000
  await t.post('/api/incidents', { type: 'nope' })
  expect((await rows()).length).toBe(before + 5)
  expect((await rows()).at(-2)).toMatchObject({
    actor: 'mallory', actor_kind: null, role: null, method: 'POST', path: '*', status: 401, count: 2, remote: null,
    detail: 'refused anonymous writes in this minute: 401×2; logins tried: mallory',
  })
  t.clock.now += 60_000
})

test('reads are not audited', async () => {
  const before = (await rows()).length
  await t.json('/api/incidents')
  await t.json('/api/metrics/summary')
  expect((await rows()).length).toBe(before)
})

test('the remote address is the socket\'s; X-Forwarded-For, which any client can set, is not trusted', async () => {
  const env = { incoming: { socket: { remoteAddress: '10.20.30.40' } } }
  await t.app.request('/api/incidents', {
    method: 'POST', headers: { ...t.auth, 'Content-Type': 'application/json', 'X-Forwarded-For': '1.2.3.4' }, body: '{}',
  }, env)
  expect(await last()).toMatchObject({ remote: '10.20.30.40', status: 422 })
})

test('administrators read the log newest first, by actor and page by page; nobody else reads it', async () => {
  const get = (q: string) => t.json(`/api/audit${q}`, { headers: { Cookie: adminCookie } }, null)
  const all = await get('')
  expect(all.status).toBe(200)
  const ids = all.body.entries.map((e: { id: number }) => e.id)
  expect(ids).toEqual([...ids].sort((a, b) => b - a))
  expect(all.body.entries[0]).toMatchObject({ method: 'POST', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) })

  const mallory = await get('?actor=mallory')
  expect(mallory.body.entries).toHaveLength(1)
  expect(mallory.body.entries[0]).toMatchObject({ path: '*', status: 401, count: 2 })
  const [newest, next] = all.body.entries
  expect(newest).toMatchObject({ count: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/), prevHash: next.hash })
  expect(all.body.pending).toEqual([])

  const first = await get('?limit=2')
  expect(first.body.entries).toHaveLength(2)
  const second = await get(`?limit=2&cursor=${first.body.next}`)
  expect(second.body.entries[0].id).toBeLessThan(first.body.entries[1].id)

  expect((await t.json('/api/audit')).status).toBe(403)
  expect((await t.json('/api/audit', {}, null)).status).toBe(401)
})

describe('refused anonymous writes: one row per address and minute, with a count', () => {
  const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } })
  const login = (s: TestApp, address: string, name: string, password = 'guessing-1234') => s.app.request('/api/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: name, password }),
  }, from(address))
  const auditRows = async (s: TestApp) => (await s.store.sql.all('SELECT * FROM audit_log ORDER BY id')) as Record<string, unknown>[]

  test('a flood of failed sign-ins and unauthenticated writes adds no row while its minute runs, then one per address', async () => {
    const s = await testApp(undefined, { trust: { ...DEFAULT_TRUST, loginRate: null, intakeRate: null } })
    try {
      await s.accounts.createUserSync({ login: 'wang', name: '王五', role: 'township', township: '330329100', password: 'wang-password-1' })
      const before = (await auditRows(s)).length
      // Each failed sign-in costs a scrypt hash (~0.1 s): a dozen make the point; the unauthenticated writes are cheap.
      for (let i = 0; i < 12; i++) expect((await login(s, '203.0.113.9', `guess${i % 3}`)).status).toBe(401)
      for (let i = 0; i < 200; i++) {
        const res = await s.app.request('/api/incidents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }, from('203.0.113.9'))
        expect(res.status).toBe(401)
      }
      expect((await login(s, '198.51.100.7', 'wang', 'wrong-password')).status).toBe(401)
      expect((await auditRows(s)).length).toBe(before)
      expect((await s.store.audit.pending()).map((p) => [p.remote, p.count])).toEqual([['198.51.100.7', 1], ['203.0.113.9', 212]])

      // A sign-in that succeeds is a write with a principal: its own row, at once.
      s.clock.now += 30_000
      expect((await login(s, '198.51.100.7', 'wang', 'wang-password-1')).status).toBe(200)
      expect((await auditRows(s)).slice(before)).toMatchObject([{ actor: 'wang', role: 'township', path: '/api/auth/login', status: 200, count: 1 }])

      // The minute closes; the next audit row chains the final summaries first, oldest minute, then by address.
      s.clock.now += 60_000
      expect((await s.post('/api/incidents', { type: 'nope' })).status).toBe(422)
      expect((await auditRows(s)).slice(before + 1)).toMatchObject([
        { remote: '198.51.100.7', actor: 'wang', actor_kind: null, role: null, method: 'POST', path: '/api/auth/login', status: 401, count: 1,
          at: T0, detail: 'refused anonymous writes in this minute: 401×1; logins tried: wang' },
        { remote: '203.0.113.9', actor: null, method: 'POST', path: '*', status: 401, count: 212,
          detail: 'refused anonymous writes in this minute: 401×212; logins tried: guess0, guess1, guess2' },
        { role: 'leader', status: 422, count: 1 },
      ])
      expect(await s.store.audit.pending()).toEqual([])
      expect((await s.store.audit.verify()).broken).toBeNull()
    } finally {
      await s.close()
    }
  })

  test('the count is per minute: refusals in the next minute are a row of their own', async () => {
    const s = await testApp(undefined, { trust: { ...DEFAULT_TRUST, loginRate: null } })
    try {
      const before = (await auditRows(s)).length
      await login(s, '203.0.113.9', 'a')
      s.clock.now += 60_000
      await login(s, '203.0.113.9', 'b')
      await login(s, '203.0.113.9', 'c')
      // The second minute's first refusal chained the first minute's summary.
      expect((await auditRows(s)).slice(before)).toMatchObject([{ count: 1, actor: 'a' }])
      s.clock.now += 60_000
      await s.post('/api/incidents', { type: 'nope' })
      expect((await auditRows(s)).slice(before)).toMatchObject([{ count: 1, actor: 'a' }, { count: 2, actor: null, detail: expect.stringContaining('logins tried: b, c') }, { status: 422 }])
    } finally {
      await s.close()
    }
  })

  test('requests refused by the rate limit are not counted at all', async () => {
    const s = await testApp(undefined, { trust: { ...DEFAULT_TRUST, loginRate: { limit: 5, windowSeconds: 60 } } })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 12; i++) statuses.push((await login(s, '203.0.113.9', 'x')).status)
      expect(statuses.filter((x) => x === 429)).toHaveLength(7)
      expect(await s.store.audit.pending()).toMatchObject([{ remote: '203.0.113.9', count: 5, statuses: { 401: 5 } }])
    } finally {
      await s.close()
    }
  })
})

describe('reads of unmasked personal data are audited, one row each', () => {
  let incident = 0
  let dispute = 0
  beforeAll(async () => {
    incident = await insertIncident(t.store, { reportedAt: t.clock.now - 1000, grid: GRIDS.luoyangA })
    dispute = await insertDispute(t.store, { acceptedAt: t.clock.now - 1000, grid: GRIDS.luoyangA })
  })

  test('an incident or a dispute opened by a leader, a township officer or a grid worker: GET, action "read"', async () => {
    const officer = await t.token('township', { township: '330329100' })
    const grid = await t.token('grid', { township: '330329100', grids: [GRIDS.luoyangA] })
    const before = (await rows()).length
    expect((await t.json(`/api/incidents/${incident}`)).status).toBe(200)
    expect(await last()).toMatchObject({ actor_kind: 'token', role: 'leader', method: 'GET', path: `/api/incidents/${incident}`, target: `/api/incidents/${incident}`, detail: 'read', status: 200, count: 1 })
    expect((await t.json(`/api/disputes/${dispute}`, {}, officer)).status).toBe(200)
    expect(await last()).toMatchObject({ role: 'township', method: 'GET', target: `/api/disputes/${dispute}`, detail: 'read' })
    expect((await t.json(`/api/incidents/${incident}`, {}, grid)).status).toBe(200)
    expect(await last()).toMatchObject({ role: 'grid', detail: 'read' })
    expect((await rows()).length).toBe(before + 3)
  })

  test('not audited: masked answers (walls, ?masked=true), refusals, unknown ids, lists, records without personal data', async () => {
    const wall = await t.token('wall')
    const site = (await t.store.sql.get('SELECT id FROM sites LIMIT 1')) as { id: number } | undefined
    const before = (await rows()).length
    expect((await t.json(`/api/incidents/${incident}`, {}, wall)).status).toBe(200)
    expect((await t.json(`/api/disputes/${dispute}?masked=true`)).status).toBe(200)
    expect((await t.json(`/api/incidents/${incident}`, {}, null)).status).toBe(401)
    // Another township's record is the 404 of an unknown id.
    expect((await t.json(`/api/incidents/${incident}`, {}, await t.token('township', { township: '330329102' }))).status).toBe(404)
    expect((await t.json('/api/incidents/999999')).status).toBe(404)
    expect((await t.json('/api/incidents/abc')).status).not.toBe(200)
    expect((await t.json('/api/disputes')).status).toBe(200)
    expect((await t.json('/api/incidents?limit=5')).status).toBe(200)
    if (site) await t.json(`/api/sites/${site.id}`)
    expect((await t.app.request(`/api/incidents/${incident}`, { method: 'HEAD', headers: t.auth })).status).toBe(200)
    expect((await rows()).length).toBe(before)
  })
})
