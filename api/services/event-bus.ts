// Fans committed events out to live subscribers (the SSE stream). Writers call `notify()` after their
// transaction commits; the bus reads what is new from the log and delivers it in id order, so no subscriber ever
// sees an event whose change was rolled back. Reads of the log are asynchronous: one drain runs at a time, and a
// notify that arrives meanwhile makes it read once more, so every event is delivered once and in order.
import type { EventQueries, StoredEvent } from '../store/events'

/** One committed event, as the log keeps it and the bus delivers it. */
export type { StoredEvent }

export type Subscriber = (event: StoredEvent) => void

const PAGE = 500

export class EventBus {
  private readonly subscribers = new Set<Subscriber>()
  private draining: Promise<void> | null = null
  private again = false

  private constructor(private readonly log: EventQueries, private delivered: number) {}

  /** A bus that delivers what is committed from now on. */
  static async open(log: EventQueries): Promise<EventBus> {
    return new EventBus(log, await log.lastId())
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
  after(since: number, limit: number): Promise<StoredEvent[]> {
    return this.log.after(since, limit)
  }

  /** Something was committed: deliver what is new. Resolves once it (and anything since) has been delivered. */
  notify(): Promise<void> {
    if (this.draining) {
      this.again = true
      return this.draining
    }
    this.draining = this.drain().finally(() => { this.draining = null })
    return this.draining
  }

  private async drain() {
    do {
      this.again = false
      for (;;) {
        let batch: StoredEvent[]
        try {
          batch = await this.log.after(this.delivered, PAGE)
        } catch (err) {
          // The database is unreachable for a moment: the next commit's notify reads on from the same place.
          console.error('event bus: reading the change feed failed', err)
          return
        }
        for (const ev of batch) {
          this.delivered = ev.id
          for (const fn of this.subscribers) fn(ev)
        }
        // A short page was the end of the log: no need to ask again (this runs after every commit).
        if (batch.length < PAGE) break
      }
    } while (this.again)
  }
}
