// Urgent records take the screen in turn: each one found on the stream (or, for whistle calls that simply ran past
// their SLA without an event, by a poll) is queued, shown for `bannerMs` (time in a hidden tab does not count),
// then the next; when none is left the tour resumes. A record interrupts once per reason (see urgent.ts); a short queue keeps a burst, e.g. the replay
// after an outage, from holding the tour for ever: only the newest few wait.
import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { Ref } from 'vue'
import { getJson } from '../api/client'
import { useLiveStore } from '../stores/live'
import type { Urgent } from './urgent'
import { recordFromEvent, recordFromFeature, urgentOf } from './urgent'

const QUEUE_MAX = 4
const REMEMBER_MAX = 2000
const WHISTLE_POLL_MS = 30_000

interface Options {
  bannerMs: number
  /** While true (a hidden tab) nothing new is shown and the banner's clock stops: nobody is watching. */
  hold: Ref<boolean>
  /** Whether to poll (not while the API is down). */
  online: Ref<boolean>
  onShow: (u: Urgent) => void
  onDone: () => void
}

export function useUrgent({ bannerMs, hold, online, onShow, onDone }: Options) {
  const live = useLiveStore()
  const current = shallowRef<Urgent | null>(null)
  const waiting = ref(0)
  const queue: Urgent[] = []
  const seen = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | null = null
  /** When the banner shown ends, and what is left of it while held. */
  let endsAt = 0
  let left = 0

  function remember(key: string) {
    seen.add(key)
    // A Set iterates in insertion order: forget the oldest keys.
    if (seen.size > REMEMBER_MAX) for (const k of seen) { seen.delete(k); if (seen.size <= REMEMBER_MAX) break }
  }

  function push(u: Urgent) {
    if (seen.has(u.key)) return
    remember(u.key)
    queue.push(u)
    if (queue.length > QUEUE_MAX) queue.shift()
    waiting.value = queue.length
    pump()
  }

  function pump() {
    if (current.value || hold.value) return
    const next = queue.shift()
    waiting.value = queue.length
    if (!next) return
    current.value = next
    onShow(next)
    run(bannerMs)
  }

  function run(ms: number) {
    endsAt = Date.now() + ms
    timer = setTimeout(finish, ms)
  }

  function finish() {
    timer = null
    current.value = null
    if (queue.length && !hold.value) pump()
    else onDone()
  }

  const stop = live.onEvent((e) => {
    const r = recordFromEvent(e, Date.now())
    const u = r && urgentOf(r)
    if (u) push(u)
  })
  watch(hold, (h) => {
    if (h && timer) {
      clearTimeout(timer)
      timer = null
      left = Math.max(0, endsAt - Date.now())
    } else if (!h) {
      if (current.value && !timer) run(left)
      else pump()
    }
  })

  // Whistle calls breach their SLA by the clock, not by an event. The first answer is the baseline: calls already
  // late when the wall starts are on the map and in the panels, not news.
  let baseline = true
  async function pollWhistles() {
    if (!online.value) return
    try {
      const page = await getJson('/api/whistles', { query: { sla: 'breached', status: ['whistled', 'acknowledged', 'arrived'], limit: 2000 } })
      for (const f of page.features) {
        const r = recordFromFeature('whistle', f, 'breached', null, Date.now())
        const u = r && urgentOf(r)
        if (!u) continue
        if (baseline) remember(u.key)
        else push(u)
      }
      baseline = false
    } catch { /* the next poll tries again; the stale banner covers an API that is down */ }
  }
  void pollWhistles()
  const poll = setInterval(() => { void pollWhistles() }, WHISTLE_POLL_MS)

  onScopeDispose(() => { stop(); clearInterval(poll); if (timer) clearTimeout(timer) })
  return { current, waiting }
}
