// The queue's order and figures on the client's clock: the server sorts and counts at the moment it answers, and
// between answers the countdowns run on, so an item whose deadline passes turns overdue here at once (and moves
// nothing: the order by deadline does not change as time passes).
import type { QueueCounts, QueueItem } from './queue-item'

const dueMs = (item: QueueItem) => (item.dueAt === null ? null : Date.parse(item.dueAt))

/** Milliseconds until the deadline (negative past it), or null for an item without one. */
export function timeLeft(item: QueueItem, now: number): number | null {
  const due = dueMs(item)
  return due === null ? null : due - now
}

/** Overdue 1 ms after its deadline, as domain/time.ts isPast; the server's flag holds until a new answer. */
export function isOverdue(item: QueueItem, now: number): boolean {
  const left = timeLeft(item, now)
  return item.overdue || (left !== null && left < 0)
}

/**
 * Due soon as the server judged it (the last quarter of the stage's window, which needs the window's start the
 * answer does not carry), and not once it is overdue: an item counts in one of the two, never both.
 */
export const isDueSoon = (item: QueueItem, now: number) => item.dueSoon && !isOverdue(item, now)

/**
 * By time left: the most overdue first, then the soonest due, items without a deadline last; equal deadlines by
 * kind (incidents first) and id, so the order never flickers between two answers.
 */
export function sortQueue(items: readonly QueueItem[]): QueueItem[] {
  return [...items].sort((a, b) => {
    const da = dueMs(a)
    const db = dueMs(b)
    if (da !== db) {
      if (da === null) return 1
      if (db === null) return -1
      return da - db
    }
    if (a.kind !== b.kind) return a.kind === 'incident' ? -1 : 1
    return a.id - b.id
  })
}

export function countQueue(items: readonly QueueItem[], now: number): QueueCounts {
  let overdue = 0
  let dueSoon = 0
  for (const item of items) {
    if (isOverdue(item, now)) overdue++
    else if (isDueSoon(item, now)) dueSoon++
  }
  return { open: items.length, dueSoon, overdue }
}

export type Urgency = 'overdue' | 'due-soon' | 'ok' | 'none'

export function urgencyOf(item: QueueItem, now: number): Urgency {
  if (isOverdue(item, now)) return 'overdue'
  if (isDueSoon(item, now)) return 'due-soon'
  return item.dueAt === null ? 'none' : 'ok'
}
