// Is what the wall shows still live? The event stream's state (the live store's `connected`, which drops on the
// EventSource's error) plus a health poll, which also catches a server that hangs without closing the stream. The
// wall is stale after STALE_AFTER_MS of either failing (a blip of a reconnect does not flash a banner), and live
// again as soon as the stream is back. While stale the poll runs every second, and once the API answers the stream
// is reopened at once from the last event id (rather than after the browser's own retry delay), so the banner
// clears within a couple of seconds of the server's return.
import { computed, onScopeDispose, ref, watch } from 'vue'
import { useLiveStore } from '../stores/live'

const POLL_MS = 5000
const POLL_STALE_MS = 1000
const POLL_TIMEOUT_MS = 4000
const STALE_AFTER_MS = 3000

export function useFreshness() {
  const live = useLiveStore()
  const healthy = ref(true)
  /** When the wall last knew its data was current: a stream event, the stream (re)opening, or a health answer while connected. */
  const freshAt = ref<number | null>(null)
  const troubleSince = ref<number | null>(null)
  const now = ref(Date.now())
  let controller: AbortController | null = null
  let pollTimer: ReturnType<typeof setTimeout> | null = null
  let disposed = false

  async function poll() {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    const timer = setTimeout(() => mine.abort(), POLL_TIMEOUT_MS)
    try {
      const res = await fetch('/api/health', { signal: mine.signal, cache: 'no-store' })
      healthy.value = res.ok
    } catch {
      healthy.value = false
    } finally {
      clearTimeout(timer)
    }
    if (healthy.value && live.connected) freshAt.value = Date.now()
    // The API answers but the stream is still down (for longer than a reconnect takes): reopen it now.
    if (healthy.value && !live.connected && troubleSince.value !== null && Date.now() - troubleSince.value > 2000) live.reconnect()
    if (!disposed) pollTimer = setTimeout(() => { void poll() }, troubleSince.value === null ? POLL_MS : POLL_STALE_MS)
  }

  const trouble = computed(() => !live.connected || !healthy.value)
  watch(trouble, (bad) => { troubleSince.value = bad ? Date.now() : null }, { immediate: true })
  watch(() => live.connected, (up) => { if (up) { healthy.value = true; freshAt.value = Date.now() } })
  watch(() => live.lastEventAt, (at) => { if (at) freshAt.value = at })

  pollTimer = setTimeout(() => { void poll() }, POLL_MS)
  const tick = setInterval(() => { now.value = Date.now() }, 500)
  onScopeDispose(() => { disposed = true; if (pollTimer) clearTimeout(pollTimer); clearInterval(tick); controller?.abort() })

  const stale = computed(() => troubleSince.value !== null && now.value - troubleSince.value >= STALE_AFTER_MS)
  return { stale, freshAt, connected: computed(() => live.connected) }
}
