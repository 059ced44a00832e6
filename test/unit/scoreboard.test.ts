// The scoreboard's rules as pure functions, each over a handful of rows whose expected figures are worked out by hand
// in the comments: which rows belong to the unit, which fall in the period, which are judged and which count.
import { describe, expect, test } from 'vitest'
import { METRIC_UNITS } from '../../domain/metrics'
import type { ScoreCallback, ScoreIncident, ScoreSupervision, ScoreWhistle, ScoreWindow } from '../../domain/scoreboard'
import {
  SCOREBOARD_METRICS, SCOREBOARD_METRIC_IDS, callbackSatisfactionCount, median, onTimeRateCount, overdueCountOf, redoRateCount,
  scoreUnit, scoreValue, signOffLimitMs, signRateCount, supervisedCountOf, unitOfAssignee, whistleAck,
} from '../../domain/scoreboard'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const LUOYANG = '330329100'
const LUOYANG_GRID = '33032910000501'
const SIQIAN = '330329101'
/** The period is day 10 to day 20; `now` is day 30 unless a test says otherwise. */
const W: ScoreWindow = { from: 10 * DAY, to: 20 * DAY, now: 30 * DAY }

const township = (code = LUOYANG) => ({ assigneeKind: 'township', assigneeCode: code })
const grid = (code = LUOYANG_GRID) => ({ assigneeKind: 'grid', assigneeCode: code })
const department = (code = 'market') => ({ assigneeKind: 'department', assigneeCode: code })
const incident = (f: Partial<ScoreIncident>): ScoreIncident => ({
  severity: 'normal', status: 'handling', ...township(), dispatchedAt: null, signedAt: null, resolvedAt: null, resolveBy: 100 * DAY, ...f,
})

test('every metric is defined: labels, a unit the dashboard knows, a direction, a formula and what its counts count, in both languages', () => {
  expect(SCOREBOARD_METRICS.map((m) => m.id)).toEqual([...SCOREBOARD_METRIC_IDS])
  for (const m of SCOREBOARD_METRICS) {
    expect(METRIC_UNITS).toContain(m.unit)
    expect(typeof m.higherIsBetter).toBe('boolean')
    for (const text of [m.name, m.nameEn, m.formula, m.formulaEn, m.numerator.name, m.numerator.nameEn, m.denominator.name, m.denominator.nameEn]) {
      expect(text.length).toBeGreaterThan(1)
    }
  }
})

test('a unit owns the incidents assigned to it; a township also those assigned to its grids', () => {
  expect(unitOfAssignee('township', 'township', LUOYANG)).toBe(LUOYANG)
  expect(unitOfAssignee('township', 'grid', LUOYANG_GRID)).toBe(LUOYANG)
  expect(unitOfAssignee('township', 'department', 'market')).toBeNull()
  expect(unitOfAssignee('department', 'department', 'market')).toBe('market')
  expect(unitOfAssignee('department', 'township', LUOYANG)).toBeNull()
  expect(unitOfAssignee('township', null, null)).toBeNull()
})

test('values from counts: a ratio over none is null, a count is its numerator, a median in minutes to hundredths', () => {
  expect(scoreValue('signRate', { numerator: 3, denominator: 4 })).toBe(0.75)
  expect(scoreValue('onTimeRate', { numerator: 0, denominator: 0 })).toBeNull()
  expect(scoreValue('overdueCount', { numerator: 0, denominator: 0 })).toBe(0)
  expect(scoreValue('supervisedCount', { numerator: 5, denominator: 2 })).toBe(5)
  // 7 min 20 s = 7.333… → 7.33
  expect(scoreValue('whistleMedianAckMinutes', { numerator: 1, denominator: 3 }, 7 * MIN + 20_000)).toBe(7.33)
  expect(scoreValue('whistleMedianAckMinutes', { numerator: 0, denominator: 3 }, null)).toBeNull()
})

describe('signRate 签收率', () => {
  test('the limit is the severity\'s acceptance limit: 2 h, 1 h, 30 min', () => {
    expect([signOffLimitMs('normal'), signOffLimitMs('urgent'), signOffLimitMs('critical')]).toEqual([2 * HOUR, HOUR, 30 * MIN])
  })

  test('signed in time, late, never, not yet due, outside the period, another unit', () => {
    const t = 12 * DAY
    const rows = [
      incident({ dispatchedAt: t, signedAt: t + 2 * HOUR }), // normal, exactly at the limit: in time ✓
      incident({ dispatchedAt: t, signedAt: t + 2 * HOUR + 1 }), // 1 ms late: judged, not in time
      incident({ severity: 'critical', dispatchedAt: t, signedAt: t + 40 * MIN }), // critical, 40 > 30 min: late
      incident({ severity: 'urgent', ...grid(), dispatchedAt: t, signedAt: t + 10 * MIN }), // its grid's, urgent, in time ✓
      incident({ dispatchedAt: t }), // never signed, limit long past at now: judged, not in time
      incident({ dispatchedAt: 9 * DAY, signedAt: 9 * DAY + MIN }), // dispatched before the period: left out
      incident({ dispatchedAt: 20 * DAY, signedAt: 20 * DAY + MIN }), // at `to`: left out (half-open)
      incident({ ...department(), dispatchedAt: t, signedAt: t + MIN }), // a department's: not the township's
      incident({ ...township(SIQIAN), dispatchedAt: t, signedAt: t + MIN }), // another township's
    ]
    // 2 in time of 5 judged.
    expect(signRateCount(rows, 'township', LUOYANG, W)).toEqual({ numerator: 2, denominator: 5 })
    expect(signRateCount(rows, 'department', 'market', W)).toEqual({ numerator: 1, denominator: 1 })
    expect(signRateCount(rows, 'department', 'water', W)).toEqual({ numerator: 0, denominator: 0 })
  })

  test('an unsigned dispatch whose limit has not passed at now is not judged yet; once it passes, it counts against', () => {
    const now = 15 * DAY
    const rows = [incident({ dispatchedAt: now - HOUR }), incident({ dispatchedAt: now - 2 * HOUR }), incident({ dispatchedAt: now - 3 * HOUR })]
    // 1 h ago: 1 h left, not judged. 2 h ago: exactly at its limit, still not judged (signing now would be in time).
    // 3 h ago: past, judged and late. → 0 of 1.
    expect(signRateCount(rows, 'township', LUOYANG, { ...W, now })).toEqual({ numerator: 0, denominator: 1 })
  })
})

describe('onTimeRate 按期办结率', () => {
  test('resolved in the period, by the deadline or after it', () => {
    const rows = [
      incident({ status: 'resolved', resolvedAt: 12 * DAY, resolveBy: 12 * DAY }), // exactly at the deadline: on time ✓
      incident({ status: 'archived', resolvedAt: 13 * DAY, resolveBy: 14 * DAY, ...grid() }), // its grid's, early ✓
      incident({ status: 'resolved', resolvedAt: 15 * DAY, resolveBy: 14 * DAY }), // a day late
      incident({ status: 'resolved', resolvedAt: 25 * DAY, resolveBy: 24 * DAY }), // resolved after the period: out
      incident({ status: 'handling', resolvedAt: null, resolveBy: 11 * DAY }), // not resolved: out
      incident({ status: 'resolved', resolvedAt: 12 * DAY, resolveBy: 11 * DAY, ...department() }),
    ]
    // 2 of 3.
    expect(onTimeRateCount(rows, 'township', LUOYANG, W)).toEqual({ numerator: 2, denominator: 3 })
    expect(onTimeRateCount(rows, 'department', 'market', W)).toEqual({ numerator: 0, denominator: 1 })
    expect(onTimeRateCount(rows, 'township', SIQIAN, W)).toEqual({ numerator: 0, denominator: 0 })
  })
})

describe('overdueCount 超期件数', () => {
  test('deadline in the period and passed: resolved late or still open are overdue', () => {
    const rows = [
      incident({ status: 'resolved', resolvedAt: 11 * DAY, resolveBy: 12 * DAY }), // in time: due, not overdue
      incident({ status: 'resolved', resolvedAt: 12 * DAY, resolveBy: 12 * DAY }), // exactly at it: in time
      incident({ status: 'archived', resolvedAt: 13 * DAY, resolveBy: 12 * DAY }), // resolved late: overdue ✓
      incident({ status: 'handling', resolveBy: 15 * DAY, ...grid() }), // still open, its grid's: overdue ✓
      incident({ status: 'dispatched', resolveBy: 8 * DAY }), // deadline before the period: out
      incident({ status: 'handling', resolveBy: 21 * DAY }), // deadline after the period: out
      incident({ status: 'handling', resolveBy: 15 * DAY, ...department() }),
    ]
    // 2 overdue of 4 due.
    expect(overdueCountOf(rows, 'township', LUOYANG, W)).toEqual({ numerator: 2, denominator: 4 })
    expect(overdueCountOf(rows, 'department', 'market', W)).toEqual({ numerator: 1, denominator: 1 })
  })

  test('a deadline in the period that has not passed at now is not judged yet', () => {
    const now = 15 * DAY
    const rows = [
      incident({ status: 'handling', resolveBy: 14 * DAY }), // passed, open: overdue ✓
      incident({ status: 'handling', resolveBy: 15 * DAY }), // exactly now: not passed
      incident({ status: 'handling', resolveBy: 16 * DAY }), // ahead
    ]
    expect(overdueCountOf(rows, 'township', LUOYANG, { ...W, now })).toEqual({ numerator: 1, denominator: 1 })
  })
})

test('supervisedCount 督办件数: orders in the period on the unit\'s incidents, and on how many incidents', () => {
  const step = (incidentId: number, at: number, who = township()): ScoreSupervision => ({ incidentId, at, ...who })
  const rows = [
    step(1, 11 * DAY), step(1, 12 * DAY), // twice on incident 1
    step(2, 13 * DAY, grid()), // its grid's incident 2
    step(3, 9 * DAY), // before the period
    step(4, 13 * DAY, department()),
  ]
  // 3 orders on 2 incidents.
  expect(supervisedCountOf(rows, 'township', LUOYANG, W)).toEqual({ numerator: 3, denominator: 2 })
  expect(supervisedCountOf(rows, 'department', 'market', W)).toEqual({ numerator: 1, denominator: 1 })
  expect(supervisedCountOf(rows, 'department', 'water', W)).toEqual({ numerator: 0, denominator: 0 })
})

describe('call-backs: callbackSatisfaction 回访满意率 and redoRate 重办率', () => {
  const cb = (result: string | null, doneAt: number | null, who = township()): ScoreCallback => ({ result, doneAt, ...who })
  const rows = [
    cb('satisfied', 11 * DAY), cb('basicallySatisfied', 12 * DAY, grid()), cb('dissatisfied', 13 * DAY), cb('satisfied', 14 * DAY),
    cb(null, null), // awaited: not done
    cb('dissatisfied', 21 * DAY), // done after the period
    cb('dissatisfied', 12 * DAY, department()),
  ]
  test('over the call-backs done in the period judging the unit', () => {
    // Done in the period for 罗阳镇: 4 (satisfied, basically, dissatisfied, satisfied). Satisfied or basically: 3 of 4.
    expect(callbackSatisfactionCount(rows, 'township', LUOYANG, W)).toEqual({ numerator: 3, denominator: 4 })
    expect(redoRateCount(rows, 'township', LUOYANG, W)).toEqual({ numerator: 1, denominator: 4 })
    expect(callbackSatisfactionCount(rows, 'department', 'market', W)).toEqual({ numerator: 0, denominator: 1 })
    expect(redoRateCount(rows, 'department', 'market', W)).toEqual({ numerator: 1, denominator: 1 })
    expect(redoRateCount(rows, 'township', SIQIAN, W)).toEqual({ numerator: 0, denominator: 0 })
  })
})

describe('whistleMedianAckMinutes 吹哨响应中位时间', () => {
  test('the median of an odd and of an even count', () => {
    expect(median([])).toBeNull()
    expect(median([30, 10, 20])).toBe(20)
    expect(median([40, 10, 20, 30])).toBe(25)
  })

  test('a township\'s calls it blew, a department\'s calls to it; only the acknowledged ones', () => {
    const call = (township: string, department: string, whistledAt: number, ackMin: number | null): ScoreWhistle =>
      ({ township, department, whistledAt, acknowledgedAt: ackMin === null ? null : whistledAt + ackMin * MIN })
    const rows = [
      call(LUOYANG, 'market', 11 * DAY, 10),
      call(LUOYANG, 'market', 12 * DAY, 30),
      call(LUOYANG, 'water', 12 * DAY, 20),
      call(LUOYANG, 'market', 13 * DAY, null), // not acknowledged
      call(SIQIAN, 'market', 13 * DAY, 5),
      call(LUOYANG, 'market', 25 * DAY, 1), // after the period
    ]
    // 罗阳镇: 10, 30, 20 acknowledged of 4 → median 20 min.
    const luoyang = whistleAck(rows, 'township', LUOYANG, W)
    expect(luoyang).toEqual({ count: { numerator: 3, denominator: 4 }, medianMs: 20 * MIN })
    // market: 10, 30, 5 acknowledged of 4 → median 10 min.
    expect(whistleAck(rows, 'department', 'market', W)).toEqual({ count: { numerator: 3, denominator: 4 }, medianMs: 10 * MIN })
    // water: one call, 20 min.
    expect(whistleAck(rows, 'department', 'water', W)).toEqual({ count: { numerator: 1, denominator: 1 }, medianMs: 20 * MIN })
  })
})

test('a unit\'s whole row: every metric, values null where there is no basis, counts 0', () => {
  const rows = {
    incidents: [incident({ dispatchedAt: 12 * DAY, signedAt: 12 * DAY + MIN, status: 'resolved', resolvedAt: 13 * DAY, resolveBy: 14 * DAY })],
    supervisions: [], callbacks: [], whistles: [],
  }
  const row = scoreUnit(rows, 'township', LUOYANG, W)
  // Signed in a minute (1 of 1); resolved a day early (1 of 1); due day 14, passed, in time (0 of 1).
  expect(row.values).toEqual({
    signRate: 1, onTimeRate: 1, overdueCount: 0, supervisedCount: 0, callbackSatisfaction: null, redoRate: null, whistleMedianAckMinutes: null,
  })
  expect(row.counts.overdueCount).toEqual({ numerator: 0, denominator: 1 })
  expect(scoreUnit(rows, 'township', SIQIAN, W).values).toEqual({
    signRate: null, onTimeRate: null, overdueCount: 0, supervisedCount: 0, callbackSatisfaction: null, redoRate: null, whistleMedianAckMinutes: null,
  })
})
