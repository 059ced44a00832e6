import { expect, test } from 'vitest'
import { paramsProblem } from '../../domain/alerts/rule'
import { SPIKE_RULE, baselineWindows, judgeSpike, spikeExpected } from '../../domain/alerts/spike'
import { DAY, HOUR } from '../../domain/time'

const quiet = (n: number) => Array.from({ length: 8 }, () => n)

test('the baseline is the same window of the week in each previous week', () => {
  const now = Date.parse('2026-12-07T10:00:00+08:00')
  const w = baselineWindows(now, DAY, 8)
  expect(w).toHaveLength(8)
  expect(w[0]).toEqual({ from: now - 8 * DAY, to: now - 7 * DAY })
  expect(w[7]!.to).toBe(now - 56 * DAY)
})

test('expected: own weeks and the prior, averaged by weight; floored for a grid where nothing ever came', () => {
  // 8 weeks of 2, prior 4 at weight 2: (16 + 8) / 10 = 2.4
  expect(spikeExpected({ observed: 0, baseline: quiet(2), prior: 4, windowMs: DAY })).toBeCloseTo(2.4, 12)
  // Nothing anywhere: the floor, 0.05 a day → 0.35 over a week.
  expect(spikeExpected({ observed: 0, baseline: quiet(0), prior: 0, windowMs: 7 * DAY })).toBeCloseTo(0.35, 12)
})

test('ten reports in an hour where at most one was expected is 红', () => {
  const j = judgeSpike({ observed: 10, baseline: quiet(1), prior: 1, windowMs: HOUR })
  expect(j.expected).toBeCloseTo(1, 12)
  expect(j.raised).toBe(true)
  expect(j.level).toBe('red')
})

test('a usual day is not a spike; fewer than minReports never is, however unlikely', () => {
  expect(judgeSpike({ observed: 3, baseline: quiet(3), prior: 3, windowMs: DAY }).raised).toBe(false)
  // 4 where 0.05 was expected: p ≈ 2.6e-7, but under 5 reports.
  const few = judgeSpike({ observed: 4, baseline: quiet(0), prior: 0, windowMs: DAY })
  expect(few.p).toBeLessThan(1e-6)
  expect(few.raised).toBe(false)
  expect(judgeSpike({ observed: 4, baseline: quiet(0), prior: 0, windowMs: DAY }, { minReports: 4 }).raised).toBe(true)
})

test('levels by p: 黄 just under the threshold, 橙 below 1e-4', () => {
  // expected 2 a day: 7 reports p ≈ 0.0045 (not raised), 8 → 0.0011 (no), 9 → 2.4e-4 (黄), 10 → 4.6e-5 (橙)
  const at = (observed: number) => judgeSpike({ observed, baseline: quiet(2), prior: 2, windowMs: DAY })
  expect(at(8).raised).toBe(false)
  expect(at(9).level).toBe('yellow')
  expect(at(10).level).toBe('orange')
})

test('parameters are checked against their ranges, naming the fix', () => {
  expect(paramsProblem(SPIKE_RULE, { pValue: 0.01, minReports: 6 })).toBeNull()
  expect(paramsProblem(SPIKE_RULE, { pValue: 0.5 })).toMatch(/spike.pValue = 0.5 is outside 1e-9–0.05/)
  expect(paramsProblem(SPIKE_RULE, { minReports: 5.5 })).toMatch(/whole number/)
  expect(paramsProblem(SPIKE_RULE, { window: 3 })).toMatch(/no parameter "window"/)
})
