// The wall's one interrupt queue: whatever takes the screen from the tour (an urgent record, a county 督办, later a
// warning or an alert) goes through here, so two interruptions never fight over the map and the banner.
//
// The rules, each for a reason an operator would give:
// - Priority: the highest waiting goes next; equals go in arrival order. A new danger is worth more than an
//   escalation, which is worth more than a clock running out (the kinds set their numbers, see urgent.ts).
// - Once per key: an interruption that has been seen does not come back (a replay after an outage, a poll).
// - One per record: a record waits at most once: a newer interruption about it takes the older one's place (it
//   says more), and one about the record on screen updates the screen, with a fresh display time.
// - Display time: each holds the screen for `showMs`; a higher priority arriving meanwhile takes over once the
//   one shown has had `minMs` (long enough to be read from across the room), not before. What it cut short is done.
// - A burst (several together, the replay of a night) keeps only `max` waiting: the lowest priority, oldest first,
//   is dropped, so the tour is never held for long. Dropped ones are still in the ticker.
// - `hold` (a hidden tab) stops the clock: nothing new is shown and the one shown keeps what it had left.

export interface Interrupt {
  /** What makes it news: the same key never interrupts twice. */
  key: string
  /** The record it is about ('incident:7'): at most one per record waits or shows. */
  record: string
  /** Higher goes first and may cut a lower one short after its minimum time. */
  priority: number
}

export interface InterruptQueueOptions<T extends Interrupt> {
  showMs: number
  minMs: number
  /** How many may wait. */
  max: number
  /** How many keys are remembered (oldest forgotten first). */
  remember?: number
  /** Takes the screen for `item` (called again for each next one, without onDone between). */
  onShow: (item: T) => void
  /** The screen is free again: nothing shows and nothing waits. */
  onDone: () => void
  /** After every change of what shows or waits (for reactive state). */
  onChange?: () => void
}

export interface InterruptQueue<T extends Interrupt> {
  /** Queues it (or updates the screen); false when it was seen before. */
  push(item: T): boolean
  /** Remembers a key without showing it: what was already so when the wall started is not news. */
  markSeen(key: string): void
  hold(on: boolean): void
  readonly current: T | null
  readonly waiting: number
  dispose(): void
}

export function createInterruptQueue<T extends Interrupt>(o: InterruptQueueOptions<T>): InterruptQueue<T> {
  const rememberMax = o.remember ?? 2000
  const seen = new Set<string>()
  const queue: T[] = []
  let current: T | null = null
  /** When the one shown started and ends (epoch ms) while the clock runs; while held, what was left of each. */
  let shownAt = 0
  let endsAt = 0
  let left = 0
  let shownFor = 0
  let held = false
  let timer: ReturnType<typeof setTimeout> | null = null

  function remember(key: string) {
    seen.add(key)
    // A Set iterates in insertion order: forget the oldest keys.
    if (seen.size > rememberMax) for (const k of seen) { seen.delete(k); if (seen.size <= rememberMax) break }
  }

  function runClock(ms: number) {
    if (timer) clearTimeout(timer)
    endsAt = Date.now() + ms
    timer = setTimeout(finish, ms)
  }

  /** Highest priority; among equals the earliest (`sign` 1), or for dropping, lowest and earliest (`sign` -1). */
  function pick(sign: 1 | -1): number {
    let at = -1
    for (let i = 0; i < queue.length; i++) if (at < 0 || sign * (queue[i]!.priority - queue[at]!.priority) > 0) at = i
    return at
  }

  function show(item: T) {
    current = item
    shownAt = Date.now()
    runClock(o.showMs)
    o.onShow(item)
  }

  /** Shows the best one waiting; false when none waits. */
  function next() {
    const i = pick(1)
    if (i < 0) return false
    show(queue.splice(i, 1)[0]!)
    return true
  }

  function finish() {
    timer = null
    current = null
    if (!next()) o.onDone()
    o.onChange?.()
  }

  /** A higher priority waiting cuts the one shown short, once that one has had its minimum time. */
  function considerPreempting() {
    if (!current || held) return
    const i = pick(1)
    if (i < 0 || queue[i]!.priority <= current.priority) return
    const minEnd = shownAt + o.minMs
    if (minEnd <= Date.now()) next()
    // At the end of its minimum, `finish` shows the best one waiting.
    else if (minEnd < endsAt) runClock(minEnd - Date.now())
  }

  return {
    push(item) {
      if (seen.has(item.key)) return false
      remember(item.key)
      if (current?.record === item.record) {
        // News about the record on screen: the screen says the newer thing, for long enough to read it.
        if (held) { current = item; left = o.showMs; shownFor = 0; o.onShow(item) } else show(item)
      } else {
        const same = queue.findIndex((q) => q.record === item.record)
        if (same >= 0) queue[same] = { ...item, priority: Math.max(item.priority, queue[same]!.priority) }
        else {
          queue.push(item)
          if (queue.length > o.max) queue.splice(pick(-1), 1)
        }
        if (!current && !held) next()
        else considerPreempting()
      }
      o.onChange?.()
      return true
    },
    markSeen: remember,
    hold(on) {
      if (on === held) return
      held = on
      if (on) {
        if (timer) {
          clearTimeout(timer)
          timer = null
          left = Math.max(0, endsAt - Date.now())
          shownFor = Date.now() - shownAt
        }
        return
      }
      // The clock runs on from where it stopped; a higher priority that came meanwhile may take over.
      if (current) {
        shownAt = Date.now() - shownFor
        runClock(left)
        considerPreempting()
      } else next()
      o.onChange?.()
    },
    get current() { return current },
    get waiting() { return queue.length },
    dispose() { if (timer) clearTimeout(timer); timer = null },
  }
}
