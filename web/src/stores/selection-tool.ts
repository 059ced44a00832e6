// The map's selection tool: which way of selecting is under way (drawing a polygon or a rectangle, picking a
// grid) and why the last shape was refused. The selection itself is the view's (`within`, in the URL); this
// store only turns a finished shape into it: simplified to what the API takes, then checked by the same rules.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Polygon } from 'geojson'
import { checkSelection } from '../selection/check-selection'
import type { SelectionProblem } from '../selection/check-selection'
import { simplifySelection } from '../selection/simplify-selection'
import { useRegionsStore } from './regions'
import { useViewStore } from './view'

export const SELECTION_MODES = ['polygon', 'rectangle', 'pick'] as const
export type SelectionMode = (typeof SELECTION_MODES)[number]

/** How long after a drawing ends a map click is still taken for its closing click. */
const CLOSING_CLICK_MS = 400

export const useSelectionToolStore = defineStore('selection-tool', () => {
  const view = useViewStore()
  const regions = useRegionsStore()
  const mode = ref<SelectionMode | null>(null)
  const problem = ref<SelectionProblem | null>(null)
  /** Bumped to restart the drawing in the same mode (a refused shape is wiped and the tool stays on). */
  const attempt = ref(0)
  /**
   * When a drawing last ended (performance.now()). The click that closes a polygon reaches the map after the
   * drawing has ended: without this it would go on to drill into the township or open the record under it.
   */
  let endedAt = -Infinity
  const end = () => { endedAt = performance.now(); mode.value = null }

  return {
    mode, problem, attempt,
    active: computed(() => mode.value !== null),
    /** Whether a map click is the last click of a drawing that has just ended (and so the tool's, not the map's). */
    endedJustNow: () => performance.now() - endedAt < CLOSING_CLICK_MS,
    start(next: SelectionMode) {
      problem.value = null
      mode.value = next
      attempt.value++
    },
    cancel: end,
    /** A finished shape: it becomes the view's selection, or stays a refusal the tool shows (the tool stays on). */
    finish(shape: Polygon): boolean {
      const county = regions.county?.features[0]?.geometry ?? null
      const check = checkSelection(simplifySelection(shape), county)
      if (!check.ok) {
        problem.value = check.problem
        attempt.value++
        return false
      }
      problem.value = null
      end()
      view.setWithin(check.polygon)
      return true
    },
    clear() {
      problem.value = null
      mode.value = null
      view.setWithin(null)
    },
  }
})
