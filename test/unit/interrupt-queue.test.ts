// The wall's one interrupt queue (web/src/wall/interrupt-queue.ts) on a fake clock: priority, arrival order among
// equals, one per key and per record, the minimum display time before a higher priority takes over, a burst
// bounded, and a hidden tab that stops the clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createInterruptQueue } from '../../web/src/wall/interrupt-queue'
import type { Interrupt } from '../../web/src/wall/interrupt-queue'

const SHOW = 15_000
const MIN = 5000

function setup(max = 4) {
  const log: string[] = []
  const q = createInterruptQueue<Interrupt>({
    showMs: SHOW, minMs: MIN, max,
    onShow: (i) => log.push(`show ${i.key}`),
    onDone: () => log.push('done'),
  })
  return { q, log }
}
const item = (key: string, priority = 10, record = key.split('#')[0]!) => ({ key, record, priority })

beforeEach(() => { vi.useFakeTimers() })
afterEach(() => { vi.useRealTimers() })

describe('the wall interrupt queue', () => {
  it('shows one at a time for its display time, then the next, then frees the screen', () => {
    const { q, log } = setup()
    q.push(item('a'))
    q.push(item('b'))
    expect(q.current?.key).toBe('a')
    expect(q.waiting).toBe(1)
    vi.advanceTimersByTime(SHOW - 1)
    expect(q.current?.key).toBe('a')
    vi.advanceTimersByTime(1)
    expect(q.current?.key).toBe('b')
    vi.advanceTimersByTime(SHOW)
    expect(q.current).toBeNull()
    expect(log).toEqual(['show a', 'show b', 'done'])
  })

  it('several together: the highest priority first, equals in arrival order', () => {
    const { q, log } = setup()
    q.push(item('low', 10))
    // The first took the screen at once; the rest wait and leave in order of priority, then arrival.
    q.push(item('mid1', 20))
    q.push(item('high', 30))
    q.push(item('mid2', 20))
    vi.advanceTimersByTime(SHOW * 10)
    expect(log).toEqual(['show low', 'show high', 'show mid1', 'show mid2', 'done'])
  })

  it('a higher priority takes over once the one shown has had its minimum time, not before', () => {
    const { q, log } = setup()
    q.push(item('low', 10))
    vi.advanceTimersByTime(1000)
    q.push(item('high', 30))
    expect(q.current?.key).toBe('low')
    vi.advanceTimersByTime(MIN - 1000 - 1)
    expect(q.current?.key).toBe('low')
    vi.advanceTimersByTime(1)
    expect(q.current?.key).toBe('high')
    // Past the minimum already: at once. The one cut short is done, not shown again.
    vi.advanceTimersByTime(MIN + 100)
    q.push(item('higher', 40))
    expect(q.current?.key).toBe('higher')
    vi.advanceTimersByTime(SHOW)
    expect(log).toEqual(['show low', 'show high', 'show higher', 'done'])
    // An equal or lower priority never cuts in.
    q.push(item('x', 20))
    vi.advanceTimersByTime(MIN + 1)
    q.push(item('y', 20))
    expect(q.current?.key).toBe('x')
  })

  it('once per key: what was seen, or marked seen at the start, does not interrupt again', () => {
    const { q, log } = setup()
    q.markSeen('old')
    expect(q.push(item('old'))).toBe(false)
    expect(q.push(item('a'))).toBe(true)
    vi.advanceTimersByTime(SHOW)
    expect(q.push(item('a'))).toBe(false)
    expect(log).toEqual(['show a', 'done'])
  })

  it('one per record: a newer one about a waiting record takes its place; about the record shown, updates the screen', () => {
    const { q, log } = setup()
    q.push(item('a'))
    q.push(item('b#1', 10))
    q.push(item('c'))
    // b's newer news replaces b#1 where it waits (before c), at the higher of the two priorities.
    q.push(item('b#2', 5))
    expect(q.waiting).toBe(2)
    // News about a, on screen: shown at once, with a fresh display time.
    vi.advanceTimersByTime(SHOW - 1000)
    q.push(item('a#2'))
    expect(q.current?.key).toBe('a#2')
    vi.advanceTimersByTime(SHOW - 1)
    expect(q.current?.key).toBe('a#2')
    vi.advanceTimersByTime(SHOW * 3)
    expect(log).toEqual(['show a', 'show a#2', 'show b#2', 'show c', 'done'])
  })

  it('a burst keeps only `max` waiting: the lowest priority, oldest first, is dropped', () => {
    const { q, log } = setup(2)
    q.push(item('shown', 10))
    q.push(item('l1', 10))
    q.push(item('h1', 30))
    q.push(item('l2', 10))
    expect(q.waiting).toBe(2)
    q.push(item('h2', 30))
    vi.advanceTimersByTime(MIN)
    vi.advanceTimersByTime(SHOW * 5)
    expect(log).toEqual(['show shown', 'show h1', 'show h2', 'done'])
  })

  it('held (a hidden tab), the clock stops and nothing new shows; released, it runs on from where it was', () => {
    const { q, log } = setup()
    q.push(item('a'))
    vi.advanceTimersByTime(10_000)
    q.hold(true)
    q.push(item('b', 30))
    vi.advanceTimersByTime(60_000)
    expect(q.current?.key).toBe('a')
    expect(log).toEqual(['show a'])
    q.hold(false)
    // a has had its minimum: b, of a higher priority, takes over at once.
    expect(q.current?.key).toBe('b')
    q.hold(true)
    q.hold(false)
    vi.advanceTimersByTime(SHOW)
    expect(log).toEqual(['show a', 'show b', 'done'])
    // Pushed while held with nothing shown: it waits for the release.
    q.hold(true)
    q.push(item('c'))
    expect(q.current).toBeNull()
    q.hold(false)
    expect(q.current?.key).toBe('c')
    vi.advanceTimersByTime(4000)
    q.hold(true)
    vi.advanceTimersByTime(100_000)
    q.hold(false)
    vi.advanceTimersByTime(SHOW - 4000 - 1)
    expect(q.current?.key).toBe('c')
    vi.advanceTimersByTime(1)
    expect(q.current).toBeNull()
  })
})
