// Fans committed events out to live subscribers (the SSE stream). Writers call `notify()` after their
// transaction commits; the bus reads what is new from the log and delivers it in id order, so no subscriber ever
// sees an event whose change was rolled back.
import type { EventQueries, StoredEvent } from '../store/events'

export type Subscriber = (event: StoredEvent) => void

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

  notify() {
    for (;;) {
      const batch = this.log.after(this.delivered, 500)
      if (batch.length === 0) return
      for (const ev of batch) {
        this.delivered = ev.id
        for (const fn of this.subscribers) fn(ev)
      }
    }
  }
}
