// Batch 督办 (POST /api/incidents/supervise): one order on a selection, in one transaction. Without `partial`, one
// refusal stores nothing; with it the good ones are stored. Each incident is judged as a single 督办 is: its
// state (overdue and open), the caller's sides and level, and the caller's area (outside: refused as unknown).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertIncident } from '../support/fixtures'
import { rejecter } from '../support/rejected'

const DAY = 86_400_000
let t: TestApp
let officer: string
let overdue: number[]
let fresh: number
let elsewhere: number
beforeAll(async () => {
  t = await testApp()
  officer = await t.token('township', { township: '330329100' })
  overdue = [
    await insertIncident(t.store, { reportedAt: T0 - 10 * DAY, status: 'handling' }),
    await insertIncident(t.store, { reportedAt: T0 - 10 * DAY, status: 'accepted', grid: GRIDS.luoyangB }),
  ]
  fresh = await insertIncident(t.store, { reportedAt: T0 - 60_000 })
  elsewhere = await insertIncident(t.store, { reportedAt: T0 - 10 * DAY, status: 'handling', grid: GRIDS.siqian })
})
afterAll(async () => await t.close())
const rejected = rejecter(() => t)
const supervise = (body: object, as: string = t.leader) => t.post('/api/incidents/supervise', body, {}, as)
const steps = async (id: number) => (await t.json(`/api/incidents/${id}`)).body.history.filter((h: { action: string }) => h.action === 'supervise')

test('a leader\'s order on overdue incidents: every one supervised (county level), one event each', async () => {
  const before = await t.count('events')
  const res = await supervise({ ids: overdue, note: '县领导督办：限期办结' })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  expect(res.body).toEqual({ supervised: 2, results: [{ id: overdue[0], ok: true, status: 'handling' }, { id: overdue[1], ok: true, status: 'accepted' }] })
  for (const id of overdue) expect((await steps(id)).at(-1)).toMatchObject({ note: '县领导督办：限期办结', detail: { level: 'county' }, by: { role: 'leader' } })
  expect(await t.count('events')).toBe(before + 2)
})

test('one refusal without partial: 409 batch_refused with every result, and nothing stored', async () => {
  const msg = await rejected(() => supervise({ ids: [...overdue, fresh], note: '督办' }), 409, 'batch_refused', /1 of 3 incidents refused.*#\d+.*not overdue/)
  expect(msg).toMatch(/partial: true/)
  const res = await supervise({ ids: [...overdue, fresh], note: '督办' })
  expect(res.body.results).toEqual([
    { id: overdue[0], ok: true, status: 'handling' }, { id: overdue[1], ok: true, status: 'accepted' },
    { id: fresh, ok: false, code: 'invalid_transition', message: expect.stringMatching(/not overdue/) },
  ])
})

test('with partial the good ones are stored; one outside the officer\'s area is refused as unknown, a county level as not theirs', async () => {
  const before = (await steps(overdue[0]!)).length
  const res = await supervise({ ids: [overdue[0], elsewhere, fresh], note: '乡镇督办', partial: true }, officer)
  expect(res.status).toBe(200)
  expect(res.body.supervised).toBe(1)
  expect(res.body.results[1]).toEqual({ id: elsewhere, ok: false, code: 'not_found', message: `no incident with id ${elsewhere}` })
  expect((await steps(overdue[0]!)).length).toBe(before + 1)
  expect((await steps(overdue[0]!)).at(-1)).toMatchObject({ detail: { level: 'township' }, by: { role: 'township' } })
  const county = await supervise({ ids: [overdue[0]], note: '督办', level: 'county', partial: true }, officer)
  expect(county.body.results[0]).toMatchObject({ ok: false, code: 'not_your_action' })
})

test('the body: ids 1–500 without repeats, a note, a known level; grid workers may not', async () => {
  await rejected(() => supervise({ ids: [], note: '督办' }), 422, 'invalid', /at least one/)
  await rejected(() => supervise({ ids: Array.from({ length: 501 }, (_, i) => i + 1), note: '督办' }), 422, 'invalid', /at most 500/)
  await rejected(() => supervise({ ids: [1, 1], note: '督办' }), 422, 'invalid', /repeat/)
  await rejected(() => supervise({ ids: [1] }), 422, 'invalid', /note/)
  await rejected(() => supervise({ ids: [1], note: '督办', level: 'city' }), 422, 'invalid', /level/)
  const worker = await t.token('grid', { township: '330329100', grids: [GRIDS.luoyangA] })
  await rejected(() => supervise({ ids: overdue, note: '督办' }, worker), 403, 'forbidden')
})
