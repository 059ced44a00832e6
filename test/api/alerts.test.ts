// 研判预警 through the API: twelve reports of one category in one grid within a minute raise a 红 spike alert on
// that grid listing them (through the schedule's incremental evaluation, as the server runs it); the same
// condition found again updates the alert, never raises a second; people's actions and their refusals (nothing
// stored); the rules' parameters (422 outside the ranges, versions, audited); who sees which alert; the automatic
// clear of an alert nobody took up.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startAlertSchedule } from '../../api/services/alerts/schedule'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { pointInGrid } from '../support/points'
import { rejecter } from '../support/rejected'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const GRID = '33032910000501' // 罗阳镇 新北社区第1网格
const LUOYANG = '330329100'
const NANPU = '330329111'
const PASSWORD = 'alert-admin-password-1'

let t: TestApp
let admin: string
beforeAll(async () => {
  t = await testApp()
  admin = await t.adminSession('alert-admin', PASSWORD)
})
afterAll(async () => await t.close())
const rejected = rejecter(() => t)
const asAdmin = (path: string, body: unknown) => t.json(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Cookie: admin } }, null)
const report = async () => {
  t.clock.now += 4_000
  const res = await t.post('/api/incidents', { type: 'road-occupation', point: pointInGrid(t.locator, GRID), description: '测试：占道经营', source: 'patrol' })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { id: number; grid: string; category: string }
}
const spikeRows = async () => (await t.store.sql.get<{ n: number }>("SELECT count(*) AS n FROM alerts WHERE rule = 'spike'"))!.n
const spikes = async (query = '') => (await t.json(`/api/alerts?rule=spike${query}`)).body.features as any[]
const eventsOf = async (kind: string, id: number) =>
  (await t.store.events.after(0, 100_000)).filter((e) => e.kind === kind && e.entityId === id)

let alertId = 0
let reportIds: number[] = []
let updatesSoFar = 0

test('12 reports of one category in one grid within a minute: a red spike alert on that grid, listing them, within seconds', async () => {
  const stop = startAlertSchedule({ evaluator: t.services.alerts.evaluator, bus: t.bus, now: () => t.clock.now, everyMs: DAY, debounceMs: 20 })
  try {
    for (let i = 0; i < 12; i++) reportIds.push((await report()).id)
    let features: any[] = []
    // Raised after the first few reports, then updated as the rest come in.
    for (let waited = 0; features[0]?.properties.evidence.count !== 12 && waited < 10_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50))
      features = await spikes()
    }
    expect(features).toHaveLength(1)
    const [f] = features
    expect(f.geometry.type).toMatch(/Polygon/)
    expect(f.properties).toMatchObject({
      rule: 'spike', level: 'red', status: 'new', township: LUOYANG, grid: GRID,
      title: { name: expect.stringContaining('同类事件突增'), nameEn: expect.stringContaining('Spike') },
      evidence: { recordKind: 'incident', count: 12, observed: 12, window: '1h', category: expect.any(String) },
    })
    expect(f.properties.evidence.p).toBeLessThan(1e-6)
    alertId = f.id
  } finally {
    stop()
  }
  const detail = await t.json(`/api/alerts/${alertId}`)
  expect(detail.status).toBe(200)
  expect(detail.body.evidence.recordIds).toEqual([...reportIds].reverse())
  expect(detail.body.allowedActions).toEqual(['acknowledge', 'handle', 'clear', 'falseAlarm', 'snooze'])
  expect(detail.body.history[0]).toEqual(expect.objectContaining({ action: 'raise', to: 'new', by: null }))
  expect(detail.body.history.slice(1).every((s: any) => s.action === 'relevel')).toBe(true)
  expect(await eventsOf('alert.raised', alertId)).toHaveLength(1)
  updatesSoFar = (await eventsOf('alert.updated', alertId)).length
})

test('found again, the open alert is updated and announced when it changed, never raised twice', async () => {
  reportIds.push((await report()).id)
  await t.services.alerts.evaluator.full(t.clock.now)
  const features = await spikes()
  expect(features.map((f) => f.id)).toEqual([alertId])
  expect(features[0].properties.evidence.count).toBe(13)
  expect(await eventsOf('alert.updated', alertId)).toHaveLength(updatesSoFar + 1)
  // Unchanged: last_seen_at moves, nothing is announced.
  t.clock.now += 60_000
  await t.services.alerts.evaluator.full(t.clock.now)
  expect(await eventsOf('alert.updated', alertId)).toHaveLength(updatesSoFar + 1)
  expect((await t.json(`/api/alerts/${alertId}`)).body.lastSeenAt).toBe(new Date(t.clock.now).toISOString())
  expect(await spikeRows()).toBe(1)
})

test.each([
  ['an unknown rule', '/api/alerts?rule=flood', /rule: "flood" unknown; valid values: spike, repeat-place/],
  ['an unknown level', '/api/alerts?level=purple', /valid values: red, orange, yellow/],
  ['an unknown status', '/api/alerts?status=open', /valid values: new, acknowledged, handling, cleared, falseAlarm/],
])('%s is 422 naming the allowed ids', async (_, path, message) => {
  const res = await t.json(path)
  expect(res.status).toBe(422)
  expect(res.body.error.message).toMatch(message)
})

test('refused actions store nothing: a false alarm without its reason, a snooze outside 1–24 h, hours without a snooze', async () => {
  const post = (body: unknown) => t.post(`/api/alerts/${alertId}/transitions`, body)
  await rejected(() => post({ action: 'falseAlarm' }), 422, 'invalid', /reason/)
  await rejected(() => post({ action: 'snooze', hours: 25 }), 422, 'invalid', /1 to 24/)
  await rejected(() => post({ action: 'snooze', hours: 0 }), 422, 'invalid', /1 to 24/)
  await rejected(() => post({ action: 'snooze' }), 422, 'invalid', /hours/)
  await rejected(() => post({ action: 'acknowledge', hours: 2 }), 422, 'invalid', /only with action "snooze"/)
  await rejected(() => post({ action: 'dismiss' }), 422, 'invalid', /acknowledge/)
  await rejected(() => t.post('/api/alerts/999999/transitions', { action: 'acknowledge' }), 404, 'not_found', /no alert with id 999999/)
})

test('acknowledge, handle, snooze and clear; a cleared alert is final; a snoozed subject is not raised again meanwhile', async () => {
  const post = (body: unknown) => t.post(`/api/alerts/${alertId}/transitions`, body)
  const ack = await post({ action: 'acknowledge', note: '已联系网格员核实' })
  expect(ack.status, JSON.stringify(ack.body)).toBe(200)
  expect(ack.body).toMatchObject({ status: 'acknowledged', allowedActions: ['handle', 'clear', 'falseAlarm', 'snooze'] })
  await rejected(() => post({ action: 'acknowledge' }), 409, 'invalid_transition', /allowed now: handle, clear, falseAlarm, snooze/)
  expect((await post({ action: 'handle' })).body.status).toBe('handling')
  const snoozed = await post({ action: 'snooze', hours: 2 })
  expect(snoozed.body).toMatchObject({ status: 'handling', snoozedUntil: new Date(t.clock.now + 2 * HOUR).toISOString() })
  const cleared = await post({ action: 'clear', note: '已处置' })
  expect(cleared.body).toMatchObject({ status: 'cleared', closeReason: '已处置', allowedActions: [] })
  await rejected(() => post({ action: 'acknowledge' }), 409, 'invalid_transition', /cleared \(已解除\).*final/)
  // The condition still holds, but the subject is snoozed: nothing is raised.
  await t.services.alerts.evaluator.full(t.clock.now)
  expect(await spikeRows()).toBe(1)
  const history = (await t.json(`/api/alerts/${alertId}`)).body.history.map((s: any) => [s.action, s.to, s.by?.role ?? null])
  expect(history.filter(([action]: string[]) => action !== 'relevel')).toEqual([['raise', 'new', null], ['acknowledge', 'acknowledged', 'leader'],
    ['handle', 'handling', 'leader'], ['snooze', 'handling', 'leader'], ['clear', 'cleared', 'leader']])
  // Once the snooze ends, the same reports (the last 24 h still hold them) do not raise it again: it was cleared.
  // (Evaluations run every minute meanwhile; every half hour is enough to keep finding the condition.)
  for (let i = 0; i < 4; i++) {
    t.clock.now += 30 * 60_000 + 1
    await t.services.alerts.evaluator.full(t.clock.now)
  }
  expect(await spikes('&status=new')).toEqual([])
  // A new report is something new: a new alert about the same subject.
  reportIds.push((await report()).id)
  await t.services.alerts.evaluator.full(t.clock.now)
  const open = await spikes('&status=new')
  expect(open).toHaveLength(1)
  expect(open[0].id).not.toBe(alertId)
  expect(open[0].properties.evidence.count).toBe(14)
})

test('a false alarm needs its reason and keeps it', async () => {
  const [open] = await spikes('&status=new')
  const res = await t.post(`/api/alerts/${open.id}/transitions`, { action: 'falseAlarm', note: '演练数据' })
  expect(res.body).toMatchObject({ status: 'falseAlarm', closeReason: '演练数据' })
})

test('who sees an alert: its township and grid, the county, walls (no actions); not another township, departments or administrators', async () => {
  t.clock.now += HOUR
  for (let i = 0; i < 3; i++) await report()
  t.clock.now += 60_000
  await t.services.alerts.evaluator.full(t.clock.now)
  const [open] = await spikes('&status=new')
  expect(open).toBeDefined()
  const luoyang = await t.token('township', { township: LUOYANG })
  const nanpu = await t.token('township', { township: NANPU })
  const grid = await t.token('grid', { township: LUOYANG, grids: [GRID] })
  const otherGrid = await t.token('grid', { township: LUOYANG, grids: ['33032910000502'] })
  const wall = await t.token('wall')
  const department = await t.token('department', { department: 'enforcement' })
  expect((await t.json(`/api/alerts/${open.id}`, {}, luoyang)).status).toBe(200)
  expect((await t.json(`/api/alerts/${open.id}`, {}, grid)).status).toBe(200)
  expect((await t.json(`/api/alerts/${open.id}`, {}, nanpu)).status).toBe(404)
  expect((await t.json(`/api/alerts/${open.id}`, {}, otherGrid)).status).toBe(404)
  const onWall = await t.json(`/api/alerts/${open.id}`, {}, wall)
  expect(onWall.status).toBe(200)
  expect(onWall.body.allowedActions).toEqual([])
  expect((await t.json('/api/alerts', {}, nanpu)).body.features).toEqual([])
  expect((await t.json(`/api/alerts?scope=${LUOYANG}`, {}, nanpu)).status).toBe(403)
  expect((await t.json('/api/alerts', {}, department)).status).toBe(403)
  expect((await t.json('/api/alerts', { headers: { Cookie: admin } }, null)).status).toBe(403)
  await rejected(() => t.post(`/api/alerts/${open.id}/transitions`, { action: 'acknowledge' }, {}, nanpu), 404, 'not_found')
  await rejected(() => t.post(`/api/alerts/${open.id}/transitions`, { action: 'acknowledge' }, {}, wall), 403, 'forbidden')
  await rejected(() => t.post(`/api/alerts/${open.id}/transitions`, { action: 'acknowledge' }, {}, grid), 403, 'forbidden')
  expect((await t.post(`/api/alerts/${open.id}/transitions`, { action: 'acknowledge' }, {}, luoyang)).status).toBe(200)
})

test('rule parameters: 422 outside the ranges (nothing stored), each change a new version, audited, and in force at once', async () => {
  const before = (await t.json('/api/alert-rules')).body.rules
  expect(before.map((r: any) => r.id)).toEqual(['spike', 'repeat-place', 'overdue-pile-up', 'site-risk', 'whistle-unanswered', 'dispute-escalation'])
  expect(before[0]).toMatchObject({ version: 0, setAt: null, params: expect.arrayContaining([expect.objectContaining({ id: 'minReports', value: 5, default: 5, min: 2, max: 500, integer: true })]) })
  await rejected(() => asAdmin('/api/alert-rules/spike', { params: { pValue: 0.5 } }), 422, 'invalid_params', /spike.pValue = 0.5 is outside 1e-9–0.05/)
  await rejected(() => asAdmin('/api/alert-rules/spike', { params: { minReports: 7.5 } }), 422, 'invalid_params', /whole number/)
  await rejected(() => asAdmin('/api/alert-rules/spike', { params: { window: 3 } }), 422, 'invalid_params', /no parameter "window"; its parameters: pValue, minReports/)
  await rejected(() => asAdmin('/api/alert-rules/spike', { params: { minReports: '20' } }), 422, 'invalid_params', /must be a number/)
  await rejected(() => asAdmin('/api/alert-rules/flood', { params: {} }), 404, 'not_found', /rules: spike, repeat-place/)
  await rejected(() => t.post('/api/alert-rules/spike', { params: { minReports: 20 } }), 403, 'forbidden')
  const audited = await t.count('audit_log')
  const set = await asAdmin('/api/alert-rules/spike', { params: { minReports: 50 }, ifVersion: 0 })
  expect(set.status, JSON.stringify(set.body)).toBe(200)
  expect(set.body).toMatchObject({ id: 'spike', version: 1, setBy: '管理员' })
  expect(set.body.params.find((p: any) => p.id === 'minReports').value).toBe(50)
  expect(await t.count('audit_log')).toBeGreaterThan(audited)
  await rejected(() => asAdmin('/api/alert-rules/spike', { params: { minReports: 40 }, ifVersion: 0 }), 409, 'conflict', /version 1/)
  const again = await asAdmin('/api/alert-rules/spike', { params: { pValue: 0.0001 } })
  expect(again.body).toMatchObject({ version: 2 })
  expect(again.body.params.find((p: any) => p.id === 'minReports').value).toBe(50)
  expect(await t.count('alert_rule_params')).toBe(2)
  expect((await t.json('/api/alert-rules')).body.rules[0].version).toBe(2)
  // In force at once: 15 reports are below 50, nothing new is raised.
  for (let i = 0; i < 12; i++) await report()
  const count = await spikeRows()
  await t.services.alerts.evaluator.full(t.clock.now)
  expect(await spikeRows()).toBe(count)
  await asAdmin('/api/alert-rules/spike', { params: { minReports: 5 } })
})

test('the same matter reported again and again at one place: a repeat-place alert at the first report, listing them', async () => {
  await t.services.alerts.evaluator.full(t.clock.now)
  const [place] = (await t.json('/api/alerts?rule=repeat-place&status=new')).body.features
  expect(place).toMatchObject({ geometry: { type: 'Point' }, properties: { level: 'orange', grid: GRID, evidence: { recordKind: 'incident', category: 'enforcement' } } })
  const detail = (await t.json(`/api/alerts/${place.id}`)).body
  expect(detail.evidence.recordIds.at(-1)).toBe(reportIds[0])
  expect(detail.evidence.count).toBeGreaterThanOrEqual(13)
})

test('a dispute escalated to county level, and the same parties again: dispute-escalation alerts naming the disputes only', async () => {
  const point = pointInGrid(t.locator, GRID)
  const parties = [{ name: '测试甲', phone: '13800001111' }, { name: '测试乙', phone: '13900002222' }]
  const first = await t.post('/api/disputes', { type: 'neighbour', point, description: '测试：宅基地纠纷', parties, level: 'county' })
  expect(first.status, JSON.stringify(first.body)).toBe(201)
  t.clock.now += DAY
  const second = await t.post('/api/disputes', { type: 'neighbour', point, description: '测试：宅基地纠纷再起', parties: [...parties].reverse(), risk: 'high' })
  expect(second.status, JSON.stringify(second.body)).toBe(201)
  await t.services.alerts.evaluator.full(t.clock.now)
  const found = (await t.json('/api/alerts?rule=dispute-escalation')).body.features.map((f: any) => [f.properties.level, f.properties.evidence.count])
  expect(found.sort()).toEqual([['orange', 1], ['orange', 2]])
  const raw = JSON.stringify((await t.json('/api/alerts?rule=dispute-escalation')).body)
  expect(raw).not.toContain('测试甲')
  expect(raw).not.toContain('13800001111')
})

test('an alert nobody took up is cleared once its condition has not held for 24 hours; one taken up is not', async () => {
  await t.services.alerts.evaluator.full(t.clock.now)
  const open = await spikes('&status=new,acknowledged')
  expect(open.length).toBeGreaterThan(0)
  // Eight days on, the reports are out of every window: the conditions have gone.
  t.clock.now += 8 * DAY
  await t.services.alerts.evaluator.full(t.clock.now)
  const after = await spikes()
  for (const f of open) {
    const now = after.find((a) => a.id === f.id)!
    if (f.properties.status === 'new') {
      expect(now.properties.status).toBe('cleared')
      const detail = (await t.json(`/api/alerts/${f.id}`)).body
      expect(detail).toMatchObject({ closeReason: 'condition cleared' })
      expect(detail.history.at(-1)).toMatchObject({ action: 'autoClear', to: 'cleared', by: null })
    } else {
      expect(now.properties.status).toBe(f.properties.status)
    }
  }
})
