import { describe, expect, it } from 'vitest'
import { localDayStart, localWeekday, monthWindows, localMonthStart } from '../../domain/calendar'
import { Rng, Weighted, apportion } from '../../api/seed/random'
import { INCIDENT_SHAPE, sampleTimes, spreadOverDays } from '../../api/seed/time-shape'

describe('seeded randomness', () => {
  it('streams are reproducible and independent of each other', () => {
    const draw = (seed: number, stream: string) => {
      const rng = new Rng(seed, stream)
      return Array.from({ length: 5 }, () => rng.next())
    }
    expect(draw(1, 'incidents')).toEqual(draw(1, 'incidents'))
    expect(draw(1, 'incidents')).not.toEqual(draw(1, 'disputes'))
    expect(draw(1, 'incidents')).not.toEqual(draw(2, 'incidents'))
  })

  it('apportion hits the total exactly and keeps proportions', () => {
    expect(apportion(18356, [1, 1.276, 1.628, 2.077, 2.65]).reduce((a, b) => a + b, 0)).toBe(18356)
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3])
    expect(apportion(0, [1, 2])).toEqual([0, 0])
  })

  it('a weighted choice follows its weights and never picks a zero weight', () => {
    const rng = new Rng(1, 'w')
    const w = new Weighted<'a' | 'b' | 'never'>([['a', 3], ['b', 1], ['never', 0]])
    const n = { a: 0, b: 0, never: 0 }
    for (let i = 0; i < 20000; i++) n[w.draw(rng)]++
    expect(n.never).toBe(0)
    expect(n.a / n.b).toBeGreaterThan(2.7)
    expect(n.a / n.b).toBeLessThan(3.3)
  })
})

describe('local calendar and time shape', () => {
  it('works in Asia/Shanghai whatever the host time zone', () => {
    const t = Date.parse('2020-07-01T07:59:00+08:00')
    expect(localDayStart(t)).toBe(Date.parse('2020-07-01T00:00:00+08:00'))
    expect(localWeekday(t)).toBe(3)
    const months = monthWindows(localMonthStart(2020, 6), localMonthStart(2020, 11))
    expect(months).toHaveLength(5)
    expect(months[4]?.to).toBe(Date.parse('2020-12-01T00:00:00+08:00'))
  })

  it('spreads a count over days exactly and samples sorted whole-second times inside each slot, never past its end', () => {
    const now = Date.parse('2026-11-27T15:30:00+08:00')
    const slots = spreadOverDays(INCIDENT_SHAPE, { from: localMonthStart(2026, 10), to: now }, 5000)
    expect(slots.reduce((s, d) => s + d.count, 0)).toBe(5000)
    expect(slots.at(-1)?.end).toBe(now)
    const rng = new Rng(1, 't')
    for (const slot of slots) {
      const times = sampleTimes(rng, INCIDENT_SHAPE, slot)
      expect(times).toHaveLength(slot.count)
      expect(times.every((t, i) => t >= slot.dayStart && t <= slot.end && t % 1000 === 0 && t >= (times[i - 1] ?? 0))).toBe(true)
    }
  })
})
