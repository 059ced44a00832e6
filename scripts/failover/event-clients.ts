// Event-stream clients that behave as a browser's EventSource does: one socket each (as many browsers have), and
// when the stream ends or cannot be opened, a reconnect after a short pause that sends the last event id seen
// (Last-Event-ID), so the server replays what was missed. What each client saw is kept small enough for thousands:
// the last id, the holes in the ids it received (checked against the feed afterwards — ids are not dense, a rolled
// back write leaves one unused), every reconnect's duration; arrivals of incident.created go to whoever asks.
import { request } from 'node:http'
import type { ClientRequest } from 'node:http'
import { sseFrames } from '../sse-frames'

/** A browser's EventSource waits about this long before reconnecting (the stream sends no `retry:`). */
export const RECONNECT_MS = 500

export interface Hole { after: number; before: number }

export interface EventClient {
  /** The id the first `ready` said the stream started after; null until then. */
  startedAfter: number | null
  lastId: number
  /** Ranges of ids skipped between two events received (exclusive both ends). */
  holes: Hole[]
  /** Events received twice or out of order (the server should never send them). */
  repeated: number
  /** `reset` frames: the server could not replay what was missed. */
  resets: number
  /** Milliseconds from each loss of the stream to the next `ready`. */
  reconnects: number[]
  /** Answers other than 200 when (re)opening, by status ('error' for a refused or cut connection). */
  refusals: Map<string, number>
  /** A stream is open and has said `ready`. */
  live: boolean
}

export interface Fleet {
  clients: EventClient[]
  /** Resolves once every client has said `ready` once. */
  ready: Promise<void>
  close(): void
}

interface Options {
  headers: Record<string, string>
  reconnectMs?: number
  /** Called at each incident.created a client reads, with the incident's id and the time (performance clock). */
  onIncident?: (incidentId: number, at: number) => void
}

export function openFleet(url: string, count: number, options: Options): Fleet {
  const clients: EventClient[] = []
  const requests = new Set<ClientRequest>()
  let closed = false
  let readyCount = 0
  let allReady = () => {}
  const ready = new Promise<void>((resolve) => { allReady = resolve })

  const open = (client: EventClient, lostAt: number | null) => {
    if (closed) return
    const headers: Record<string, string> = { Accept: 'text/event-stream', ...options.headers }
    if (client.startedAfter !== null) headers['Last-Event-ID'] = String(client.lastId)
    let ended = false
    const again = () => {
      if (ended) return
      ended = true
      requests.delete(req)
      const at = client.live ? performance.now() : (lostAt ?? performance.now())
      client.live = false
      if (!closed) setTimeout(() => open(client, at), options.reconnectMs ?? RECONNECT_MS)
    }
    const req = request(`${url}/api/stream`, { agent: false, headers }, (res) => {
      if (res.statusCode !== 200) {
        const status = String(res.statusCode)
        client.refusals.set(status, (client.refusals.get(status) ?? 0) + 1)
        res.resume()
        res.on('end', again)
        res.on('error', again)
        return
      }
      let at = 0
      const read = sseFrames((frame) => {
        if (frame.comment) return
        const kind = frame.event
        const id = frame.id ?? NaN
        if (kind === 'ready') {
          if (client.startedAfter === null) {
            client.startedAfter = client.lastId = (JSON.parse(frame.data!) as { lastEventId: number }).lastEventId
            if (++readyCount === count) allReady()
          } else if (lostAt !== null) {
            client.reconnects.push(at - lostAt)
          }
          client.live = true
          return
        }
        if (kind === 'reset') { client.resets++; client.lastId = id; return }
        if (!Number.isFinite(id)) return
        if (id <= client.lastId) { client.repeated++; return }
        if (id > client.lastId + 1) client.holes.push({ after: client.lastId, before: id })
        client.lastId = id
        if (kind === 'incident.created' && options.onIncident) {
          const entity = (JSON.parse(frame.data!) as { id?: number; properties?: { id?: number } })
          const entityId = entity.id ?? entity.properties?.id
          if (entityId !== undefined) options.onIncident(entityId, at)
        }
      })
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        at = performance.now()
        read(chunk)
      })
      res.on('end', again)
      res.on('error', again)
      res.on('close', again)
    })
    req.on('error', () => {
      client.refusals.set('error', (client.refusals.get('error') ?? 0) + 1)
      again()
    })
    req.end()
    requests.add(req)
  }

  for (let i = 0; i < count; i++) {
    const client: EventClient = {
      startedAfter: null, lastId: 0, holes: [], repeated: 0, resets: 0, reconnects: [], refusals: new Map(), live: false,
    }
    clients.push(client)
    open(client, null)
  }
  return {
    clients,
    ready,
    close() {
      closed = true
      for (const req of requests) req.destroy()
      requests.clear()
    },
  }
}

/**
 * What the clients missed: ids in the feed (`feed`, ascending, every event after the earliest start) that fall in
 * a client's holes or after its last id. A hole the feed has no id in is no miss (an id a rolled-back write used).
 */
export function missedEvents(clients: readonly EventClient[], feed: readonly number[]): { missed: number; clientsMissing: number } {
  let missed = 0
  let clientsMissing = 0
  const countIn = (after: number, before: number) => lowerBound(feed, before) - lowerBound(feed, after + 1)
  for (const c of clients) {
    if (c.startedAfter === null) continue
    let mine = c.holes.reduce((n, h) => n + countIn(h.after, h.before), 0)
    mine += countIn(c.lastId, Number.MAX_SAFE_INTEGER)
    missed += mine
    if (mine) clientsMissing++
  }
  return { missed, clientsMissing }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}
