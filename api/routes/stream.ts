// GET /api/stream: server-sent events. A client that reconnects with Last-Event-ID (browsers do this on their
// own) first gets every event it missed from the log, then live ones; a heartbeat comment every 15 s keeps
// proxies from closing an idle connection. A gap too large to replay gets one `reset`: refetch everything.
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { EventBus } from '../services/event-bus'
import type { EventQueries, StoredEvent } from '../store/events'
import { badRequest } from '../errors'
import { reachHolds } from '../../domain/roles'
import { who } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'

const REPLAY_LIMIT = 2000
const HEARTBEAT_MS = 15_000

export function streamRoutes(bus: EventBus, log: EventQueries) {
  return new Hono<AuthEnv>().get('/', (c) => {
    // The one place where scoping filters rather than refuses: a stream has no scope parameter to be outside of —
    // the client asks for "the events I may see", and gets exactly those: a township officer or a township wall
    // the events of their township, a grid worker those of their grids (township-level events, whistle calls, are
    // not theirs), the county everything. Nothing is counted, so nothing about other townships leaks; only event
    // ids skip, which say no more than that something happened somewhere.
    const { reach } = who(c)
    const mine = (ev: StoredEvent) => reachHolds(reach, ev)
    const raw = c.req.header('Last-Event-ID') ?? c.req.query('lastEventId')
    if (raw !== undefined && !/^\d{1,15}$/.test(raw)) throw badRequest(`Last-Event-ID "${raw}" is not an event id (a whole number)`)
    const since = raw === undefined ? bus.lastId : Number(raw)

    return streamSSE(c, async (stream) => {
      const queue: StoredEvent[] = []
      let wake: (() => void) | null = null
      const unsubscribe = bus.subscribe((ev) => { if (mine(ev)) { queue.push(ev); wake?.() } })
      stream.onAbort(() => { unsubscribe(); wake?.() })

      const send = (ev: StoredEvent) => stream.writeSSE({ id: String(ev.id), event: ev.kind, data: ev.payload })
      const missed = log.after(since, REPLAY_LIMIT + 1)
      let sent = since
      if (missed.length > REPLAY_LIMIT) {
        await stream.writeSSE({ id: String(bus.lastId), event: 'reset', data: JSON.stringify({ reason: 'too many missed events; refetch' }) })
        sent = bus.lastId
      } else {
        for (const ev of missed) { if (mine(ev)) await send(ev); sent = ev.id }
      }
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ lastEventId: sent }) })

      const heartbeat = setInterval(() => { void stream.write(': heartbeat\n\n') }, HEARTBEAT_MS)
      try {
        while (!stream.aborted) {
          while (queue.length) {
            const ev = queue.shift()!
            if (ev.id > sent) { await send(ev); sent = ev.id }
          }
          await new Promise<void>((resolve) => { wake = resolve })
          wake = null
        }
      } finally {
        clearInterval(heartbeat)
        unsubscribe()
      }
    })
  })
}
