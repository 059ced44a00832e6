// Who may take which incident action ("sides"). The state machine (domain/incident.ts) says what may happen to
// an incident now; the sides say who may make it happen. The API answers allowedActions = both at once, so the
// web offers nothing the server would refuse, and refuses the rest with 403 not_your_action naming who may.
//  - the dispatcher side (受理, 交办, 转办, 核查, 退回, 延期审批): the county leader, the township officer of the
//    incident's township, a grid worker for incidents in their grids;
//  - the assignee side (签收, 开始处置, 办结, 退回交办方, 申请延期): whoever the incident is assigned to — a
//    department's accounts, or the township's people when the assignee is the township or one of its grids;
//    for incidents from before assignment existed (no assignee) the township's people. A leader is not an assignee;
//  - 督办: the county leader (县级督办) and the township officer of the incident's township (乡镇督办 only).
import type { Actor } from './actor'
import type { Assignee } from './assignee'
import type { IncidentAction } from './incident'

export const INCIDENT_SIDE_IDS = ['dispatcher', 'assignee', 'supervisor'] as const
export type IncidentSide = (typeof INCIDENT_SIDE_IDS)[number]

export const SUPERVISION_LEVEL_IDS = ['township', 'county'] as const
export type SupervisionLevel = (typeof SUPERVISION_LEVEL_IDS)[number]

export const ACTION_SIDE: Record<IncidentAction, IncidentSide> = {
  accept: 'dispatcher', dispatch: 'dispatcher', transfer: 'dispatcher', verify: 'dispatcher', reopen: 'dispatcher',
  return: 'dispatcher', approveExtension: 'dispatcher', refuseExtension: 'dispatcher',
  sign: 'assignee', start: 'assignee', resolve: 'assignee', sendBack: 'assignee', requestExtension: 'assignee',
  supervise: 'supervisor',
  // 重办 is caused by a call-back's answer, recorded by the owner side (domain/callback.ts decides who); the
  // record's allowedActions never offer it (the state machine refuses it without a dissatisfied call-back).
  redo: 'dispatcher',
}

/** What the sides read of an incident. */
export interface SidedIncident {
  readonly township: string
  readonly grid: string
  readonly assignee: Assignee | null
}

const townshipOfficer = (a: Actor, township: string) => a.role === 'township' && a.township === township
const gridWorker = (a: Actor, grid: string) => a.role === 'grid' && a.grids.includes(grid)

function isDispatcher(a: Actor, i: SidedIncident): boolean {
  return a.role === 'leader' || townshipOfficer(a, i.township) || gridWorker(a, i.grid)
}

function isAssignee(a: Actor, i: SidedIncident): boolean {
  const { assignee } = i
  if (assignee === null) return townshipOfficer(a, i.township) || gridWorker(a, i.grid)
  if (assignee.kind === 'department') return a.role === 'department' && a.department === assignee.code
  // A township assignee: the officer and the grid workers of the incident's grid; a grid assignee: the officer and
  // that grid's workers. Either way only within the incident's own township (assigneeProblem holds it there).
  const grid = assignee.kind === 'grid' ? assignee.code : i.grid
  return townshipOfficer(a, i.township) || gridWorker(a, grid)
}

function isSupervisor(a: Actor, i: SidedIncident): boolean {
  return a.role === 'leader' || townshipOfficer(a, i.township)
}

/** The sides this principal holds on this incident. */
export function incidentSides(a: Actor, i: SidedIncident): IncidentSide[] {
  const held: IncidentSide[] = []
  if (isDispatcher(a, i)) held.push('dispatcher')
  if (isAssignee(a, i)) held.push('assignee')
  if (isSupervisor(a, i)) held.push('supervisor')
  return held
}

export function mayTakeIncidentAction(a: Actor, i: SidedIncident, action: IncidentAction): boolean {
  return incidentSides(a, i).includes(ACTION_SIDE[action])
}

/** The actions of `actions` this principal's sides allow, in their order. */
export function actionsOnSides<A extends IncidentAction>(a: Actor, i: SidedIncident, actions: readonly A[]): A[] {
  const held = incidentSides(a, i)
  return actions.filter((action) => held.includes(ACTION_SIDE[action]))
}

/** Who may take the action on this incident, in words, for the 403 a caller gets when it is not theirs. */
export function whoMay(action: IncidentAction, i: SidedIncident): string {
  const side = ACTION_SIDE[action]
  if (side === 'dispatcher') return `the dispatcher: a county leader, the township officer of ${i.township}, or a grid worker of grid ${i.grid}`
  if (side === 'supervisor') return `a county leader (县级督办) or the township officer of ${i.township} (乡镇督办)`
  const { assignee } = i
  if (assignee === null) return `the township it lies in: the township officer of ${i.township} or a grid worker of grid ${i.grid}`
  if (assignee.kind === 'department') return `the assignee: an account of department ${assignee.code}`
  const grid = assignee.kind === 'grid' ? assignee.code : i.grid
  return `the assignee (${assignee.kind} ${assignee.code}): the township officer of ${i.township} or a grid worker of grid ${grid}`
}

/** The supervision levels this principal may order: a leader either, a township officer the township's own. */
export function supervisionLevels(a: Actor): SupervisionLevel[] {
  if (a.role === 'leader') return ['township', 'county']
  if (a.role === 'township') return ['township']
  return []
}

/** The level a 督办 takes when the request names none: the caller's own (a leader's county, an officer's township). */
export function defaultSupervisionLevel(a: Actor): SupervisionLevel {
  return a.role === 'leader' ? 'county' : 'township'
}
