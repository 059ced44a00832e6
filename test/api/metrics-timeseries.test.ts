// GET /api/metrics/timeseries: local (UTC+8) day, week and month buckets, contiguous, edges counted exactly.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { insertDispute, insertIncident, insertWhistle } from '../support/fixtures'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Local midnight (UTC+8) of T0's day: T0 is 10:00 local on Friday 27 November 2026. */
const M = Date.parse('2026-11-27T00:00:00+08:00')

describe('timeseries', () => {
  let ts: TestApp
  beforeAll(async () => {
    ts = await testApp()
    const at = async (reportedAt: number, f: Partial<Parameters<typeof insertIncident>[1]> = {}) => await insertIncident(ts.store, { reportedAt, ...f })
    await at(M - DAY - 1) // 23:59:59.999 on the 25th, local
    await at(M - DAY, { status: 'resolved', resolvedAt: M - DAY + 3 * HOUR }) // local midnight of the 26th
    await at(M - 1, { status: 'returned', type: 'penalty-evidence' }) // the last instant of the 26th
    await at(M + HOUR) // the 27th, 01:00
    await at(Date.parse('2026-11-23T00:00:00+08:00') - 1) // Sunday 22nd, the week of the 16th
    await at(Date.parse('2026-11-01T00:00:00+08:00')) // 1 November local = 31 October UTC
    await at(Date.parse('2026-11-01T00:00:00+08:00') - 1) // the last instant of October, local
    await insertDispute(ts.store, { acceptedAt: M - DAY + 5 * HOUR })
    await insertWhistle(ts.store, { whistledAt: M - 1 })
  })
  afterAll(async () => await ts.close())

  const series = async (query: string) => {
    const res = await ts.json(`/api/metrics/timeseries?${query}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body as { metric: string; interval: string; scope: string; points: { t: string; value: number }[] }
  }
  const values = (s: { points: { value: number | null }[] }) => s.points.map((p) => p.value)

  test('day buckets start at local midnight (UTC+8) and are contiguous, empty days 0', async () => {
    const s = await series('metric=reports&interval=day&from=2026-11-22&to=2026-11-27')
    expect(s).toMatchObject({ metric: 'reports', interval: 'day', scope: '330329' })
    expect(s.points.map((p) => p.t)).toEqual(['22', '23', '24', '25', '26'].map((d) => `2026-11-${d}T00:00:00+08:00`))
    expect(values(s)).toEqual([1, 0, 0, 1, 2])
  })

  test('a range that is not day-aligned counts only its own part of the edge buckets', async () => {
    const s = await series(`metric=reports&interval=day&from=${new Date(M - DAY - 1).toISOString()}&to=${new Date(M + 2 * HOUR).toISOString()}`)
    expect(s.points.map((p) => p.t)).toEqual(['2026-11-25T00:00:00+08:00', '2026-11-26T00:00:00+08:00', '2026-11-27T00:00:00+08:00'])
    expect(values(s)).toEqual([1, 2, 1])
  })

  test('weeks start on Monday and months on the 1st, local time', async () => {
    const weeks = await series('metric=reports&interval=week&from=2026-11-09&to=2026-11-30')
    expect(weeks.points.map((p) => p.t)).toEqual(['2026-11-09T00:00:00+08:00', '2026-11-16T00:00:00+08:00', '2026-11-23T00:00:00+08:00'])
    expect(values(weeks)).toEqual([0, 1, 4])
    const months = await series('metric=reports&interval=month&from=2026-09-01&to=2026-12-01')
    expect(months.points.map((p) => p.t)).toEqual(['2026-09-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00'])
    expect(values(months)).toEqual([0, 1, 6])
  })

  test('rates and other entities per bucket', async () => {
    const q = 'interval=day&from=2026-11-25&to=2026-11-28'
    // A day with nothing resolved has no handling time: null, not 0 hours.
    expect(values(await series(`metric=closureRate&${q}`))).toEqual([0, 1, 0]) // the 26th: 1 resolved of 2 − 1 returned
    expect(values(await series(`metric=avgHandlingHours&${q}`))).toEqual([null, 3, null])
    expect(values(await series(`metric=resolved&${q}`))).toEqual([0, 1, 0])
    expect(values(await series(`metric=disputes&${q}`))).toEqual([0, 1, 0])
    expect(values(await series(`metric=whistles&${q}`))).toEqual([0, 1, 0])
  })

  test('by default a series shows 30 days, 12 weeks or 12 months up to now', async () => {
    const days = await series('metric=reports')
    expect(days.points).toHaveLength(30)
    expect(days.points.at(-1)).toEqual({ t: '2026-11-27T00:00:00+08:00', value: 1 })
    const months = await series('metric=reports&interval=month')
    expect(months.points).toHaveLength(12)
    expect(months.points[0]!.t).toBe('2025-12-01T00:00:00+08:00')
    expect((await series('metric=reports&interval=week')).points).toHaveLength(12)
  })

  test('the buckets of a series add up to the summary of the same period', async () => {
    const period = `from=2026-10-15&to=${new Date(T0).toISOString()}`
    const total = values(await series(`metric=reports&interval=day&${period}`)).reduce((a: number, b) => a + (b ?? 0), 0)
    const summary = await ts.json(`/api/metrics/summary?${period}`)
    expect(total).toBe(summary.body.metrics.reports)
    expect(total).toBe(7)
  })
})
