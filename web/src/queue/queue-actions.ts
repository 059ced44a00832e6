// The buttons of a queue item: the department's side of each life cycle (签收 → 开始处置 → 办结, 退回交办方,
// 申请延期 for incidents; 签收 → 报到 → 办结 for whistle calls), shown only when the server's allowedActions
// holds them, and what each asks for before it is sent: a result, a reason, a date.
import { localDateEnd } from '../../../domain/calendar'
import type { QueueItem, QueueKind } from './queue-item'

export const INCIDENT_QUEUE_ACTIONS = ['sign', 'start', 'resolve', 'sendBack', 'requestExtension'] as const
export const WHISTLE_QUEUE_ACTIONS = ['acknowledge', 'arrive', 'close'] as const
export type QueueAction = (typeof INCIDENT_QUEUE_ACTIONS)[number] | (typeof WHISTLE_QUEUE_ACTIONS)[number]

const ACTIONS: Record<QueueKind, readonly QueueAction[]> = { incident: INCIDENT_QUEUE_ACTIONS, whistle: WHISTLE_QUEUE_ACTIONS }

/** What an action asks for: `note` as the result (办结) or the reason, `until` a new deadline. */
export interface ActionInput { note?: 'result' | 'reason'; until?: true }
const INPUTS: Partial<Record<QueueAction, ActionInput>> = {
  resolve: { note: 'result' },
  sendBack: { note: 'reason' },
  requestExtension: { note: 'reason', until: true },
}
export const inputOf = (action: QueueAction): ActionInput => INPUTS[action] ?? {}
/** An action sent at one click, without a form. */
export const isOneClick = (action: QueueAction) => Object.keys(inputOf(action)).length === 0

/** The item's buttons, in the life cycle's order: what the server allows of the department's actions. */
export function buttonsOf(item: QueueItem): QueueAction[] {
  return ACTIONS[item.kind].filter((a) => item.allowedActions.includes(a))
}

export type TransitionBody = { action: QueueAction; note?: string; until?: string; ifUpdatedAt?: string }

export type BodyProblem = 'noteMissing' | 'untilMissing' | 'untilNotLater'

/**
 * The request body, or what is missing. `until` is a local date (YYYY-MM-DD, the date field's value), sent as the
 * end of that day in Beijing time: an extension "to the 12th" runs through the 12th. `ifUpdatedAt` is the record's
 * updatedAt as this page saw it (incidents: a change since then is a 409 conflict, not a silent overwrite).
 */
export function bodyOf(item: QueueItem, action: QueueAction, input: { note?: string; until?: string }, now: number): TransitionBody | BodyProblem {
  const want = inputOf(action)
  const note = input.note?.trim() ?? ''
  const body: TransitionBody = { action }
  if (want.until) {
    if (!input.until) return 'untilMissing'
    const until = endOfLocalDay(input.until)
    const floor = Math.max(now, item.dueAt === null ? 0 : Date.parse(item.dueAt))
    if (until === null || until <= floor) return 'untilNotLater'
    body.until = new Date(until).toISOString()
  }
  if (want.note) {
    if (!note) return 'noteMissing'
    body.note = note
  }
  if (item.kind === 'incident') body.ifUpdatedAt = item.updatedAt
  return body
}

/** The end of a YYYY-MM-DD local date (domain/calendar.ts localDateEnd), in ms; null for anything else. */
export function endOfLocalDay(date: string): number | null {
  const end = localDateEnd(date)
  return Number.isNaN(end) ? null : end
}
