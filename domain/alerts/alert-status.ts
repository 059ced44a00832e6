// An alert's life (研判预警): raised 新 by the evaluation; a person judges it 已研判 (acknowledge, with a note
// when they have one), takes it in hand 处置中, and clears it 已解除; any open alert may instead be judged 误报 (a
// false alarm, with the reason: the rule's parameters are tuned from these) or put off 暂缓 for 1–24 hours (the
// status stays; the rule × subject is not raised or announced meanwhile). The evaluation clears an alert by itself
// once its condition has not held for AUTO_CLEAR_AFTER_MS and nobody has taken it up (still 新).
import type { Label, Labelled } from '../label'
import { labelled } from '../label'
import type { TransitionResult } from '../state-machine'
import { stateMachine } from '../state-machine'
import { HOUR } from '../time'

export const ALERT_STATUS_IDS = ['new', 'acknowledged', 'handling', 'cleared', 'falseAlarm'] as const
export type AlertStatus = (typeof ALERT_STATUS_IDS)[number]
const STATUS_TABLE: Record<AlertStatus, Label> = {
  new: { name: '新预警', nameEn: 'New' },
  acknowledged: { name: '已研判', nameEn: 'Acknowledged' },
  handling: { name: '处置中', nameEn: 'Handling' },
  cleared: { name: '已解除', nameEn: 'Cleared' },
  falseAlarm: { name: '误报', nameEn: 'False alarm' },
}
export const ALERT_STATUSES: readonly Labelled<AlertStatus>[] = labelled(ALERT_STATUS_IDS, STATUS_TABLE)

/** Open alerts are the ones an evaluation updates; one open alert per subject at most. */
export const OPEN_ALERT_STATUSES: readonly AlertStatus[] = ['new', 'acknowledged', 'handling']
export const isOpenAlert = (status: string) => (OPEN_ALERT_STATUSES as readonly string[]).includes(status)

/** What people do to an alert (POST /api/alerts/{id}/transitions). */
export const ALERT_ACTION_IDS = ['acknowledge', 'handle', 'clear', 'falseAlarm', 'snooze'] as const
export type AlertAction = (typeof ALERT_ACTION_IDS)[number]
const ACTION_TABLE: Record<AlertAction, Label> = {
  acknowledge: { name: '研判', nameEn: 'Acknowledge' },
  handle: { name: '处置', nameEn: 'Take in hand' },
  clear: { name: '解除', nameEn: 'Clear' },
  falseAlarm: { name: '误报', nameEn: 'False alarm' },
  snooze: { name: '暂缓', nameEn: 'Snooze' },
}
export const ALERT_ACTIONS: readonly Labelled<AlertAction>[] = labelled(ALERT_ACTION_IDS, ACTION_TABLE)

/** The evaluation's own steps in an alert's history (never POSTed): raised, its level changed, cleared by itself. */
export const ALERT_SYSTEM_STEPS = ['raise', 'relevel', 'autoClear'] as const

export const SNOOZE_HOURS_MIN = 1
export const SNOOZE_HOURS_MAX = 24

/** An alert nobody took up is cleared once its condition has not held for this long. */
export const AUTO_CLEAR_AFTER_MS = 24 * HOUR
export const AUTO_CLEAR_REASON = 'condition cleared'

export const isSnoozeHours = (h: unknown): h is number =>
  Number.isInteger(h) && (h as number) >= SNOOZE_HOURS_MIN && (h as number) <= SNOOZE_HOURS_MAX

/** What travels with an action: the note (a false alarm's reason) and a snooze's hours. */
export type AlertContext = { readonly note?: string | null | undefined; readonly hours?: number | undefined }

const hasText = (s: string | null | undefined) => typeof s === 'string' && s.trim().length > 0

const machine = stateMachine<AlertStatus, AlertAction, AlertContext>({
  entity: 'alert',
  describe: (s) => `${s} (${STATUS_TABLE[s].name})`,
  moves: [
    { action: 'acknowledge', from: ['new'], to: 'acknowledged' },
    { action: 'handle', from: ['new', 'acknowledged'], to: 'handling' },
    { action: 'clear', from: OPEN_ALERT_STATUSES, to: 'cleared' },
    {
      action: 'falseAlarm', from: OPEN_ALERT_STATUSES, to: 'falseAlarm',
      refuse: ({ note }) => (hasText(note) ? null : 'a false alarm needs its reason in `note`'),
    },
    {
      action: 'snooze', from: OPEN_ALERT_STATUSES, to: null,
      refuse: ({ hours }) => (isSnoozeHours(hours) ? null : `a snooze needs \`hours\`, a whole number from ${SNOOZE_HOURS_MIN} to ${SNOOZE_HOURS_MAX}`),
    },
  ],
})

export const ALERT_MOVES = machine.moves

/**
 * The actions open to an alert now. The refusals that depend on the request's own fields (a reason, the hours)
 * are asked as if they were given, so an open alert offers 误报 and 暂缓.
 */
export function allowedAlertActions(status: AlertStatus): AlertAction[] {
  return machine.allowed(status, { note: 'reason', hours: SNOOZE_HOURS_MIN })
}

/**
 * The status after `action`, or why not. Only the action's own fields are judged: a refusal's "allowed now" lists
 * 误报 and 暂缓 whenever the status allows them, as if their reason and hours were to be given.
 */
export function nextAlertStatus(status: AlertStatus, action: AlertAction, ctx: AlertContext = {}): TransitionResult<AlertStatus, AlertAction> {
  return machine.next(status, action, {
    note: action === 'falseAlarm' ? ctx.note : 'reason',
    hours: action === 'snooze' ? ctx.hours : SNOOZE_HOURS_MIN,
  })
}
