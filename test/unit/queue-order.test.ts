// A department queue's rules (domain/queue.ts): when an item is due soon, and the order of the items.
import { expect, test } from 'vitest'
import { compareQueueItems, isDueSoon } from '../../domain/queue'
import type { QueueOrderKey } from '../../domain/queue'

const HOUR = 3_600_000

test('due soon: the last quarter of the window, up to and including the deadline; never once past it', () => {
  const start = 0
  const due = 8 * HOUR
  expect(isDueSoon(start, due, 5 * HOUR)).toBe(false)
  expect(isDueSoon(start, due, 6 * HOUR)).toBe(true) // 2 h of 8 left: exactly a quarter
  expect(isDueSoon(start, due, due)).toBe(true)
  expect(isDueSoon(start, due, due + 1)).toBe(false)
})

test('overdue first (the longest overdue first), then the soonest deadline; ties by kind then id', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 11, 7) + h * HOUR).toISOString()
  const items: QueueOrderKey[] = [
    { kind: 'incident', id: 5, overdue: false, dueAt: at(5) },
    { kind: 'whistle', id: 2, overdue: true, dueAt: at(-1) },
    { kind: 'incident', id: 9, overdue: true, dueAt: at(-3) },
    { kind: 'whistle', id: 1, overdue: false, dueAt: at(1) },
    { kind: 'incident', id: 4, overdue: false, dueAt: at(1) },
    { kind: 'incident', id: 3, overdue: false, dueAt: at(1) },
    { kind: 'incident', id: 7, overdue: false, dueAt: null },
  ]
  expect([...items].sort(compareQueueItems).map((i) => `${i.kind} ${i.id}`)).toEqual([
    'incident 9', 'whistle 2', 'incident 3', 'incident 4', 'whistle 1', 'incident 5', 'incident 7',
  ])
})
