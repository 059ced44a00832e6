// The summary memo (api/services/result-memo.ts): a write through the service drops it, time ends an entry after
// SUMMARY_TTL_MS, and every request parameter is part of its key.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SUMMARY_TTL_MS } from '../../api/services/metrics'
import { memoKey, resultMemo } from '../../api/services/result-memo'
import { getIncidentType } from '../../domain/catalogue'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertIncident } from '../support/fixtures'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const LUOYANG = '330329100'
const POINT = { lng: 119.708034, lat: 27.559551, crs: 'wgs84' }

let t: TestApp
const summary = async (query = '') => {
  const res = await t.json(`/api/metrics/summary${query}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body as { now: string; metrics: Record<string, number> }
}
/** A commit with no change: what clears the memo, without altering the figures. */
const emptyCommit = async () => await t.store.transaction(async () => undefined)

beforeAll(async () => {
  t = await testApp()
  // Enough variety that each parameter below changes the figures.
  await insertIncident(t.store, { reportedAt: T0 - 2 * HOUR })
  await insertIncident(t.store, { reportedAt: T0 - 3 * DAY, status: 'resolved', type: 'penalty-evidence', source: 'department', severity: 'urgent' })
  await insertIncident(t.store, { reportedAt: T0 - 5 * DAY, status: 'archived', type: 'food-safety', source: 'hotline', grid: GRIDS.siqian })
  await insertIncident(t.store, { reportedAt: T0 - 20 * DAY, status: 'accepted', severity: 'critical', grid: GRIDS.luoyangOtherVillage })
  await insertIncident(t.store, { reportedAt: T0 - 10 * DAY, status: 'returned', type: 'illegal-stacking', onList: false })
})
afterAll(async () => await t.close())

describe('summary memo', () => {
  test('a write through the API is in the next summary, with the clock pinned', async () => {
    const before = await summary()
    expect((await summary()).metrics).toEqual(before.metrics) // now memoised
    const created = await t.post('/api/incidents', { type: 'road-occupation', point: POINT, description: '（合成）缓存失效测试', source: 'patrol', severity: 'normal' })
    expect(created.status).toBe(201)
    const after = await summary()
    expect(after.metrics.reports).toBe(before.metrics.reports! + 1)
    // A transition is a write too.
    const accepted = (await summary('?status=accepted')).metrics.reports!
    const moved = await t.post(`/api/incidents/${created.body.id}/transitions`, { action: 'accept' })
    expect(moved.status).toBe(200)
    expect((await summary('?status=accepted')).metrics.reports).toBe(accepted + 1)
  })

  test('an entry is served until its TTL and not after, by the app clock', async () => {
    await emptyCommit()
    const first = await summary()
    // A change the memo cannot see (another process writing the file), then time passing.
    await insertIncident(t.store, { reportedAt: T0 - HOUR })
    t.clock.now = T0 + SUMMARY_TTL_MS
    try {
      const within = await summary()
      expect(within.metrics.reports).toBe(first.metrics.reports) // still the entry: the memo is in use
      expect(within.now).toBe(first.now) // and it says for which instant its figures are
      t.clock.now = T0 + SUMMARY_TTL_MS + 1
      const past = await summary()
      expect(past.metrics.reports).toBe(first.metrics.reports! + 1)
      expect(past.now).toBe(new Date(T0 + SUMMARY_TTL_MS + 1).toISOString())
    } finally { t.clock.now = T0 }
  })

  test('every request parameter is part of the key', async () => {
    const acceptedType = getIncidentType('penalty-evidence')!
    const variants = [
      `?scope=${LUOYANG}`, `?scope=${GRIDS.siqian.slice(0, 12)}`, `?scope=${GRIDS.luoyangA}`,
      `?from=${new Date(T0 - 4 * DAY).toISOString()}`, `?to=${new Date(T0 - DAY).toISOString()}`,
      '?status=resolved', `?category=${acceptedType.category}`, `?module=${acceptedType.module}`,
      `?department=${acceptedType.department}`, '?source=hotline', '?severity=critical', '?onList=false', '?onList=true',
    ]
    await emptyCommit()
    const base = await summary()
    for (const q of variants) {
      const memoised = await summary(q) // the base entry is in the memo: a key missing q's parameter would serve it
      await emptyCommit()
      const fresh = await summary(q)
      expect(fresh.metrics, q).toEqual(memoised.metrics)
      expect(fresh.metrics, `${q} must change the figures, or this test proves nothing`).not.toEqual(base.metrics)
      await summary() // the base back in the memo for the next variant
    }
  })
})

describe('resultMemo', () => {
  test('the key ignores the order of keys and of filter lists and undefined fields, and nothing else', () => {
    expect(memoKey({ a: 1, f: { s: ['b', 'a'] }, u: undefined })).toBe(memoKey({ f: { s: ['a', 'b', 'a'] }, a: 1 }))
    expect(memoKey({ a: 1 })).not.toBe(memoKey({ a: 2 }))
    expect(memoKey({ f: { s: ['a'] } })).not.toBe(memoKey({ f: { s: ['a', 'b'] } }))
    expect(memoKey({ r: { from: 1, to: undefined } })).not.toBe(memoKey({ r: { from: undefined, to: 1 } }))
  })

  test('expires by the monotonic clock when the app clock stands still, and keeps at most max entries', () => {
    let tick = 0
    let computed = 0
    const memo = resultMemo<number>({ ttlMs: 100, max: 2, now: () => 5, monotonic: () => tick })
    const get = (k: string) => memo.get({ k }, () => ++computed)
    expect(get('a')).toBe(1)
    tick = 100
    expect(get('a')).toBe(1)
    tick = 101
    expect(get('a')).toBe(2)
    get('b')
    get('a') // a is now the most recently used
    get('c') // evicts b
    expect(memo.size).toBe(2)
    const n = computed
    get('a')
    expect(computed).toBe(n)
    get('b')
    expect(computed).toBe(n + 1)
  })

  test('a failed computation stores nothing', () => {
    const memo = resultMemo<number>({ ttlMs: 1000, max: 10, now: () => 0 })
    expect(() => memo.get('x', () => { throw new Error('no') })).toThrow('no')
    expect(memo.size).toBe(0)
    expect(memo.get('x', () => 7)).toBe(7)
  })
})
