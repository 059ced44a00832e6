// The tour (?tour=<seconds>): county → the 考核 pages → each township in code order → county …, one step per dwell
// (a township's wall: the township and its villages, tour-steps.ts). A scope step moves only the view's scope (with
// history.replaceState, so a wall running for days does not grow a history stack); the map flies and the panels
// refetch because they follow the scope, exactly as on the leader's map. A page step says which page covers the map
// and panels (`page`), at the home scope.
// `hold` stops the clock (hidden tab, stale data) and `interrupt` hands the screen to an urgent record (the page
// gives way to the map while it does); `resume` returns to the step that was interrupted, page or scope, with a
// fresh dwell.
import { computed, onScopeDispose, ref, watch } from 'vue'
import type { Ref } from 'vue'
import { isWithinScope } from '../../../domain/regions'
import { useRegionsStore } from '../stores/regions'
import { useViewStore } from '../stores/view'
import { stepKey, tourSteps } from './tour-steps'
import type { WallPage } from './tour-steps'

export type TourState = 'off' | 'running' | 'held' | 'interrupted'

export function useTour(seconds: number | null, hold: Ref<boolean>) {
  const view = useViewStore()
  const regions = useRegionsStore()
  const steps = computed(() => tourSteps(view.home, regions.townships, regions.villages))
  const index = ref(0)
  const interrupted = ref(false)
  /** Where to come back to after an interruption when there is no tour. */
  let home = view.state.scope
  let timer: ReturnType<typeof setTimeout> | null = null

  const ready = computed(() => seconds !== null && regions.status === 'ready')
  const state = computed<TourState>(() => (interrupted.value ? 'interrupted' : seconds === null ? 'off' : hold.value || !ready.value ? 'held' : 'running'))

  function schedule() {
    if (timer) clearTimeout(timer)
    timer = null
    if (state.value !== 'running') return
    timer = setTimeout(() => go((index.value + 1) % steps.value.length), (seconds ?? 0) * 1000)
  }

  function go(i: number) {
    index.value = i
    const scope = steps.value[i]?.scope ?? view.home
    if (view.state.scope !== scope) view.setScope(scope, true)
    schedule()
  }

  // Start where the URL is, if it names a step of the tour (a reload mid-tour carries on from there).
  watch(ready, (r) => {
    if (!r) return
    const at = steps.value.findIndex((s, i) => i > 0 && s.page === null && isWithinScope(view.state.scope, s.scope))
    go(at > 0 ? at : 0)
  }, { immediate: true })
  watch(state, schedule)
  onScopeDispose(() => { if (timer) clearTimeout(timer) })

  return {
    state,
    /** The scope of the tour's current step (the view may be elsewhere during an interruption). */
    scope: computed(() => (seconds === null ? home : steps.value[index.value]?.scope ?? view.home)),
    /** The page the current step shows in place of the map, or null (no tour, a scope step, an interruption). */
    page: computed((): WallPage | null => (seconds === null || interrupted.value ? null : steps.value[index.value]?.page ?? null)),
    /** The current step's name (tour-steps.ts stepKey), '' without a tour. */
    key: computed(() => { const s = steps.value[index.value]; return seconds === null || !s ? '' : stepKey(s) }),
    step: computed(() => index.value + 1),
    total: computed(() => steps.value.length),
    interrupt() {
      if (!interrupted.value && seconds === null) home = view.state.scope
      interrupted.value = true
    },
    resume() {
      if (!interrupted.value) return
      interrupted.value = false
      if (seconds === null) { if (view.state.scope !== home) view.setScope(home, true) } else go(index.value)
    },
  }
}
