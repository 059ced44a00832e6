// Figures "as they stood at an instant" (asOf): the one definition the API's as-of queries follow.
//
// A record reported after asOf does not exist yet. A record that existed keeps its place and kind; what changes
// with time (an incident's status, assignee, time stamps, deadlines) is what its history (the step rows, each with
// its time) had made of it by asOf: every step at or before asOf has happened, none after. Overdue is judged at
// asOf against the deadlines in force then. Left out, asOf is the end of the period or now, whichever is earlier,
// so a period that ended in the past reads as it stood when it ended; a future asOf is refused (nothing is known
// of it yet).
import type { Assignee } from './assignee'
import { storedAssignee } from './assignee'
import type { IncidentAction, Severity } from './incident'
import { INCIDENT_ACTION_STAMP } from './incident'
import { incidentDeadlines } from './sla'
import type { Instant } from './time'

/** asOf left out: the end of the period (exclusive `to`) or now, whichever is earlier. */
export function defaultAsOf(to: Instant | undefined, now: Instant): Instant {
  return to === undefined ? now : Math.min(to, now)
}

/** Why asOf cannot be answered, or null: only a future instant is refused. */
export function asOfProblem(asOf: Instant, now: Instant): string | null {
  return asOf > now
    ? `asOf ${new Date(asOf).toISOString()} is in the future (now is ${new Date(now).toISOString()}): figures exist up to now; leave asOf out for now`
    : null
}

/**
 * True when the instant is strictly before now: the answer must be rebuilt from history. At now the stored rows
 * are the answer, read the fast way.
 */
export const isPastAsOf = (asOf: Instant, now: Instant): boolean => asOf < now

/** What of an incident changes with its history (the fields a step can set), as stored today. */
export interface IncidentTimeline {
  readonly reportedAt: Instant
  readonly severity: string
  readonly status: string
  readonly acceptedAt: Instant | null; readonly dispatchedAt: Instant | null; readonly startedAt: Instant | null
  readonly resolvedAt: Instant | null; readonly verifiedAt: Instant | null; readonly returnedAt: Instant | null
  readonly supervisedAt: Instant | null; readonly signedAt: Instant | null
  readonly acceptBy: Instant; readonly resolveBy: Instant
  readonly assigneeKind: string | null; readonly assigneeCode: string | null
  readonly extensionUntil: Instant | null; readonly extensionNote: string | null; readonly extensionRequestedAt: Instant | null
  readonly updatedAt: Instant
}

/** One history row: its time, action, statuses, note and detail (JSON text: assignee, until, level). */
export interface IncidentStepRow {
  readonly at: Instant
  readonly action: string
  readonly fromStatus: string | null
  readonly toStatus: string
  readonly note: string | null
  readonly detail: string | null
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type Field = keyof IncidentTimeline

/** The fields each action sets besides its stamp (domain/incident.ts) — what the service's change writes. */
const SETS: Partial<Record<IncidentAction, readonly Field[]>> = {
  dispatch: ['assigneeKind', 'assigneeCode', 'signedAt'],
  transfer: ['assigneeKind', 'assigneeCode', 'signedAt', 'extensionUntil', 'extensionNote', 'extensionRequestedAt'],
  sendBack: ['assigneeKind', 'assigneeCode', 'signedAt', 'extensionUntil', 'extensionNote', 'extensionRequestedAt'],
  start: ['signedAt'],
  resolve: ['extensionUntil', 'extensionNote', 'extensionRequestedAt'],
  reopen: ['resolvedAt'],
  redo: ['resolvedAt', 'verifiedAt', 'resolveBy'],
  requestExtension: ['extensionUntil', 'extensionNote', 'extensionRequestedAt'],
  approveExtension: ['resolveBy', 'extensionUntil', 'extensionNote', 'extensionRequestedAt'],
  refuseExtension: ['extensionUntil', 'extensionNote', 'extensionRequestedAt'],
}

function fieldsSetBy(action: string): Field[] {
  const stamp = (INCIDENT_ACTION_STAMP as Record<string, string | null>)[action]
  return [...(stamp ? [stamp as Field] : []), ...(SETS[action as IncidentAction] ?? []), 'status', 'updatedAt']
}

const assigneeOf = (detail: string | null): Assignee | null => {
  if (detail === null) return null
  try {
    const a = (JSON.parse(detail) as { assignee?: Assignee }).assignee
    return a === undefined ? null : storedAssignee(a.kind, a.code)
  } catch { return null }
}
const untilOf = (detail: string | null): Instant | null => {
  if (detail === null) return null
  try {
    const u = (JSON.parse(detail) as { until?: string }).until
    const t = u === undefined ? NaN : Date.parse(u)
    return Number.isFinite(t) ? t : null
  } catch { return null }
}

/** Replays the steps (oldest first) from the report: every field as the steps made it. */
function replay(row: IncidentTimeline, steps: readonly IncidentStepRow[]): Mutable<IncidentTimeline> {
  const severity = row.severity as Severity
  const s: Mutable<IncidentTimeline> = {
    ...row, status: 'reported', acceptedAt: null, dispatchedAt: null, startedAt: null, resolvedAt: null, verifiedAt: null,
    returnedAt: null, supervisedAt: null, signedAt: null, assigneeKind: null, assigneeCode: null,
    extensionUntil: null, extensionNote: null, extensionRequestedAt: null,
    ...incidentDeadlines(row.reportedAt, severity), updatedAt: row.reportedAt,
  }
  const noRequest = () => { s.extensionUntil = null; s.extensionNote = null; s.extensionRequestedAt = null }
  for (const e of steps) {
    s.status = e.toStatus
    s.updatedAt = e.at
    const stamp = (INCIDENT_ACTION_STAMP as Record<string, string | null>)[e.action]
    if (stamp) (s as Record<string, unknown>)[stamp] = e.at
    switch (e.action) {
      case 'dispatch': case 'transfer': case 'sendBack': {
        const a = e.action === 'sendBack' ? null : assigneeOf(e.detail)
        s.assigneeKind = a?.kind ?? null; s.assigneeCode = a?.code ?? null; s.signedAt = null
        if (e.action !== 'dispatch') noRequest()
        break
      }
      case 'start': s.signedAt ??= e.at; break
      case 'resolve': case 'refuseExtension': noRequest(); break
      case 'reopen': s.resolvedAt = null; break
      case 'redo': s.resolvedAt = null; s.verifiedAt = null; s.resolveBy = incidentDeadlines(e.at, severity).resolveBy; break
      case 'requestExtension': s.extensionUntil = untilOf(e.detail); s.extensionNote = e.note; s.extensionRequestedAt = e.at; break
      case 'approveExtension': s.resolveBy = untilOf(e.detail) ?? s.resolveBy; noRequest(); break
    }
  }
  return s
}

/**
 * The incident as it stood at `t`, from its stored row and its history (`steps`, oldest first). A field no step
 * after `t` set is the stored one (it has not changed since); a field a later step set is replayed from the
 * report through the steps up to `t` — so a row whose history is incomplete still reads as stored wherever its
 * history is silent. The caller has checked the incident was reported at or before `t`.
 */
export function incidentAt<R extends IncidentTimeline>(row: R, steps: readonly IncidentStepRow[], t: Instant): R {
  const after = steps.filter((e) => e.at > t)
  if (after.length === 0) return row
  const changed = new Set(after.flatMap((e) => fieldsSetBy(e.action)))
  const then = replay(row, steps.filter((e) => e.at <= t))
  const out = { ...row } as Record<string, unknown>
  for (const f of changed) out[f] = then[f]
  // The status before the first later step is that step's `from` (a step without one is the report itself).
  const before = steps.filter((e) => e.at <= t).at(-1)
  out.status = before?.toStatus ?? after[0]!.fromStatus ?? 'reported'
  return out as R
}
