// The server's event stream (/api/stream). Panels watch `revision` to refetch after changes; the map takes the
// features of incident/dispute/whistle events and updates its sources incrementally.
import { defineStore } from 'pinia'
import { ref } from 'vue'

/** Figures refresh at most this often under a stream of events; the map itself patches each event at once. */
export const REFRESH_MS = 5000

export interface LiveEvent { id: number; kind: string; data: unknown }

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
    bumpTimer = setTimeout(() => { bumpTimer = null; revision.value++ }, REFRESH_MS)
  }

  function connect() {
    if (source) return
    // EventSource reconnects by itself and sends Last-Event-ID, so the server replays what we missed.
    source = new EventSource('/api/stream')
    source.addEventListener('open', () => { connected.value = true })
    source.addEventListener('error', () => { connected.value = false })
    source.addEventListener('ready', () => { connected.value = true })
    source.addEventListener('reset', () => { revision.value++ })
    for (const kind of ['incident.created', 'incident.updated', 'dispute.created', 'dispute.updated', 'whistle.created', 'whistle.updated', 'site.updated']) {
      source.addEventListener(kind, (e) => {
        const msg = e as MessageEvent<string>
        const event: LiveEvent = { id: Number(msg.lastEventId), kind, data: JSON.parse(msg.data) }
        lastEventAt.value = Date.now()
        for (const fn of listeners) fn(event)
        bump()
      })
    }
  }

  function onEvent(fn: (e: LiveEvent) => void) {
    listeners.add(fn)
    return () => listeners.delete(fn)
  }

  return { connected, lastEventAt, revision, connect, onEvent }
})
