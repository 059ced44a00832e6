// A county department's queue (GET /api/queue): the open incidents assigned to it and the open whistle calls to it,
// most pressing first. The rules both the API and the web apply: when an item is "due soon", and the order.
import { DUE_SOON_FRACTION } from './whistle'
import type { Instant } from './time'
import { isPast } from './time'

export const QUEUE_ITEM_KINDS = ['incident', 'whistle'] as const
export type QueueItemKind = (typeof QUEUE_ITEM_KINDS)[number]

/**
 * Due soon: not yet past its deadline and in the last DUE_SOON_FRACTION of the stage's window, which runs from
 * `startAt` (an incident's report, a whistle's call: both deadlines of each run from there) to `dueAt`. The same
 * fraction as the whistle calls' SLA state, so an incident and a call warn alike.
 */
export function isDueSoon(startAt: Instant, dueAt: Instant, now: Instant): boolean {
  return !isPast(dueAt, now) && dueAt - now <= (dueAt - startAt) * DUE_SOON_FRACTION
}

/** What the order reads of an item. */
export interface QueueOrderKey { kind: QueueItemKind; id: number; overdue: boolean; dueAt: string | null }

/**
 * Overdue first, then by time left (the soonest deadline first; overdue ones, longest overdue first), then incidents
 * before calls and by id, so the order is total and the same on every refresh.
 */
export function compareQueueItems(a: QueueOrderKey, b: QueueOrderKey): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1
  const due = (x: QueueOrderKey) => (x.dueAt === null ? Number.POSITIVE_INFINITY : Date.parse(x.dueAt))
  return due(a) - due(b) || QUEUE_ITEM_KINDS.indexOf(a.kind) - QUEUE_ITEM_KINDS.indexOf(b.kind) || a.id - b.id
}
