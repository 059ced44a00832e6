// 回访: the draw at 核查归档, recording the resident's answer (满意 / 基本满意 / 不满意 → 重办 with its assignee),
// who may record it (the owner side), the refusals that store nothing, the shares setting, and the list's filters
// and pages. On both engines.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { callbackDueBy, drawsCallback } from '../../domain/callback'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { rejecter } from '../support/rejected'

const LUOYANG = '330329100'
const LUOYANG_WGS84 = { lng: 119.708034, lat: 27.559551 }
const hotline = { type: 'road-occupation', point: LUOYANG_WGS84, description: '测试：占道经营', source: 'hotline', severity: 'normal', reporter: { name: '张三', phone: '13812345678' } }
const patrol = { ...hotline, source: 'patrol', reporter: undefined }

let t: TestApp
let officer: string
let otherOfficer: string
let grid: string
let admin: string
beforeAll(async () => {
  t = await testApp()
  officer = await t.token('township', { township: LUOYANG })
  otherOfficer = await t.token('township', { township: '330329101' })
  grid = await t.token('grid', { township: LUOYANG, grids: ['33032910000501'] })
  admin = await t.adminSession('cb-admin', 'callback-password-1')
})
afterAll(async () => await t.close())
const rejected = rejecter(() => t)

const act = async (id: number, body: object, as: string) => {
  const res = await t.post(`/api/incidents/${id}/transitions`, body, {}, as)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
}
const read = async (id: number, as: string = t.leader) => (await t.json(`/api/incidents/${id}`, {}, as)).body
const record = (id: number, body: object, as: string = officer) => t.post(`/api/incidents/${id}/callback`, body, {}, as)
const put = (body: unknown, cookie = admin) => t.json('/api/settings/callback', {
  method: 'PUT', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Cookie: cookie },
}, null)

/** Reported, accepted, dispatched (by `dispatcher`), handled and resolved by the township, verified. */
async function verified(body: object = hotline, dispatcher: string = officer): Promise<number> {
  const res = await t.post('/api/incidents', body)
  expect(res.status).toBe(201)
  const id = res.body.id as number
  await act(id, { action: 'accept' }, dispatcher)
  await act(id, { action: 'dispatch' }, dispatcher)
  await act(id, { action: 'start' }, officer)
  await act(id, { action: 'resolve', note: '已处理' }, officer)
  t.clock.now += 60_000
  await act(id, { action: 'verify' }, officer)
  return id
}

describe('the draw at 核查归档', () => {
  test('a hotline case gets its task in the verifying transaction: owned by the township that dispatched it, due in 5 working days', async () => {
    const id = await verified()
    const detail = await read(id, officer)
    expect(detail.status).toBe('archived')
    expect(detail.callbacks).toHaveLength(1)
    const verifiedAt = Date.parse(detail.verifiedAt)
    expect(detail.callbacks[0]).toMatchObject({
      incidentId: id, owner: 'township', status: 'awaited', late: false, result: null, canRecord: true,
      assignee: { kind: 'township', code: LUOYANG }, createdAt: detail.verifiedAt, dueBy: new Date(callbackDueBy(verifiedAt)).toISOString(),
    })
    // The leader may see it but not record it: the township dispatched the case.
    expect((await read(id)).callbacks[0].canRecord).toBe(false)
  })

  test('a case the county dispatched is called back by the county centre', async () => {
    const id = await verified(hotline, t.leader)
    expect((await read(id)).callbacks[0]).toMatchObject({ owner: 'county', canRecord: true })
  })

  test('a patrol case is drawn at the other share (10%), by the hash of its id', async () => {
    const id = await verified(patrol)
    expect((await read(id)).callbacks.length).toBe(drawsCallback(id, 'patrol', { citizen: 100, other: 10 }) ? 1 : 0)
  })
})

describe('recording the answer', () => {
  test('满意: the task is done, the incident stays archived; a second answer is 409 and stores nothing', async () => {
    const id = await verified()
    const res = await record(id, { result: 'satisfied', note: '群众表示满意' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ status: 'done', result: 'satisfied', doneAt: new Date(t.clock.now).toISOString(), by: { role: 'township' }, canRecord: false })
    expect((await read(id)).status).toBe('archived')
    const events = await t.store.sql.all<{ kind: string }>('SELECT kind FROM events WHERE entity_id = ? ORDER BY id', [id])
    expect(events.at(-1)!.kind).toBe('callback.recorded')
    await rejected(() => record(id, { result: 'satisfied' }), 409, 'no_callback_awaited')
  })

  test('不满意: back to handling with its assignee, a 重办 step naming the caller, a new resolve limit', async () => {
    const id = await verified()
    const before = await read(id)
    t.clock.now += 3_600_000
    const res = await record(id, { result: 'dissatisfied', note: '路面仍有占道' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ status: 'done', result: 'dissatisfied', note: '路面仍有占道' })
    const after = await read(id, officer)
    expect(after).toMatchObject({ status: 'handling', assignee: before.assignee, verifiedAt: null, resolvedAt: null, overdue: false })
    expect(Date.parse(after.resolveBy)).toBeGreaterThan(t.clock.now)
    expect(after.history.at(-1)).toMatchObject({ action: 'redo', from: 'archived', to: 'handling', note: '路面仍有占道', detail: { assignee: before.assignee }, by: { role: 'township' } })
    expect(after.history.at(-1).by.name).toMatch(/test township/)
    expect(after.allowedActions).toContain('resolve')
    const kinds = (await t.store.sql.all<{ kind: string }>('SELECT kind FROM events WHERE entity_id = ? ORDER BY id', [id])).map((e) => e.kind)
    expect(kinds.slice(-2)).toEqual(['incident.updated', 'callback.recorded'])
    // Verified again, it may be drawn again: a second task.
    await act(id, { action: 'resolve', note: '已再次处理' }, officer)
    await act(id, { action: 'verify' }, officer)
    expect((await read(id)).callbacks.map((c: { status: string }) => c.status)).toEqual(['done', 'awaited'])
  })

  test('refusals store nothing: unknown result, no note for 不满意, not the owner side, outside the area, 重办 as a transition', async () => {
    const id = await verified()
    await rejected(() => record(id, { result: 'happy' }), 422, 'invalid', /satisfied.*basicallySatisfied.*dissatisfied/)
    await rejected(() => record(id, { result: 'dissatisfied' }), 422, 'invalid', /note/)
    await rejected(() => record(id, { result: 'satisfied' }, t.leader), 403, 'not_your_action', /township officer of 330329100/)
    await rejected(() => record(id, { result: 'satisfied' }, otherOfficer), 404, 'not_found')
    await rejected(() => record(id, { result: 'satisfied' }, grid), 403, 'forbidden')
    await rejected(() => t.post(`/api/incidents/${id}/transitions`, { action: 'redo', note: 'x' }, {}, officer), 422, 'invalid', /call-back/)
    await rejected(() => record(id, { result: 'satisfied', ifUpdatedAt: '2020-01-01T00:00:00Z' }), 409, 'conflict')
    const patrolCase = await verified(patrol)
    if ((await read(patrolCase)).callbacks.length === 0) await rejected(() => record(patrolCase, { result: 'satisfied' }), 409, 'no_callback_awaited')
    const open = (await t.post('/api/incidents', hotline)).body.id as number
    await rejected(() => record(open, { result: 'satisfied' }), 409, 'no_callback_awaited')
    expect((await read(id)).callbacks[0].status).toBe('awaited')
  })
})

describe('the shares setting', () => {
  test('GET answers the defaults; PUT (administrators) changes the draw; outside 0–100 is 422 and stores nothing', async () => {
    expect((await t.json('/api/settings/callback', {}, officer)).body).toEqual({ citizenShare: 100, otherShare: 10, limitWorkingDays: 5 })
    const set = await put({ citizenShare: 0, otherShare: 100 })
    expect(set.status, JSON.stringify(set.body)).toBe(200)
    expect(set.body).toEqual({ citizenShare: 0, otherShare: 100, limitWorkingDays: 5 })
    expect((await read(await verified())).callbacks).toHaveLength(0)
    expect((await read(await verified(patrol))).callbacks).toHaveLength(1)
    const audit = await t.store.sql.get<{ detail: string }>(`SELECT detail FROM audit_log WHERE path = '/api/settings/callback' ORDER BY id DESC LIMIT 1`)
    expect(audit?.detail).toMatch(/citizen 0% other 100%/)
    for (const bad of [{ citizenShare: 101, otherShare: 10 }, { citizenShare: -1, otherShare: 10 }, { citizenShare: 50.5, otherShare: 10 }, { citizenShare: 50 }]) {
      const res = await put(bad)
      expect(res.status, JSON.stringify(res.body)).toBe(422)
    }
    expect((await put({ citizenShare: 101, otherShare: 10 })).body.error.message).toMatch(/from 0 to 100/)
    expect((await t.json('/api/settings/callback', {}, officer)).body).toMatchObject({ citizenShare: 0, otherShare: 100 })
    const leaderPut = await t.json('/api/settings/callback', { method: 'PUT', body: '{"citizenShare":1,"otherShare":1}', headers: { 'Content-Type': 'application/json' } })
    expect(leaderPut.status).toBe(403)
    expect((await put({ citizenShare: 100, otherShare: 10 })).status).toBe(200)
  })
})

describe('GET /api/callbacks', () => {
  test('filters by status and scope, pages by cursor, masks the reporter, marks late tasks', async () => {
    const ids = [await verified(), await verified(), await verified()]
    await record(ids[0]!, { result: 'basicallySatisfied' })
    const all = (await t.json(`/api/callbacks?scope=${LUOYANG}&limit=1000`, {}, officer)).body
    const mine = all.items.filter((i: { incidentId: number }) => ids.includes(i.incidentId))
    expect(mine.map((i: { incidentId: number }) => i.incidentId)).toEqual([...ids].reverse())
    expect(mine[2]).toMatchObject({ status: 'done', result: 'basicallySatisfied', place: { township: LUOYANG, townshipName: '罗阳镇' } })
    expect(mine[0].incident).toMatchObject({ id: ids[2], type: 'road-occupation', source: 'hotline', reporter: { name: '张*', phone: '138****5678' } })
    const awaited = (await t.json('/api/callbacks?status=awaited&limit=1000')).body.items
    expect(awaited.every((i: { result: unknown }) => i.result === null)).toBe(true)
    expect(awaited.map((i: { incidentId: number }) => i.incidentId)).toEqual(expect.arrayContaining([ids[1], ids[2]]))
    const done = (await t.json('/api/callbacks?status=done&limit=1000')).body.items
    expect(done.every((i: { status: string }) => i.status === 'done')).toBe(true)
    // Pages: one at a time, in order, nothing repeated.
    const seen: number[] = []
    let next: string | null = null
    do {
      const page: { items: { id: number }[]; next: string | null } = (await t.json(`/api/callbacks?limit=2${next ? `&cursor=${next}` : ''}`)).body
      seen.push(...page.items.map((i) => i.id))
      next = page.next
    } while (next)
    expect(seen).toEqual(all.items.map((i: { id: number }) => i.id))
    expect((await t.json('/api/callbacks?scope=330329101', {}, officer)).status).toBe(403)
    expect((await t.json('/api/callbacks?status=soon')).status).toBe(400)
    // Six working days on, every awaited task is late.
    t.clock.now += 10 * 86_400_000
    const late = (await t.json('/api/callbacks?status=late&limit=1000')).body.items
    expect(late.map((i: { incidentId: number }) => i.incidentId)).toEqual(expect.arrayContaining([ids[1], ids[2]]))
    expect(late.every((i: { late: boolean; status: string }) => i.late && i.status === 'late')).toBe(true)
  })
})
