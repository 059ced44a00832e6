// The wall's hold on the shared map: it sizes labels and marks for the room (map-focus.ts), frames each scope
// itself, and flies to urgent records. Framing is the wall's because it differs from the leader's in two ways: the
// paddings are in grid units (a 4K wall frames exactly like a 1080p one), and with the whistle arcs off (the
// wall's default) the county is framed without the column of county departments west of it, which on a narrow
// centre column would shrink the county by a third. The leader's map flies on scope changes too; the wall's
// fitBounds, made just after, supersedes that flight (MapLibre runs one camera animation at a time).
import { nextTick, watch } from 'vue'
import type { ComputedRef, Ref } from 'vue'
import type { LngLatBoundsLike, Map as MlMap } from 'maplibre-gl'
import { COUNTY_CODE } from '../../../domain/regions'
import { geometryBounds } from '../map/bounds'
import { COUNTY_BOUNDS, SCOPE_MAX_ZOOM } from '../map/map-host'
import { OVERLAYS } from '../map/overlays'
import { useRegionsStore } from '../stores/regions'
import { useViewStore } from '../stores/view'
import { createFocus, scaleMap, whenLoaded } from './map-focus'

/** Map labels on the grid: township names 14 × 1.5 = 21 px. */
const MAP_TEXT_SCALE = 1.5

/**
 * A map u times as large (in CSS pixels) frames the same extent log2(u) zoom levels higher; zoom thresholds shift by
 * as much, so a 4K wall shows what a 1080p one does.
 */
export const zoomBias = (unit: number) => Math.log2(unit)

export function useWallMap(getMap: () => MlMap | null, unit: ComputedRef<number>, busy: Ref<boolean>) {
  const view = useViewStore()
  const regions = useRegionsStore()
  let map: MlMap | null = null
  /** No camera move before the style has loaded: its zoomend would make the leader's bindings touch a style not ready. */
  let loaded = false
  let focus: ReturnType<typeof createFocus> | null = null

  function boundsOf(scope: string): LngLatBoundsLike | null {
    if (scope === COUNTY_CODE) {
      const county = regions.county?.features[0]
      return view.state.layers.includes('whistles') || !county ? COUNTY_BOUNDS : geometryBounds(county.geometry)
    }
    const region = regions.byId.get(scope)
    return region ? geometryBounds(region.geometry) : null
  }

  /** Fits the view's scope (after the leader's watchers have run, so this flight is the one that stays). */
  async function frame(animate = true) {
    await nextTick()
    const bounds = boundsOf(view.state.scope)
    if (!map || !loaded || !bounds) return
    // Room at the bottom for the legend (WallLegend, bottom left, about 100 units high).
    const side = unit.value * (view.state.scope === COUNTY_CODE ? 24 : 48)
    const padding = { top: side, left: side, right: side, bottom: unit.value * 130 }
    // A 4K wall frames a small grid as a 1080p one does: its closest zoom is one level closer.
    map.fitBounds(bounds, { padding, duration: animate ? 1200 : 0, maxZoom: SCOPE_MAX_ZOOM + zoomBias(unit.value), essential: true })
  }

  const scale = (m: MlMap) => scaleMap(m, OVERLAYS, { text: unit.value * MAP_TEXT_SCALE, marks: unit.value, zoomBias: zoomBias(unit.value) })

  function attach(m: MlMap) {
    if (map === m) return
    map = m
    focus = createFocus(m, OVERLAYS)
    whenLoaded(m, OVERLAYS, () => { loaded = true; void frame(false) })
    // The style comes back from a snapshot after a lost WebGL context, but sources keep their original options.
    m.on('webglcontextrestored', () => m.once('style.load', () => scale(m)))
  }

  watch([getMap, unit], ([m]) => {
    if (!m) return
    attach(m)
    scale(m)
  }, { immediate: true })
  // While an urgent record holds the screen, its flight is the one that counts.
  watch(() => view.state.scope, () => { if (!busy.value) void frame() })
  watch(() => regions.status, (s) => { if (s === 'ready') void frame(false) })
  watch(() => view.state.layers.includes('whistles'), () => { if (!busy.value) void frame() })

  return {
    frame,
    async focus(point: [number, number], tone: 'danger' | 'warn' | 'info') {
      await nextTick()
      focus?.show(point, tone)
    },
    clearFocus: () => focus?.clear(),
  }
}
