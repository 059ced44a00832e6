// Acting on incidents: who may take which action (sides), the assignment (交办, 转办, 退回交办方, 签收), extensions
// (申请/同意/不同意延期: an approved one moves the stored deadline, and overdue follows it in TS and SQL alike),
// supervision levels and its live event, the fields each action takes, a stale ifUpdatedAt, and who acted.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { departmentActor } from '../support/actors'
import { GRIDS, insertIncident } from '../support/fixtures'
import { rejecter } from '../support/rejected'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const LUOYANG = '330329100'
const LUOYANG_WGS84 = { lng: 119.708034, lat: 27.559551 }
const onList = { type: 'road-occupation', point: LUOYANG_WGS84, description: '测试：占道经营', source: 'patrol', severity: 'normal' }
const offList = { ...onList, type: 'penalty-evidence', source: 'department', description: '测试：部门推送' }

let t: TestApp
let officer: string
let otherOfficer: string
beforeAll(async () => {
  t = await testApp()
  officer = await t.token('township', { township: LUOYANG })
  otherOfficer = await t.token('township', { township: '330329101' })
})
afterAll(async () => await t.close())
const rejected = rejecter(() => t)

const create = async (body: object = onList) => (await t.post('/api/incidents', body)).body as { id: number; grid: string }
const act = (id: number, body: object, as: string = t.leader) => t.post(`/api/incidents/${id}/transitions`, body, {}, as)
const ok = async (id: number, body: object, as: string = t.leader) => {
  const res = await act(id, body, as)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}
const read = async (id: number, as: string = t.leader) => (await t.json(`/api/incidents/${id}`, {}, as)).body
const dispatched = async (body: object = onList, dispatch: object = {}) => {
  const { id } = await create(body)
  await ok(id, { action: 'accept' })
  await ok(id, { action: 'dispatch', ...dispatch })
  return id
}

describe('交办: the assignee', () => {
  test('defaults to the type\'s routing: an on-list type to its township, an off-list one to its department', async () => {
    expect((await read(await dispatched())).assignee).toEqual({ kind: 'township', code: LUOYANG })
    expect((await read(await dispatched(offList))).assignee).toEqual({ kind: 'department', code: 'enforcement' })
  })

  test('may name a grid of the incident\'s township; another township or a grid elsewhere is 422', async () => {
    const { id } = await create()
    await ok(id, { action: 'accept' })
    await rejected(() => act(id, { action: 'dispatch', assignee: { kind: 'township', code: '330329101' } }), 422, 'invalid_assignee', /not the incident's township/)
    await rejected(() => act(id, { action: 'dispatch', assignee: { kind: 'grid', code: GRIDS.siqian } }), 422, 'invalid_assignee', /not a grid of the incident's township/)
    const res = await ok(id, { action: 'dispatch', assignee: { kind: 'grid', code: GRIDS.luoyangB }, note: '请网格员处理' })
    expect(res.assignee).toEqual({ kind: 'grid', code: GRIDS.luoyangB })
    const step = (await read(id)).history.at(-1)
    expect(step).toMatchObject({ action: 'dispatch', detail: { assignee: { kind: 'grid', code: GRIDS.luoyangB } }, by: { role: 'leader' } })
  })
})

describe('sides: who may take which action', () => {
  test('a leader is no assignee: 403 not_your_action naming who may, and nothing changes', async () => {
    const id = await dispatched()
    const msg = await rejected(() => act(id, { action: 'start' }), 403, 'not_your_action')
    expect(msg).toMatch(/County leader \(leader\) may not start .*only the assignee \(township 330329100\): the township officer of 330329100/)
    expect((await read(id)).allowedActions).toEqual(['transfer'])
    expect((await read(id, officer)).allowedActions).toEqual(['sign', 'start', 'transfer', 'sendBack', 'requestExtension'])
  })

  test('an incident assigned to a department: only that department\'s accounts sign, start and resolve', async () => {
    const id = await dispatched(offList)
    await rejected(() => act(id, { action: 'sign' }, officer), 403, 'not_your_action', /account of department enforcement/)
    expect((await read(id, officer)).allowedActions).toEqual(['transfer'])
    const enforcement = departmentActor('enforcement')
    expect((await t.services.incidents.get(id, false, enforcement)).allowedActions).toEqual(['sign', 'start', 'sendBack', 'requestExtension'])
    await expect(t.services.incidents.transition(id, { action: 'sign' }, departmentActor('market'))).rejects.toMatchObject({ status: 403, code: 'not_your_action' })
    const signed = await t.services.incidents.transition(id, { action: 'sign' }, enforcement)
    expect(signed).toMatchObject({ status: 'dispatched', signedAt: new Date(t.clock.now).toISOString() })
    await expect(t.services.incidents.transition(id, { action: 'sign' }, enforcement)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/signed for already/) })
    await t.services.incidents.transition(id, { action: 'start' }, enforcement)
    const done = await t.services.incidents.transition(id, { action: 'resolve', note: '已依法处理' }, enforcement)
    expect(done.status).toBe('resolved')
    expect((await read(id)).history.slice(-3).map((s: { by: unknown }) => s.by)).toEqual(Array(3).fill({ name: '演示·enforcement', role: 'department' }))
  })

  test('the dispatcher side is the incident\'s own township: another township\'s officer does not reach it (404)', async () => {
    const { id } = await create()
    expect((await act(id, { action: 'accept' }, otherOfficer)).status).toBe(404)
    expect((await read(id, officer)).allowedActions).toEqual(['accept'])
  })
})

describe('转办 and 退回交办方', () => {
  test('transfer needs another assignee and a reason, goes back to dispatched and clears the signature', async () => {
    const id = await dispatched()
    await ok(id, { action: 'start' }, officer)
    await rejected(() => act(id, { action: 'transfer', note: '转办' }), 422, 'invalid', /transfer needs assignee/)
    await rejected(() => act(id, { action: 'transfer', assignee: { kind: 'township', code: LUOYANG }, note: '转办' }), 422, 'invalid_assignee', /already/)
    const moved = await ok(id, { action: 'transfer', assignee: { kind: 'department', code: 'market' }, note: '属市场监管职责' })
    expect(moved).toMatchObject({ status: 'dispatched', assignee: { kind: 'department', code: 'market' }, signedAt: null })
    expect(moved.allowedActions).toEqual(['transfer'])
  })

  test('send back returns it to the dispatcher (accepted, no assignee); history keeps who sent it back', async () => {
    const id = await dispatched()
    await rejected(() => act(id, { action: 'sendBack' }, officer), 422, 'invalid', /sendBack needs a note/)
    const back = await ok(id, { action: 'sendBack', note: '不属本乡镇事权' }, officer)
    expect(back).toMatchObject({ status: 'accepted', assignee: null, signedAt: null, allowedActions: ['dispatch'] })
    expect((await read(id)).history.at(-1)).toMatchObject({
      action: 'sendBack', from: 'dispatched', to: 'accepted', note: '不属本乡镇事权',
      detail: { assignee: { kind: 'township', code: LUOYANG } }, by: { role: 'township' },
    })
  })
})

describe('延期: an approved extension moves the stored deadline', () => {
  test('request (a later date, a reason), then approve: resolveBy moves, overdue follows in the record and the list', async () => {
    const id = await dispatched()
    const before = await read(id)
    const resolveBy = Date.parse(before.resolveBy)
    const until = new Date(resolveBy + 3 * DAY).toISOString()
    await rejected(() => act(id, { action: 'requestExtension', note: '需协调', until: before.resolveBy }, officer), 422, 'invalid_until', /not later than the current deadline/)
    await rejected(() => act(id, { action: 'requestExtension', note: '需协调', until }), 403, 'not_your_action')
    const asked = await ok(id, { action: 'requestExtension', note: '需多部门协调', until }, officer)
    expect(asked.extension).toEqual({ until, note: '需多部门协调', requestedAt: new Date(t.clock.now).toISOString() })
    expect(asked.allowedActions).not.toContain('requestExtension')
    expect((await read(id)).allowedActions).toEqual(['transfer', 'approveExtension', 'refuseExtension'])

    const saved = t.clock.now
    t.clock.now = resolveBy + HOUR // past the original deadline
    const overdueIds = async () => (await t.json(`/api/incidents?overdue=true&scope=${LUOYANG}&limit=5000`)).body.features.map((f: { id: number }) => f.id)
    expect((await read(id)).overdue).toBe(true)
    expect(await overdueIds()).toContain(id)
    const approved = await ok(id, { action: 'approveExtension' })
    expect(approved).toMatchObject({ resolveBy: until, dueAt: until, overdue: false, extension: null })
    expect(await overdueIds()).not.toContain(id)
    expect((await read(id)).history.at(-1)).toMatchObject({ action: 'approveExtension', detail: { until } })
    t.clock.now = resolveBy + 3 * DAY + 1
    expect((await read(id)).overdue).toBe(true)
    expect(await overdueIds()).toContain(id)
    t.clock.now = saved
  })

  test('refuse needs a reason, clears the request and leaves the deadline', async () => {
    const id = await dispatched()
    const { resolveBy } = await read(id)
    await ok(id, { action: 'requestExtension', note: '需协调', until: new Date(Date.parse(resolveBy) + DAY).toISOString() }, officer)
    await rejected(() => act(id, { action: 'refuseExtension' }), 422, 'invalid', /refuseExtension needs a note/)
    const refused = await ok(id, { action: 'refuseExtension', note: '时限内可办结' })
    expect(refused).toMatchObject({ resolveBy, extension: null })
    await rejected(() => act(id, { action: 'approveExtension' }), 409, 'invalid_transition', /no extension request is waiting/)
  })
})

describe('督办', () => {
  test('a township officer orders 乡镇督办 only; a leader 县级督办 by default; the live event is incident.supervised', async () => {
    const { id } = await create({ ...onList, severity: 'critical' })
    const saved = t.clock.now
    t.clock.now += 31 * 60_000
    await rejected(() => act(id, { action: 'supervise', note: '限期办结', level: 'county' }, officer), 403, 'not_your_action', /县级督办/)
    await ok(id, { action: 'supervise', note: '限期受理' }, officer)
    expect((await read(id)).history.at(-1)).toMatchObject({ action: 'supervise', detail: { level: 'township' }, by: { role: 'township' } })
    await ok(id, { action: 'supervise', note: '县领导督办：立即受理' })
    const event = (await t.store.events.after(await t.store.events.lastId() - 1, 1))[0]!
    expect(event).toMatchObject({ kind: 'incident.supervised', entityId: id })
    // The event goes to every client, walls included: the order's free text stays out of it.
    expect(JSON.parse(event.payload).properties.supervision).toEqual({
      level: 'county', at: new Date(t.clock.now).toISOString(), by: { name: expect.any(String), role: 'leader' },
    })
    expect(event.payload).not.toContain('县领导督办')
    const worker = await t.token('grid', { township: LUOYANG, grids: [(await read(id)).grid] })
    await rejected(() => act(id, { action: 'supervise', note: '督办' }, worker), 403, 'not_your_action')
    t.clock.now = saved
  })
})

describe('the request', () => {
  test.each([
    [{ action: 'resolve' }, /note: resolve needs a note/],
    [{ action: 'accept', assignee: { kind: 'township', code: LUOYANG } }, /assignee: assignee goes only with action "dispatch" or "transfer"/],
    [{ action: 'accept', until: '2026-12-01T00:00:00Z' }, /until: until goes only with action "requestExtension"/],
    [{ action: 'accept', level: 'county' }, /level: level goes only with action "supervise"/],
    [{ action: 'requestExtension', note: '需协调' }, /until: requestExtension needs until/],
  ])('%j is 422 naming the field', async (body, message) => {
    const { id } = await create()
    await rejected(() => act(id, body), 422, 'invalid', message)
  })
})

describe('ifUpdatedAt', () => {
  test('a stale one is 409 conflict saying who did what when, with the record as it is now', async () => {
    const { id } = await create()
    const seen = (await read(id, officer)).updatedAt
    t.clock.now += 60_000
    await ok(id, { action: 'accept' })
    const res = await act(id, { action: 'accept', ifUpdatedAt: seen }, officer)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('conflict')
    expect(res.body.error.message).toMatch(new RegExp(`\\(leader\\) took accept \\(受理\\) at ${new Date(t.clock.now).toISOString()}`))
    expect(res.body.current).toMatchObject({ id, status: 'accepted', allowedActions: ['dispatch'] })
    const fresh = await ok(id, { action: 'dispatch', ifUpdatedAt: res.body.current.updatedAt }, officer)
    expect(fresh.status).toBe('dispatched')
  })
})

describe('history', () => {
  test('steps from before actors were recorded have by: null; new ones name who acted', async () => {
    const id = await insertIncident(t.store, { reportedAt: T0 - DAY })
    await t.store.incidents.addEvent({
      incidentId: id, at: T0 - DAY, action: 'report', fromStatus: null, toStatus: 'reported', note: null,
      actor: null, actorName: null, actorRole: null, detail: null,
    })
    await ok(id, { action: 'accept' }, officer)
    const steps = (await read(id)).history
    expect(steps[0].by).toBeNull()
    expect(steps[1].by).toEqual({ name: expect.stringMatching(/^test township/), role: 'township' })
    expect((await t.json(`/api/incidents/${id}?masked=true`)).body.history[1].by.name).not.toEqual(steps[1].by.name)
  })
})
