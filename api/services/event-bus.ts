// Fans committed events out to live subscribers (the SSE stream). Writers call `notify()` after their
// transaction commits; the bus reads what is new from the log and delivers it in id order, so no subscriber ever
// sees an event whose change was rolled back.
import type { EventQueries, StoredEvent } from '../store/events'

/** One committed event, as the log keeps it and the bus delivers it. */
export type { StoredEvent }

export type Subscriber = (event: StoredEvent) => void

const PAGE = 500

export class EventBus {
  private readonly subscribers = new Set<Subscriber>()
  private delivered: number

  constructor(private readonly log: EventQueries) {
    this.delivered = log.lastId()
  }

  subscribe(fn: Subscriber): () => void {
    this.subscribers.add(fn)
    return () => this.subscribers.delete(fn)
  }

  get size() {
    return this.subscribers.size
  }

  get lastId() {
    return this.delivered
  }

  /** Up to `limit` committed events after `since`, in id order: what a reconnecting client missed. */
  after(since: number, limit: number): StoredEvent[] {
    return this.log.after(since, limit)
  }

  notify() {
    for (;;) {
      const batch = this.log.after(this.delivered, PAGE)
      for (const ev of batch) {
        this.delivered = ev.id
        for (const fn of this.subscribers) fn(ev)
      }
      // A short page was the end of the log: no need to ask again (this runs after every commit).
      if (batch.length < PAGE) return
    }
  }
}
