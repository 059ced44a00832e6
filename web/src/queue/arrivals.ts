// Which items are new to the clerk: keys in this answer that were not in the previous one. The first answer is
// the baseline (what was waiting when the page opened is not an arrival); an item that left and comes back (sent
// back, then dispatched again) arrives again.
import type { QueueItem } from './queue-item'
import { itemKey } from './queue-item'

export interface Arrivals {
  /** Takes the latest answer's items; returns the keys that arrived since the previous one. */
  next(items: readonly QueueItem[]): string[]
}

export function trackArrivals(): Arrivals {
  let previous: Set<string> | null = null
  return {
    next(items) {
      const keys = new Set(items.map(itemKey))
      const arrived = previous === null ? [] : [...keys].filter((k) => !previous!.has(k))
      previous = keys
      return arrived
    },
  }
}
