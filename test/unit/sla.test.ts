import { describe, expect, it } from 'vitest'
import type { IncidentStatus, Severity } from '../../domain/incident'
import { INCIDENT_STATUS_IDS, OPEN_INCIDENT_STATUSES } from '../../domain/incident'
import { ACCEPT_CLOCK_STATUSES, RESOLVE_CLOCK_STATUSES, incidentDeadlines, incidentDueAt, initialClock, isIncidentOverdue, remainingMs } from '../../domain/sla'

const MIN = 60_000
const H = 60 * MIN
const D = 24 * H
const T0 = Date.UTC(2020, 10, 2, 1, 0, 0) // 2020-11-02 09:00 Beijing time

describe('incident deadlines', () => {
  it.each([
    ['normal', 2 * H, 7 * D],
    ['urgent', 1 * H, 3 * D],
    ['critical', 30 * MIN, 1 * D],
  ] as const)('%s: accept within %d ms, resolve within %d ms of the report', (severity, accept, resolve) => {
    expect(incidentDeadlines(T0, severity)).toEqual({ acceptBy: T0 + accept, resolveBy: T0 + resolve })
  })

  it('takes a Date as well as epoch milliseconds', () => {
    expect(incidentDeadlines(new Date(T0), 'urgent')).toEqual(incidentDeadlines(T0, 'urgent'))
  })

  it('rejects an invalid Date instead of producing NaN deadlines', () => {
    expect(() => incidentDeadlines(new Date('nonsense'), 'normal')).toThrow(RangeError)
  })
})

describe('overdue is derived at the edges', () => {
  const at = (status: IncidentStatus, severity: Severity = 'normal') => initialClock(status, T0, severity)

  it('a reported incident is not overdue exactly at acceptBy, and is 1 ms later', () => {
    const { acceptBy } = incidentDeadlines(T0, 'normal')
    expect(isIncidentOverdue(at('reported'), acceptBy)).toBe(false)
    expect(isIncidentOverdue(at('reported'), acceptBy + 1)).toBe(true)
  })

  it('once accepted, only resolveBy counts', () => {
    const { acceptBy, resolveBy } = incidentDeadlines(T0, 'critical')
    for (const status of ['accepted', 'dispatched', 'handling'] as const) {
      expect(isIncidentOverdue(at(status, 'critical'), acceptBy + 1)).toBe(false)
      expect(isIncidentOverdue(at(status, 'critical'), resolveBy)).toBe(false)
      expect(isIncidentOverdue(at(status, 'critical'), resolveBy + 1)).toBe(true)
    }
  })

  it('resolved, archived and returned incidents are never overdue', () => {
    for (const status of ['resolved', 'archived', 'returned'] as const) {
      expect(isIncidentOverdue(at(status), T0 + 365 * D)).toBe(false)
      expect(incidentDueAt(at(status))).toBeNull()
      expect(remainingMs(at(status), T0)).toBeNull()
    }
  })

  it('every status is classified', () => {
    const open = INCIDENT_STATUS_IDS.filter((s) => incidentDueAt(at(s)) !== null)
    expect(open).toEqual(['reported', 'accepted', 'dispatched', 'handling'])
  })

  it('the open statuses split into the accept clock and the resolve clock, as the overdue SQL reads them', () => {
    expect([...ACCEPT_CLOCK_STATUSES, ...RESOLVE_CLOCK_STATUSES]).toEqual(OPEN_INCIDENT_STATUSES)
    const { acceptBy, resolveBy } = incidentDeadlines(T0, 'normal')
    for (const s of ACCEPT_CLOCK_STATUSES) expect(incidentDueAt(at(s))).toBe(acceptBy)
    for (const s of RESOLVE_CLOCK_STATUSES) expect(incidentDueAt(at(s))).toBe(resolveBy)
  })

  it('remainingMs counts down to the current deadline and goes negative once overdue', () => {
    expect(remainingMs(at('reported'), T0)).toBe(2 * H)
    expect(remainingMs(at('reported'), T0 + 2 * H)).toBe(0)
    expect(remainingMs(at('handling', 'urgent'), T0 + 3 * D + 5)).toBe(-5)
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
