// POST /api/incidents/batch: an offline queue syncing. All or nothing, each item checked as the single endpoint
// checks it, errors naming the item, Idempotency-Key, one change-feed event per incident.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { INCIDENT_BATCH_MAX } from '../../domain/schemas'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS } from '../support/fixtures'
import { pointInGrid } from '../support/points'
import { rejecter } from '../support/rejected'

const LUOYANG = { lng: 119.708034, lat: 27.559551 }
// 司前畲族镇's seat in GCJ-02 (the same source).
const SIQIAN_GCJ02 = { lng: 119.78489, lat: 27.666749, crs: 'gcj02' }
const item = (i: number, over: Record<string, unknown> = {}) =>
  ({ type: 'road-occupation', point: LUOYANG, description: `（合成）离线上报 #${i}`, source: 'app', severity: 'normal', ...over })
const batch = (n: number, over: (i: number) => Record<string, unknown> = () => ({})) =>
  ({ incidents: Array.from({ length: n }, (_, i) => item(i, over(i))) })

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => await t.close())
const rejected = rejecter(() => t)

test('a batch is stored in order, each record as the single endpoint stores it, with its history and event', async () => {
  const events = await t.count('events')
  const single = await t.post('/api/incidents', item(-1))
  expect(single.status).toBe(201)
  const items = [item(0), item(1, { type: 'food-safety', severity: 'urgent', reporter: { name: '张三', phone: '13800000000' } }), item(2, { point: SIQIAN_GCJ02 })]
  const res = await t.post('/api/incidents/batch', { incidents: items })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const stored = res.body.incidents as any[]
  expect(stored).toHaveLength(3)
  expect(stored.map((r) => r.description)).toEqual(items.map((i) => i.description))
  expect(stored[0].id).toBeGreaterThan(single.body.id)
  expect(stored[1].id).toBe(stored[0].id + 1)
  // The same shape as the single endpoint's record (ids, names and times aside).
  const { id: _a, description: _b, ...singleRest } = single.body
  const { id: _c, description: _d, ...firstRest } = stored[0]
  expect(firstRest).toEqual(singleRest)
  expect(stored[1]).toMatchObject({ type: 'food-safety', severity: 'urgent', reporter: { name: '张三', phone: '13800000000' } })
  expect(stored[2]).toMatchObject({ crsIn: 'gcj02' })
  expect(stored[2].township).not.toBe(stored[0].township)
  // What the API stored is what it answered.
  for (const r of stored) {
    const back = await t.json(`/api/incidents/${r.id}`)
    // The detail adds the history, the call-backs (none yet) and the case (none) to what the batch answered.
    const { history, callbacks, case: inCase, ...record } = back.body
    expect(callbacks).toEqual([])
    expect(inCase).toBeNull()
    expect(record).toEqual(r)
    expect(history).toEqual([expect.objectContaining({ action: 'report', to: 'reported' })])
  }
  expect(await t.count('events')).toBe(events + 4)
  const feed = (await t.store.events.after(events, 10)).filter((e) => e.kind === 'incident.created').map((e) => e.entityId)
  expect(feed).toEqual([single.body.id, ...stored.map((r) => r.id)])
})

test('live subscribers hear every incident of a batch, after it commits', async () => {
  const heard: number[] = []
  const stop = t.bus.subscribe((e) => { if (e.kind === 'incident.created') heard.push(e.entityId!) })
  try {
    const res = await t.post('/api/incidents/batch', batch(5))
    expect(res.status).toBe(201)
    expect(heard).toEqual(res.body.incidents.map((r: { id: number }) => r.id))
  } finally { stop() }
})

test(`${INCIDENT_BATCH_MAX} incidents in one batch are accepted`, async () => {
  const before = await t.count('incidents')
  const res = await t.post('/api/incidents/batch', batch(INCIDENT_BATCH_MAX))
  expect(res.status).toBe(201)
  expect(await t.count('incidents')).toBe(before + INCIDENT_BATCH_MAX)
})

test('an Idempotency-Key retry returns the first answer and stores nothing new; the key with another batch is refused', async () => {
  const body = batch(3)
  const first = await t.post('/api/incidents/batch', body, { 'Idempotency-Key': 'queue-7' })
  expect(first.status).toBe(201)
  const count = await t.count('incidents')
  const again = await t.post('/api/incidents/batch', body, { 'Idempotency-Key': 'queue-7' })
  expect(again.status).toBe(201)
  expect(again.headers.get('idempotent-replayed')).toBe('true')
  expect(again.body).toEqual(first.body)
  expect(await t.count('incidents')).toBe(count)
  await rejected(() => t.post('/api/incidents/batch', batch(2), { 'Idempotency-Key': 'queue-7' }), 422, 'idempotency_key_reused')
  // Keys are per route: the same key on the single endpoint is a different request.
  expect((await t.post('/api/incidents', item(9), { 'Idempotency-Key': 'queue-7' })).status).toBe(201)
})

// Every class of bad input rejects the whole batch: the good items before and after the bad one are not stored.
test.each([
  ['invalid JSON', () => t.post('/api/incidents/batch', '{"incidents": ['), 400, 'invalid_json', /not valid JSON/],
  ['a wrong content type', () => t.json('/api/incidents/batch', { method: 'POST', body: JSON.stringify(batch(2)), headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type', /application\/json/],
  ['a body over 2 MB', () => t.post('/api/incidents/batch', batch(400, () => ({ description: '超'.repeat(1999) }))), 413, 'too_large', /split the batch/],
  ['a bare array instead of { incidents }', () => t.post('/api/incidents/batch', [item(0)]), 422, 'invalid', /body/],
  ['no incidents', () => t.post('/api/incidents/batch', { incidents: [] }), 422, 'invalid', /at least one/],
  ['one incident too many', () => t.post('/api/incidents/batch', batch(INCIDENT_BATCH_MAX + 1)), 422, 'invalid', /at most 500/],
  ['an unknown top-level key', () => t.post('/api/incidents/batch', { ...batch(1), sync: true }), 422, 'invalid', /sync/],
  ['an unknown type in item 3', () => t.post('/api/incidents/batch', batch(6, (i) => (i === 3 ? { type: 'ufo' } : {}))), 422, 'invalid', /incidents\.3\.type/],
  ['a string coordinate in item 1', () => t.post('/api/incidents/batch', batch(3, (i) => (i === 1 ? { point: { lng: '119.7', lat: 27.5 } } : {}))), 422, 'invalid', /incidents\.1\.point\.lng/],
  ['an infinite coordinate in item 0', () => t.post('/api/incidents/batch', `{"incidents":[{"type":"road-occupation","point":{"lng":1e400,"lat":27.5},"description":"x","source":"patrol"}]}`), 422, 'invalid', /incidents\.0\.point\.lng/],
  ['an empty description in the last item', () => t.post('/api/incidents/batch', batch(4, (i) => (i === 3 ? { description: ' ' } : {}))), 422, 'invalid', /incidents\.3\.description/],
  ['a point outside the county in item 2', () => t.post('/api/incidents/batch', batch(5, (i) => (i === 2 ? { point: { lng: 120.7, lat: 28.0 } } : {}))), 422, 'outside_county', /^incidents\[2\]: .*outside 泰顺县/],
  ['a point in the box but outside the outline in item 4', () => t.post('/api/incidents/batch', batch(5, (i) => (i === 4 ? { point: { lng: 119.0, lat: 27.56 } } : {}))), 422, 'outside_county', /^incidents\[4\]: /],
  ['a bad Idempotency-Key', () => t.post('/api/incidents/batch', batch(2), { 'Idempotency-Key': 'two words' }), 400, 'invalid_idempotency_key', /visible ASCII/],
])('%s rejects the batch with a clear error and stores nothing', async (_name, send, status, code, message) => {
  await rejected(send, status, code, message)
})

// Township-scoped access: a principal creates only in their own area. In a batch, one point outside it
// refuses the whole batch with the 403 naming the item, and nothing is stored.
test('a township officer\'s batch with one point in another township is 403 naming that item, and stores nothing', async () => {
  const officer = await t.token('township', { township: '330329100' })
  const send = () => t.post('/api/incidents/batch', batch(5, (i) => (i === 3 ? { point: SIQIAN_GCJ02 } : {})), {}, officer)
  const msg = await rejected(send, 403, 'forbidden_record', /^incidents\[3\]: the point is outside your area \(township 330329100\)/)
  // Where the point fell is not said: region codes in a refusal are the caller's own.
  expect(msg).not.toContain('330329101')
})

test('a township officer\'s batch inside their township is stored; the single endpoint refuses a foreign point with nothing stored', async () => {
  const officer = await t.token('township', { township: '330329100' })
  const ok = await t.post('/api/incidents/batch', batch(3), {}, officer)
  expect(ok.status, JSON.stringify(ok.body)).toBe(201)
  expect(ok.body.incidents.every((r: { township: string }) => r.township === '330329100')).toBe(true)
  await rejected(() => t.post('/api/incidents', item(0, { point: SIQIAN_GCJ02 }), {}, officer), 403, 'forbidden_record', /outside your area/)
})

test('a grid worker may not batch into a neighbouring grid; a wall may not write at all', async () => {
  const gridWorker = await t.token('grid', { township: '330329100', grids: [GRIDS.luoyangA] })
  const own = pointInGrid(t.locator, GRIDS.luoyangA)
  const ownOnly = await t.post('/api/incidents/batch', batch(2, () => ({ point: own })), {}, gridWorker)
  expect(ownOnly.status, JSON.stringify(ownOnly.body)).toBe(201)
  await rejected(() => t.post('/api/incidents/batch', batch(3, (i) => ({ point: i === 1 ? pointInGrid(t.locator, GRIDS.luoyangB) : own })), {}, gridWorker),
    403, 'forbidden_record', new RegExp(`^incidents\\[1\\]: the point is outside your area \\(grid ${GRIDS.luoyangA}\\)[^\\d]*$`))
  await rejected(async () => t.post('/api/incidents/batch', batch(2), {}, await t.token('wall')), 403, 'forbidden', /may not POST \/api\/incidents\/batch/)
  await rejected(() => t.post('/api/incidents/batch', batch(2), {}, null), 401, 'unauthenticated', /sign in first/)
})

test('an Idempotency-Key belongs to its caller: another principal with the same key and body gets no replay of the first answer', async () => {
  const luoyang = await t.token('township', { township: '330329100' })
  const siqian = await t.token('township', { township: '330329101' })
  const body = batch(1)
  const first = await t.post('/api/incidents/batch', body, { 'Idempotency-Key': 'shared-key-1' }, luoyang)
  expect(first.status).toBe(201)
  const replay = await t.post('/api/incidents/batch', body, { 'Idempotency-Key': 'shared-key-1' }, luoyang)
  expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
  await rejected(() => t.post('/api/incidents/batch', body, { 'Idempotency-Key': 'shared-key-1' }, siqian), 403, 'forbidden_record', /^incidents\[0\]: /)
})
