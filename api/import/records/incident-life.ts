// A register row's life cycle: reported (the default) or archived (核查归档: closed and verified) with the times it
// was accepted, resolved and verified, in that order and none later than the run. An archived case is stored as the
// state machine would have left it (domain/incident.ts): report → accept → dispatch → start → resolve → verify.
// The register knows no time for 交办 (dispatch) or 开始处置 (start), nor who did them: both are put at the
// acceptance, with no assignee, so the stored row is exactly what replaying its history gives (as-of views rebuild
// rows that way) and no unit's sign-off or on-time figures count a case no unit was named for.
import type { IncidentAction, IncidentStatus } from '../../../domain/incident'
import { actorFields } from '../../services/record-view'
import type { Cells } from './cells'
import { instantCell } from './cells'
import { RowRejected } from './rejection'

/** The statuses a row may give. */
export const IMPORT_STATUSES = ['reported', 'archived'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]

/** The incident columns an archived row sets besides its status (camelCased), compared and put back by an undo. */
export const LIFE_FIELDS = ['acceptedAt', 'dispatchedAt', 'startedAt', 'signedAt', 'resolvedAt', 'verifiedAt']

export type RowLife =
  | { status: 'reported'; reportedAt: number }
  | { status: 'archived'; reportedAt: number; acceptedAt: number; resolvedAt: number; verifiedAt: number; result: string | null }

/** The row's status and times, or RowRejected naming the cell and the rule. */
export function lifeOf(c: Cells, now: number): RowLife {
  const reportedAt = instantCell(c.reportedAt, 'reportedAt', now)
  const status = c.status ?? 'reported'
  if (!(IMPORT_STATUSES as readonly string[]).includes(status)) {
    throw new RowRejected(`status="${status}": give ${IMPORT_STATUSES.join(' (上报, the default) or ')} (核查归档, closed and verified)`)
  }
  if (status === 'reported') {
    const given = (['acceptedAt', 'resolvedAt', 'verifiedAt', 'result'] as const).filter((k) => c[k] !== undefined)
    if (given.length) throw new RowRejected(`${given.join(', ')}: only an archived case has them; give status archived or leave them empty`)
    return { status: 'reported', reportedAt }
  }
  const missing = (['acceptedAt', 'resolvedAt', 'verifiedAt'] as const).filter((k) => c[k] === undefined)
  if (missing.length) throw new RowRejected(`status archived needs ${missing.join(', ')}: a closed case is imported with its times`)
  const times = [
    ['reportedAt', reportedAt],
    ['acceptedAt', instantCell(c.acceptedAt, 'acceptedAt', now)],
    ['resolvedAt', instantCell(c.resolvedAt, 'resolvedAt', now)],
    ['verifiedAt', instantCell(c.verifiedAt, 'verifiedAt', now)],
  ] as const
  for (let i = 1; i < times.length; i++) {
    const [prev, a] = times[i - 1]!
    const [name, b] = times[i]!
    if (b < a) throw new RowRejected(`${name} is before ${prev}: a case is reported, accepted, resolved and verified in that order`)
  }
  return { status: 'archived', reportedAt, acceptedAt: times[1][1], resolvedAt: times[2][1], verifiedAt: times[3][1], result: c.result ?? null }
}

/** The columns an archived case is stored with besides intake's (updatedAt: its last step). */
export function archivedLife(life: Extract<RowLife, { status: 'archived' }>): Record<string, unknown> {
  return {
    status: 'archived', acceptedAt: life.acceptedAt, dispatchedAt: life.acceptedAt, startedAt: life.acceptedAt,
    signedAt: life.acceptedAt, resolvedAt: life.resolvedAt, verifiedAt: life.verifiedAt, updatedAt: life.verifiedAt,
  }
}

type Step = [IncidentAction | 'report', IncidentStatus | null, IncidentStatus, string]
/** The steps, each from its status to the next, and the row field holding its time. */
const ARCHIVED_STEPS: readonly Step[] = [
  ['report', null, 'reported', 'reportedAt'],
  ['accept', 'reported', 'accepted', 'acceptedAt'],
  ['dispatch', 'accepted', 'dispatched', 'dispatchedAt'],
  ['start', 'dispatched', 'handling', 'startedAt'],
  ['resolve', 'handling', 'resolved', 'resolvedAt'],
  ['verify', 'resolved', 'archived', 'verifiedAt'],
]

/** The history rows of a stored row (as the store inserts them), the import as the actor; the result on the resolve step. */
export function importedSteps(id: number, row: Record<string, unknown>): Record<string, unknown>[] {
  const steps = row.status === 'archived' ? ARCHIVED_STEPS : ARCHIVED_STEPS.slice(0, 1)
  return steps.map(([action, fromStatus, toStatus, field]) => ({
    incidentId: id, at: row[field], action, fromStatus, toStatus,
    note: action === 'resolve' ? (row.result ?? null) : null, ...actorFields(null), detail: null,
  }))
}
