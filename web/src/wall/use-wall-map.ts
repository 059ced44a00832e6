// The wall's hold on the shared map: it sizes labels and marks for the room (map-focus.ts), frames each scope
// itself, and flies to urgent records. Framing is the wall's because it differs from the leader's in two ways: the
// paddings are in grid units (a 4K wall frames exactly like a 1080p one), and with the whistle arcs off (the
// wall's default) the county is framed without the column of county departments west of it, which on a narrow
// centre column would shrink the county by a third. The leader's map asks the camera to fly on scope changes too;
// the wall's framing (reason 'wall-scope') outranks that request, and an urgent record outranks both until it is
// done (web/src/map/camera.ts), whichever watcher runs first.
import { watch } from 'vue'
import type { ComputedRef } from 'vue'
import type { LngLatBoundsLike } from 'maplibre-gl'
import { COUNTY_CODE } from '../../../domain/regions'
import { geometryBounds } from '../map/bounds'
import type { MapHost } from '../map/map-host'
import { COUNTY_BOUNDS, SCOPE_MAX_ZOOM } from '../map/map-host'
import { OVERLAYS } from '../map/overlays'
import { useRegionsStore } from '../stores/regions'
import { useViewStore } from '../stores/view'
import { createFocus, scaleMap } from './map-focus'

/** Map labels on the grid: township names 14 × 1.5 = 21 px. */
const MAP_TEXT_SCALE = 1.5

/**
 * A map u times as large (in CSS pixels) frames the same extent log2(u) zoom levels higher; zoom thresholds shift by
 * as much, so a 4K wall shows what a 1080p one does.
 */
export const zoomBias = (unit: number) => Math.log2(unit)

export function useWallMap(getHost: () => MapHost | null, unit: ComputedRef<number>) {
  const view = useViewStore()
  const regions = useRegionsStore()
  let host: MapHost | null = null
  /** No camera move before the overlays are on the map: its zoomend would make the leader's bindings touch a style not ready. */
  let drawn = false
  let focus: ReturnType<typeof createFocus> | null = null

  function boundsOf(scope: string): LngLatBoundsLike | null {
    if (scope === COUNTY_CODE) {
      const county = regions.county?.features[0]
      return view.state.layers.includes('whistles') || !county ? COUNTY_BOUNDS : geometryBounds(county.geometry)
    }
    const region = regions.byId.get(scope)
    return region ? geometryBounds(region.geometry) : null
  }

  /** Frames the view's scope (unless an urgent record holds the camera). */
  function frame(animate = true) {
    const bounds = boundsOf(view.state.scope)
    if (!host || !drawn || !bounds) return
    // Room at the bottom for the legend (WallLegend, bottom left, about 100 units high).
    const side = unit.value * (view.state.scope === COUNTY_CODE ? 24 : 48)
    const padding = { top: side, left: side, right: side, bottom: unit.value * 130 }
    // A 4K wall frames a small grid as a 1080p one does: its closest zoom is one level closer.
    host.camera.show({ bounds, padding, duration: animate ? 1200 : 0, maxZoom: SCOPE_MAX_ZOOM + zoomBias(unit.value), essential: true }, 'wall-scope')
  }

  const scale = (h: MapHost) => scaleMap(h, OVERLAYS, { text: unit.value * MAP_TEXT_SCALE, marks: unit.value, zoomBias: zoomBias(unit.value) })

  function attach(h: MapHost) {
    if (host === h) return
    host = h
    focus = createFocus(h)
    h.afterCommit(() => { drawn = true; frame(false) })
    // The style comes back from a snapshot after a lost WebGL context, but sources keep their original options.
    h.on('restored', () => scale(h))
  }

  watch([getHost, unit], ([h]) => {
    if (!h) return
    attach(h)
    scale(h)
  }, { immediate: true })
  watch(() => view.state.scope, () => frame())
  watch(() => regions.status, (s) => { if (s === 'ready') frame(false) })
  watch(() => view.state.layers.includes('whistles'), () => frame())

  return {
    frame,
    focus: (point: [number, number], tone: 'danger' | 'warn' | 'info') => focus?.show(point, tone),
    clearFocus: () => focus?.clear(),
  }
}
