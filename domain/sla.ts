// Incident service levels. Overdue is derived from the stored deadlines and `now`, never stored, so it can
// never be stale. The deadlines are set from the report time and severity at intake and stored; an approved
// extension (同意延期) moves resolveBy, so every reader (TS here, OVERDUE_SQL in the store) follows the stored one.
// Values: the county's published rule is "accept within 2 h; resolve in 1/3/7 working days"; we tighten acceptance
// for urgent (1 h) and critical (30 min) incidents. Acceptance runs on the clock, night and weekend alike (someone is
// on duty); resolution counts working days (domain/working-days.ts), as a government office's limits do, so a case
// reported on the eve of a holiday is not overdue before anyone could have worked on it.
import type { IncidentStatus, Severity } from './incident'
import { OPEN_INCIDENT_STATUSES, isIncidentOpen } from './incident'
import type { Instant } from './time'
import { HOUR, MINUTE, isPast, toMs } from './time'
import { addWorkingDays } from './working-days'

/** A limit counted in working days: its deadline is addWorkingDays(start, workingDays). */
export type WorkingDayLimit = { readonly workingDays: number }

/** Per severity: the acceptance limit on the clock (ms) and the resolve limit in working days. */
export const INCIDENT_SLA: Record<Severity, { readonly acceptMs: number; readonly resolve: WorkingDayLimit }> = {
  normal: { acceptMs: 2 * HOUR, resolve: { workingDays: 7 } },
  urgent: { acceptMs: 1 * HOUR, resolve: { workingDays: 3 } },
  critical: { acceptMs: 30 * MINUTE, resolve: { workingDays: 1 } },
}

/** How long a severity has to be resolved, as /api/reference describes it: `{ workingDays: 7 }`. */
export function resolveLimit(severity: Severity): WorkingDayLimit {
  return INCIDENT_SLA[severity].resolve
}

/** How long a severity has to be accepted, in milliseconds on the clock. */
export function acceptLimitMs(severity: Severity): number {
  return INCIDENT_SLA[severity].acceptMs
}

export type IncidentDeadlines = { readonly acceptBy: Instant; readonly resolveBy: Instant }

/**
 * The one place deadlines are made (intake, the seed, test fixtures). Both run from the report time, so late
 * acceptance eats into the resolve window. resolveBy is 24:00 of the last working day: the report's own day is not
 * counted (addWorkingDays documents the Civil-Code counting).
 */
export function incidentDeadlines(reportedAt: Date | number, severity: Severity): IncidentDeadlines {
  const t = toMs(reportedAt)
  return { acceptBy: t + acceptLimitMs(severity), resolveBy: addWorkingDays(t, resolveLimit(severity).workingDays) }
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
