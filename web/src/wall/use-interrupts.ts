// The wall's interruptions, fed into its one queue (interrupt-queue.ts): urgent records found on the stream (a new
// 紧急 incident, a county 督办 on one, a red-grade site's warning, a high-risk dispute) and whistle calls that
// simply ran past their SLA without an event (found by a poll). Each takes the screen for `bannerMs` (time in a
// hidden tab does not count); a higher priority takes over once the one shown has had MIN_MS; when none is left
// the tour resumes. A short queue keeps a burst, e.g. the replay after an outage, from holding the tour for ever.
import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { Ref } from 'vue'
import { getJson } from '../api/client'
import { useLiveStore } from '../stores/live'
import { createInterruptQueue } from './interrupt-queue'
import type { Urgent } from './urgent'
import { recordFromEvent, recordFromFeature, urgentOf } from './urgent'

const QUEUE_MAX = 4
const WHISTLE_POLL_MS = 30_000
/** Long enough to read the banner's two lines from across the room before something more urgent replaces it. */
const MIN_MS = 5000

interface Options {
  bannerMs: number
  /** While true (a hidden tab) nothing new is shown and the banner's clock stops: nobody is watching. */
  hold: Ref<boolean>
  /** Whether to poll (not while the API is down). */
  online: Ref<boolean>
  onShow: (u: Urgent) => void
  onDone: () => void
}

export function useInterrupts({ bannerMs, hold, online, onShow, onDone }: Options) {
  const live = useLiveStore()
  const current = shallowRef<Urgent | null>(null)
  const waiting = ref(0)
  const queue = createInterruptQueue<Urgent>({
    showMs: bannerMs, minMs: Math.min(MIN_MS, bannerMs), max: QUEUE_MAX, onShow, onDone,
    onChange: () => { current.value = queue.current; waiting.value = queue.waiting },
  })
  queue.hold(hold.value)

  const stop = live.onEvent((e) => {
    const r = recordFromEvent(e, Date.now())
    const u = r && urgentOf(r)
    if (u) queue.push(u)
  })
  watch(hold, (h) => queue.hold(h))

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
        if (baseline) queue.markSeen(u.key)
        else queue.push(u)
      }
      baseline = false
    } catch { /* the next poll tries again; the stale banner covers an API that is down */ }
  }
  void pollWhistles()
  const poll = setInterval(() => { void pollWhistles() }, WHISTLE_POLL_MS)

  onScopeDispose(() => { stop(); clearInterval(poll); queue.dispose() })
  return { current, waiting }
}
