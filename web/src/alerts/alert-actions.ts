// What each action on an alert (研判预警) asks for before it is sent, and the request it becomes, in the manner of the
// drawer's record actions (shell/action-forms.ts): 已研判 with the assessment, 误报 with its reason (required),
// 暂缓 for a whole number of hours up to a day, 处置中 and 已解除 with an optional remark. Which actions are offered
// is the server's call (the alert's allowedActions); without them, what the life cycle allows from its status.
import type { AlertAction, AlertStatus } from '../../../domain/alerts/alert-status'
import { ALERT_STATUS_IDS, SNOOZE_HOURS_MAX, SNOOZE_HOURS_MIN, allowedAlertActions, isSnoozeHours } from '../../../domain/alerts/alert-status'
import { isOneOf } from '../../../domain/label'

export { SNOOZE_HOURS_MAX, SNOOZE_HOURS_MIN }

export type NoteRole = 'assessment' | 'reason' | 'remark'
export interface AlertActionSpec { note: NoteRole; hours: boolean }

const SPECS: Record<AlertAction, AlertActionSpec> = {
  acknowledge: { note: 'assessment', hours: false },
  handle: { note: 'remark', hours: false },
  clear: { note: 'remark', hours: false },
  falseAlarm: { note: 'reason', hours: false },
  snooze: { note: 'remark', hours: true },
}

/** An action this page does not know (a newer server) takes an optional remark: never more than it can send. */
export const alertActionSpec = (action: string): AlertActionSpec => SPECS[action as AlertAction] ?? { note: 'remark', hours: false }

export function alertActions(record: { status: string; allowedActions?: unknown }): string[] {
  if (Array.isArray(record.allowedActions)) return record.allowedActions.filter((a): a is string => typeof a === 'string')
  return isOneOf(ALERT_STATUS_IDS, record.status) ? allowedAlertActions(record.status as AlertStatus) : []
}

export interface AlertDraft { note: string; hours: string }
export type AlertProblem = 'required' | 'hoursRange'
export type AlertProblems = Partial<Record<keyof AlertDraft, AlertProblem>>

export function checkAlertDraft(action: string, draft: AlertDraft): AlertProblems {
  const spec = alertActionSpec(action)
  const problems: AlertProblems = {}
  if (spec.note === 'reason' && draft.note.trim() === '') problems.note = 'required'
  if (spec.hours && (draft.hours.trim() === '' || !isSnoozeHours(Number(draft.hours)))) problems.hours = 'hoursRange'
  return problems
}

/** The body of POST /api/alerts/{id}/transitions: text trimmed, an empty optional remark left out. */
export function buildAlertRequest(action: AlertAction, draft: AlertDraft): { action: AlertAction; note?: string; hours?: number } {
  const note = draft.note.trim()
  const spec = alertActionSpec(action)
  return { action, ...(note ? { note } : {}), ...(spec.hours ? { hours: Number(draft.hours) } : {}) }
}
