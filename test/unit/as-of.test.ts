// domain/as-of.ts: the default instant, the refusal of the future, and an incident rebuilt at an instant from its
// stored row and history (the stored value wherever no later step changed it).
import { describe, expect, test } from 'vitest'
import type { IncidentStepRow, IncidentTimeline } from '../../domain/as-of'
import { asOfProblem, defaultAsOf, incidentAt, isPastAsOf } from '../../domain/as-of'
import { incidentDeadlines } from '../../domain/sla'
import { dataPeriod } from '../../web/src/stores/view-state'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const T0 = Date.parse('2026-11-27T02:00:00Z')
const R = T0 - 10 * DAY
const step = (at: number, action: string, fromStatus: string | null, toStatus: string, detail: object | null = null, note: string | null = null): IncidentStepRow =>
  ({ at, action, fromStatus, toStatus, note, detail: detail === null ? null : JSON.stringify(detail) })

const deadlines = incidentDeadlines(R, 'normal')
const EXTENDED = deadlines.resolveBy + 5 * DAY
/** Accepted, dispatched to a grid, started, extended, then resolved: the row as stored after all of it. */
const row: IncidentTimeline & { id: number } = {
  id: 7, reportedAt: R, severity: 'normal', status: 'resolved',
  acceptedAt: R + HOUR, dispatchedAt: R + 2 * HOUR, startedAt: R + DAY, resolvedAt: R + 8 * DAY, verifiedAt: null, returnedAt: null,
  supervisedAt: null, signedAt: R + DAY, acceptBy: deadlines.acceptBy, resolveBy: EXTENDED,
  assigneeKind: 'grid', assigneeCode: '33032910000501', extensionUntil: null, extensionNote: null, extensionRequestedAt: null,
  updatedAt: R + 8 * DAY,
}
const steps = [
  step(R, 'report', null, 'reported'),
  step(R + HOUR, 'accept', 'reported', 'accepted'),
  step(R + 2 * HOUR, 'dispatch', 'accepted', 'dispatched', { assignee: { kind: 'grid', code: '33032910000501' } }),
  step(R + DAY, 'start', 'dispatched', 'handling'),
  step(R + 3 * DAY, 'requestExtension', 'handling', 'handling', { until: new Date(EXTENDED).toISOString() }, '（合成）'),
  step(R + 4 * DAY, 'approveExtension', 'handling', 'handling', { until: new Date(EXTENDED).toISOString() }),
  step(R + 8 * DAY, 'resolve', 'handling', 'resolved'),
]

describe('the instant', () => {
  test('left out: the end of the period or now, whichever is earlier', () => {
    expect(defaultAsOf(undefined, T0)).toBe(T0)
    expect(defaultAsOf(T0 - DAY, T0)).toBe(T0 - DAY)
    expect(defaultAsOf(T0 + DAY, T0)).toBe(T0)
  })
  test('the future is refused, saying so; now and the past are not', () => {
    expect(asOfProblem(T0 + 1, T0)).toMatch(/future/)
    expect(asOfProblem(T0, T0)).toBeNull()
    expect(asOfProblem(0, T0)).toBeNull()
    expect([isPastAsOf(T0, T0), isPastAsOf(T0 - 1, T0)]).toEqual([false, true])
  })
})

describe('incidentAt', () => {
  test('with no step after the instant, the stored row itself', () => {
    expect(incidentAt(row, steps, R + 9 * DAY)).toBe(row)
  })
  test('just after the dispatch: dispatched to the grid, unsigned, the first deadline', () => {
    const then = incidentAt(row, steps, R + 3 * HOUR)
    expect(then).toMatchObject({ id: 7, status: 'dispatched', acceptedAt: R + HOUR, dispatchedAt: R + 2 * HOUR, startedAt: null, signedAt: null,
      resolvedAt: null, resolveBy: deadlines.resolveBy, assigneeCode: '33032910000501', updatedAt: R + 2 * HOUR })
  })
  test('while the extension request waited, and after it was approved', () => {
    expect(incidentAt(row, steps, R + 3 * DAY + 1)).toMatchObject({ status: 'handling', extensionUntil: EXTENDED, extensionRequestedAt: R + 3 * DAY,
      resolveBy: deadlines.resolveBy, signedAt: R + DAY })
    expect(incidentAt(row, steps, R + 4 * DAY)).toMatchObject({ status: 'handling', extensionUntil: null, resolveBy: EXTENDED, resolvedAt: null })
  })
  test('before the first step, as reported (also when the report step is missing)', () => {
    expect(incidentAt(row, steps.slice(1), R + 1)).toMatchObject({ status: 'reported', acceptedAt: null, assigneeKind: null, resolveBy: deadlines.resolveBy })
  })
  test('a redo gives a new resolve deadline from its own time; before it, the case was archived', () => {
    const redoAt = R + 12 * DAY
    const archived = { ...row, status: 'handling', verifiedAt: null, resolvedAt: null, resolveBy: incidentDeadlines(redoAt, 'normal').resolveBy, updatedAt: redoAt }
    const more = [...steps, step(R + 9 * DAY, 'verify', 'resolved', 'archived'), step(redoAt, 'redo', 'archived', 'handling')]
    expect(incidentAt(archived, more, R + 10 * DAY)).toMatchObject({ status: 'archived', verifiedAt: R + 9 * DAY, resolvedAt: R + 8 * DAY, resolveBy: EXTENDED })
  })
})

describe('the web opens on the data\'s period when the data ended before the default range', () => {
  test('data of 2020: its own first and last local day', () => {
    expect(dataPeriod('2020-06-30T16:05:00.000Z', '2020-11-30T15:59:00.000Z', T0)).toEqual({ from: '2020-07-01', to: '2020-11-30' })
  })
  test('data reaching into the default range, or none: the default', () => {
    expect(dataPeriod('2026-01-01T00:00:00.000Z', new Date(T0 - DAY).toISOString(), T0)).toBeNull()
    expect(dataPeriod(null, null, T0)).toBeNull()
  })
})
