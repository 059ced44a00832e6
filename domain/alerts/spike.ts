// Spike (突增): reports of one category in one grid (or township) over a recent window, against the same window of
// the week in each of the previous weeks. A sparse grid's own history says little (0, 0, 1, 0 …), so its
// expectation is shrunk toward its township's per-grid mean for the same window (`priorWeight` weeks' worth of
// it), and never below a floor: one report where none ever came is not a spike, five are. Raised when P(X ≥
// observed | expected), Poisson, is below `pValue` and at least `minReports` came.
// Levels: 红 when p < 1e-6 (so 10 or more in an hour where at most 1 was expected is always 红: p ≤ 1.1e-7),
// 橙 when p < 1e-4, else 黄.
import type { Instant } from '../time'
import { DAY, HOUR } from '../time'
import { poissonUpperTail } from './poisson'
import type { AlertLevel, AlertRuleSpec, ParamValues } from './rule'
import { defaultParams } from './rule'

export const SPIKE_RULE = {
  id: 'spike', name: '同类事件突增', nameEn: 'Spike of one category',
  params: [
    { id: 'pValue', name: '显著性阈值', nameEn: 'Significance (p below)', default: 0.001, min: 1e-9, max: 0.05, unit: 'p' },
    { id: 'minReports', name: '最少上报数', nameEn: 'Reports at least', default: 5, min: 2, max: 500, integer: true, unit: 'reports' },
    { id: 'baselineWeeks', name: '基线周数', nameEn: 'Baseline weeks', default: 8, min: 2, max: 26, integer: true, unit: 'weeks' },
    { id: 'priorWeight', name: '乡镇均值权重', nameEn: 'Weight of the township mean', default: 2, min: 0, max: 26, unit: 'weeks' },
    { id: 'minExpectedPerDay', name: '期望下限', nameEn: 'Expected at least', default: 0.05, min: 0.001, max: 10, unit: 'reports/day' },
  ],
} as const satisfies AlertRuleSpec

/** The windows a spike is looked for in: the last hour, day and week. */
export const SPIKE_WINDOWS = [
  { id: '1h', ms: HOUR, name: '近1小时', nameEn: 'last hour' },
  { id: '24h', ms: DAY, name: '近24小时', nameEn: 'last 24 h' },
  { id: '7d', ms: 7 * DAY, name: '近7天', nameEn: 'last 7 days' },
] as const

const WEEK = 7 * DAY

/** The same window of the week in each of the `weeks` previous weeks, most recent first: [from, to). */
export function baselineWindows(now: Instant, windowMs: number, weeks: number): { from: Instant; to: Instant }[] {
  return Array.from({ length: weeks }, (_, i) => ({ from: now - (i + 1) * WEEK - windowMs, to: now - (i + 1) * WEEK }))
}

export interface SpikeInput {
  /** Reports in the window just ended. */
  readonly observed: number
  /** Reports in the same window of each previous week (baselineWindows' order). */
  readonly baseline: readonly number[]
  /** The township's mean per grid (or the county's per township) over the same baseline windows. */
  readonly prior: number
  readonly windowMs: number
}

export interface SpikeJudgement {
  readonly raised: boolean
  readonly expected: number
  readonly p: number
  readonly level: AlertLevel | null
}

const DEFAULTS = defaultParams(SPIKE_RULE)

/** The expectation: own weeks and `priorWeight` weeks of the prior, averaged, floored. */
export function spikeExpected(input: SpikeInput, given: ParamValues = {}): number {
  const params = { ...DEFAULTS, ...given }
  const weeks = input.baseline.length
  const own = input.baseline.reduce((a, b) => a + b, 0)
  const mean = weeks + params.priorWeight! === 0 ? 0 : (own + params.priorWeight! * input.prior) / (weeks + params.priorWeight!)
  return Math.max(mean, params.minExpectedPerDay! * (input.windowMs / DAY))
}

export function spikeLevel(p: number): AlertLevel {
  return p < 1e-6 ? 'red' : p < 1e-4 ? 'orange' : 'yellow'
}

export function judgeSpike(input: SpikeInput, given: ParamValues = {}): SpikeJudgement {
  const params = { ...DEFAULTS, ...given }
  const expected = spikeExpected(input, params)
  const p = poissonUpperTail(input.observed, expected)
  const raised = input.observed >= params.minReports! && p < params.pValue!
  return { raised, expected, p, level: raised ? spikeLevel(p) : null }
}
