// A few hostile bodies against POST /api/auth/login (the one write anyone may send without a credential): each
// gets its exact 4xx with a code and a message about the body — never a 401 for a body that is not a sign-in, never
// a 500 — and no session is started, no cookie set. The sign-in budget is off here (trust.test.ts tests it).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { DEFAULT_TRUST } from '../../../api/config'
import { testApp } from '../../support/app'
import type { TestApp } from '../../support/app'

const PASSWORD = 'correct-horse-battery'
let t: TestApp
beforeAll(async () => {
  t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, loginRate: null } })
  await t.accounts.createUserSync({ login: 'officer', name: '罗阳镇干部', role: 'township', township: '330329100', password: PASSWORD })
})
afterAll(async () => await t.close())

const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`
const CASES: Array<[string, BodyInit, string, number, string, RegExp]> = [
  ['invalid JSON', '{"login":"officer",', 'application/json', 400, 'invalid_json', /not valid JSON/],
  ['an empty body', '', 'application/json', 400, 'invalid_json', /the body is empty/],
  ['a byte-order mark', `\uFEFF{"login":"officer","password":"${PASSWORD}"}`, 'application/json', 400, 'invalid_json', /byte-order mark/],
  ['a duplicate password key (which one would count?)', `{"login":"officer","password":"x","password":"${PASSWORD}"}`, 'application/json', 400, 'duplicate_key', /"password" appears twice/],
  ['objects nested 10,000 deep', deep(10_000), 'application/json', 400, 'too_deep', /deep|nest/i],
  ['a form post (CSRF shape)', `login=officer&password=${PASSWORD}`, 'application/x-www-form-urlencoded', 415, 'unsupported_media_type', /application\/json/],
  ['a query-operator object instead of a login', `{"login":{"$ne":""},"password":"${PASSWORD}"}`, 'application/json', 422, 'invalid', /login/],
  ['a password that is a number', '{"login":"officer","password":12345678}', 'application/json', 422, 'invalid', /password/],
  ['an unknown key', `{"login":"officer","password":"${PASSWORD}","role":"admin"}`, 'application/json', 422, 'invalid', /role/],
  ['a __proto__ key', `{"login":"officer","password":"${PASSWORD}","__proto__":{"polluted":true}}`, 'application/json', 422, 'invalid', /__proto__/],
  ['a body over the limit', JSON.stringify({ login: 'officer', password: 'x'.repeat(1 << 20) }), 'application/json', 413, 'too_large', /.+/],
]

test.each(CASES)('%s → its 4xx, no session', async (_name, body, type, status, code, message) => {
  const sessions = await t.count('sessions')
  const res = await t.json('/api/auth/login', { method: 'POST', body, headers: { 'Content-Type': type } }, null)
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(res.body.error.code).toBe(code)
  expect(res.body.error.message).toMatch(message)
  expect(res.headers.get('Set-Cookie')).toBeNull()
  expect(await t.count('sessions')).toBe(sessions)
  expect(Object.prototype).not.toHaveProperty('polluted')
})

test('the baseline: the same account signs in with a well-formed body', async () => {
  const res = await t.json('/api/auth/login', { method: 'POST', body: JSON.stringify({ login: 'officer', password: PASSWORD }), headers: { 'Content-Type': 'application/json' } }, null)
  expect(res.status).toBe(200)
  expect(res.headers.get('Set-Cookie')).toMatch(/onemap_session=/)
})
