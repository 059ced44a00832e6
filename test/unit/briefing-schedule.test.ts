// The daily briefings' timing (api/briefings/schedule.ts): nothing before BRIEFING_AT in UTC+8; from it, the county's
// and every township's views of the 30 whole local days before, as they stand at the scheduled minute.
import { describe, expect, test } from 'vitest'
import { dueViews } from '../../api/briefings/schedule'
import { resolveAsOf } from '../../api/briefings/briefing-view'

const TOWNSHIPS = ['330329100', '330329101']
const at = { hour: 8, minute: 0 }

describe('dueViews', () => {
  test('before 08:00 local time nothing is due; from 08:00 the county and each township, 30 days to the minute', () => {
    // 2026-11-27 07:59 and 08:00 in UTC+8.
    expect(dueViews(at, Date.parse('2026-11-26T23:59:00Z'), TOWNSHIPS)).toEqual([])
    const due = dueViews(at, Date.parse('2026-11-27T00:00:00Z'), TOWNSHIPS)
    expect(due.map((v) => v.scope)).toEqual(['330329', ...TOWNSHIPS])
    expect(due[0]).toEqual({
      scope: '330329', lang: 'zh',
      from: Date.parse('2026-10-27T16:00:00Z'), // 2026-10-28 00:00 local
      to: Date.parse('2026-11-27T00:00:00Z'), asOf: Date.parse('2026-11-27T00:00:00Z'),
    })
    // Later the same day: the same views (the store says whether they were made).
    expect(dueViews(at, Date.parse('2026-11-27T15:59:00Z'), TOWNSHIPS)).toEqual(due)
  })
})

describe('resolveAsOf', () => {
  const from = Date.parse('2026-11-01T00:00:00Z')
  const to = Date.parse('2026-11-20T00:00:00Z')
  test('defaults to min(now, to); refuses the future and an instant not after the period\'s start', () => {
    expect(resolveAsOf(undefined, from, to, to + 5)).toBe(to)
    expect(resolveAsOf(undefined, from, to + 1e9, to)).toBe(to)
    expect(() => resolveAsOf(to + 1, from, to, to)).toThrow(/in the future/)
    expect(() => resolveAsOf(from, from, to, to)).toThrow(/not after the period's start/)
  })
})
