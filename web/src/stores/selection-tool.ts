// The map's selection tool: which way of selecting is under way (drawing a polygon or a rectangle, picking a
// grid) and why the last shape was refused. The selection itself is the view's (`within`, in the URL); this
// store only turns a finished shape into it: simplified to what the API takes, then checked by the same rules.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Polygon } from 'geojson'
import type { SelectionProblem } from '../selection/check-selection'
import { useRegionsStore } from './regions'
import { useViewStore } from './view'

export const SELECTION_MODES = ['polygon', 'rectangle', 'pick'] as const
export type SelectionMode = (typeof SELECTION_MODES)[number]

export const useSelectionToolStore = defineStore('selection-tool', () => {
  const view = useViewStore()
  const regions = useRegionsStore()
  const mode = ref<SelectionMode | null>(null)
  const problem = ref<SelectionProblem | null>(null)
  /** Bumped to restart the drawing in the same mode (a refused shape is wiped and the tool stays on). */
  const attempt = ref(0)
  /**
   * Whether a drawing listens to the map (polygon and rectangle): terra-draw loads on the first start, and a click
   * before it listens is not a corner. Shown on the tool as data-selection-drawing.
   */
  const drawing = ref(false)
  /**
   * Set when a drawing is finished by a click: that click reaches the map after the drawing has ended (on a busy
   * CPU over half a second later), and would go on to drill into the grid or open the record under it. The map
   * takes it as the tool's; the next press of a button (a new gesture) forgets it.
   */
  let closingClick = false

  return {
    mode, problem, attempt, drawing,
    active: computed(() => mode.value !== null),
    /** Whether a map click is the one that finished the drawing (and so the tool's, not the map's); asked once. */
    takeClosingClick() {
      const was = closingClick
      closingClick = false
      return was
    },
    /** A new gesture began: a click from now on is the map's. */
    forgetClosingClick() { closingClick = false },
    start(next: SelectionMode) {
      // What finishing will need, loaded while the leader draws rather than after the last click.
      void import('../selection/accept-shape')
      void import('../selection/selection-summary')
      problem.value = null
      mode.value = next
      attempt.value++
    },
    cancel() {
      mode.value = null
    },
    /**
     * A finished shape: it becomes the view's selection, or stays a refusal the tool shows (the tool stays on).
     * `byClick`: finished by a click on the map, which the map must then not take as its own.
     */
    async finish(shape: Polygon, byClick = true): Promise<boolean> {
      closingClick = byClick
      const county = regions.county?.features[0]?.geometry ?? null
      const { acceptShape } = await import('../selection/accept-shape')
      // Cancelled meanwhile (Esc while the geometry loaded): nothing to select.
      if (mode.value === null) return false
      const check = acceptShape(shape, county)
      if (!check.ok) {
        problem.value = check.problem
        attempt.value++
        return false
      }
      problem.value = null
      mode.value = null
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
