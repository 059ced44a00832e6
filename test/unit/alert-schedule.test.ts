// The alert schedule as data: a full evaluation at once and every period (never stacked behind a slow one), an
// incremental one for the grids reported in, a moment after a burst of reports, and nothing after stop.
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import type { AlertEvaluator } from '../../api/services/alerts/evaluate'
import { startAlertSchedule } from '../../api/services/alerts/schedule'
import type { EventBus, StoredEvent } from '../../api/services/event-bus'

beforeEach(() => { vi.useFakeTimers() })
afterEach(() => { vi.useRealTimers() })

function fakes(fullMs = 0) {
  const calls: string[] = []
  const subscribers = new Set<(e: StoredEvent) => void>()
  const report = (mode: 'full' | 'incremental') => ({ at: 0, mode, ms: 0, rules: {}, cleared: 0 })
  const evaluator = {
    full: vi.fn(async () => { calls.push('full'); await new Promise((r) => setTimeout(r, fullMs)); return report('full') }),
    incremental: vi.fn(async (_: number, grids: readonly string[]) => { calls.push(`incremental ${[...grids].sort().join(',')}`); return report('incremental') }),
  } as unknown as AlertEvaluator
  const bus = { subscribe: (fn: (e: StoredEvent) => void) => { subscribers.add(fn); return () => subscribers.delete(fn) } } as unknown as EventBus
  const emit = (kind: string, grid: string | null) => {
    for (const fn of subscribers) fn({ id: 1, at: 0, kind, entityId: 1, township: null, grid, department: null, payload: '{}' })
  }
  return { calls, evaluator, bus, emit, subscribers }
}

test('a full evaluation at once and every minute; an incremental one 2 s after reports, for their grids only', async () => {
  const f = fakes()
  const stop = startAlertSchedule({ evaluator: f.evaluator, bus: f.bus, now: () => 0 })
  await vi.advanceTimersByTimeAsync(0)
  expect(f.calls).toEqual(['full'])
  f.emit('incident.created', 'g1')
  f.emit('incident.updated', 'g9')
  f.emit('alert.raised', 'g8')
  f.emit('incident.created', 'g2')
  f.emit('incident.created', 'g1')
  await vi.advanceTimersByTimeAsync(1_999)
  expect(f.calls).toEqual(['full'])
  await vi.advanceTimersByTimeAsync(1)
  expect(f.calls).toEqual(['full', 'incremental g1,g2'])
  await vi.advanceTimersByTimeAsync(60_000)
  expect(f.calls).toEqual(['full', 'incremental g1,g2', 'full'])
  stop()
  f.emit('incident.created', 'g3')
  await vi.advanceTimersByTimeAsync(120_000)
  expect(f.calls).toEqual(['full', 'incremental g1,g2', 'full'])
  expect(f.subscribers.size).toBe(0)
})

test('a full evaluation slower than the period is not stacked behind itself', async () => {
  const f = fakes(150_000)
  const stop = startAlertSchedule({ evaluator: f.evaluator, bus: f.bus, now: () => 0 })
  await vi.advanceTimersByTimeAsync(180_000)
  // Started at 0, still running at 60 s and 120 s (skipped), done at 150 s, the next at 180 s.
  expect(f.calls).toEqual(['full', 'full'])
  stop()
})
