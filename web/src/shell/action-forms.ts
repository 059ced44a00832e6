// What each action asks for before it is sent, and the request it becomes. Pure: the drawer's inline form keeps a
// Draft (every input as the text the user typed or chose), `checkDraft` says which inputs are missing or wrong, and
// `buildRequest` turns a good draft into the POST the server takes. Which actions are shown is the server's call
// (the record's allowedActions); this file only knows what each one needs.
import { localDate, localDateEnd } from '../../../domain/calendar'
import { DISPUTE_ACTIONS, DISPUTE_MOVES } from '../../../domain/dispute'
import { INCIDENT_ACTIONS, INCIDENT_MOVES } from '../../../domain/incident'
import type { Label } from '../../../domain/label'
import { WHISTLE_ACTIONS, WHISTLE_KIND_IDS, WHISTLE_MOVES, WHISTLE_RATING_MAX, WHISTLE_RATING_MIN } from '../../../domain/whistle'
import type { Lang } from '../i18n'
import type { Messages } from '../i18n/zh-CN'
import type { Assignee } from './assignee-choices'
import { assigneeValue, defaultAssignee, parseAssigneeValue } from './assignee-choices'

/** The records one can act on from the drawer. */
export type ActKind = 'incident' | 'dispute' | 'whistle' | 'site'
/** 吹哨 from an incident: not a transition of the incident but a new whistle call linked to it. */
export const WHISTLE_FROM_INCIDENT = 'whistle'
/** A site has no life cycle: its one action is 解除预警 on one open warning, written `clearWarning:<warning id>`. */
export const CLEAR_WARNING = 'clearWarning'
export const clearWarningAction = (warningId: number) => `${CLEAR_WARNING}:${warningId}`
const warningIdOf = (action: string) => Number(/^clearWarning:(\d+)$/.exec(action)?.[1] ?? NaN)

export type Field = 'assignee' | 'note' | 'level' | 'until' | 'rating' | 'department' | 'whistleKind' | 'urgent'
/** How the note field is named for this action: the reason, the result, the supervision order, or an optional remark. */
export type NoteRole = 'reason' | 'result' | 'order' | 'remark'

export interface ActionSpec {
  readonly fields: readonly Field[]
  /** What the note means here; absent when the action takes no note. */
  readonly note?: NoteRole
}

const REMARK: ActionSpec = { fields: ['note'], note: 'remark' }
const REASON: ActionSpec = { fields: ['note'], note: 'reason' }
const NOTHING: ActionSpec = { fields: [] }

/**
 * An incident action takes only what it needs (the server refuses a field another action takes). 交办 asks for the
 * assignee; 转办 for another assignee and why; 督办 for its level and the order; 申请延期 for the date and why; the
 * refusals (核查不通过, 退回交办方, 不同意延期) for a reason; 办结 for the result.
 */
const INCIDENT_SPECS: Record<string, ActionSpec> = {
  accept: NOTHING, sign: NOTHING, start: NOTHING, verify: NOTHING, approveExtension: NOTHING,
  dispatch: { fields: ['assignee'] },
  transfer: { fields: ['assignee', 'note'], note: 'reason' },
  resolve: { fields: ['note'], note: 'result' },
  reopen: REASON, sendBack: REASON, refuseExtension: REASON,
  return: REMARK,
  supervise: { fields: ['level', 'note'], note: 'order' },
  requestExtension: { fields: ['until', 'note'], note: 'reason' },
  [WHISTLE_FROM_INCIDENT]: { fields: ['department', 'whistleKind', 'note', 'urgent'], note: 'reason' },
}
const WHISTLE_SPECS: Record<string, ActionSpec> = { acknowledge: REMARK, arrive: REMARK, close: REMARK, rate: { fields: ['rating', 'note'], note: 'remark' } }
const DISPUTE_SPECS: Record<string, ActionSpec> = { start: REMARK, succeed: REMARK, fail: REMARK, refer: REMARK, escalate: REMARK }
const SPECS: Record<Exclude<ActKind, 'site'>, Record<string, ActionSpec>> = { incident: INCIDENT_SPECS, whistle: WHISTLE_SPECS, dispute: DISPUTE_SPECS }

/**
 * An action this page does not know yet (a newer server) asks for an optional remark: never more than it can send.
 * Clearing a site's warning takes no body at all.
 */
export function actionSpec(kind: ActKind, action: string): ActionSpec {
  if (kind === 'site') return NOTHING
  return SPECS[kind][action] ?? REMARK
}

const LABELS: Record<Exclude<ActKind, 'site'>, readonly ({ id: string } & Label)[]> = { incident: INCIDENT_ACTIONS, dispute: DISPUTE_ACTIONS, whistle: WHISTLE_ACTIONS }

/** The action's name from domain/ in the view's language; 吹哨 and 解除预警 are the page's own; an unknown id as itself. */
export function actionLabel(kind: ActKind, action: string, lang: Lang, t: Messages): string {
  if (kind === 'incident' && action === WHISTLE_FROM_INCIDENT) return t.actWhistle
  if (kind === 'site') return t.actClearWarning
  const l = LABELS[kind].find((x) => x.id === action)
  return l ? (lang === 'en' ? l.nameEn : l.name) : action
}

const MOVES: Record<Exclude<ActKind, 'site'>, readonly { action: string; from: readonly string[]; to: string | null }[]> = {
  incident: INCIDENT_MOVES, dispute: DISPUTE_MOVES, whistle: WHISTLE_MOVES,
}

/** The status the record will have once the server applies the action: shown at once, undone if it refuses. */
export function expectedStatus(kind: ActKind, action: string, status: string): string {
  if (kind === 'site') return status
  const move = MOVES[kind].find((m) => m.action === action && m.from.includes(status))
  return move?.to ?? status
}

export type Level = 'township' | 'county'
/** 督办's levels by role: a township officer orders 乡镇督办 only; a county leader 县级督办. */
export function supervisionLevels(role: string | undefined): Level[] {
  if (role === 'leader') return ['county']
  if (role === 'township' || role === 'grid') return ['township']
  return []
}

/** Every input as typed or chosen; fields the action does not take are ignored. */
export interface Draft {
  assignee: string
  note: string
  level: string
  /** A local calendar date, "2026-12-20" (the extension runs to the end of that day). */
  until: string
  rating: string
  department: string
  whistleKind: string
  urgent: boolean
}

/** What the form needs to know of the record. */
export interface ActRecord {
  id: number
  status: string
  updatedAt: string
  township: string
  onList?: boolean
  department?: string
  description?: string
  resolveBy?: string | null
  assignee?: Assignee | null
}

/** The form as it opens: 交办 suggests the default assignee, 吹哨 the incident's department, 督办 the caller's level. */
export function initialDraft(kind: ActKind, action: string, record: ActRecord, role: string | undefined): Draft {
  const draft: Draft = { assignee: '', note: '', level: supervisionLevels(role)[0] ?? '', until: '', rating: '', department: '', whistleKind: 'other', urgent: false }
  if (kind !== 'incident') return draft
  if (action === 'dispatch' && record.department !== undefined && record.onList !== undefined) {
    draft.assignee = assigneeValue(defaultAssignee({ onList: record.onList, department: record.department, township: record.township }))
  }
  if (action === WHISTLE_FROM_INCIDENT) draft.department = record.department ?? ''
  return draft
}

/** The first local date an extension may run to: the day of the current deadline (its end is later than it). */
export function earliestUntil(resolveBy: string | null | undefined, now: number): string {
  return localDate(resolveBy ? Date.parse(resolveBy) : now)
}

/** The end of a local date, as the instant an extension runs to: "2026-12-20" → 2026-12-20T15:59:59.999Z. */
export const endOfLocalDate = localDateEnd

export type Problem = 'required' | 'untilTooEarly' | 'sameAssignee' | 'badDate'
export type Problems = Partial<Record<Field, Problem>>

/** Which inputs stop the action being sent, and why; empty when it may go. */
export function checkDraft(kind: ActKind, action: string, draft: Draft, record: ActRecord): Problems {
  const spec = actionSpec(kind, action)
  const problems: Problems = {}
  for (const field of spec.fields) {
    if (field === 'urgent') continue
    if (field === 'note' && spec.note === 'remark') continue
    if (String(draft[field]).trim() === '') problems[field] = 'required'
  }
  if (spec.fields.includes('assignee') && draft.assignee !== '') {
    const chosen = parseAssigneeValue(draft.assignee)
    if (!chosen) problems.assignee = 'required'
    else if (action === 'transfer' && record.assignee && assigneeValue(record.assignee) === draft.assignee) problems.assignee = 'sameAssignee'
  }
  if (spec.fields.includes('until') && draft.until !== '') {
    const until = endOfLocalDate(draft.until)
    if (Number.isNaN(until)) problems.until = 'badDate'
    else if (record.resolveBy && until <= Date.parse(record.resolveBy)) problems.until = 'untilTooEarly'
  }
  if (spec.fields.includes('rating') && draft.rating !== '') {
    const r = Number(draft.rating)
    if (!Number.isInteger(r) || r < WHISTLE_RATING_MIN || r > WHISTLE_RATING_MAX) problems.rating = 'required'
  }
  return problems
}

export interface ActRequest {
  /** The route, with `{id}` for the record's id where it has one. */
  path: '/api/incidents/{id}/transitions' | '/api/disputes/{id}/transitions' | '/api/whistles/{id}/transitions' | '/api/whistles'
    | '/api/sites/{id}/warnings/{wid}/clear'
  params: { id: number; wid?: number } | undefined
  body: Record<string, unknown>
}

const TRANSITIONS = { incident: '/api/incidents/{id}/transitions', dispute: '/api/disputes/{id}/transitions', whistle: '/api/whistles/{id}/transitions' } as const

/**
 * The request a good draft becomes. An incident transition carries `ifUpdatedAt` (the record as the user saw it
 * when deciding, `seenUpdatedAt`): if someone acted in the meantime the server answers 409 instead of applying
 * a decision made on an old picture. Text is trimmed; an empty optional remark is left out.
 */
export function buildRequest(kind: ActKind, action: string, draft: Draft, record: ActRecord, seenUpdatedAt: string): ActRequest {
  const spec = actionSpec(kind, action)
  const note = draft.note.trim()
  if (kind === 'incident' && action === WHISTLE_FROM_INCIDENT) {
    const kindId = (WHISTLE_KIND_IDS as readonly string[]).includes(draft.whistleKind) ? draft.whistleKind : 'other'
    return {
      path: '/api/whistles', params: undefined,
      body: { township: record.township, department: draft.department, kind: kindId, incidentId: record.id, reason: note, urgent: draft.urgent },
    }
  }
  if (kind === 'site') return { path: '/api/sites/{id}/warnings/{wid}/clear', params: { id: record.id, wid: warningIdOf(action) }, body: {} }
  const body: Record<string, unknown> = { action }
  if (spec.fields.includes('note') && note !== '') body.note = note
  if (spec.fields.includes('assignee')) body.assignee = parseAssigneeValue(draft.assignee)
  if (spec.fields.includes('level')) body.level = draft.level
  if (spec.fields.includes('until')) body.until = new Date(endOfLocalDate(draft.until)).toISOString()
  if (spec.fields.includes('rating')) body.rating = Number(draft.rating)
  if (kind === 'incident') body.ifUpdatedAt = seenUpdatedAt
  return { path: TRANSITIONS[kind], params: { id: record.id }, body }
}
