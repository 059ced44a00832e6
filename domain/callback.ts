// Calling residents back (回访): when 核查归档 passes, a share of the cases is drawn for a call to whoever reported
// it, asking whether they are satisfied. Every case a resident brought (12345 hotline, the citizen app) is called
// by default, a tenth of the rest; the shares are a setting. The draw hashes the incident id, never Math.random,
// so the seed, the API and a re-run all draw the same cases. The call is due within 5 working days of the
// verification; a dissatisfied answer sends the case back to its assignee (重办, domain/incident.ts `redo`).
// Who calls is the side that dispatched it: the county centre for a case a county role dispatched, else the
// township.
import type { Actor } from './actor'
import type { IncidentSource } from './incident'
import type { Label, Labelled } from './label'
import { isOneOf, labelled } from './label'
import type { Role } from './roles'
import type { Instant } from './time'
import { isPast } from './time'
import { addWorkingDays } from './working-days'

export const CALLBACK_RESULT_IDS = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const
export type CallbackResult = (typeof CALLBACK_RESULT_IDS)[number]
const RESULT_TABLE: Record<CallbackResult, Label> = {
  satisfied: { name: '满意', nameEn: 'Satisfied' },
  basicallySatisfied: { name: '基本满意', nameEn: 'Basically satisfied' },
  dissatisfied: { name: '不满意', nameEn: 'Dissatisfied' },
}
export const CALLBACK_RESULTS: readonly Labelled<CallbackResult>[] = labelled(CALLBACK_RESULT_IDS, RESULT_TABLE)
export const isCallbackResult = (value: unknown): value is CallbackResult => isOneOf(CALLBACK_RESULT_IDS, value)
/** The answers that count as satisfied for 满意率. */
export const SATISFIED_RESULTS: readonly CallbackResult[] = ['satisfied', 'basicallySatisfied']
/** The answer that sends the case back (重办); it needs a note saying what the resident is unhappy with. */
export const REDO_RESULT: CallbackResult = 'dissatisfied'

export const CALLBACK_OWNERS = ['township', 'county'] as const
export type CallbackOwner = (typeof CALLBACK_OWNERS)[number]
const OWNER_TABLE: Record<CallbackOwner, Label> = {
  township: { name: '乡镇回访', nameEn: 'Called by the township' },
  county: { name: '县中心回访', nameEn: 'Called by the county centre' },
}
export const CALLBACK_OWNER_LABELS: readonly Labelled<CallbackOwner>[] = labelled(CALLBACK_OWNERS, OWNER_TABLE)

/** A task's state as lists filter it: awaited (no answer yet), done, late (awaited and past its due time). */
export const CALLBACK_STATUS_IDS = ['awaited', 'done', 'late'] as const
export type CallbackStatus = (typeof CALLBACK_STATUS_IDS)[number]
const STATUS_TABLE: Record<CallbackStatus, Label> = {
  awaited: { name: '待回访', nameEn: 'Awaited' },
  done: { name: '已回访', nameEn: 'Done' },
  late: { name: '逾期未回访', nameEn: 'Late' },
}
export const CALLBACK_STATUSES: readonly Labelled<CallbackStatus>[] = labelled(CALLBACK_STATUS_IDS, STATUS_TABLE)

/** The limit of a call-back, in working days from the verification (domain/working-days.ts counts them). */
export const CALLBACK_LIMIT_WORKING_DAYS = 5

/** Percent of verified cases drawn: `citizen` for cases a resident brought, `other` for the rest. Whole 0–100. */
export interface CallbackShares { readonly citizen: number; readonly other: number }
export const DEFAULT_CALLBACK_SHARES: CallbackShares = { citizen: 100, other: 10 }
export const CALLBACK_SHARE_MIN = 0
export const CALLBACK_SHARE_MAX = 100
/** The sources whose reporter is a resident who can be called: the 12345 hotline and the citizen app. */
export const CITIZEN_SOURCES: readonly IncidentSource[] = ['hotline', 'app']

/** The share that applies to a case of this source. */
export function callbackShare(source: string, shares: CallbackShares): number {
  return (CITIZEN_SOURCES as readonly string[]).includes(source) ? shares.citizen : shares.other
}

/**
 * Where an incident id falls in 0–9999, spread evenly: a 32-bit integer mix (the murmur3 finaliser) of the id.
 * Consecutive ids land far apart, so any run of cases is drawn at the share.
 */
export function callbackBucket(incidentId: number): number {
  let h = (incidentId ^ 0x5bd1e995) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0
  h = (h ^ (h >>> 16)) >>> 0
  return h % 10000
}

/** Is this verified case called back? The same answer for the same id, source and shares, every time. */
export function drawsCallback(incidentId: number, source: string, shares: CallbackShares): boolean {
  return callbackBucket(incidentId) < callbackShare(source, shares) * 100
}

/** When the call is due: the end of the 5th working day after the verification (Civil-Code counting). */
export function callbackDueBy(createdAt: Instant): Instant {
  return addWorkingDays(createdAt, CALLBACK_LIMIT_WORKING_DAYS)
}

/** What isCallbackLate reads of a task. */
export interface CallbackTiming { readonly dueBy: Instant; readonly doneAt: Instant | null }

/** Not done by its due time: still awaited and past it, or answered after it. Met at the exact instant. */
export function isCallbackLate(task: CallbackTiming, now: Instant): boolean {
  return isPast(task.dueBy, task.doneAt ?? now)
}

export function callbackStatusOf(task: CallbackTiming & { readonly result: string | null }, now: Instant): CallbackStatus {
  if (task.result !== null) return 'done'
  return isCallbackLate(task, now) ? 'late' : 'awaited'
}

/** The roles that dispatch for the county: a case they dispatched is called back by the county centre. */
const COUNTY_ROLES: readonly Role[] = ['leader', 'admin']

/** Who calls: the county for a case a county role dispatched (交办), else the township (and for the system's own). */
export function callbackOwner(dispatcherRole: string | null): CallbackOwner {
  return dispatcherRole !== null && (COUNTY_ROLES as readonly string[]).includes(dispatcherRole) ? 'county' : 'township'
}

/** What the owner check reads of a task. */
export interface OwnedCallback { readonly owner: string; readonly township: string }

/** May this principal record the answer? The owner side: the township's officer, or the county centre (a leader). */
export function mayRecordCallback(a: Actor, task: OwnedCallback): boolean {
  if (task.owner === 'county') return a.role === 'leader'
  return a.role === 'township' && a.township === task.township
}

/** Who may, in words, for the 403 of a caller who may not. */
export function whoMayRecordCallback(task: OwnedCallback): string {
  return task.owner === 'county'
    ? 'the county centre (a county leader): the county dispatched this case'
    : `the township officer of ${task.township}: the township dispatched this case`
}
