// The call-back's own refusals (beyond the generic corpus, which runs POST /api/incidents/{id}/callback too): an
// unknown result names the allowed ids, 不满意 without a note, no call-back awaited, shares outside 0–100 or not
// whole, unknown fields — each its exact 4xx, and nothing stored in any table or setting.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../../support/app'
import type { TestApp } from '../../support/app'
import { insertIncident } from '../../support/fixtures'
import { rejecter } from '../../support/rejected'
import { awaitingCallback } from './endpoints'

let t: TestApp
let officer: string
let admin: string
beforeAll(async () => {
  t = await testApp()
  officer = await t.token('township', { township: '330329100' })
  admin = await t.adminSession('hostile-admin', 'hostile-password-1')
})
afterAll(async () => await t.close())
const rejected = rejecter(() => t)
const record = (body: unknown, id: number) => t.post(`/api/incidents/${id}/callback`, body, {}, officer)
const put = (body: unknown) => t.json('/api/settings/callback', {
  method: 'PUT', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json', Cookie: admin },
}, null)
const settings = async () => (await t.json('/api/settings/callback')).body

test('a result outside the list is 422 naming the allowed ids', async () => {
  for (const result of ['happy', 'SATISFIED', '', 1, null, ['satisfied'], { id: 'satisfied' }]) {
    const id = await awaitingCallback(t)
    await rejected(() => record({ result }, id), 422, 'invalid', /result: Invalid option: expected one of "satisfied"\|"basicallySatisfied"\|"dissatisfied"/)
  }
})

test('不满意 without a note (or with an empty one) is 422 naming the note', async () => {
  for (const body of [{ result: 'dissatisfied' }, { result: 'dissatisfied', note: '   ' }]) {
    const id = await awaitingCallback(t)
    await rejected(() => record(body, id), 422, 'invalid', /note/)
  }
})

test('no call-back awaited (never drawn, or answered already) is 409', async () => {
  const never = await insertIncident(t.store, { reportedAt: t.clock.now - 86_400_000, status: 'archived' })
  await rejected(() => record({ result: 'satisfied' }, never), 409, 'no_callback_awaited', /no call-back awaiting an answer/)
  const id = await awaitingCallback(t)
  expect((await record({ result: 'satisfied' }, id)).status).toBe(200)
  await rejected(() => record({ result: 'dissatisfied', note: '再来一次' }, id), 409, 'no_callback_awaited')
})

test('an unknown field, or an id that is not a number, is refused', async () => {
  const id = await awaitingCallback(t)
  await rejected(() => record({ result: 'satisfied', action: 'redo' }, id), 422, 'invalid')
  await rejected(() => t.post('/api/incidents/abc/callback', { result: 'satisfied' }, {}, officer), 404, 'not_found', /ids are whole numbers/)
  await rejected(() => t.post('/api/incidents/99999999/callback', { result: 'satisfied' }, {}, officer), 404, 'not_found')
})

test('shares outside 0–100, not whole, missing or not numbers are 422 saying the range; nothing is stored', async () => {
  const before = await settings()
  for (const body of [
    { citizenShare: 101, otherShare: 10 }, { citizenShare: 100, otherShare: -1 }, { citizenShare: 99.5, otherShare: 10 },
    { citizenShare: '100', otherShare: 10 }, { citizenShare: 100 }, { citizenShare: 100, otherShare: 10, extra: 1 }, { citizenShare: 1e309, otherShare: 1 },
  ]) {
    await rejected(() => put(body), 422, 'invalid')
  }
  expect((await put({ citizenShare: 101, otherShare: 10 })).body.error.message).toMatch(/citizenShare must be a whole percent from 0 to 100/)
  await rejected(() => put('{"citizenShare": 100,'), 400, /./)
  expect(await settings()).toEqual(before)
  expect(await t.store.meta.value('callback.shares')).toBeNull()
})
