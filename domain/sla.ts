// Incident service levels. Overdue is derived from the stored deadlines and `now`, never stored, so it can
// never be stale. The deadlines are set from the report time and severity at intake and stored; an approved
// extension (同意延期) moves resolveBy, so every reader (TS here, OVERDUE_SQL in the store) follows the stored one. Values: the county's published rule is
// "accept within 2 h; resolve in 1/3/7 days"; we tighten acceptance for urgent (1 h) and critical (30 min) incidents.
import type { IncidentStatus, Severity } from './incident'
import { OPEN_INCIDENT_STATUSES, isIncidentOpen } from './incident'
import type { Instant } from './time'
import { DAY, HOUR, MINUTE, isPast, toMs } from './time'

export const INCIDENT_SLA: Record<Severity, { readonly acceptMs: number; readonly resolveMs: number }> = {
  normal: { acceptMs: 2 * HOUR, resolveMs: 7 * DAY },
  urgent: { acceptMs: 1 * HOUR, resolveMs: 3 * DAY },
  critical: { acceptMs: 30 * MINUTE, resolveMs: 1 * DAY },
}

export type IncidentDeadlines = { readonly acceptBy: Instant; readonly resolveBy: Instant }

/** Both deadlines run from the report time, so late acceptance eats into the resolve window. */
export function incidentDeadlines(reportedAt: Date | number, severity: Severity): IncidentDeadlines {
  const t = toMs(reportedAt)
  const sla = INCIDENT_SLA[severity]
  return { acceptBy: t + sla.acceptMs, resolveBy: t + sla.resolveMs }
}

/** What the SLA needs of an incident: its status and its stored deadlines (the stored row satisfies it). */
export type IncidentClock = {
  readonly status: IncidentStatus
  readonly acceptBy: Instant
  readonly resolveBy: Instant
}

/** The clock of an incident whose deadlines were never moved: those its report time and severity give. */
export function initialClock(status: IncidentStatus, reportedAt: Date | number, severity: Severity): IncidentClock {
  return { status, ...incidentDeadlines(reportedAt, severity) }
}

/** The open statuses whose clock is the acceptance deadline (acceptBy): not yet accepted. */
export const ACCEPT_CLOCK_STATUSES: readonly IncidentStatus[] = ['reported']
/** The other open statuses: accepted, so the clock is the resolution deadline (resolveBy). */
export const RESOLVE_CLOCK_STATUSES: readonly IncidentStatus[] = OPEN_INCIDENT_STATUSES.filter((s) => !ACCEPT_CLOCK_STATUSES.includes(s))

/**
 * The deadline the incident is now running against: acceptBy while still reported, resolveBy while
 * otherwise open, null once resolved, archived or returned (no clock runs).
 */
export function incidentDueAt(incident: IncidentClock): Instant | null {
  if (!isIncidentOpen(incident.status)) return null
  return ACCEPT_CLOCK_STATUSES.includes(incident.status) ? incident.acceptBy : incident.resolveBy
}

/** Open and past its current deadline. Exactly at the deadline is not overdue; 1 ms after is. */
export function isIncidentOverdue(incident: IncidentClock, now: Instant): boolean {
  const due = incidentDueAt(incident)
  return due !== null && isPast(due, now)
}

/** For countdowns: milliseconds left before the current deadline (negative once overdue), null when no clock runs. */
export function remainingMs(incident: IncidentClock, now: Instant): number | null {
  const due = incidentDueAt(incident)
  return due === null ? null : due - now
}
