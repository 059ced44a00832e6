// GET /api/stream: server-sent events. A client that reconnects with Last-Event-ID (browsers do this on their
// own) first gets every event it missed from the log, then live ones; a heartbeat comment every 15 s keeps
// proxies from closing an idle connection. A gap too large to replay gets one `reset`: refetch everything.
//
// Each connection is a ReadableStream the bus pushes pre-encoded frames into, synchronously, as the commit is
// fanned out: no per-client async loop, no per-client encoding (a Hono streamSSE writer costs several promise
// hops and a TextEncoder pass per client per event, which made the 1,000th client wait ~10× the 10th). A client
// that stops reading is dropped once MAX_BUFFERED bytes wait for it; its EventSource reconnects with
// Last-Event-ID and replays from the log, so a slow screen costs memory up to a bound and loses nothing.
//
// A stream lasts no longer than what proved it: each is filed in the open-streams registry
// (api/auth/open-streams.ts), which ends it when its session is signed out or expires, its account is disabled or
// its token revoked. The body then simply ends; the browser reconnects, gets a 401, and the page signs in again.
import { Hono } from 'hono'
import type { EventBus, StoredEvent } from '../services/event-bus'
import { badRequest } from '../errors'
import { STREAM_READY, STREAM_RESET } from '../../domain/live-events'
import { reachHolds } from '../../domain/roles'
import { who } from '../auth/policy'
import type { OpenStreams } from '../auth/open-streams'
import type { AuthEnv } from '../auth/principal'
import { HEARTBEAT_FRAME, eventFrame, sseFrame } from '../http/sse-frame'

const REPLAY_LIMIT = 2000
const HEARTBEAT_MS = 15_000
/** Bytes queued for one client before it is dropped (a few thousand events: a screen stalled for minutes). */
export const MAX_BUFFERED = 4 * 1024 * 1024

export function streamRoutes(bus: EventBus, streams: OpenStreams) {
  return new Hono<AuthEnv>().get('/', (c) => {
    // The one place where scoping filters rather than refuses: a stream has no scope parameter to be outside of —
    // the client asks for "the events I may see", and gets exactly those: a township officer or a township wall
    // the events of their township, a grid worker those of their grids (township-level events, whistle calls, are
    // not theirs), a county department those of the incidents assigned to it and the whistle calls to it (the
    // event's department column, written with it), the county everything. Nothing is counted, so nothing about other townships leaks; only event
    // ids skip, which say no more than that something happened somewhere.
    const principal = who(c)
    const { reach } = principal
    const sessionHash = c.get('sessionHash') ?? null
    const mine = (ev: StoredEvent) => reachHolds(reach, ev)
    const raw = c.req.header('Last-Event-ID') ?? c.req.query('lastEventId')
    if (raw !== undefined && !/^\d{1,15}$/.test(raw)) throw badRequest(`Last-Event-ID "${raw}" is not an event id (a whole number)`)
    const since = raw === undefined ? bus.lastId : Number(raw)

    let stop = () => {}
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        let open = true
        let heartbeat: ReturnType<typeof setInterval> | undefined
        let unsubscribe = () => {}
        let forget = () => {}
        stop = () => {
          if (!open) return
          open = false
          clearInterval(heartbeat)
          unsubscribe()
          forget()
        }
        /** The server ends the stream: what is queued is still sent, then the body ends. */
        const end = () => {
          if (!open) return
          stop()
          controller.close()
        }
        const push = (frame: Uint8Array) => {
          if (!open) return
          // desiredSize is minus the bytes queued (ByteLengthQueuingStrategy, high-water mark 0).
          if ((controller.desiredSize ?? 0) < -MAX_BUFFERED) { end(); return }
          controller.enqueue(frame)
        }
        // Subscribe first, holding what arrives, then replay from the log: an event committed while the replay
        // is read is in the log, or in the held ones, or both (the ids tell), so none falls between the two.
        let sent = since
        let held: StoredEvent[] | null = []
        const deliver = (ev: StoredEvent) => {
          if (ev.id <= sent) return
          sent = ev.id
          if (mine(ev)) push(eventFrame(ev))
        }
        unsubscribe = bus.subscribe((ev) => { if (held) held.push(ev); else deliver(ev) })
        const missed = await bus.after(since, REPLAY_LIMIT + 1)
        if (missed.length > REPLAY_LIMIT) {
          sent = bus.lastId
          push(sseFrame(STREAM_RESET, JSON.stringify({ reason: 'too many missed events; refetch' }), sent))
        } else {
          for (const ev of missed) { if (mine(ev)) push(eventFrame(ev)); sent = ev.id }
        }
        for (const ev of held) deliver(ev)
        held = null
        push(sseFrame(STREAM_READY, JSON.stringify({ lastEventId: sent })))
        // Dropped while replaying (more than MAX_BUFFERED of it), or gone meanwhile: nothing to time or file.
        if (!open) return
        heartbeat = setInterval(() => push(HEARTBEAT_FRAME), HEARTBEAT_MS)
        forget = streams.add({ principal, sessionHash, close: end })
      },
      // The client went away (the server cancels the body when the socket closes).
      cancel() { stop() },
    }, new ByteLengthQueuingStrategy({ highWaterMark: 0 }))

    return c.body(body, 200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    })
  })
}
