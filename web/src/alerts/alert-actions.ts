// What each action on an alert (研判预警) asks for before it is sent, and the request it becomes, in the manner of the
// drawer's record actions (shell/action-forms.ts): 已研判 with the assessment (required), 误报 with its reason
// (required), 暂缓 for a whole number of hours up to a day, 处置中 and 已解除 with an optional remark. Which actions
// are offered is the server's call (the alert's allowedActions); without them, what its status allows.
export const ALERT_ACTION_IDS = ['acknowledge', 'handle', 'clear', 'falseAlarm', 'snooze'] as const
export type AlertAction = (typeof ALERT_ACTION_IDS)[number]

/** The longest snooze: a day (rule × subject, the contract's 24 h). */
export const SNOOZE_MAX_HOURS = 24

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

/** What each open status allows when the server does not say: 新 → 已研判 → 处置中 → 已解除; 误报 and 暂缓 from any open one. */
const BY_STATUS: Record<string, AlertAction[]> = {
  new: ['acknowledge', 'falseAlarm', 'snooze'],
  acknowledged: ['handle', 'clear', 'falseAlarm', 'snooze'],
  handling: ['clear', 'falseAlarm', 'snooze'],
}

export function alertActions(record: { status: string; allowedActions?: unknown }): string[] {
  if (Array.isArray(record.allowedActions)) return record.allowedActions.filter((a): a is string => typeof a === 'string')
  return BY_STATUS[record.status] ?? []
}

export interface AlertDraft { note: string; hours: string }
export type AlertProblem = 'required' | 'hoursRange'
export type AlertProblems = Partial<Record<keyof AlertDraft, AlertProblem>>

export function checkAlertDraft(action: string, draft: AlertDraft): AlertProblems {
  const spec = alertActionSpec(action)
  const problems: AlertProblems = {}
  if (spec.note !== 'remark' && draft.note.trim() === '') problems.note = 'required'
  if (spec.hours) {
    const h = Number(draft.hours)
    if (draft.hours.trim() === '' || !Number.isInteger(h) || h < 1 || h > SNOOZE_MAX_HOURS) problems.hours = 'hoursRange'
  }
  return problems
}

/** The body of POST /api/alerts/{id}/transitions: text trimmed, an empty optional remark left out. */
export function buildAlertRequest(action: string, draft: AlertDraft): { action: string; note?: string; hours?: number } {
  const note = draft.note.trim()
  const spec = alertActionSpec(action)
  return { action, ...(note ? { note } : {}), ...(spec.hours ? { hours: Number(draft.hours) } : {}) }
}
