// The grid incident life cycle: 上报 → 受理 → 交办 → 处置中 → 办结 → 核查归档, with 退回 (an off-list
// push sent back to its department: final for the township) and 督办 (a supervision order on an
// overdue open incident: recorded in history, status unchanged). Between 交办 and 办结 the assignee signs
// (签收), may hand it on (转办) or back to the dispatcher (退回交办方), and may ask for more time (申请延期),
// which the dispatcher grants or refuses. A dissatisfied call-back (回访, domain/callback.ts) sends an archived
// case back to its assignee (重办); no one asks for that as a transition, the call-back's answer is the cause.
// Who may take which action is domain/incident-sides.ts.
import type { Label, Labelled } from './label'
import { labelled } from './label'
import type { TransitionResult } from './state-machine'
import { stateMachine } from './state-machine'

export const SEVERITY_IDS = ['normal', 'urgent', 'critical'] as const
export type Severity = (typeof SEVERITY_IDS)[number]
const SEVERITY_TABLE: Record<Severity, Label> = {
  normal: { name: '一般', nameEn: 'Normal' },
  urgent: { name: '较急', nameEn: 'Urgent' },
  critical: { name: '紧急', nameEn: 'Critical' },
}
export const SEVERITIES: readonly Labelled<Severity>[] = labelled(SEVERITY_IDS, SEVERITY_TABLE)

export const SOURCE_IDS = ['patrol', 'hotline', 'app', 'camera', 'department'] as const
export type IncidentSource = (typeof SOURCE_IDS)[number]
const SOURCE_TABLE: Record<IncidentSource, Label> = {
  patrol: { name: '网格巡查', nameEn: 'Grid patrol' },
  hotline: { name: '12345热线', nameEn: '12345 hotline' },
  app: { name: '群众APP(浙里办)', nameEn: 'Citizen app (Zheliban)' },
  camera: { name: '视频监控(非现场)', nameEn: 'Camera (off-site)' },
  department: { name: '部门推送', nameEn: 'Department push' },
}
export const SOURCES: readonly Labelled<IncidentSource>[] = labelled(SOURCE_IDS, SOURCE_TABLE)

export const INCIDENT_STATUS_IDS = ['reported', 'accepted', 'dispatched', 'handling', 'resolved', 'archived', 'returned'] as const
export type IncidentStatus = (typeof INCIDENT_STATUS_IDS)[number]
const STATUS_TABLE: Record<IncidentStatus, Label> = {
  reported: { name: '上报', nameEn: 'Reported' },
  accepted: { name: '受理', nameEn: 'Accepted' },
  dispatched: { name: '交办', nameEn: 'Dispatched' },
  handling: { name: '处置中', nameEn: 'Handling' },
  resolved: { name: '办结', nameEn: 'Resolved' },
  archived: { name: '核查归档', nameEn: 'Verified and archived' },
  returned: { name: '退回', nameEn: 'Returned (off-list)' },
}
export const INCIDENT_STATUSES: readonly Labelled<IncidentStatus>[] = labelled(INCIDENT_STATUS_IDS, STATUS_TABLE)

/** Open = the SLA clock runs. `resolved` waits for verification but the work is done, so it is not open. */
export const OPEN_INCIDENT_STATUSES: readonly IncidentStatus[] = ['reported', 'accepted', 'dispatched', 'handling']
/** Closed by the township: 办结, or 核查归档 once verified. A returned (off-list) incident was never theirs to close. */
export const RESOLVED_INCIDENT_STATUSES: readonly IncidentStatus[] = ['resolved', 'archived']
export function isIncidentOpen(status: IncidentStatus): boolean {
  return OPEN_INCIDENT_STATUSES.includes(status)
}

export const INCIDENT_ACTION_IDS = ['accept', 'dispatch', 'sign', 'start', 'resolve', 'verify', 'reopen', 'return', 'supervise',
  'transfer', 'sendBack', 'requestExtension', 'approveExtension', 'refuseExtension', 'redo'] as const
export type IncidentAction = (typeof INCIDENT_ACTION_IDS)[number]
const ACTION_TABLE: Record<IncidentAction, Label> = {
  accept: { name: '受理', nameEn: 'Accept' },
  dispatch: { name: '交办', nameEn: 'Dispatch' },
  start: { name: '开始处置', nameEn: 'Start handling' },
  resolve: { name: '办结', nameEn: 'Resolve' },
  verify: { name: '核查归档', nameEn: 'Verify and archive' },
  reopen: { name: '核查不通过', nameEn: 'Reopen (verification failed)' },
  return: { name: '退回部门', nameEn: 'Return to department' },
  supervise: { name: '督办', nameEn: 'Supervise' },
  sign: { name: '签收', nameEn: 'Sign for it' },
  transfer: { name: '转办', nameEn: 'Transfer' },
  sendBack: { name: '退回交办方', nameEn: 'Send back to the dispatcher' },
  requestExtension: { name: '申请延期', nameEn: 'Request an extension' },
  approveExtension: { name: '同意延期', nameEn: 'Approve the extension' },
  refuseExtension: { name: '不同意延期', nameEn: 'Refuse the extension' },
  redo: { name: '重办', nameEn: 'Redo (call-back dissatisfied)' },
}
export const INCIDENT_ACTIONS: readonly Labelled<IncidentAction>[] = labelled(INCIDENT_ACTION_IDS, ACTION_TABLE)

/**
 * The time field an action stamps with `now`. `reopen` stamps nothing but must clear `resolvedAt`,
 * so the incident counts as open again for the SLA; `redo` clears `verifiedAt` as well. What the assignment actions change besides (the
 * assignee, signedAt, the extension request, resolveBy) is the service's, from the request's fields.
 */
export const INCIDENT_ACTION_STAMP = {
  accept: 'acceptedAt',
  dispatch: 'dispatchedAt',
  start: 'startedAt',
  resolve: 'resolvedAt',
  verify: 'verifiedAt',
  reopen: null,
  return: 'returnedAt',
  supervise: 'supervisedAt',
  sign: 'signedAt',
  transfer: null,
  sendBack: null,
  requestExtension: null,
  approveExtension: null,
  refuseExtension: null,
  redo: null,
} as const satisfies Record<IncidentAction, string | null>

export type IncidentContext = {
  /** The incident type is on the 属地管理 list (see `routeIncidentType`). */
  readonly onList: boolean
  /** From `isIncidentOverdue(incident, now)`: never stored. */
  readonly overdue: boolean
  /** The assignee has signed for it (签收): signedAt is set. */
  readonly signed: boolean
  /** An extension request (申请延期) waits for the dispatcher's answer. */
  readonly extensionPending: boolean
  /**
   * A call-back has just been answered 不满意: the one cause of 重办. Absent (false) everywhere else, so `redo` is
   * never among the allowed actions a record offers, and a transition request cannot take it.
   */
  readonly callbackDissatisfied?: boolean
}

/** Why `redo` is refused as a transition: the call-back's answer causes it (POST /api/incidents/{id}/callback). */
export const REDO_BY_CALLBACK_ONLY = '重办 (redo) follows a dissatisfied call-back result only: record the call-back (POST /api/incidents/{id}/callback with result "dissatisfied"); it is not a transition anyone asks for'

/** The statuses in which the assignee holds the incident: dispatched to them, or in hand. */
export const ASSIGNED_INCIDENT_STATUSES: readonly IncidentStatus[] = ['dispatched', 'handling']

const machine = stateMachine<IncidentStatus, IncidentAction, IncidentContext>({
  entity: 'incident',
  describe: (s) => `${s} (${STATUS_TABLE[s].name})`,
  moves: [
    { action: 'accept', from: ['reported'], to: 'accepted' },
    { action: 'dispatch', from: ['accepted'], to: 'dispatched' },
    { action: 'sign', from: ['dispatched'], to: null, refuse: (ctx) => (ctx.signed ? 'it is signed for already' : null) },
    // Starting implies signing: the service stamps signedAt when it is still empty.
    { action: 'start', from: ['dispatched'], to: 'handling' },
    { action: 'resolve', from: ['handling'], to: 'resolved' },
    { action: 'verify', from: ['resolved'], to: 'archived' },
    { action: 'reopen', from: ['resolved'], to: 'handling' },
    { action: 'redo', from: ['archived'], to: 'handling', refuse: (ctx) => (ctx.callbackDissatisfied ? null : REDO_BY_CALLBACK_ONLY) },
    {
      action: 'return',
      from: ['reported', 'accepted'],
      to: 'returned',
      refuse: (ctx) =>
        ctx.onList ? 'its type is on the 属地管理 list, so it is the township\'s job; only off-list (清单外) incidents go back to the department' : null,
    },
    {
      action: 'supervise',
      from: OPEN_INCIDENT_STATUSES,
      to: null,
      refuse: (ctx) => (ctx.overdue ? null : 'it is not overdue; 督办 is for overdue incidents'),
    },
    { action: 'transfer', from: ASSIGNED_INCIDENT_STATUSES, to: 'dispatched' },
    { action: 'sendBack', from: ASSIGNED_INCIDENT_STATUSES, to: 'accepted' },
    {
      action: 'requestExtension',
      from: ASSIGNED_INCIDENT_STATUSES,
      to: null,
      refuse: (ctx) => (ctx.extensionPending ? 'an extension request is waiting for an answer already' : null),
    },
    {
      action: 'approveExtension',
      from: ASSIGNED_INCIDENT_STATUSES,
      to: null,
      refuse: (ctx) => (ctx.extensionPending ? null : 'no extension request is waiting'),
    },
    {
      action: 'refuseExtension',
      from: ASSIGNED_INCIDENT_STATUSES,
      to: null,
      refuse: (ctx) => (ctx.extensionPending ? null : 'no extension request is waiting'),
    },
  ],
})

export const INCIDENT_MOVES = machine.moves

export function allowedIncidentActions(status: IncidentStatus, ctx: IncidentContext): IncidentAction[] {
  return machine.allowed(status, ctx)
}

export function nextIncidentStatus(
  status: IncidentStatus,
  action: IncidentAction,
  ctx: IncidentContext,
): TransitionResult<IncidentStatus, IncidentAction> {
  return machine.next(status, action, ctx)
}
