// Is what the wall shows still live? The event stream's state (the live store's `connected`, which drops on the
// EventSource's error) plus a health poll every 5 s, which also catches a server that hangs without closing the
// stream. The wall is stale after STALE_AFTER_MS of either failing (a blip of a reconnect does not flash a
// banner), and live again as soon as the stream is back: the stream resumes from Last-Event-ID by itself.
import { computed, onScopeDispose, ref, watch } from 'vue'
import { useLiveStore } from '../stores/live'

const POLL_MS = 5000
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
  }

  const trouble = computed(() => !live.connected || !healthy.value)
  watch(trouble, (bad) => { troubleSince.value = bad ? Date.now() : null }, { immediate: true })
  watch(() => live.connected, (up) => { if (up) { healthy.value = true; freshAt.value = Date.now() } })
  watch(() => live.lastEventAt, (at) => { if (at) freshAt.value = at })

  const pollTimer = setInterval(() => { void poll() }, POLL_MS)
  const tick = setInterval(() => { now.value = Date.now() }, 500)
  onScopeDispose(() => { clearInterval(pollTimer); clearInterval(tick); controller?.abort() })

  const stale = computed(() => troubleSince.value !== null && now.value - troubleSince.value >= STALE_AFTER_MS)
  return { stale, freshAt, connected: computed(() => live.connected) }
}
