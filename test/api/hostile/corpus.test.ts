// Runs the hostile corpus (corpus.ts) against every write endpoint (endpoints.ts): each case must get its exact
// 4xx, an error code and a message naming the problem, store nothing in any table, and pollute no prototype.
// A sanity row per endpoint shows the valid body is accepted, so every rejection is caused by the hostile part.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEFAULT_TRUST } from '../../../api/config'
import { testApp } from '../../support/app'
import type { TestApp } from '../../support/app'
import { WRITE_TABLES } from '../../support/rejected'
import { CORPUS, PLAIN_TEXT } from './corpus'
import type { Sent } from './corpus'
import { ENDPOINTS } from './endpoints'
import type { Endpoint } from './endpoints'

let t: TestApp
beforeAll(async () => { t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, intakeRate: null } }) })
afterAll(async () => await t.close())

/** Each endpoint's principal: the county leader, unless the valid action is another side's (a whistle call's answer). */
const principals = new Map<string, string>()
async function principalOf(endpoint: Endpoint): Promise<string> {
  if (!endpoint.actor) return t.leader
  let secret = principals.get(endpoint.name)
  if (secret === undefined) principals.set(endpoint.name, secret = await endpoint.actor(t))
  return secret
}

async function send(endpoint: Endpoint, path: string, sent: Sent) {
  return t.json(sent.path ? sent.path(path) : path, {
    method: 'POST', body: sent.body as BodyInit, headers: { 'Content-Type': 'application/json', ...sent.headers },
  }, await principalOf(endpoint))
}
const counts = async () => Object.fromEntries(await Promise.all(WRITE_TABLES.map(async (n) => [n, await t.count(n)] as const)))

test('the corpus has at least 40 cases for every write endpoint', () => {
  for (const e of ENDPOINTS) expect(CORPUS.filter((c) => c.applies?.(e) ?? true).length, e.name).toBeGreaterThanOrEqual(40)
})

describe.each(ENDPOINTS.map((e) => [e.name, e] as const))('%s', (_name, endpoint) => {
  test('the valid body is accepted (the baseline every case departs from)', async () => {
    const res = await send(endpoint, await endpoint.target(t), { body: JSON.stringify(endpoint.valid) })
    expect(res.status, JSON.stringify(res.body)).toBe(endpoint.creates ? 201 : 200)
  })

  test.each(PLAIN_TEXT.map((s) => [s]))('accepts the plain text %j (a "<" or ">" that opens no tag)', async (text) => {
    const res = await send(endpoint, await endpoint.target(t), { body: JSON.stringify({ ...endpoint.valid, [endpoint.text.field]: text }) })
    expect(res.status, JSON.stringify(res.body)).toBe(endpoint.creates ? 201 : 200)
  })

  const cases = CORPUS.filter((c) => c.applies?.(endpoint) ?? true)
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_case, c) => {
    const path = await endpoint.target(t)
    if (c.before) {
      const first = await send(endpoint, path, c.before(endpoint))
      expect(first.status, JSON.stringify(first.body)).toBeLessThan(300)
    }
    const before = await counts()
    const res = await send(endpoint, path, c.send(endpoint))
    expect(res.status, JSON.stringify(res.body)).toBe(c.status)
    expect(res.body.error.code).toBe(c.code)
    expect(res.body.error.message).toMatch(c.message(endpoint))
    expect(await counts()).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })
})
