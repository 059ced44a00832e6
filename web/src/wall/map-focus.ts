// What the wall does to the shared map beyond the leader's view: sizes its labels and marks for the room, and flies
// to an urgent record and rings it. The ring is a DOM marker with a CSS animation (like the site pulse), so the
// WebGL map does not repaint for it and a hidden tab stops it for free.
import { Marker } from 'maplibre-gl'
import type { Map as MlMap } from 'maplibre-gl'
import type { Overlay } from '../map/overlay'

type Value = unknown

/** A zoom-dependent expression must stay at the top level, so it cannot be wrapped in a multiplication. */
const usesZoom = (v: Value): boolean => Array.isArray(v) && (v[0] === 'zoom' || v.some(usesZoom))
const times = (v: Value, k: number): Value | null =>
  typeof v === 'number' ? v * k : Array.isArray(v) && !usesZoom(v) ? ['*', k, v] : null

/**
 * Multiplies label sizes by `text` and circle radii and line widths by `marks`, from the overlays' own specs (so it
 * can be applied again with other factors). The leader's map keeps its sizes: only the wall calls this.
 */
export function scaleMap(map: MlMap, overlays: readonly Overlay[], factors: { text: number; marks: number }) {
  const apply = () => {
    for (const layer of overlays.flatMap((o) => o.layers)) {
      if (!map.getLayer(layer.id)) continue
      const layout = (layer as { layout?: Record<string, Value> }).layout ?? {}
      const paint = (layer as { paint?: Record<string, Value> }).paint ?? {}
      const set = (kind: 'layout' | 'paint', prop: string, v: Value | null) => {
        if (v === null) return
        if (kind === 'layout') map.setLayoutProperty(layer.id, prop, v)
        else map.setPaintProperty(layer.id, prop, v)
      }
      if (layout['text-size'] !== undefined) set('layout', 'text-size', times(layout['text-size'], factors.text))
      if (paint['text-halo-width'] !== undefined) set('paint', 'text-halo-width', times(paint['text-halo-width'], factors.text))
      for (const prop of ['circle-radius', 'circle-stroke-width', 'line-width']) {
        if (paint[prop] !== undefined) set('paint', prop, times(paint[prop], factors.marks))
      }
    }
  }
  // A layer exists once the style has loaded; before that, 'load' has not fired yet.
  if (map.getLayer(overlays[0]?.layers[0]?.id ?? '')) apply()
  else map.once('load', apply)
}

export function createFocus(map: MlMap) {
  let marker: Marker | null = null
  return {
    /** Flies to the point and rings it; `tone` colours the ring. */
    show(point: [number, number], tone: 'danger' | 'warn' | 'info') {
      marker?.remove()
      const el = document.createElement('div')
      el.className = `wall-focus wall-focus-${tone}`
      el.dataset.focus = point.join(',')
      marker = new Marker({ element: el }).setLngLat(point).addTo(map)
      map.flyTo({ center: point, zoom: Math.max(12.5, Math.min(map.getZoom() + 2, 14)), duration: 2400, essential: true })
    },
    clear() {
      marker?.remove()
      marker = null
    },
  }
}
