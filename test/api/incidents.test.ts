import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { rejecter } from '../support/rejected'

// 罗阳镇's seat in WGS84 and in GCJ-02 (geodata/sources/taishun_townships_nbs2023_with_seats.csv).
const LUOYANG_WGS84 = { lng: 119.708034, lat: 27.559551 }
const LUOYANG_GCJ02 = { lng: 119.7127, lat: 27.556319, crs: 'gcj02' }
const valid = { type: 'road-occupation', point: LUOYANG_WGS84, description: '测试：占道经营', source: 'patrol', severity: 'urgent' }

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => await t.close())

const rejected = rejecter(() => t)

test('intake assigns township, village and grid, routes the type and returns 201 with Location', async () => {
  const res = await t.post('/api/incidents', valid)
  expect(res.status).toBe(201)
  expect(res.headers.get('location')).toBe(`/api/incidents/${res.body.id}`)
  expect(res.body).toMatchObject({
    type: 'road-occupation', category: 'enforcement', onList: true, status: 'reported', severity: 'urgent',
    township: '330329100', crsIn: 'wgs84', overdue: false, point: [LUOYANG_WGS84.lng, LUOYANG_WGS84.lat],
  })
  expect(res.body.village).toMatch(/^330329100\d{3}$/)
  expect(res.body.grid.startsWith(res.body.village)).toBe(true)
  expect(res.body.allowedActions).toEqual(['accept'])
  const back = await t.json(res.headers.get('location')!)
  expect(back.body.history).toEqual([expect.objectContaining({ action: 'report', to: 'reported' })])
})

test('a GCJ-02 point is converted to WGS84 and lands in the same township', async () => {
  const res = await t.post('/api/incidents', { ...valid, point: LUOYANG_GCJ02 })
  expect(res.status).toBe(201)
  expect(res.body.crsIn).toBe('gcj02')
  expect(res.body.township).toBe('330329100')
  expect(Math.abs(res.body.point[0] - LUOYANG_WGS84.lng)).toBeLessThan(1e-5)
  expect(Math.abs(res.body.point[1] - LUOYANG_WGS84.lat)).toBeLessThan(1e-5)
})

test('an Idempotency-Key retry returns the first result and stores nothing new', async () => {
  const first = await t.post('/api/incidents', valid, { 'Idempotency-Key': 'retry-1' })
  const count = await t.count('incidents')
  const again = await t.post('/api/incidents', valid, { 'Idempotency-Key': 'retry-1' })
  expect(again.status).toBe(201)
  expect(again.headers.get('idempotent-replayed')).toBe('true')
  expect(again.body).toEqual(first.body)
  expect(await t.count('incidents')).toBe(count)
  await rejected(() => t.post('/api/incidents', { ...valid, description: '另一件' }, { 'Idempotency-Key': 'retry-1' }), 422, 'idempotency_key_reused')
})

test('two requests with one Idempotency-Key at once (a client that gave up waiting and sent again): one record, one answer', async () => {
  const count = await t.count('incidents')
  const [a, b] = await Promise.all([0, 1].map(() => t.post('/api/incidents', valid, { 'Idempotency-Key': 'at-once-1' })))
  expect([a!.status, b!.status]).toEqual([201, 201])
  expect(b!.body).toEqual(a!.body)
  expect(await t.count('incidents')).toBe(count + 1)
})

test.each([
  ['invalid JSON', () => t.post('/api/incidents', '{"type": '), 400, 'invalid_json', /not valid JSON/],
  ['a byte-order mark', () => t.post('/api/incidents', `\uFEFF${JSON.stringify(valid)}`), 400, 'invalid_json', /byte-order mark/],
  ['a wrong content type', () => t.json('/api/incidents', { method: 'POST', body: JSON.stringify(valid), headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type', /application\/json/],
  ['a body over 64 KB', () => t.post('/api/incidents', { ...valid, description: 'x'.repeat(70_000) }), 413, 'too_large', /64 KB/],
  ['an unknown type', () => t.post('/api/incidents', { ...valid, type: 'ufo' }), 422, 'invalid', /type/],
  ['an unknown severity', () => t.post('/api/incidents', { ...valid, severity: 'huge' }), 422, 'invalid', /normal.*urgent.*critical/],
  ['an unknown key', () => t.post('/api/incidents', { ...valid, severty: 'urgent' }), 422, 'invalid', /severty/],
  ['coordinates as strings', () => t.post('/api/incidents', { ...valid, point: { lng: '119.7', lat: '27.5' } }), 422, 'invalid', /point\.lng/],
  ['a null coordinate', () => t.post('/api/incidents', { ...valid, point: { lng: null, lat: 27.5 } }), 422, 'invalid', /point\.lng/],
  ['an infinite coordinate (1e400)', () => t.post('/api/incidents', `{"type":"road-occupation","point":{"lng":1e400,"lat":27.5},"description":"x","source":"patrol"}`), 422, 'invalid', /point\.lng/],
  ['an out-of-range latitude', () => t.post('/api/incidents', { ...valid, point: { lng: 119.7, lat: 127.5 } }), 422, 'invalid', /lat must be between/],
  ['a point outside the county', () => t.post('/api/incidents', { ...valid, point: { lng: 120.7, lat: 28.0 } }), 422, 'outside_county', /outside 泰顺县/],
  ['swapped lng/lat', () => t.post('/api/incidents', { ...valid, point: { lng: 27.559551, lat: 119.708034 } }), 422, 'invalid', /lat must be between/],
  ['an empty description', () => t.post('/api/incidents', { ...valid, description: '  ' }), 422, 'invalid', /description/],
])('%s is rejected with a clear error and nothing is stored', async (_name, send, status, code, message) => {
  await rejected(send, status, code, message)
})

test('a point inside the box but with lat/lng swapped within China is refused with a hint', async () => {
  // Swapped but still a valid lat range: [27.56, 119.7] fails zod's lat range above; a box check catches the rest.
  const msg = await rejected(() => t.post('/api/incidents', { ...valid, point: { lng: 119.0, lat: 27.56 } }), 422, 'outside_county')
  expect(msg).toMatch(/lng, lat/)
})

test('the life cycle runs through the state machine; an illegal move is 409 and changes nothing', async () => {
  const { body } = await t.post('/api/incidents', valid)
  const path = `/api/incidents/${body.id}/transitions`
  const officer = await t.token('township', { township: '330329100' })
  const msg = await rejected(() => t.post(path, { action: 'verify' }), 409, 'invalid_transition')
  expect(msg).toMatch(/allowed now: accept/)
  // The leader dispatches (to the township, the default for an on-list type); the township works it; the leader verifies.
  for (const [action, as] of [['accept', t.leader], ['dispatch', t.leader], ['start', officer], ['resolve', officer], ['verify', t.leader]] as const) {
    const res = await t.post(path, { action, note: `${action} 备注` }, {}, as)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
  }
  const done = await t.json(`/api/incidents/${body.id}`)
  expect(done.body.status).toBe('archived')
  expect(done.body.history.map((h: { action: string }) => h.action)).toEqual(['report', 'accept', 'dispatch', 'start', 'resolve', 'verify'])
  expect(done.body.history.map((h: { by: { role: string } }) => h.by.role)).toEqual(['leader', 'leader', 'leader', 'township', 'township', 'leader'])
  expect(done.body.resolvedAt).not.toBeNull()
  expect(done.body.assignee).toEqual({ kind: 'township', code: '330329100' })
  expect(done.body.signedAt).toBe(done.body.startedAt) // starting implies signing
  await rejected(() => t.post(path, { action: 'reopen', note: '不通过' }), 409, 'invalid_transition', /no action is allowed now/)
})

test('an on-list incident cannot be returned; an off-list one can', async () => {
  const onList = await t.post('/api/incidents', valid)
  await rejected(() => t.post(`/api/incidents/${onList.body.id}/transitions`, { action: 'return' }), 409, 'invalid_transition', /属地管理/)
  const offList = await t.post('/api/incidents', { ...valid, type: 'penalty-evidence', source: 'department' })
  expect(offList.body.onList).toBe(false)
  const res = await t.post(`/api/incidents/${offList.body.id}/transitions`, { action: 'return', note: '清单外事项，退回部门' })
  expect(res.body.status).toBe('returned')
})

test('overdue is derived from the clock: 督办 is refused until the deadline passes', async () => {
  const { body } = await t.post('/api/incidents', { ...valid, severity: 'critical' })
  const path = `/api/incidents/${body.id}/transitions`
  await rejected(() => t.post(path, { action: 'supervise', note: '请加快' }), 409, 'invalid_transition', /not overdue/)
  t.clock.now += 31 * 60_000 // critical: accept within 30 minutes
  expect((await t.json(`/api/incidents/${body.id}`)).body.overdue).toBe(true)
  const res = await t.post(path, { action: 'supervise', note: '请加快' })
  expect(res.status).toBe(200)
  expect(res.body.status).toBe('reported')
  expect(res.body.supervisedAt).not.toBeNull()
})

test('unknown ids are 404', async () => {
  expect((await t.json('/api/incidents/999999')).status).toBe(404)
  expect((await t.json('/api/incidents/abc')).status).toBe(404)
  await rejected(() => t.post('/api/incidents/999999/transitions', { action: 'accept' }), 404, 'not_found')
})

test('the list filters, paginates with a cursor and validates its parameters', async () => {
  const all = await t.json('/api/incidents?scope=330329100&limit=2')
  expect(all.status).toBe(200)
  expect(all.body.type).toBe('FeatureCollection')
  expect(all.body.features).toHaveLength(2)
  expect(all.body.next).toBeTruthy()
  const next = await t.json(`/api/incidents?scope=330329100&limit=2&cursor=${all.body.next}`)
  const ids = [...all.body.features, ...next.body.features].map((f: { id: number }) => f.id)
  expect(new Set(ids).size).toBe(ids.length)
  const offList = await t.json('/api/incidents?onList=false')
  expect(offList.body.features.every((f: { properties: { onList: boolean } }) => !f.properties.onList)).toBe(true)
  const overdue = await t.json('/api/incidents?overdue=true')
  expect(overdue.body.features.length).toBeGreaterThan(0)
  expect(overdue.body.features.every((f: { properties: { overdue: boolean } }) => f.properties.overdue)).toBe(true)

  expect((await t.json('/api/incidents?status=bogus')).body.error.message).toMatch(/valid values: reported/)
  expect((await t.json('/api/incidents?from=yesterday')).status).toBe(400)
  expect((await t.json('/api/incidents?from=2026-11-02&to=2026-11-01')).status).toBe(400)
  expect((await t.json('/api/incidents?bbox=1,2,3')).status).toBe(400)
  expect((await t.json('/api/incidents?scope=123')).status).toBe(400)
  expect((await t.json('/api/incidents?cursor=zzz')).status).toBe(400)
  expect((await t.json('/api/incidents?limit=0')).status).toBe(400)
})

test('a calendar date that does not exist is a 400, not a silent roll-over', async () => {
  const res = await t.json('/api/incidents?from=2026-02-30')
  expect(res.status).toBe(400)
  expect(res.body.error.message).toMatch(/not a real date/)
})
