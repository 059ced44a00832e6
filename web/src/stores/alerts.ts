// The open alerts (研判预警) of the view's scope, for the 预警 panel, the map's alert layer and the header's count. Loaded
// when the scope changes and kept live from the stream: alert.raised adds one, alert.updated replaces it (or takes it
// away once closed: 已解除, 误报) at once, without waiting for the figures' five-second refresh. A reconnection's
// refresh (the stream's reset, or a stream back after an outage) loads the list again.
// `focus` is the alert the leader clicked: the map frames its area and marks the records its evidence lists.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { AlertFeature } from '../alerts/alert-feature'
import { alertInScope, asAlertFeature, byLevelNewestFirst, isOpenAlert } from '../alerts/alert-feature'
import type { EvidenceKind } from '../alerts/evidence-records'
import { fetchOpenAlerts } from '../api/alerts'
import { useLiveStore } from './live'
import type { LiveEvent } from './live'
import { useViewStore } from './view'

export const isAlertEvent = (kind: string) => kind === 'alert.raised' || kind === 'alert.updated'

/** The roles that read alerts, as they read the records the alerts are about (a department's and an administrator's do not). */
const READERS = new Set(['leader', 'township', 'grid', 'wall'])
/** Whether a role reads alerts; a page with no session (the wall, before it knows) is given the benefit. */
export const readsAlerts = (role: string | undefined) => role === undefined || READERS.has(role)

/** What the screens draw of a list: each alert's id, level, status and evidence. */
const signature = (list: readonly AlertFeature[]) =>
  JSON.stringify(list.map((f) => [f.properties.id, f.properties.level, f.properties.status, f.properties.evidence ?? null]))

export const useAlertsStore = defineStore('alerts', () => {
  const view = useViewStore()
  const live = useLiveStore()
  const status = ref<'idle' | 'loading' | 'ready' | 'error' | 'forbidden'>('idle')
  const error = ref<string | null>(null)
  const features = shallowRef<AlertFeature[]>([])
  /** The alert the map frames and whose records it marks; null when none. */
  const focus = shallowRef<AlertFeature | null>(null)
  /** Bumped when a focus is asked for again (a second click on the same row frames it again). */
  const focusRequest = ref(0)
  /** The records the opened alert's evidence lists (its own answer has them; the list only counts them). */
  const evidence = shallowRef<{ kind: EvidenceKind; ids: number[] } | null>(null)
  let controller: AbortController | null = null

  /** Open alerts, 红 first, newest first within a level. */
  const sorted = computed(() => [...features.value].sort((a, b) => byLevelNewestFirst(a.properties, b.properties)))
  const count = computed(() => features.value.length)
  const countByLevel = computed(() => {
    const out: Record<string, number> = {}
    for (const f of features.value) out[f.properties.level] = (out[f.properties.level] ?? 0) + 1
    return out
  })

  async function load() {
    controller?.abort()
    const ctl = new AbortController()
    controller = ctl
    status.value = 'loading'
    try {
      const list = await fetchOpenAlerts(view.state.scope, ctl.signal)
      if (ctl.signal.aborted) return
      const open = list.filter((f) => isOpenAlert(f.properties))
      // The same alerts as shown (a refresh after events about other records): nothing on the map is redrawn.
      if (signature(open) !== signature(features.value)) features.value = open
      error.value = null
      status.value = 'ready'
    } catch (err) {
      if (ctl.signal.aborted) return
      const code = (err as { status?: number }).status
      status.value = code === 403 ? 'forbidden' : 'error'
      error.value = err instanceof Error ? err.message : String(err)
    }
  }

  /** An alert raised or changed: in the list while it is open and in the scope, out of it otherwise. */
  function apply(f: AlertFeature) {
    const rest = features.value.filter((x) => x.properties.id !== f.properties.id)
    const keep = isOpenAlert(f.properties) && alertInScope(f.properties, view.state.scope)
    features.value = keep ? [...rest, f] : rest
    if (focus.value?.properties.id === f.properties.id) focus.value = keep ? f : focus.value
  }

  function onLive(e: LiveEvent) {
    if (!isAlertEvent(e.kind)) return
    const f = asAlertFeature(e.data)
    if (f) apply(f)
  }

  /** Frames the alert's area and marks its records (null: unmarks). */
  function focusOn(f: AlertFeature | null) {
    focus.value = f
    focusRequest.value++
  }

  /** Rings the records of the opened alert on the map (kind null or no ids: none). */
  function showEvidence(kind: EvidenceKind | null, ids: readonly number[]) {
    evidence.value = kind && ids.length ? { kind, ids: [...ids] } : null
  }

  /** Starts loading and listening; the role decides whether there is anything to read. */
  function start(role: string | undefined) {
    if (!readsAlerts(role)) { status.value = 'forbidden'; return }
    if (started) return
    started = true
    live.onEvent(onLive)
    watch(() => view.state.scope, () => { focus.value = null; void load() })
    // Figures' refreshes (after events, a reconnection, a replay too long to send) read the list again too: it
    // is small, and what the stream said meanwhile is then confirmed by the list.
    watch(() => live.revision, () => { void load() })
    void load()
  }
  let started = false

  return { status, error, features, sorted, count, countByLevel, focus, focusRequest, evidence, load, apply, focusOn, showEvidence, start }
})
