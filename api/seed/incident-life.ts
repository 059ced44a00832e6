// The life of one incident, planned forward from its report and then cut at `now`: every step whose time has
// not come yet is dropped, so the stored status is always the one the timestamps imply (old incidents archived,
// recent ones open, some overdue). The steps become incident_events rows, as the live service writes them.
import type { IncidentAction, IncidentStatus, Severity } from '../../domain/incident'
import { acceptLimitMs, incidentDeadlines, resolveLimit } from '../../domain/sla'
import { DAY, HOUR, MINUTE } from '../../domain/time'
import type { Rng } from './random'

/**
 * The steps a seeded life takes: 'report' is the creation row the intake service writes (from_status NULL). The
 * assignee's own steps (签收 aside, which start implies) and extensions are left to live use.
 */
export type LifeAction = Extract<IncidentAction, 'accept' | 'dispatch' | 'start' | 'resolve' | 'verify' | 'reopen' | 'return' | 'supervise'> | 'report'

export interface LifeStep {
  readonly action: LifeAction
  readonly at: number
  readonly from: IncidentStatus | null
  readonly to: IncidentStatus
}

export interface Life {
  readonly status: IncidentStatus
  readonly steps: readonly LifeStep[]
  readonly acceptBy: number
  readonly resolveBy: number
  acceptedAt: number | null
  dispatchedAt: number | null
  startedAt: number | null
  resolvedAt: number | null
  verifiedAt: number | null
  returnedAt: number | null
  supervisedAt: number | null
  readonly updatedAt: number
}

export interface LifeOptions {
  /** Share of on-list incidents resolved after their deadline. */
  readonly lateShare: number
  /** Share of on-list incidents that stall and stay open (the old stragglers 督办 is for); 0 for closed history. */
  readonly stragglerShare: number
  /** Share of off-list pushes the township returns (退回); the rest it handles anyway. */
  readonly returnShare: number
}

const TO: Record<Exclude<LifeAction, 'supervise'>, IncidentStatus> = {
  report: 'reported', accept: 'accepted', dispatch: 'dispatched', start: 'handling',
  resolve: 'resolved', verify: 'archived', reopen: 'handling', return: 'returned',
}

/** Whole seconds, as stored times elsewhere. */
const sec = (t: number) => Math.floor(t / 1000) * 1000

function plan(rng: Rng, reportedAt: number, severity: Severity, onList: boolean, o: LifeOptions): [LifeAction, number][] {
  const acceptMs = acceptLimitMs(severity)
  // The same deadlines intake stores: the resolve window runs to 24:00 of the last working day, so its length
  // depends on the weekday and the holidays after the report; the life is scaled to the window it really has.
  const { resolveBy } = incidentDeadlines(reportedAt, severity)
  const window = resolveBy - reportedAt
  // Acceptance: usually well inside the window, 4 % late (nights and weekends).
  const acceptAt = reportedAt + (rng.chance(0.04) ? acceptMs * rng.between(1.05, 4) : acceptMs * rng.between(0.05, 0.9))
  const out: [LifeAction, number][] = [['report', reportedAt]]
  if (!onList && rng.chance(o.returnShare)) {
    if (rng.chance(0.4)) out.push(['accept', acceptAt])
    out.push(['return', acceptAt + rng.between(10 * MINUTE, 6 * HOUR)])
    return out
  }
  // Urgent work is dispatched faster: the pace is the severity's limit against the normal one.
  const pace = resolveLimit(severity).workingDays / resolveLimit('normal').workingDays
  const dispatchAt = acceptAt + rng.between(5 * MINUTE, 3 * HOUR) * Math.max(pace, 0.3)
  const startAt = dispatchAt + rng.between(10 * MINUTE, 0.12 * window)
  out.push(['accept', acceptAt], ['dispatch', dispatchAt], ['start', startAt])
  if (onList && rng.chance(o.stragglerShare)) {
    // Stalled: still open long after its deadline, with supervision orders on record.
    if (rng.chance(0.4)) out.pop()
    const first = resolveBy + rng.between(0.5 * DAY, 3 * DAY)
    out.push(['supervise', first], ['supervise', first + rng.between(7 * DAY, 20 * DAY)])
    return out
  }
  const late = onList && rng.chance(o.lateShare)
  const earliest = startAt + 20 * MINUTE
  // Most work finishes early in its window (skewed by the square), the late ones a little past the deadline.
  const resolveAt = late
    ? Math.max(earliest, resolveBy) + window * rng.between(0.03, 0.45)
    : earliest + Math.max(0, resolveBy - earliest) * rng.next() ** 2
  if (late && rng.chance(0.7)) out.push(['supervise', Math.max(resolveBy, startAt) + (resolveAt - Math.max(resolveBy, startAt)) * rng.between(0.1, 0.6)])
  out.push(['resolve', resolveAt])
  // Verification a day or two later; 2 % fail it and are reworked.
  let verifyAt = resolveAt + rng.between(0.5 * DAY, 2.5 * DAY)
  if (rng.chance(0.02)) {
    const redo = verifyAt + rng.between(0.5 * DAY, 3 * DAY)
    out.push(['reopen', verifyAt], ['resolve', redo])
    verifyAt = redo + rng.between(0.5 * DAY, 2 * DAY)
  }
  out.push(['verify', verifyAt])
  return out
}

/** Plans the incident's life and keeps what has happened by `now`. */
export function incidentLife(rng: Rng, reportedAt: number, severity: Severity, onList: boolean, now: number, o: LifeOptions): Life {
  const { acceptBy, resolveBy } = incidentDeadlines(reportedAt, severity)
  const life: Life = {
    status: 'reported', steps: [], acceptBy, resolveBy, updatedAt: reportedAt,
    acceptedAt: null, dispatchedAt: null, startedAt: null, resolvedAt: null, verifiedAt: null, returnedAt: null, supervisedAt: null,
  }
  let status: IncidentStatus | null = null
  const steps: LifeStep[] = []
  for (const [action, raw] of plan(rng, reportedAt, severity, onList, o)) {
    // Each step at least a second after the one before, so history sorts the way it happened.
    const at = Math.max(sec(raw), (steps.at(-1)?.at ?? reportedAt - 1000) + 1000)
    if (at > now) break
    const to: IncidentStatus = action === 'supervise' ? (status ?? 'reported') : TO[action]
    steps.push({ action, at, from: status, to })
    status = to
    stamp(life, action, at)
  }
  return { ...life, status: status ?? 'reported', steps, updatedAt: steps.at(-1)?.at ?? reportedAt }
}

function stamp(life: Life, action: LifeAction, at: number): void {
  switch (action) {
    case 'accept': life.acceptedAt = at; break
    case 'dispatch': life.dispatchedAt = at; break
    case 'start': life.startedAt = at; break
    case 'resolve': life.resolvedAt = at; break
    case 'verify': life.verifiedAt = at; break
    case 'reopen': life.resolvedAt = null; break
    case 'return': life.returnedAt = at; break
    case 'supervise': life.supervisedAt = at; break
    case 'report': break
  }
}
