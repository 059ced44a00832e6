import { afterAll, beforeAll, expect, test } from 'vitest'
import { countyOf } from '../../domain/regions'
import type { SiteCategory, SiteGrade } from '../../domain/sites'
import { nextInspectionDue, supervisingDepartment } from '../../domain/sites'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { rejecter } from '../support/rejected'

const DAY = 86_400_000
const LUOYANG = { lng: 119.708034, lat: 27.559551 } // 罗阳镇's seat
const BAIZHANG = { lng: 119.859305, lat: 27.650501 } // 百丈镇's seat

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => await t.close())
const rejected = rejecter(() => t)
const lastEvent = async () => (await t.store.events.after(await t.store.events.lastId() - 1, 1))[0]!

/** Sites have no public create: register one as the seed does, through the store. */
async function addSite(grade: SiteGrade, point = LUOYANG, category: SiteCategory = 'hazchem') {
  const at = t.clock.now
  const placed = t.locator.locate(point.lng, point.lat)!
  return await t.store.sites.insert({
    category, name: '测试：重点监管对象', grade, department: supervisingDepartment(category), lng: point.lng, lat: point.lat,
    ...placed, county: countyOf(placed.township),
    registeredAt: at, lastInspectionAt: null, nextInspectionDue: nextInspectionDue(at, grade), synthetic: 1, updatedAt: at,
  })
}

test('a registered site has its inspection clock from registration and nothing on the chain yet', async () => {
  const id = await addSite('red')
  const res = await t.json(`/api/sites/${id}`)
  expect(res.status).toBe(200)
  expect(res.body).toMatchObject({
    id, grade: 'red', category: 'hazchem', township: '330329100', overdue: false, openWarnings: 0, urgent: false,
    chainStage: null, lastInspectionAt: null, inspections: [], warnings: [],
  })
  expect(Date.parse(res.body.nextInspectionDue)).toBe(t.clock.now + 30 * DAY)
})

test('a finding opens a warning and moves the chain; a pass restarts the cadence and clears every warning', async () => {
  const id = await addSite('red')
  const path = `/api/sites/${id}/inspections`
  const rectify = await t.post(path, { result: 'rectify', note: '储罐标识不清', mobile: true })
  expect(rectify.status, JSON.stringify(rectify.body)).toBe(201)
  expect(rectify.headers.get('location')).toBe(`/api/sites/${id}/inspections/${rectify.body.inspection.id}`)
  expect(rectify.body.inspection).toMatchObject({ result: 'rectify', stage: 'enforcement', mobile: true, offSite: false, note: '储罐标识不清' })
  expect(rectify.body.site).toMatchObject({ openWarnings: 1, urgent: true, chainStage: 'enforcement', lastResult: 'rectify' })
  expect(Date.parse(rectify.body.site.nextInspectionDue)).toBe(t.clock.now + 30 * DAY)
  expect((await t.json(rectify.headers.get('location')!)).body).toEqual(rectify.body.inspection)
  const ev = await lastEvent()
  expect(ev).toMatchObject({ kind: 'site.updated', entityId: id, township: '330329100' })
  expect(JSON.parse(ev.payload).properties).toMatchObject({ grade: 'red', openWarnings: 1, urgent: true, chainStage: 'enforcement' })

  t.clock.now += DAY
  const penalty = await t.post(path, { result: 'penalty', offSite: true })
  expect(penalty.body.site).toMatchObject({ openWarnings: 2, chainStage: 'penalty' })
  t.clock.now += DAY
  const pass = await t.post(path, { result: 'pass' })
  expect(pass.body.site).toMatchObject({ openWarnings: 0, urgent: false, chainStage: 'inspection', lastInspectionAt: new Date(t.clock.now).toISOString() })
  const detail = (await t.json(`/api/sites/${id}`)).body
  expect(detail.inspections.map((i: { result: string }) => i.result)).toEqual(['pass', 'penalty', 'rectify'])
  expect(detail.warnings).toHaveLength(2)
  expect(detail.warnings.every((w: { open: boolean; clearedAt: string }) => !w.open && w.clearedAt === new Date(t.clock.now).toISOString())).toBe(true)
  expect(detail.warnings.map((w: { kind: string }) => w.kind).sort()).toEqual(['penalty', 'rectify'])
})

test('warnings are raised and cleared by hand; a second clear is 409 and changes nothing', async () => {
  const id = await addSite('red')
  const raised = await t.post(`/api/sites/${id}/warnings`, { kind: 'sensor', message: '可燃气体浓度超限' })
  expect(raised.status, JSON.stringify(raised.body)).toBe(201)
  const wid = raised.body.warning.id
  expect(raised.headers.get('location')).toBe(`/api/sites/${id}/warnings/${wid}`)
  expect(raised.body.warning).toMatchObject({ kind: 'sensor', message: '可燃气体浓度超限', open: true, clearedAt: null })
  expect(raised.body.site).toMatchObject({ openWarnings: 1, urgent: true })
  expect(JSON.parse((await lastEvent()).payload).properties.urgent).toBe(true)
  expect((await t.json(`/api/sites/${id}/warnings/${wid}`)).body.open).toBe(true)

  // Clearing takes no body.
  const cleared = await t.json(`/api/sites/${id}/warnings/${wid}/clear`, { method: 'POST' })
  expect(cleared.status).toBe(200)
  expect(cleared.body.warning.open).toBe(false)
  expect(cleared.body.site).toMatchObject({ openWarnings: 0, urgent: false })
  expect(await lastEvent()).toMatchObject({ kind: 'site.updated', entityId: id })
  await rejected(() => t.post(`/api/sites/${id}/warnings/${wid}/clear`, {}), 409, 'already_cleared', /already cleared/)
  const other = await addSite('blue')
  await rejected(() => t.post(`/api/sites/${other}/warnings/${wid}/clear`, {}), 404, 'not_found')
  await rejected(() => t.post(`/api/sites/${id}/warnings/999999/clear`, {}), 404, 'not_found')
  expect((await t.json(`/api/sites/${other}/warnings/${wid}`)).status).toBe(404)
  expect((await t.json(`/api/sites/${other}/inspections/1`)).status).toBe(404)
})

test('a warning on a lower grade site is not urgent', async () => {
  const id = await addSite('yellow')
  const res = await t.post(`/api/sites/${id}/warnings`, { kind: 'licence', message: '特种设备检验合格证即将到期' })
  expect(res.body.site).toMatchObject({ openWarnings: 1, urgent: false })
})

test('an inspection Idempotency-Key replays on the same site and is a new inspection on another', async () => {
  const a = await addSite('orange')
  const b = await addSite('orange')
  const first = await t.post(`/api/sites/${a}/inspections`, { result: 'pass' }, { 'Idempotency-Key': 'insp-1' })
  const count = await t.count('inspections')
  const again = await t.post(`/api/sites/${a}/inspections`, { result: 'pass' }, { 'Idempotency-Key': 'insp-1' })
  expect(again.headers.get('idempotent-replayed')).toBe('true')
  expect(again.body).toEqual(first.body)
  expect(await t.count('inspections')).toBe(count)
  const onB = await t.post(`/api/sites/${b}/inspections`, { result: 'pass' }, { 'Idempotency-Key': 'insp-1' })
  expect(onB.status).toBe(201)
  expect(onB.headers.get('idempotent-replayed')).toBeNull()
  expect(onB.body.inspection.siteId).toBe(b)
  await rejected(() => t.post(`/api/sites/${a}/inspections`, { result: 'rectify' }, { 'Idempotency-Key': 'insp-1' }), 422, 'idempotency_key_reused')
})

test.each([
  ['invalid JSON', (id: number) => t.post(`/api/sites/${id}/inspections`, '{"result"'), 400, 'invalid_json', /not valid JSON/],
  ['a wrong content type', (id: number) => t.json(`/api/sites/${id}/inspections`, { method: 'POST', body: '{"result":"pass"}', headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type', /application\/json/],
  ['a body over 64 KB', (id: number) => t.post(`/api/sites/${id}/inspections`, { result: 'pass', note: 'x'.repeat(70_000) }), 413, 'too_large', /64 KB/],
  ['an unknown result', (id: number) => t.post(`/api/sites/${id}/inspections`, { result: 'fine' }), 422, 'invalid', /pass.*rectify.*penalty/],
  ['an unknown key', (id: number) => t.post(`/api/sites/${id}/inspections`, { result: 'pass', grade: 'red' }), 422, 'invalid', /grade/],
  ['a flag that is not a boolean', (id: number) => t.post(`/api/sites/${id}/inspections`, { result: 'pass', mobile: 'yes' }), 422, 'invalid', /mobile/],
  ['an unknown site', () => t.post('/api/sites/999999/inspections', { result: 'pass' }), 404, 'not_found', /no supervised site/],
  ['a site id that is not a number', () => t.post('/api/sites/abc/inspections', { result: 'pass' }), 404, 'not_found', /whole numbers/],
  ['an unknown warning kind', (id: number) => t.post(`/api/sites/${id}/warnings`, { kind: 'fire', message: 'x' }), 422, 'invalid', /sensor/],
  ['an empty warning message', (id: number) => t.post(`/api/sites/${id}/warnings`, { kind: 'other', message: '' }), 422, 'invalid', /message/],
  ['a warning on an unknown site', () => t.post('/api/sites/999999/warnings', { kind: 'other', message: 'x' }), 404, 'not_found', /no supervised site/],
])('%s is rejected with a clear error and nothing is stored', async (_name, send, status, code, message) => {
  const id = await addSite('blue')
  await rejected(() => send(id), status, code, message)
})

test('inspection overdue follows the clock: exactly at the due time is not overdue, 1 ms later is', async () => {
  const id = await addSite('blue', BAIZHANG, 'device')
  const listed = async (overdue: boolean) =>
    (await t.json(`/api/sites?scope=330329102&overdue=${overdue}`)).body.features.map((f: { id: number }) => f.id)
  t.clock.now += 180 * DAY
  expect((await t.json(`/api/sites/${id}`)).body.overdue).toBe(false)
  expect(await listed(false)).toContain(id)
  t.clock.now += 1
  expect((await t.json(`/api/sites/${id}`)).body.overdue).toBe(true)
  expect(await listed(true)).toContain(id)
  expect(await listed(false)).not.toContain(id)
  const res = await t.post(`/api/sites/${id}/inspections`, { result: 'pass' })
  expect(res.body.site.overdue).toBe(false)
  expect(await listed(true)).not.toContain(id)
})

test('the list filters, orders by the next inspection due, paginates and validates its parameters', async () => {
  const all = (await t.json('/api/sites')).body.features
  expect(all.length).toBeGreaterThan(5)
  const due = all.map((f: { properties: { nextInspectionDue: string } }) => f.properties.nextInspectionDue)
  expect([...due].sort()).toEqual(due)
  const page1 = await t.json('/api/sites?limit=3')
  const page2 = await t.json(`/api/sites?limit=3&cursor=${page1.body.next}`)
  expect([...page1.body.features, ...page2.body.features].map((f: { id: number }) => f.id))
    .toEqual(all.slice(0, 6).map((f: { id: number }) => f.id))

  const warned = (await t.json('/api/sites?warning=true')).body.features
  expect(warned.length).toBeGreaterThan(0)
  expect(warned.every((f: { properties: { openWarnings: number } }) => f.properties.openWarnings > 0)).toBe(true)
  const quiet = (await t.json('/api/sites?warning=false')).body.features
  expect(warned.length + quiet.length).toBe(all.length)
  expect(quiet.every((f: { properties: { openWarnings: number } }) => f.properties.openWarnings === 0)).toBe(true)
  const red = (await t.json('/api/sites?grade=red,orange&category=hazchem')).body.features
  expect(red.every((f: { properties: { grade: string } }) => ['red', 'orange'].includes(f.properties.grade))).toBe(true)
  expect((await t.json('/api/sites?category=device&department=emergency')).body.features).toEqual([])
  const village = all[0].properties.grid.slice(0, 12)
  expect((await t.json(`/api/sites?scope=${village}`)).body.features.length).toBeGreaterThan(0)

  expect((await t.json('/api/sites?grade=purple')).body.error.message).toMatch(/valid values: red, orange, yellow, blue/)
  expect((await t.json('/api/sites?category=fireworks')).status).toBe(422)
  expect((await t.json('/api/sites?warning=maybe')).status).toBe(400)
  expect((await t.json('/api/sites?scope=33')).status).toBe(400)
  expect((await t.json('/api/sites?cursor=%%%')).status).toBe(400)
  expect((await t.json('/api/sites?limit=-1')).status).toBe(400)
  expect((await t.json('/api/sites/999999')).status).toBe(404)
})
