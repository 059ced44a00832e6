import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { rejecter } from '../support/rejected'
import { departmentActor } from '../support/actors'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const NANPU = '330329111' // 南浦溪镇
const NANPU_SEAT = [119.933955, 27.623825]
const valid = { township: NANPU, department: 'enforcement', kind: 'joint-enforcement', reason: '测试：违法建筑联合执法' }

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => await t.close())
const rejected = rejecter(() => t)
const lastEvent = async () => (await t.store.events.after(await t.store.events.lastId() - 1, 1))[0]!
const ids = (body: { features: { id: number }[] }) => body.features.map((f) => f.id)
/** The department called answers (签收, 报到, 办结): its own account, through the service (see support/actors.ts). */
const answer = (id: number, action: 'acknowledge' | 'arrive' | 'close', note?: string, department: 'enforcement' | 'market' = 'enforcement') =>
  t.services.whistles.transition(id, { action, ...(note ? { note } : {}) }, departmentActor(department))

test('blowing a whistle returns 201 with Location, the seat as its point and every stage deadline', async () => {
  const res = await t.post('/api/whistles', valid)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  expect(res.headers.get('location')).toBe(`/api/whistles/${res.body.id}`)
  const at = t.clock.now
  expect(res.body).toMatchObject({
    township: NANPU, department: 'enforcement', kind: 'joint-enforcement', incidentId: null, urgent: false,
    point: NANPU_SEAT, status: 'whistled', sla: 'ok', allowedActions: [], rating: null,
    whistledAt: new Date(at).toISOString(),
    dueAt: new Date(at + 30 * MIN).toISOString(),
    deadlines: {
      acknowledgeBy: new Date(at + 30 * MIN).toISOString(),
      arriveBy: new Date(at + DAY).toISOString(),
      closeBy: new Date(at + 7 * DAY).toISOString(),
    },
  })
  // The caller (a leader) has nothing to do on a fresh call; the department called has 签收.
  expect((await t.services.whistles.get(res.body.id, false, departmentActor('enforcement'))).allowedActions).toEqual(['acknowledge'])
  const back = await t.json(res.headers.get('location')!)
  expect(back.body.history).toEqual([expect.objectContaining({ action: 'whistle', to: 'whistled', by: { name: expect.any(String), role: 'leader' } })])
  expect(await lastEvent()).toMatchObject({ kind: 'whistle.created', entityId: res.body.id, township: NANPU })
  expect(JSON.parse((await lastEvent()).payload)).toMatchObject({
    geometry: { type: 'Point', coordinates: NANPU_SEAT }, properties: { department: 'enforcement', sla: 'ok' },
  })
})

test('kind defaults to other; urgent shortens the on-site and close windows', async () => {
  const { body } = await t.post('/api/whistles', { township: NANPU, department: 'market', reason: '测试：食品安全', urgent: true })
  expect(body.kind).toBe('other')
  expect(Date.parse(body.deadlines.arriveBy) - Date.parse(body.whistledAt)).toBe(2 * HOUR)
  expect(Date.parse(body.deadlines.closeBy) - Date.parse(body.whistledAt)).toBe(3 * DAY)
})

test('a linked incident must exist and lie in the whistling township', async () => {
  const incident = await t.post('/api/incidents', {
    type: 'road-occupation', point: { lng: NANPU_SEAT[0], lat: NANPU_SEAT[1] }, description: '测试：占道', source: 'patrol',
  })
  expect(incident.body.township).toBe(NANPU)
  const linked = await t.post('/api/whistles', { ...valid, incidentId: incident.body.id })
  expect(linked.status).toBe(201)
  expect(linked.body.incidentId).toBe(incident.body.id)
  await rejected(() => t.post('/api/whistles', { ...valid, incidentId: 999999 }), 422, 'unknown_incident', /no incident/)
  await rejected(() => t.post('/api/whistles', { ...valid, township: '330329100', incidentId: incident.body.id }), 422, 'incident_elsewhere', /330329111/)
})

test.each([
  ['invalid JSON', () => t.post('/api/whistles', '{"township'), 400, 'invalid_json', /not valid JSON/],
  ['a wrong content type', () => t.json('/api/whistles', { method: 'POST', body: JSON.stringify(valid), headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type', /application\/json/],
  ['a body over 64 KB', () => t.post('/api/whistles', { ...valid, reason: 'x'.repeat(70_000) }), 413, 'too_large', /64 KB/],
  ['an unknown department', () => t.post('/api/whistles', { ...valid, department: 'army' }), 422, 'invalid', /enforcement/],
  ['an unknown kind', () => t.post('/api/whistles', { ...valid, kind: 'party' }), 422, 'invalid', /joint-enforcement.*livelihood/],
  ['an unknown key', () => t.post('/api/whistles', { ...valid, urgency: true }), 422, 'invalid', /urgency/],
  ['a village code as township', () => t.post('/api/whistles', { ...valid, township: '330329111005' }), 422, 'invalid', /9-digit/],
  ['a township code that does not exist', () => t.post('/api/whistles', { ...valid, township: '330329999' }), 422, 'unknown_township', /330329100/],
  ['the nature reserve as township', () => t.post('/api/whistles', { ...valid, township: '330329400' }), 422, 'unknown_township', /19 townships/],
  ['an incident id as a string', () => t.post('/api/whistles', { ...valid, incidentId: '12' }), 422, 'invalid', /incidentId/],
  ['an incident id of 0', () => t.post('/api/whistles', { ...valid, incidentId: 0 }), 422, 'invalid', /incidentId/],
  ['a fractional incident id', () => t.post('/api/whistles', { ...valid, incidentId: 1.5 }), 422, 'invalid', /incidentId/],
  ['an empty reason', () => t.post('/api/whistles', { ...valid, reason: '' }), 422, 'invalid', /reason/],
])('%s is rejected with a clear error and nothing is stored', async (_name, send, status, code, message) => {
  await rejected(send, status, code, message)
})

test('an Idempotency-Key retry returns the first result and stores nothing new', async () => {
  const first = await t.post('/api/whistles', valid, { 'Idempotency-Key': 'whistle-1' })
  const count = await t.count('whistles')
  const again = await t.post('/api/whistles', valid, { 'Idempotency-Key': 'whistle-1' })
  expect(again.headers.get('idempotent-replayed')).toBe('true')
  expect(again.body).toEqual(first.body)
  expect(await t.count('whistles')).toBe(count)
  await rejected(() => t.post('/api/whistles', { ...valid, urgent: true }, { 'Idempotency-Key': 'whistle-1' }), 422, 'idempotency_key_reused')
})

test('the call runs acknowledge → arrive → close → rate, stamping each stage', async () => {
  const { body } = await t.post('/api/whistles', valid)
  const path = `/api/whistles/${body.id}/transitions`
  await expect(answer(body.id, 'close')).rejects.toMatchObject({ status: 409, code: 'invalid_transition', message: expect.stringMatching(/allowed now: acknowledge/) })
  for (const [action, stamp] of [['acknowledge', 'acknowledgedAt'], ['arrive', 'arrivedAt'], ['close', 'closedAt']] as const) {
    t.clock.now += 10 * MIN
    const res = await answer(body.id, action, `${action} 备注`)
    expect(res[stamp]).toBe(new Date(t.clock.now).toISOString())
    expect(await lastEvent()).toMatchObject({ kind: 'whistle.updated', entityId: body.id })
  }
  const closed = await t.json(`/api/whistles/${body.id}`)
  expect(closed.body).toMatchObject({ status: 'closed', sla: 'ok', dueAt: null, allowedActions: ['rate'] })
  const rated = await t.post(path, { action: 'rate', rating: 4, note: '响应及时' })
  expect(rated.body).toMatchObject({ status: 'rated', rating: 4, allowedActions: [] })
  const history = (await t.json(`/api/whistles/${body.id}`)).body.history
  expect(history.map((h: { action: string }) => h.action)).toEqual(['whistle', 'acknowledge', 'arrive', 'close', 'rate'])
  expect(history.at(-1)).toMatchObject({ rating: 4, note: '响应及时', by: { role: 'leader' } })
  expect(history[1].by).toEqual({ name: '演示·enforcement', role: 'department' })
  expect(history[1]).not.toHaveProperty('rating')
  await rejected(() => t.post(path, { action: 'rate', rating: 5 }), 409, 'invalid_transition', /final/)
})

test('rating rules: only with rate, only 1–5 whole numbers, only once closed', async () => {
  const { body } = await t.post('/api/whistles', valid)
  const path = `/api/whistles/${body.id}/transitions`
  await rejected(() => t.post(path, { action: 'rate', rating: 5 }), 409, 'invalid_transition', /cannot rate.*allowed now: acknowledge/)
  await rejected(() => t.post(path, { action: 'rate' }), 422, 'invalid', /rate needs a rating/)
  await rejected(() => t.post(path, { action: 'acknowledge', rating: 3 }), 422, 'invalid', /rating goes only with action "rate"/)
  for (const rating of [0, 6, 3.5, '4', null]) await rejected(() => t.post(path, { action: 'rate', rating }), 422, 'invalid', /rating/)
  await rejected(() => t.post(path, { action: 'applaud' }), 422, 'invalid', /acknowledge.*arrive.*close.*rate/)
})

test('the SLA state follows the clock through the stages, and the list filter agrees with every record', async () => {
  t.clock.now += 30 * DAY // clear of the calls above
  const start = t.clock.now
  const normal = (await t.post('/api/whistles', { ...valid, reason: '测试：一般' })).body.id as number
  const urgent = (await t.post('/api/whistles', { ...valid, reason: '测试：紧急', urgent: true })).body.id as number
  const sla = async (id: number) => (await t.json(`/api/whistles/${id}`)).body.sla
  const agree = async () => {
    const from = new Date(start).toISOString()
    for (const state of ['ok', 'due-soon', 'breached']) {
      const listed = ids((await t.json(`/api/whistles?from=${from}&sla=${state}`)).body)
      for (const id of [normal, urgent]) expect(listed.includes(id), `${id} ${state}`).toBe((await sla(id)) === state)
    }
  }
  t.clock.now = start + 22.5 * MIN - 1
  expect(await sla(normal)).toBe('ok')
  await agree()
  t.clock.now = start + 22.5 * MIN
  expect(await sla(normal)).toBe('due-soon')
  await agree()
  t.clock.now = start + 30 * MIN
  expect(await sla(normal)).toBe('due-soon')
  t.clock.now += 1
  expect(await sla(normal)).toBe('breached')
  await agree()
  await answer(urgent, 'acknowledge')
  expect(await sla(urgent)).toBe('ok') // now against on-site within 2 h
  t.clock.now = start + 90 * MIN
  expect(await sla(urgent)).toBe('due-soon')
  await agree()
  t.clock.now = start + 2 * HOUR + 1
  expect(await sla(urgent)).toBe('breached')
  await answer(normal, 'acknowledge')
  expect(await sla(normal)).toBe('ok') // late acknowledgement; on site within 24 h still holds
  await agree()
  expect(ids((await t.json(`/api/whistles?sla=breached,due-soon&from=${new Date(start).toISOString()}`)).body)).toEqual([urgent])
})

test('unknown ids are 404', async () => {
  expect((await t.json('/api/whistles/999999')).status).toBe(404)
  expect((await t.json('/api/whistles/1e3')).status).toBe(404)
  await rejected(() => t.post('/api/whistles/999999/transitions', { action: 'acknowledge' }), 404, 'not_found')
})

test('the list filters by township, department, kind and status, paginates and validates its parameters', async () => {
  await t.post('/api/whistles', { ...valid, township: '330329100', department: 'housing', kind: 'livelihood' })
  const all = (await t.json('/api/whistles')).body
  const whistled = all.features.map((f: { properties: { whistledAt: string } }) => f.properties.whistledAt)
  expect([...whistled].sort().reverse()).toEqual(whistled)
  const luoyang = (await t.json('/api/whistles?scope=330329100')).body.features
  expect(luoyang).toHaveLength(1)
  expect(luoyang[0]).toMatchObject({ geometry: { coordinates: [119.708034, 27.559551] }, properties: { department: 'housing', kind: 'livelihood' } })
  expect(ids((await t.json('/api/whistles?department=housing')).body)).toEqual([luoyang[0].id])
  expect(ids((await t.json('/api/whistles?kind=livelihood,safety')).body)).toEqual([luoyang[0].id])
  const rated = (await t.json('/api/whistles?status=rated')).body.features
  expect(rated).toHaveLength(1)
  expect(rated[0].properties.rating).toBe(4)
  const page1 = await t.json('/api/whistles?limit=2')
  const page2 = await t.json(`/api/whistles?limit=2&cursor=${page1.body.next}`)
  expect([...ids(page1.body), ...ids(page2.body)]).toEqual(ids(all).slice(0, 4))

  expect((await t.json('/api/whistles?scope=330329111005')).body.error).toMatchObject({ code: 'unsupported_scope', message: /county, township/ })
  expect((await t.json('/api/whistles?scope=330329111005')).status).toBe(422)
  expect((await t.json('/api/whistles?sla=late')).body.error.message).toMatch(/valid values: ok, due-soon, breached/)
  expect((await t.json('/api/whistles?kind=party')).status).toBe(422)
  expect((await t.json('/api/whistles?department=army')).status).toBe(422)
  expect((await t.json('/api/whistles?to=2026-13-01')).status).toBe(400)
  expect((await t.json('/api/whistles?cursor=MTIz')).status).toBe(400)
  expect((await t.json('/api/whistles?limit=abc')).status).toBe(400)
})

test('the department called answers the call, not the township and not a leader; the township that called rates it', async () => {
  const officer = await t.token('township', { township: NANPU })
  const { body } = await t.post('/api/whistles', valid, {}, officer)
  expect(body.allowedActions).toEqual([])
  const path = `/api/whistles/${body.id}/transitions`
  for (const as of [officer, t.leader]) {
    const msg = await rejected(() => t.post(path, { action: 'acknowledge' }, {}, as), 403, 'not_your_action')
    expect(msg).toMatch(/only the department called: an account of department enforcement may/)
  }
  await expect(answer(body.id, 'acknowledge', undefined, 'market')).rejects.toMatchObject({ status: 403, code: 'not_your_action' })
  expect((await t.json(`/api/whistles/${body.id}`, {}, officer)).body.status).toBe('whistled')
  for (const action of ['acknowledge', 'arrive', 'close'] as const) await answer(body.id, action)
  expect((await t.json(`/api/whistles/${body.id}`, {}, officer)).body.allowedActions).toEqual(['rate'])
  expect((await t.services.whistles.get(body.id, false, departmentActor('enforcement'))).allowedActions).toEqual([])
  await expect(t.services.whistles.transition(body.id, { action: 'rate', rating: 5 }, departmentActor('enforcement')))
    .rejects.toMatchObject({ status: 403, code: 'not_your_action' })
  const rated = await t.post(path, { action: 'rate', rating: 5 }, {}, officer)
  expect(rated.status, JSON.stringify(rated.body)).toBe(200)
})
