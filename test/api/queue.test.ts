// GET /api/queue: a county department's open work. Incidents assigned to it and whistle calls to it that are still
// open, overdue first then by time left, with the counts; nothing of another department, and another department's
// records answered as if they did not exist. Its event stream carries its own records' events only.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { getIncidentType } from '../../domain/catalogue'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertIncident, insertWhistle } from '../support/fixtures'
import { readUntil } from '../support/sse'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const DUE_SOON_AGO = 9 * DAY
const OVERDUE_AGO = 11 * DAY
const LUOYANG = '330329100'
const LUOYANG_SEAT = [119.708034, 27.559551]
const market = { kind: 'department', code: 'market' } as const
const water = { kind: 'department', code: 'water' } as const

let t: TestApp
let marketToken: string
let waterToken: string
/** The fixtures by name: what each is tells where it belongs in market's queue. */
let ids: Record<'later' | 'dueSoon' | 'overdue' | 'waters' | 'resolved' | 'township' | 'unassigned' | 'callOk' | 'callLate' | 'callWater' | 'callClosed', number>

beforeAll(async () => {
  t = await testApp()
  marketToken = await t.token('department', { department: 'market' })
  waterToken = await t.token('department', { department: 'water' })
  const now = t.clock.now
  // Normal severity: resolved within 7 working days of the report (its day not counted, due at 24:00 of the
  // last), due soon in the last quarter of that window. Now is Fri 27 Nov 2026, 10:00 in Luoyang; no holiday near.
  const incident = (reportedAgo: number, assignee?: { kind: 'department' | 'township'; code: string }, status = 'dispatched') =>
    insertIncident(t.store, { reportedAt: now - reportedAgo, status, grid: GRIDS.luoyangA, type: 'food-safety', ...(assignee ? { assignee } : {}) })
  // A whistle call's acknowledgement is due 30 minutes after it, due soon in its last 7.5.
  const whistle = (ago: number, department: string, status = 'whistled') =>
    insertWhistle(t.store, { whistledAt: now - ago, township: LUOYANG, department, status, kind: 'joint-enforcement' })
  ids = {
    // Wed 25 Nov: Thu 26, Fri 27, Mon 30 Nov, Tue 1 – Fri 4 Dec → due 5 Dec 00:00, 7 d 14 h left.
    later: await incident(2 * DAY, market),
    // Wed 18 Nov: Thu 19, Fri 20, Mon 23 – Fri 27 → due 28 Nov 00:00, 14 h left of 9 d 14 h.
    dueSoon: await incident(DUE_SOON_AGO, market),
    // Mon 16 Nov: Tue 17 – Fri 20, Mon 23 – Wed 25 → due 26 Nov 00:00, 1 d 10 h past.
    overdue: await incident(OVERDUE_AGO, market),
    waters: await incident(OVERDUE_AGO, water),
    resolved: await incident(OVERDUE_AGO, market, 'resolved'),
    township: await incident(OVERDUE_AGO, { kind: 'township', code: LUOYANG }),
    unassigned: await incident(OVERDUE_AGO),
    callOk: await whistle(10 * MIN, 'market'), // 20 minutes left of 30
    callLate: await whistle(40 * MIN, 'market'), // 10 minutes past
    callWater: await whistle(40 * MIN, 'water'),
    callClosed: await whistle(DAY, 'market', 'closed'),
  }
})
afterAll(async () => await t.close())

const as = (token: string) => ({ Authorization: `Bearer ${token}` })
const queue = async (token: string) => await t.json('/api/queue', { headers: as(token) })

test('the queue: open incidents assigned to the department and open calls to it, overdue first then by time left, with counts', async () => {
  const { status, body } = await queue(marketToken)
  expect(status).toBe(200)
  expect(body.department).toBe('market')
  expect(body.now).toBe(new Date(t.clock.now).toISOString())
  expect(body.items.map((i: { kind: string; id: number }) => `${i.kind} ${i.id}`)).toEqual([
    `incident ${ids.overdue}`, `whistle ${ids.callLate}`, `whistle ${ids.callOk}`, `incident ${ids.dueSoon}`, `incident ${ids.later}`,
  ])
  expect(body.counts).toEqual({ open: 5, dueSoon: 1, overdue: 2 })
  const byId = (kind: string, id: number) => body.items.find((i: { kind: string; id: number }) => i.kind === kind && i.id === id)
  const type = getIncidentType('food-safety')!
  expect(byId('incident', ids.dueSoon)).toMatchObject({
    title: type.name, titleEn: type.nameEn, township: LUOYANG, status: 'dispatched', overdue: false, dueSoon: true,
    dueAt: '2026-11-27T16:00:00.000Z', // 28 Nov 00:00 in Luoyang
  })
  expect(byId('incident', ids.overdue)).toMatchObject({ overdue: true, dueSoon: false })
  expect(byId('incident', ids.later)).toMatchObject({ overdue: false, dueSoon: false })
  expect(byId('whistle', ids.callOk)).toMatchObject({
    title: '联合执法', titleEn: 'Joint enforcement', township: LUOYANG, point: LUOYANG_SEAT, status: 'whistled',
    overdue: false, dueSoon: false, dueAt: new Date(t.clock.now - 10 * MIN + 30 * MIN).toISOString(),
  })
  expect(byId('whistle', ids.callLate)).toMatchObject({ overdue: true, dueSoon: false })
})

test('each item\'s allowed actions and deadline are what the record\'s own answer says to the department', async () => {
  const { body } = await queue(marketToken)
  for (const item of body.items) {
    const record = await t.json(`/api/${item.kind === 'incident' ? 'incidents' : 'whistles'}/${item.id}`, { headers: as(marketToken) })
    expect(record.status).toBe(200)
    expect(item.allowedActions, `${item.kind} ${item.id}`).toEqual(record.body.allowedActions)
    expect(item.dueAt).toBe(record.body.dueAt)
    expect(item.updatedAt).toBe(record.body.updatedAt)
    expect(item.point).toEqual(record.body.point)
  }
  // What was dispatched to it, the department signs for and starts (its side); a call to it, it acknowledges.
  expect(body.items.find((i: { id: number; kind: string }) => i.kind === 'incident' && i.id === ids.later).allowedActions).toEqual(expect.arrayContaining(['sign', 'start']))
  expect(body.items.find((i: { id: number; kind: string }) => i.kind === 'whistle' && i.id === ids.callOk).allowedActions).toEqual(['acknowledge'])
})

test('nothing of another department: water\'s queue holds its own only, and market\'s records are 404 to it, byte for byte as an unknown id', async () => {
  const { body } = await queue(waterToken)
  expect(body.items.map((i: { kind: string; id: number }) => `${i.kind} ${i.id}`)).toEqual([`incident ${ids.waters}`, `whistle ${ids.callWater}`])
  expect(body.counts).toEqual({ open: 2, dueSoon: 0, overdue: 2 })
  for (const [kind, id] of [['incidents', ids.overdue], ['whistles', ids.callOk]] as const) {
    const noun = kind === 'incidents' ? 'incident' : 'whistle call'
    for (const method of ['GET', 'POST'] as const) {
      const suffix = method === 'POST' ? '/transitions' : ''
      const send = (n: number) => t.app.request(`/api/${kind}/${n}${suffix}`, {
        method, headers: { ...as(waterToken), 'Content-Type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ action: kind === 'incidents' ? 'sign' : 'acknowledge' }) } : {}),
      })
      const foreign = await send(id)
      const unknown = await send(99_999_999 - id)
      expect(foreign.status, `${method} ${kind} ${id}`).toBe(404)
      // The same bytes but for the id the caller sent.
      expect(await foreign.text()).toBe((await unknown.text()).replace(String(99_999_999 - id), String(id)))
      expect(JSON.parse(await (await send(id)).text()).error).toEqual({ code: 'not_found', message: `no ${noun} with id ${id}` })
    }
  }
  // Records assigned to no department, or to a township, are no department's.
  for (const id of [ids.township, ids.unassigned]) expect((await t.json(`/api/incidents/${id}`, { headers: as(marketToken) })).status).toBe(404)
})

test('only a department has a queue: every other role is refused with 403, anyone unsigned with 401', async () => {
  expect((await t.json('/api/queue')).status).toBe(403)
  expect((await t.json('/api/queue', { headers: as(await t.token('township', { township: LUOYANG })) })).status).toBe(403)
  expect((await t.json('/api/queue', {}, null)).status).toBe(401)
})

test('acting on an item changes the queue: a call acknowledged moves to its next deadline; an incident resolved leaves', async () => {
  const dispatched = await insertIncident(t.store, { reportedAt: t.clock.now - HOUR, status: 'dispatched', grid: GRIDS.luoyangA, assignee: market })
  const before = (await queue(marketToken)).body
  expect(before.items.some((i: { id: number; kind: string }) => i.kind === 'incident' && i.id === dispatched)).toBe(true)
  const post = (path: string, body: unknown) => t.post(path, body, as(marketToken))
  expect((await post(`/api/whistles/${ids.callOk}/transitions`, { action: 'acknowledge' })).status).toBe(200)
  expect((await post(`/api/incidents/${dispatched}/transitions`, { action: 'start' })).status).toBe(200)
  const resolved = await post(`/api/incidents/${dispatched}/transitions`, { action: 'resolve', note: '已办结(测试)' })
  expect(resolved.status, JSON.stringify(resolved.body)).toBe(200)
  const after = (await queue(marketToken)).body
  expect(after.items.some((i: { id: number; kind: string }) => i.kind === 'incident' && i.id === dispatched)).toBe(false)
  expect(after.items.find((i: { id: number; kind: string }) => i.kind === 'whistle' && i.id === ids.callOk)).toMatchObject({
    status: 'acknowledged', dueAt: new Date(t.clock.now - 10 * MIN + DAY).toISOString(),
  })
})

test('the stream gives a department the events of its own incidents and calls, and none of another\'s', async () => {
  const since = await t.store.events.lastId()
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await t.post(path, body, token ? as(token) : {})
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300)
    return res.body as { id: number }
  }
  // A leader accepts and dispatches two incidents, one to each department; each department signs for its own.
  const report = { type: 'food-safety', point: { lng: LUOYANG_SEAT[0], lat: LUOYANG_SEAT[1] }, description: '测试：流(合成)', source: 'patrol' }
  const mine = await post('/api/incidents', report)
  const theirs = await post('/api/incidents', report)
  for (const [id, assignee] of [[mine.id, market], [theirs.id, water]] as const) {
    await post(`/api/incidents/${id}/transitions`, { action: 'accept' })
    await post(`/api/incidents/${id}/transitions`, { action: 'dispatch', assignee })
  }
  await post(`/api/incidents/${mine.id}/transitions`, { action: 'sign' }, marketToken)
  await post(`/api/incidents/${theirs.id}/transitions`, { action: 'sign' }, waterToken)
  const callMine = await post('/api/whistles', { township: LUOYANG, department: 'market', reason: '测试：流(合成)' })
  await post('/api/whistles', { township: LUOYANG, department: 'water', reason: '测试：流(合成)' })

  const res = await t.app.request(`/api/stream?lastEventId=${since}`, { headers: as(marketToken) })
  expect(res.status).toBe(200)
  const { text } = await readUntil(res, (s) => s.includes('event: ready'))
  const events = [...text.matchAll(/^event: (\S+)\ndata: (.*)$/gm)].filter(([, kind]) => kind !== 'ready')
    .map(([, kind, data]) => `${kind} ${(JSON.parse(data!) as { id: number }).id}`)
  // The report and the accept came before the department was assigned: not its events yet.
  expect(events).toEqual([`incident.updated ${mine.id}`, `incident.updated ${mine.id}`, `whistle.created ${callMine.id}`])
})
