// What the wall does to the shared map beyond the leader's view: sizes its labels and marks for the room, and flies
// to an urgent record and rings it. The ring is a DOM marker with a CSS animation (like the site pulse), so the
// WebGL map does not repaint for it and a hidden tab stops it for free.
import { Marker } from 'maplibre-gl'
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl'
import type { Overlay } from '../map/overlay'
import { overlayLayers } from '../map/overlay'

type Value = unknown

/** A zoom-dependent expression must stay at the top level, so it cannot be wrapped in a multiplication. */
const usesZoom = (v: Value): boolean => Array.isArray(v) && (v[0] === 'zoom' || v.some(usesZoom))
const times = (v: Value, k: number): Value | null =>
  typeof v === 'number' ? v * k : Array.isArray(v) && !usesZoom(v) ? ['*', k, v] : null

/**
 * Multiplies label sizes by `text` and circle radii and line widths by `marks`, and shifts layer zoom ranges and the
 * cluster cut-off by `zoomBias`, from the overlays' own specs (so it can be applied again with other factors). The
 * leader's map keeps its sizes: only the wall calls this.
 */
export function scaleMap(map: MlMap, overlays: readonly Overlay[], factors: { text: number; marks: number; zoomBias: number }) {
  const apply = () => {
    for (const layer of overlays.flatMap(overlayLayers)) {
      if (!map.getLayer(layer.id)) continue
      const layout = (layer as { layout?: Record<string, Value> }).layout ?? {}
      const paint = (layer as { paint?: Record<string, Value> }).paint ?? {}
      const set = (kind: 'layout' | 'paint', prop: string, v: Value | null) => {
        if (v === null) return
        if (kind === 'layout') map.setLayoutProperty(layer.id, prop as never, v as never)
        else map.setPaintProperty(layer.id, prop as never, v as never)
      }
      if (layout['text-size'] !== undefined) set('layout', 'text-size', times(layout['text-size'], factors.text))
      if (paint['text-halo-width'] !== undefined) set('paint', 'text-halo-width', times(paint['text-halo-width'], factors.text))
      for (const prop of ['circle-radius', 'circle-stroke-width', 'line-width']) {
        if (paint[prop] !== undefined) set('paint', prop, times(paint[prop], factors.marks))
      }
      const { minzoom, maxzoom } = layer as { minzoom?: number; maxzoom?: number }
      if (minzoom !== undefined || maxzoom !== undefined) {
        map.setLayerZoomRange(layer.id, Math.max(0, (minzoom ?? 0) + factors.zoomBias), Math.min(24, (maxzoom ?? 24) + factors.zoomBias))
      }
    }
  }
  // Clusters gather points within a radius in CSS pixels: scaled too (and cut off one level later on a 4K wall), a
  // 4K wall clusters like a 1080p one.
  const clusters = () => {
    for (const [id, spec] of overlays.flatMap((o) => Object.entries(o.sources))) {
      const { cluster, clusterRadius, clusterMaxZoom } = spec as { cluster?: boolean; clusterRadius?: number; clusterMaxZoom?: number }
      if (cluster && clusterRadius !== undefined) {
        void map.getSource<GeoJSONSource>(id)?.setClusterOptions({
          cluster: true, clusterRadius: clusterRadius * factors.marks,
          ...(clusterMaxZoom === undefined ? {} : { clusterMaxZoom: clusterMaxZoom + factors.zoomBias }),
        })
      }
    }
  }
  whenLoaded(map, overlays, () => { apply(); clusters() })
}

/** Runs fn once the style is loaded: a layer exists once it has, and before that 'load' has not fired yet. */
export function whenLoaded(map: MlMap, overlays: readonly Overlay[], fn: () => void) {
  if (map.getLayer(overlays[0]?.layers[0]?.id ?? '')) fn()
  else map.once('load', fn)
}

export function createFocus(map: MlMap, overlays: readonly Overlay[]) {
  let marker: Marker | null = null
  return {
    /** Flies to the point and rings it; `tone` colours the ring. */
    show(point: [number, number], tone: 'danger' | 'warn' | 'info') {
      marker?.remove()
      marker = null
      // Not before the style has loaded (see use-wall-map.ts): the banner alone says it then.
      if (!map.getLayer(overlays[0]?.layers[0]?.id ?? '')) return
      const el = document.createElement('div')
      el.className = `wall-focus wall-focus-${tone}`
      el.dataset.focus = point.join(',')
      marker = new Marker({ element: el }).setLngLat(point).addTo(map)
      // Close enough to see the street blocks, short of the zoom where every grid label has to be drawn.
      map.flyTo({ center: point, zoom: Math.max(12, Math.min(map.getZoom() + 2, 13.5)), duration: 2000, essential: true })
    },
    clear() {
      marker?.remove()
      marker = null
    },
  }
}
