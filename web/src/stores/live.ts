// The server's event stream (/api/stream). Panels watch `revision` to refetch after changes; the map takes the
// features of incident/dispute/whistle events and updates its sources incrementally. Every kind in LIVE_EVENT_KINDS
// is listened for and bumps the revision: `incident.supervised` (a 督办) refetches the lists and figures like any
// update, and the map takes it as one (`asIncidentUpdate`); the wall's ticker reads its supervision as well.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { LIVE_EVENT_KINDS, STREAM_READY, STREAM_RESET } from '../../../domain/live-events'
import { stillSignedIn } from '../api/client'

/** Figures refresh at most this often under a stream of events; the map itself patches each event at once. */
export const REFRESH_MS = 5000

export interface LiveEvent { id: number; kind: string; data: unknown }

/**
 * An incident event as the map and lists take it: a 督办 (`incident.supervised`) is an update of the record, whose
 * feature is the record's without the `supervision` (its note is free text, and the map draws status and severity).
 */
export function asIncidentUpdate(e: LiveEvent): LiveEvent {
  if (e.kind !== 'incident.supervised') return e
  const f = e.data as { properties?: Record<string, unknown> } | null
  if (!f?.properties) return { ...e, kind: 'incident.updated' }
  const properties = { ...f.properties }
  delete properties.supervision
  return { ...e, kind: 'incident.updated', data: { ...f, properties } }
}

export const useLiveStore = defineStore('live', () => {
  const connected = ref(false)
  const lastEventAt = ref<number | null>(null)
  /** Bumped after events that change figures, at most once every REFRESH_MS: each bump refetches a dozen metrics. */
  const revision = ref(0)
  const listeners = new Set<(e: LiveEvent) => void>()
  let source: EventSource | null = null
  let bumpTimer: ReturnType<typeof setTimeout> | null = null

  function bump() {
    if (bumpTimer) return
    // While the stream is down the refetch would fail and put every panel in its error state: the reconnection's
    // own bump (see 'open') refetches instead.
    bumpTimer = setTimeout(() => { bumpTimer = null; if (connected.value) revision.value++ }, REFRESH_MS)
  }

  /** The last event id seen (or announced by `ready`), for a reconnect the browser gives up on. */
  let lastId: number | null = null
  let lost = false

  function connect() {
    if (source) return
    // EventSource reconnects by itself and sends Last-Event-ID, so the server replays what we missed.
    const es = new EventSource(lastId === null ? '/api/stream' : `/api/stream?lastEventId=${lastId}`)
    source = es
    es.addEventListener('open', () => {
      connected.value = true
      // Requests that failed while the server was away (panels in their error state) are made again.
      if (lost) { lost = false; revision.value++ }
    })
    es.addEventListener('error', () => {
      connected.value = false
      lost = true
      // A network error makes the browser retry; an HTTP error closes the source for good. A 401 (the session was
      // ended, the wall's token revoked: the server ends the stream, the browser reconnects and is refused) goes to
      // the sign-in screen, or the wall's token re-exchange, which connect again; anything else (a proxy's 502)
      // opens a new source, resuming from the last id by query (a new EventSource cannot send Last-Event-ID).
      if (es.readyState === EventSource.CLOSED && source === es) {
        source = null
        void stillSignedIn().catch(() => true).then((retry) => { if (retry) setTimeout(connect, 5000) })
      }
    })
    es.addEventListener(STREAM_READY, (e) => {
      connected.value = true
      const id = (JSON.parse((e as MessageEvent<string>).data) as { lastEventId?: unknown }).lastEventId
      if (typeof id === 'number') lastId = id
    })
    es.addEventListener(STREAM_RESET, () => { revision.value++ })
    for (const kind of LIVE_EVENT_KINDS) {
      es.addEventListener(kind, (e) => {
        const msg = e as MessageEvent<string>
        const event: LiveEvent = { id: Number(msg.lastEventId), kind, data: JSON.parse(msg.data) }
        if (Number.isFinite(event.id)) lastId = event.id
        lastEventAt.value = Date.now()
        for (const fn of listeners) fn(event)
        bump()
      })
    }
  }

  /** Opens the stream again at once (the browser's own retry waits about 3 s), resuming from the last id seen. */
  function reconnect() {
    if (connected.value) return
    source?.close()
    source = null
    connect()
  }

  function onEvent(fn: (e: LiveEvent) => void) {
    listeners.add(fn)
    return () => listeners.delete(fn)
  }

  return { connected, lastEventAt, revision, connect, reconnect, onEvent }
})
