// The database out of reach (here: the store's connections ended, as a restarting primary cuts them): a request
// is answered 503 with Retry-After and a message saying nothing was stored and when to try again — never 500.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { isDatabaseOutage } from '../../api/store/unavailable'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => { await t.close().catch(() => {}) })

test('a write and a read while the database is out of reach: 503, Retry-After, never 500', async () => {
  if (t.store.native.engine !== 'postgres') throw new Error('runs in the postgres project')
  await t.store.native.client.end({ timeout: 1 })
  const write = await t.post('/api/incidents', {
    type: 'road-occupation', severity: 'normal', source: 'patrol', point: { lng: 119.708034, lat: 27.559551 }, description: '占道经营',
  })
  expect(write.status).toBe(503)
  expect(write.headers.get('Retry-After')).toBe('5')
  expect(write.body.error.code).toBe('database_unavailable')
  expect(write.body.error.message).toMatch(/nothing of this request was stored: send it again in 5 s/)
  const read = await t.json('/api/metrics/summary?scope=330329')
  expect(read.status).toBe(503)
})

test('what counts as out of reach: the connection, not the statement', () => {
  for (const code of ['ECONNREFUSED', 'CONNECTION_ENDED', 'CONNECTION_CLOSED', '57P01', '57P03', '08006', 'SQLITE_BUSY', 'UNSAFE_TRANSACTION']) {
    expect(isDatabaseOutage(Object.assign(new Error('x'), { code })), code).toBe(true)
  }
  for (const code of ['23505', '42P01', '22P02', 'SQLITE_CONSTRAINT', undefined]) {
    expect(isDatabaseOutage(Object.assign(new Error('x'), { code })), String(code)).toBe(false)
  }
  expect(isDatabaseOutage(null)).toBe(false)
})
