// What one incident action changes beyond its status and time stamp: the assignment (交办, 转办, 退回交办方),
// the signature (签收; starting implies it), the extension request and its answer (申请/同意/不同意延期), and the
// supervision level (督办) — and what the history row's `detail` keeps of it. Throws the 422 of a field the
// incident cannot take (an assignee outside its township, a date not later than the deadline) and the 403 of a
// supervision level above the caller's.
import type { ActingPrincipal } from '../../domain/actor'
import type { Assignee } from '../../domain/assignee'
import { assigneeProblem, defaultAssignee, sameAssignee, storedAssignee } from '../../domain/assignee'
import type { SupervisionLevel } from '../../domain/incident-sides'
import { defaultSupervisionLevel, supervisionLevels } from '../../domain/incident-sides'
import { ROLE_LABELS } from '../../domain/roles'
import type { IncidentTransitionRequest } from '../../domain/schemas'
import { ApiError, unprocessable } from '../errors'
import type { IncidentPatch, IncidentRow } from '../store/incidents'

export interface StepDetail { assignee?: Assignee; until?: string; level?: SupervisionLevel }
export interface IncidentChange { patch: IncidentPatch; detail: StepDetail | null }

const NO_REQUEST: IncidentPatch = { extensionUntil: null, extensionNote: null, extensionRequestedAt: null }
const iso = (ms: number) => new Date(ms).toISOString()

function checkedAssignee(assignee: Assignee, row: IncidentRow): Assignee {
  const problem = assigneeProblem(assignee, { township: row.township, onList: row.onList === 1, department: row.department })
  if (problem) throw unprocessable(problem, 'invalid_assignee')
  return assignee
}

/** The change `req` makes to `row` at `at`, taken by `actor` (null: the system's own step, any level). */
export function incidentChange(req: IncidentTransitionRequest, row: IncidentRow, at: number, actor: ActingPrincipal | null): IncidentChange {
  const current = storedAssignee(row.assigneeKind, row.assigneeCode)
  switch (req.action) {
    case 'dispatch': {
      const assignee = checkedAssignee(req.assignee ?? defaultAssignee({ township: row.township, onList: row.onList === 1, department: row.department }), row)
      return { patch: { assigneeKind: assignee.kind, assigneeCode: assignee.code, signedAt: null }, detail: { assignee } }
    }
    case 'transfer': {
      const assignee = checkedAssignee(req.assignee!, row)
      if (sameAssignee(assignee, current)) {
        throw unprocessable(`assignee: the incident is assigned to ${assignee.kind} ${assignee.code} already; 转办 names another assignee`, 'invalid_assignee')
      }
      return { patch: { assigneeKind: assignee.kind, assigneeCode: assignee.code, signedAt: null, ...NO_REQUEST }, detail: { assignee } }
    }
    case 'sendBack':
      // Back to the dispatcher, who dispatches it anew; the history row keeps who sent it back.
      return { patch: { assigneeKind: null, assigneeCode: null, signedAt: null, ...NO_REQUEST }, detail: current ? { assignee: current } : null }
    case 'start':
      return { patch: row.signedAt === null ? { signedAt: at } : {}, detail: null }
    case 'resolve':
      return { patch: NO_REQUEST, detail: null }
    case 'requestExtension': {
      const until = Date.parse(req.until!)
      if (!(until > row.resolveBy)) {
        throw unprocessable(`until: ${req.until} is not later than the current deadline ${iso(row.resolveBy)}; ask for a later date`, 'invalid_until')
      }
      return { patch: { extensionUntil: until, extensionNote: req.note ?? null, extensionRequestedAt: at }, detail: { until: iso(until) } }
    }
    case 'approveExtension':
      return { patch: { resolveBy: row.extensionUntil!, ...NO_REQUEST }, detail: { until: iso(row.extensionUntil!) } }
    case 'refuseExtension':
      return { patch: NO_REQUEST, detail: { until: iso(row.extensionUntil!) } }
    case 'supervise': {
      const level = req.level ?? (actor ? defaultSupervisionLevel(actor) : 'county')
      if (actor && !supervisionLevels(actor).includes(level)) {
        throw new ApiError(403, 'not_your_action',
          `${ROLE_LABELS[actor.role].nameEn} (${actor.role}) may not order a ${level} supervision (${level === 'county' ? '县级督办' : '乡镇督办'}): ` +
          `a county leader orders 县级督办, a township officer 乡镇督办 (level "township")`)
      }
      return { patch: {}, detail: { level } }
    }
    default:
      return { patch: {}, detail: null }
  }
}
