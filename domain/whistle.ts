// 吹哨报到: a township that cannot solve a matter alone "blows the whistle" to a county department,
// which must acknowledge (签收), report on site (报到) and close (办结); the township then rates the
// response (评哨, 1–5). All stage deadlines run from the whistle, so they are fixed the moment it
// is blown and the map can draw a live timer on the township→department arc.
import type { Label, Labelled } from './label'
import { labelled } from './label'
import type { TransitionResult } from './state-machine'
import { stateMachine } from './state-machine'
import type { Instant } from './time'
import { DAY, HOUR, MINUTE, isPast, toMs } from './time'

export const WHISTLE_STATUS_IDS = ['whistled', 'acknowledged', 'arrived', 'closed', 'rated'] as const
export type WhistleStatus = (typeof WHISTLE_STATUS_IDS)[number]
const STATUS_TABLE: Record<WhistleStatus, Label> = {
  whistled: { name: '吹哨', nameEn: 'Whistled' },
  acknowledged: { name: '签收', nameEn: 'Acknowledged' },
  arrived: { name: '报到', nameEn: 'On site' },
  closed: { name: '办结', nameEn: 'Closed' },
  rated: { name: '评哨', nameEn: 'Rated' },
}
export const WHISTLE_STATUSES: readonly Labelled<WhistleStatus>[] = labelled(WHISTLE_STATUS_IDS, STATUS_TABLE)

/** Open = a stage's deadline runs (whistleDueAt): not yet closed. The map draws open calls' arcs bright. */
export const OPEN_WHISTLE_STATUSES: readonly WhistleStatus[] = ['whistled', 'acknowledged', 'arrived']

export const WHISTLE_ACTION_IDS = ['acknowledge', 'arrive', 'close', 'rate'] as const
export type WhistleAction = (typeof WHISTLE_ACTION_IDS)[number]
const ACTION_TABLE: Record<WhistleAction, Label> = {
  acknowledge: { name: '签收', nameEn: 'Acknowledge' },
  arrive: { name: '报到', nameEn: 'Report on site' },
  close: { name: '办结', nameEn: 'Close' },
  rate: { name: '评哨', nameEn: 'Rate' },
}
export const WHISTLE_ACTIONS: readonly Labelled<WhistleAction>[] = labelled(WHISTLE_ACTION_IDS, ACTION_TABLE)

/** What a call is for; 南浦溪镇's figures count joint-enforcement and livelihood calls separately. */
export const WHISTLE_KIND_IDS = ['joint-enforcement', 'livelihood', 'safety', 'environment', 'other'] as const
export type WhistleKind = (typeof WHISTLE_KIND_IDS)[number]
const KIND_TABLE: Record<WhistleKind, Label> = {
  'joint-enforcement': { name: '联合执法', nameEn: 'Joint enforcement' },
  livelihood: { name: '民生事项', nameEn: 'Livelihood matter' },
  safety: { name: '安全隐患', nameEn: 'Safety hazard' },
  environment: { name: '生态环境', nameEn: 'Environment' },
  other: { name: '其他', nameEn: 'Other' },
}
export const WHISTLE_KINDS: readonly Labelled<WhistleKind>[] = labelled(WHISTLE_KIND_IDS, KIND_TABLE)

export const WHISTLE_RATING_MIN = 1
export const WHISTLE_RATING_MAX = 5

export function isWhistleRating(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= WHISTLE_RATING_MIN && (n as number) <= WHISTLE_RATING_MAX
}

/** The rating travels with the `rate` action (see `WhistleTransitionRequest`). */
export type WhistleContext = { readonly rating?: number | undefined }

const machine = stateMachine<WhistleStatus, WhistleAction, WhistleContext>({
  entity: 'whistle call',
  describe: (s) => `${s} (${STATUS_TABLE[s].name})`,
  moves: [
    { action: 'acknowledge', from: ['whistled'], to: 'acknowledged' },
    { action: 'arrive', from: ['acknowledged'], to: 'arrived' },
    { action: 'close', from: ['arrived'], to: 'closed' },
    {
      action: 'rate',
      from: ['closed'],
      to: 'rated',
      refuse: ({ rating }) => (isWhistleRating(rating) ? null : `a rating must be a whole number from ${WHISTLE_RATING_MIN} to ${WHISTLE_RATING_MAX}`),
    },
  ],
})

export const WHISTLE_MOVES = machine.moves

export function allowedWhistleActions(status: WhistleStatus, ctx: WhistleContext = {}): WhistleAction[] {
  return machine.allowed(status, ctx)
}

export function nextWhistleStatus(
  status: WhistleStatus,
  action: WhistleAction,
  ctx: WhistleContext = {},
): TransitionResult<WhistleStatus, WhistleAction> {
  return machine.next(status, action, ctx)
}

/**
 * Acknowledge within 30 min and be on site within 24 h (2 h when urgent), as the article gives. The
 * close limit is our choice (7 days, 3 when urgent): the article sets none, but an arc without a
 * clock would sit on the map forever.
 */
export const WHISTLE_SLA = {
  acknowledgeMs: 30 * MINUTE,
  arriveMs: { normal: 24 * HOUR, urgent: 2 * HOUR },
  closeMs: { normal: 7 * DAY, urgent: 3 * DAY },
} as const

/** A stage is "due soon" in the last quarter of its window, so short and long stages warn alike. */
export const DUE_SOON_FRACTION = 0.25

export type WhistleDeadlines = { readonly acknowledgeBy: Instant; readonly arriveBy: Instant; readonly closeBy: Instant }

export function whistleDeadlines(whistledAt: Date | number, urgent: boolean): WhistleDeadlines {
  const t = toMs(whistledAt)
  const pace = urgent ? 'urgent' : 'normal'
  return {
    acknowledgeBy: t + WHISTLE_SLA.acknowledgeMs,
    arriveBy: t + WHISTLE_SLA.arriveMs[pace],
    closeBy: t + WHISTLE_SLA.closeMs[pace],
  }
}

export type WhistleClock = { readonly status: WhistleStatus; readonly urgent: boolean; readonly whistledAt: Instant }

/** The deadline of the stage now running, or null once closed (rating has no deadline). */
export function whistleDueAt(w: WhistleClock): Instant | null {
  const d = whistleDeadlines(w.whistledAt, w.urgent)
  const due: Record<WhistleStatus, Instant | null> = {
    whistled: d.acknowledgeBy,
    acknowledged: d.arriveBy,
    arrived: d.closeBy,
    closed: null,
    rated: null,
  }
  return due[w.status]
}

export const WHISTLE_SLA_STATE_IDS = ['ok', 'due-soon', 'breached'] as const
export type WhistleSlaState = (typeof WHISTLE_SLA_STATE_IDS)[number]
const SLA_STATE_TABLE: Record<WhistleSlaState, Label> = {
  ok: { name: '正常', nameEn: 'On time' },
  'due-soon': { name: '临期', nameEn: 'Due soon' },
  breached: { name: '超时', nameEn: 'Breached' },
}
export const WHISTLE_SLA_STATES: readonly Labelled<WhistleSlaState>[] = labelled(WHISTLE_SLA_STATE_IDS, SLA_STATE_TABLE)

/**
 * The state of the stage now running: breached 1 ms after its deadline, due-soon in the last
 * quarter of its window (measured from the whistle), ok otherwise and once closed.
 */
export function whistleSlaState(w: WhistleClock, now: Instant): WhistleSlaState {
  const due = whistleDueAt(w)
  if (due === null) return 'ok'
  if (isPast(due, now)) return 'breached'
  return due - now <= (due - w.whistledAt) * DUE_SOON_FRACTION ? 'due-soon' : 'ok'
}
