import { describe, expect, it } from 'vitest'
import type { IncidentStatus, Severity } from '../../domain/incident'
import { INCIDENT_STATUS_IDS, OPEN_INCIDENT_STATUSES, SEVERITY_IDS } from '../../domain/incident'
import {
  ACCEPT_CLOCK_STATUSES, INCIDENT_SLA, RESOLVE_CLOCK_STATUSES, acceptLimitMs, incidentDeadlines, incidentDueAt, initialClock, isIncidentOverdue,
  remainingMs, resolveLimit,
} from '../../domain/sla'

const MIN = 60_000
const H = 60 * MIN
const D = 24 * H
const T0 = Date.UTC(2020, 10, 2, 1, 0, 0) // 2020-11-02 09:00 Beijing time, a Monday
/** A Beijing local time, "2026-09-24T15:00:00", as epoch ms. */
const at = (local: string) => Date.parse(`${local}+08:00`)

describe('incident deadlines', () => {
  // Monday 2 Nov 2020, no holiday before mid-November. The report's own day is not counted and a limit ends at
  // 24:00 of its last working day: critical (1) → Tue 3 Nov, urgent (3) → Tue, Wed, Thu 5 Nov; normal (7) → Tue 3,
  // Wed 4, Thu 5, Fri 6, (weekend), Mon 9, Tue 10, Wed 11 Nov. Acceptance stays on the clock.
  it.each([
    ['normal', 2 * H, '2020-11-12T00:00:00'],
    ['urgent', 1 * H, '2020-11-06T00:00:00'],
    ['critical', 30 * MIN, '2020-11-04T00:00:00'],
  ] as const)('%s: accept within %d ms of the report, resolve by %s', (severity, accept, resolveBy) => {
    expect(incidentDeadlines(T0, severity)).toEqual({ acceptBy: T0 + accept, resolveBy: at(resolveBy) })
  })

  it('describes the limits as the reference serves them: working days to resolve, milliseconds to accept', () => {
    expect(SEVERITY_IDS.map((s) => [s, resolveLimit(s), acceptLimitMs(s)])).toEqual([
      ['normal', { workingDays: 7 }, 2 * H], ['urgent', { workingDays: 3 }, 1 * H], ['critical', { workingDays: 1 }, 30 * MIN],
    ])
    for (const s of SEVERITY_IDS) expect(INCIDENT_SLA[s]).toEqual({ acceptMs: acceptLimitMs(s), resolve: resolveLimit(s) })
  })

  it('3 working days from the Thursday before the 2026 National Day holiday end with 30 September', () => {
    // Thu 24 Sep 2026, 15:00, urgent. Fri 25 – Sun 27 Sep are off (中秋, the notice's 25–27 Sep), so Mon 28 (1),
    // Tue 29 (2), Wed 30 Sep (3): due at 24:00 on the 30th, just as the National Day break (1–7 Oct) starts.
    // On the clock it would have been Sun 27 Sep 15:00, in the middle of the holiday.
    const reported = at('2026-09-24T15:00:00')
    expect(incidentDeadlines(reported, 'urgent').resolveBy).toBe(at('2026-10-01T00:00:00'))
    // Normal (7) from the same report: 28, 29, 30 Sep (3), 1–7 Oct off, Thu 8 (4), Fri 9 (5), Sat 10 Oct (6, the
    // notice's adjusted working Saturday), Sun 11 off, Mon 12 Oct (7): due at 24:00 on 12 October.
    expect(incidentDeadlines(reported, 'normal').resolveBy).toBe(at('2026-10-13T00:00:00'))
    // Acceptance ignores the holiday: an hour after the report.
    expect(incidentDeadlines(reported, 'urgent').acceptBy).toBe(reported + H)
  })

  it('counts an adjusted working weekend day (调休) as a working day', () => {
    // Fri 9 Oct 2026, critical: the next day, Sat 10 Oct, is a working Saturday, so it is the one day: due at 24:00
    // on Saturday, not on Monday 12th as an ordinary Friday's would be.
    expect(incidentDeadlines(at('2026-10-09T16:00:00'), 'critical').resolveBy).toBe(at('2026-10-11T00:00:00'))
    // Sat 19 Sep 2026, critical: Sun 20 Sep is an adjusted working Sunday: due at 24:00 that Sunday.
    expect(incidentDeadlines(at('2026-09-19T11:00:00'), 'critical').resolveBy).toBe(at('2026-09-21T00:00:00'))
    // An ordinary Friday for contrast, Fri 11 Dec 2026: the weekend is skipped, Mon 14 Dec is the day.
    expect(incidentDeadlines(at('2026-12-11T16:00:00'), 'critical').resolveBy).toBe(at('2026-12-15T00:00:00'))
  })

  it('a weekend report starts counting on the next working day', () => {
    // Sat 5 Dec 2026, 10:00, urgent: Saturday (the report's day) and Sunday 6 do not count; Mon 7 (1), Tue 8 (2),
    // Wed 9 Dec (3): due at 24:00 on the 9th. Reported on Sunday at 23:30 it is due at the same moment.
    expect(incidentDeadlines(at('2026-12-05T10:00:00'), 'urgent').resolveBy).toBe(at('2026-12-10T00:00:00'))
    expect(incidentDeadlines(at('2026-12-06T23:30:00'), 'urgent').resolveBy).toBe(at('2026-12-10T00:00:00'))
  })

  it('takes a Date as well as epoch milliseconds', () => {
    expect(incidentDeadlines(new Date(T0), 'urgent')).toEqual(incidentDeadlines(T0, 'urgent'))
  })

  it('rejects an invalid Date instead of producing NaN deadlines', () => {
    expect(() => incidentDeadlines(new Date('nonsense'), 'normal')).toThrow(RangeError)
  })
})

describe('overdue is derived at the edges', () => {
  const clockAt = (status: IncidentStatus, severity: Severity = 'normal') => initialClock(status, T0, severity)

  it('a reported incident is not overdue exactly at acceptBy, and is 1 ms later', () => {
    const { acceptBy } = incidentDeadlines(T0, 'normal')
    expect(isIncidentOverdue(clockAt('reported'), acceptBy)).toBe(false)
    expect(isIncidentOverdue(clockAt('reported'), acceptBy + 1)).toBe(true)
  })

  it('once accepted, only resolveBy counts', () => {
    const { acceptBy, resolveBy } = incidentDeadlines(T0, 'critical')
    for (const status of ['accepted', 'dispatched', 'handling'] as const) {
      expect(isIncidentOverdue(clockAt(status, 'critical'), acceptBy + 1)).toBe(false)
      expect(isIncidentOverdue(clockAt(status, 'critical'), resolveBy)).toBe(false)
      expect(isIncidentOverdue(clockAt(status, 'critical'), resolveBy + 1)).toBe(true)
    }
  })

  it('resolved, archived and returned incidents are never overdue', () => {
    for (const status of ['resolved', 'archived', 'returned'] as const) {
      expect(isIncidentOverdue(clockAt(status), T0 + 365 * D)).toBe(false)
      expect(incidentDueAt(clockAt(status))).toBeNull()
      expect(remainingMs(clockAt(status), T0)).toBeNull()
    }
  })

  it('every status is classified', () => {
    const open = INCIDENT_STATUS_IDS.filter((s) => incidentDueAt(clockAt(s)) !== null)
    expect(open).toEqual(['reported', 'accepted', 'dispatched', 'handling'])
  })

  it('the open statuses split into the accept clock and the resolve clock, as the overdue SQL reads them', () => {
    expect([...ACCEPT_CLOCK_STATUSES, ...RESOLVE_CLOCK_STATUSES]).toEqual(OPEN_INCIDENT_STATUSES)
    const { acceptBy, resolveBy } = incidentDeadlines(T0, 'normal')
    for (const s of ACCEPT_CLOCK_STATUSES) expect(incidentDueAt(clockAt(s))).toBe(acceptBy)
    for (const s of RESOLVE_CLOCK_STATUSES) expect(incidentDueAt(clockAt(s))).toBe(resolveBy)
  })

  it('remainingMs counts down to the current deadline and goes negative once overdue', () => {
    expect(remainingMs(clockAt('reported'), T0)).toBe(2 * H)
    expect(remainingMs(clockAt('reported'), T0 + 2 * H)).toBe(0)
    expect(remainingMs(clockAt('handling', 'urgent'), incidentDeadlines(T0, 'urgent').resolveBy + 5)).toBe(-5)
  })
})

describe('the stored deadlines rule', () => {
  it('an approved extension (a later resolveBy) moves the due time and overdue with it', () => {
    const clock = initialClock('handling', T0, 'normal')
    const extended = { ...clock, resolveBy: clock.resolveBy + 3 * D }
    expect(isIncidentOverdue(clock, clock.resolveBy + 1)).toBe(true)
    expect(isIncidentOverdue(extended, clock.resolveBy + 1)).toBe(false)
    expect(incidentDueAt(extended)).toBe(clock.resolveBy + 3 * D)
    expect(isIncidentOverdue(extended, extended.resolveBy + 1)).toBe(true)
  })
})
