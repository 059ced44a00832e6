// The audit log: every write — accepted or refused, signed in or not — is one row saying who, when, what and
// from where; reads are not logged; administrators (only) read it back, newest first, by actor, page by page.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertIncident } from '../support/fixtures'

let t: TestApp
let adminCookie = ''
beforeAll(async () => {
  t = testApp()
  t.accounts.createUserSync({ login: 'auditor', name: '管理员', role: 'admin', password: 'audit-password-1' })
  const res = await t.post('/api/auth/login', { login: 'auditor', password: 'audit-password-1' }, {}, null)
  adminCookie = /onemap_session=[^;]+/.exec(res.headers.get('Set-Cookie')!)![0]
})
afterAll(() => t.close())

const rows = () => t.store.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, unknown>[]
const last = () => rows().at(-1)!
const point = { lng: 119.708034, lat: 27.559551 }

test('an accepted write: the principal, the time, the method and path, the record it created, the status', async () => {
  const created = await t.post('/api/incidents', { type: 'road-occupation', point, source: 'patrol', description: '审计(合成)' })
  expect(created.status).toBe(201)
  expect(last()).toMatchObject({
    at: t.clock.now, actor: 'test leader 1', actor_kind: 'token', role: 'leader', method: 'POST', path: '/api/incidents',
    target: `/api/incidents/${created.body.id}`, status: 201,
  })
  const moved = await t.post(`/api/incidents/${created.body.id}/transitions`, { action: 'accept' })
  expect(moved.status).toBe(200)
  expect(last()).toMatchObject({ path: `/api/incidents/${created.body.id}/transitions`, target: `/api/incidents/${created.body.id}`, detail: 'accept', status: 200 })
})

test('refused writes are recorded with their status: no credential, wrong role, foreign record, invalid body, failed sign-in', async () => {
  const before = rows().length
  expect((await t.post('/api/incidents', {}, {}, null)).status).toBe(401)
  expect(last()).toMatchObject({ actor: null, role: null, status: 401 })

  const wall = t.token('wall')
  expect((await t.post('/api/incidents', { type: 'road-occupation', point, source: 'patrol', description: 'x' }, {}, wall)).status).toBe(403)
  expect(last()).toMatchObject({ actor_kind: 'token', role: 'wall', status: 403, path: '/api/incidents' })

  const officer = t.token('township', { township: '330329100' })
  const foreign = insertIncident(t.store, { reportedAt: t.clock.now - 1000, grid: GRIDS.siqian })
  // A record outside the officer's area is answered as one that does not exist (404), and logged so.
  expect((await t.post(`/api/incidents/${foreign}/transitions`, { action: 'accept' }, {}, officer)).status).toBe(404)
  expect(last()).toMatchObject({ role: 'township', status: 404, target: `/api/incidents/${foreign}`, detail: 'accept' })

  expect((await t.post('/api/incidents', { type: 'nope' })).status).toBe(422)
  expect(last()).toMatchObject({ role: 'leader', status: 422 })

  expect((await t.post('/api/auth/login', { login: 'mallory', password: 'guessing-1234' }, {}, null)).status).toBe(401)
  expect(last()).toMatchObject({ actor: 'mallory', actor_kind: null, role: null, path: '/api/auth/login', status: 401 })
  expect(rows().length).toBe(before + 5)
})

test('reads are not audited', async () => {
  const before = rows().length
  await t.json('/api/incidents')
  await t.json('/api/metrics/summary')
  expect(rows().length).toBe(before)
})

test('the remote address is the socket\'s; X-Forwarded-For, which any client can set, is not trusted', async () => {
  const env = { incoming: { socket: { remoteAddress: '10.20.30.40' } } }
  await t.app.request('/api/incidents', {
    method: 'POST', headers: { ...t.auth, 'Content-Type': 'application/json', 'X-Forwarded-For': '1.2.3.4' }, body: '{}',
  }, env)
  expect(last()).toMatchObject({ remote: '10.20.30.40', status: 422 })
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
  expect(mallory.body.entries[0]).toMatchObject({ path: '/api/auth/login', status: 401 })

  const first = await get('?limit=2')
  expect(first.body.entries).toHaveLength(2)
  const second = await get(`?limit=2&cursor=${first.body.next}`)
  expect(second.body.entries[0].id).toBeLessThan(first.body.entries[1].id)

  expect((await t.json('/api/audit')).status).toBe(403)
  expect((await t.json('/api/audit', {}, null)).status).toBe(401)
})
