import { afterEach, beforeEach, expect, test } from 'vitest'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { rejecter } from '../support/rejected'

const DAY = 86_400_000
const LUOYANG = { lng: 119.708034, lat: 27.559551 } // 罗阳镇's seat
const SIXI = { lng: 119.999571, lat: 27.471651 } // 泗溪镇's seat
const valid = {
  type: 'land-forest', point: LUOYANG, description: '测试：山林界址争议',
  parties: [{ name: '王小五', phone: '13812345678' }, { name: '赵六' }],
}

// A fresh app, database and clock for every test: tests move the clock and count what the list holds, so sharing
// one would make each depend on the ones run before it (the file passes with --sequence.shuffle).
let t: TestApp
beforeEach(async () => { t = await testApp() })
afterEach(async () => await t.close())
const rejected = rejecter(() => t)
const lastEvent = async () => (await t.store.events.after(await t.store.events.lastId() - 1, 1))[0]!

test('intake places the dispute, starts the village clock and returns 201 with Location', async () => {
  const res = await t.post('/api/disputes', valid)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  expect(res.headers.get('location')).toBe(`/api/disputes/${res.body.id}`)
  expect(res.body).toMatchObject({
    type: 'land-forest', level: 'village', method: 'sweep', risk: 'low', crossRegion: false,
    mediator: 'village-committee', township: '330329100', status: 'accepted', overdue: false, escalations: 0,
    description: '测试：山林界址争议', parties: valid.parties, allowedActions: ['start', 'escalate'],
    escalationReason: null,
  })
  expect(Date.parse(res.body.deadline) - Date.parse(res.body.acceptedAt)).toBe(3 * DAY)
  expect(res.body.dueAt).toBe(res.body.deadline)
  const back = await t.json(res.headers.get('location')!)
  expect(back.body.history).toEqual([expect.objectContaining({ action: 'accept', to: 'accepted', toLevel: 'village' })])
  const ev = await lastEvent()
  expect(ev).toMatchObject({ kind: 'dispute.created', entityId: res.body.id, township: '330329100' })
  expect(JSON.parse(ev.payload)).toMatchObject({ type: 'Feature', id: res.body.id, geometry: { type: 'Point' } })
})

test('a named mediator and level are kept; the level sets the deadline', async () => {
  const res = await t.post('/api/disputes', { ...valid, level: 'township', mediator: 'gentry', risk: 'high', method: 'consultation' })
  expect(res.body).toMatchObject({ level: 'township', mediator: 'gentry', risk: 'high', method: 'consultation' })
  expect(Date.parse(res.body.deadline) - Date.parse(res.body.acceptedAt)).toBe(7 * DAY)
})

test('parties are masked on request, and never in map features or the change feed', async () => {
  const { body } = await t.post('/api/disputes', { ...valid, parties: [{ name: '欧阳小明', phone: '13812345678' }] })
  const masked = await t.json(`/api/disputes/${body.id}?masked=true`)
  expect(masked.body.parties).toEqual([{ name: '欧***', phone: '138****5678' }])
  expect((await t.json(`/api/disputes/${body.id}`)).body.parties).toEqual([{ name: '欧阳小明', phone: '13812345678' }])
  const list = await t.json('/api/disputes')
  expect(JSON.stringify(list.body)).not.toContain('欧阳')
  expect((await lastEvent()).payload).not.toContain('欧阳')
  expect((await t.json(`/api/disputes/${body.id}?masked=maybe`)).status).toBe(400)
})

test('seeded parties with ID numbers are masked too, and malformed JSON does not break the record', async () => {
  const { body } = await t.post('/api/disputes', valid)
  await t.store.sql.run('UPDATE disputes SET parties = ? WHERE id = ?', [JSON.stringify([{ name: '李四', phone: '13900001111', idNumber: '330329199001011234' }, { bogus: 1 }]), body.id])
  expect((await t.json(`/api/disputes/${body.id}?masked=1`)).body.parties)
    .toEqual([{ name: '李*', phone: '139****1111', idNumber: '330329********1234' }])
  await t.store.sql.run('UPDATE disputes SET parties = ? WHERE id = ?', ['not json', body.id])
  const res = await t.json(`/api/disputes/${body.id}`)
  expect(res.status).toBe(200)
  expect(res.body.parties).toEqual([])
})

test('an Idempotency-Key retry returns the first result and stores nothing new', async () => {
  const first = await t.post('/api/disputes', valid, { 'Idempotency-Key': 'dispute-1' })
  const count = await t.count('disputes')
  const replay = await t.post('/api/disputes', valid, { 'Idempotency-Key': 'dispute-1' })
  expect(replay.status).toBe(201)
  expect(replay.headers.get('idempotent-replayed')).toBe('true')
  expect(replay.body).toEqual(first.body)
  expect(await t.count('disputes')).toBe(count)
  await rejected(() => t.post('/api/disputes', { ...valid, risk: 'high' }, { 'Idempotency-Key': 'dispute-1' }), 422, 'idempotency_key_reused')
})

test.each([
  ['invalid JSON', () => t.post('/api/disputes', '{"type": '), 400, 'invalid_json', /not valid JSON/],
  ['a wrong content type', () => t.json('/api/disputes', { method: 'POST', body: JSON.stringify(valid), headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type', /application\/json/],
  ['a body over 64 KB', () => t.post('/api/disputes', { ...valid, description: 'x'.repeat(70_000) }), 413, 'too_large', /64 KB/],
  ['an unknown type', () => t.post('/api/disputes', { ...valid, type: 'feud' }), 422, 'invalid', /marriage-family.*neighbour/],
  ['an unknown level', () => t.post('/api/disputes', { ...valid, level: 'province' }), 422, 'invalid', /village.*township.*county/],
  ['an unknown method', () => t.post('/api/disputes', { ...valid, method: 'duel' }), 422, 'invalid', /sweep/],
  ['an unknown mediator', () => t.post('/api/disputes', { ...valid, mediator: 'judge' }), 422, 'invalid', /gentry/],
  ['an unknown key', () => t.post('/api/disputes', { ...valid, partys: [] }), 422, 'invalid', /partys/],
  ['no parties', () => t.post('/api/disputes', { ...valid, parties: [] }), 422, 'invalid', /at least one party/],
  ['a party without a name', () => t.post('/api/disputes', { ...valid, parties: [{ phone: '13800000000' }] }), 422, 'invalid', /parties\.0\.name/],
  ['a bad phone', () => t.post('/api/disputes', { ...valid, parties: [{ name: '张三', phone: 'call me' }] }), 422, 'invalid', /phone/],
  ['an infinite coordinate (1e400)', () => t.post('/api/disputes', `{"type":"neighbour","point":{"lng":1e400,"lat":27.5},"description":"x","parties":[{"name":"张三"}]}`), 422, 'invalid', /point\.lng/],
  ['an out-of-range latitude', () => t.post('/api/disputes', { ...valid, point: { lng: 119.7, lat: 127.5 } }), 422, 'invalid', /lat must be between/],
  ['a point outside the county', () => t.post('/api/disputes', { ...valid, point: { lng: 120.7, lat: 28.0 } }), 422, 'outside_county', /outside 泰顺县/],
  ['an empty description', () => t.post('/api/disputes', { ...valid, description: ' ' }), 422, 'invalid', /description/],
])('%s is rejected with a clear error and nothing is stored', async (_name, send, status, code, message) => {
  await rejected(send, status, code, message)
})

test('mediation runs through the state machine; an illegal move is 409 and changes nothing', async () => {
  const { body } = await t.post('/api/disputes', valid)
  const path = `/api/disputes/${body.id}/transitions`
  expect(await rejected(() => t.post(path, { action: 'succeed' }), 409, 'invalid_transition')).toMatch(/allowed now: start, escalate/)
  await rejected(() => t.post(path, { action: 'settle' }), 422, 'invalid', /start.*succeed.*fail.*refer.*escalate/)
  await rejected(() => t.post(path, { action: 'start', rating: 5 }), 422, 'invalid', /rating/)
  const started = await t.post(path, { action: 'start', note: '村调委介入' })
  expect(started.status).toBe(200)
  expect(started.body).toMatchObject({ status: 'mediating', allowedActions: ['succeed', 'fail', 'escalate'] })
  expect(started.body.startedAt).not.toBeNull()
  const done = await t.post(path, { action: 'succeed' })
  expect(done.body).toMatchObject({ status: 'succeeded', dueAt: null, overdue: false, allowedActions: [] })
  expect(done.body.closedAt).not.toBeNull()
  expect(await lastEvent()).toMatchObject({ kind: 'dispute.updated', entityId: body.id })
  await rejected(() => t.post(path, { action: 'escalate' }), 409, 'invalid_transition', /final/)
  const detail = await t.json(`/api/disputes/${body.id}`)
  expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['accept', 'start', 'succeed'])
  expect(detail.body.history[1].note).toBe('村调委介入')
})

test('a failed mediation can be referred to court', async () => {
  const { body } = await t.post('/api/disputes', valid)
  const path = `/api/disputes/${body.id}/transitions`
  await t.post(path, { action: 'start' })
  const failed = await t.post(path, { action: 'fail' })
  expect(failed.body).toMatchObject({ status: 'failed', allowedActions: ['refer', 'escalate'] })
  const referred = await t.post(path, { action: 'refer', note: '转法院诉讼' })
  expect(referred.body).toMatchObject({ status: 'litigation', allowedActions: [] })
  expect(referred.body.closedAt).toBe(failed.body.closedAt)
})

test('escalation climbs village → township → county, restarting each level clock, and stops at the county', async () => {
  const { body } = await t.post('/api/disputes', { ...valid, risk: 'high' })
  expect(body.escalationReason).toBe('risk')
  const path = `/api/disputes/${body.id}/transitions`
  await t.post(path, { action: 'start' })
  t.clock.now += DAY
  const township = await t.post(path, { action: 'escalate', note: '高风险，上报乡镇' })
  expect(township.body).toMatchObject({
    level: 'township', status: 'accepted', escalations: 1, mediator: 'professional', startedAt: null, escalationReason: null,
  })
  expect(township.body.levelAcceptedAt).toBe(new Date(t.clock.now).toISOString())
  expect(township.body.acceptedAt).toBe(body.acceptedAt)
  expect(Date.parse(township.body.deadline)).toBe(t.clock.now + 7 * DAY)
  t.clock.now += DAY
  await t.post(path, { action: 'start' })
  await t.post(path, { action: 'fail' })
  const county = await t.post(path, { action: 'escalate' })
  expect(county.body).toMatchObject({ level: 'county', status: 'accepted', escalations: 2, mediator: 'legal-pros', closedAt: null })
  expect(Date.parse(county.body.deadline)).toBe(t.clock.now + 20 * DAY)
  expect(county.body.allowedActions).toEqual(['start'])
  await rejected(() => t.post(path, { action: 'escalate' }), 409, 'invalid_transition', /难事不出县/)
  const history = (await t.json(`/api/disputes/${body.id}`)).body.history
  expect(history.filter((h: { action: string }) => h.action === 'escalate').map((h: { fromLevel: string; toLevel: string }) => [h.fromLevel, h.toLevel]))
    .toEqual([['village', 'township'], ['township', 'county']])
  expect((await t.json(`/api/disputes?level=county&limit=5000`)).body.features.map((f: { id: number }) => f.id)).toContain(body.id)
})

test('overdue is derived from the level clock: exactly at the deadline is not overdue, 1 ms later is', async () => {
  const { body } = await t.post('/api/disputes', { ...valid, point: SIXI })
  const detail = () => t.json(`/api/disputes/${body.id}`)
  const listed = async (overdue: boolean) =>
    (await t.json(`/api/disputes?scope=330329104&overdue=${overdue}`)).body.features.map((f: { id: number }) => f.id)
  t.clock.now = Date.parse(body.deadline)
  expect((await detail()).body.overdue).toBe(false)
  expect(await listed(false)).toContain(body.id)
  t.clock.now += 1
  expect((await detail()).body).toMatchObject({ overdue: true, escalationReason: 'timeout' })
  expect(await listed(true)).toContain(body.id)
  expect(await listed(false)).not.toContain(body.id)
  const feature = (await t.json('/api/disputes?scope=330329104')).body.features.find((f: { id: number }) => f.id === body.id)
  expect(feature.properties.overdue).toBe(true)
  const up = await t.post(`/api/disputes/${body.id}/transitions`, { action: 'escalate', note: '超时上报' })
  expect(up.body).toMatchObject({ level: 'township', overdue: false })
  expect(await listed(true)).not.toContain(body.id)
})

test('unknown ids are 404', async () => {
  expect((await t.json('/api/disputes/999999')).status).toBe(404)
  expect((await t.json('/api/disputes/x1')).status).toBe(404)
  await rejected(() => t.post('/api/disputes/999999/transitions', { action: 'start' }), 404, 'not_found')
})

/** Four disputes in 罗阳镇 a minute apart (one succeeded, one in litigation, one high-risk consultation) and one in 泗溪镇. */
async function listFixtures() {
  const add = async (body: object, actions: string[] = []) => {
    t.clock.now += 60_000
    const { body: d } = await t.post('/api/disputes', body)
    for (const action of actions) await t.post(`/api/disputes/${d.id}/transitions`, { action })
  }
  await add(valid, ['start', 'succeed'])
  await add(valid, ['start', 'fail', 'refer'])
  await add({ ...valid, level: 'township', mediator: 'gentry', risk: 'high', method: 'consultation' })
  await add(valid)
  await add({ ...valid, point: SIXI })
}

test('the list filters, paginates with a cursor and validates its parameters', async () => {
  await listFixtures()
  const page1 = await t.json('/api/disputes?scope=330329100&limit=2')
  expect(page1.status).toBe(200)
  expect(page1.body.type).toBe('FeatureCollection')
  expect(page1.body.features).toHaveLength(2)
  expect(page1.headers.get('link')).toMatch(/cursor=.*rel="next"/)
  const page2 = await t.json(`/api/disputes?scope=330329100&limit=2&cursor=${page1.body.next}`)
  const ids = [...page1.body.features, ...page2.body.features].map((f: { id: number }) => f.id)
  expect(new Set(ids).size).toBe(4)
  const all = (await t.json('/api/disputes?scope=330329100')).body.features
  expect(all.map((f: { id: number }) => f.id).slice(0, 4)).toEqual(ids)
  const at = all.map((f: { properties: { acceptedAt: string } }) => f.properties.acceptedAt)
  expect([...at].sort().reverse()).toEqual(at)
  expect(all[0].properties).not.toHaveProperty('parties')

  const high = (await t.json('/api/disputes?risk=high&type=land-forest')).body.features
  expect(high.length).toBeGreaterThan(0)
  expect(high.every((f: { properties: { risk: string } }) => f.properties.risk === 'high')).toBe(true)
  expect((await t.json('/api/disputes?status=succeeded,litigation')).body.features.length).toBe(2)
  expect((await t.json('/api/disputes?method=consultation')).body.features.length).toBe(1)
  expect((await t.json('/api/disputes?scope=330329104')).body.features.length).toBe(1)
  expect((await t.json(`/api/disputes?from=${new Date(t.clock.now + DAY).toISOString()}`)).body.features).toEqual([])

  expect((await t.json('/api/disputes?level=province')).body.error.message).toMatch(/valid values: village, township, county/)
  expect((await t.json('/api/disputes?type=feud')).status).toBe(422)
  expect((await t.json('/api/disputes?from=yesterday')).status).toBe(400)
  expect((await t.json('/api/disputes?from=2026-11-02&to=2026-11-01')).status).toBe(400)
  expect((await t.json('/api/disputes?scope=123')).status).toBe(400)
  expect((await t.json('/api/disputes?cursor=zzz')).body.error.code).toBe('invalid_cursor')
  expect((await t.json('/api/disputes?limit=0')).status).toBe(400)
  expect((await t.json('/api/disputes?overdue=perhaps')).status).toBe(400)
})
