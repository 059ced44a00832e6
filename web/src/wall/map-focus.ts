// What the wall does to the shared map beyond the leader's view: sizes its labels and marks for the room, and flies
// to an urgent record and rings it (the camera's 'urgent' reason holds the map there until the record is done). The
// ring is a DOM marker with a CSS animation (like the site pulse), so the WebGL map does not repaint for it and a
// hidden tab stops it for free.
import type { MapHost } from '../map/map-host'
import type { Overlay } from '../map/overlay'
import type { PaintProperty } from '../map/overlay-draft'
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
export function scaleMap(host: MapHost, overlays: readonly Overlay[], factors: { text: number; marks: number; zoomBias: number }) {
  for (const layer of overlays.flatMap(overlayLayers)) {
    const layout = (layer as { layout?: Record<string, Value> }).layout ?? {}
    const paint = (layer as { paint?: Record<string, Value> }).paint ?? {}
    const set = (kind: 'layout' | 'paint', prop: string, v: Value | null) => {
      if (v === null) return
      if (kind === 'layout') host.setLayout(layer.id, prop, v)
      else host.setPaint(layer.id, prop as PaintProperty, v)
    }
    if (layout['text-size'] !== undefined) set('layout', 'text-size', times(layout['text-size'], factors.text))
    if (paint['text-halo-width'] !== undefined) set('paint', 'text-halo-width', times(paint['text-halo-width'], factors.text))
    for (const prop of ['circle-radius', 'circle-stroke-width', 'line-width']) {
      if (paint[prop] !== undefined) set('paint', prop, times(paint[prop], factors.marks))
    }
    const { minzoom, maxzoom } = layer as { minzoom?: number; maxzoom?: number }
    if (minzoom !== undefined || maxzoom !== undefined) {
      host.setZoomRange(layer.id, Math.max(0, (minzoom ?? 0) + factors.zoomBias), Math.min(24, (maxzoom ?? 24) + factors.zoomBias))
    }
  }
  // Clusters gather points within a radius in CSS pixels: scaled too (and cut off one level later on a 4K wall), a
  // 4K wall clusters like a 1080p one.
  for (const [id, spec] of overlays.flatMap((o) => Object.entries(o.sources))) {
    const { cluster, clusterRadius, clusterMaxZoom } = spec as { cluster?: boolean; clusterRadius?: number; clusterMaxZoom?: number }
    if (cluster && clusterRadius !== undefined) {
      host.setClusterOptions(id, {
        cluster: true, clusterRadius: clusterRadius * factors.marks,
        ...(clusterMaxZoom === undefined ? {} : { clusterMaxZoom: clusterMaxZoom + factors.zoomBias }),
      })
    }
  }
}

/** Rings an urgent record on the map and asks the camera to fly to it, holding it there until `clear`. */
export function createFocus(host: MapHost) {
  let removeRing: (() => void) | null = null
  /** Whether the overlays are on the map: no flight before (see use-wall-map.ts), the banner alone says it then. */
  let drawn = false
  host.afterCommit(() => { drawn = true })
  return {
    /** Flies to the point and rings it; `tone` colours the ring. */
    show(point: [number, number], tone: 'danger' | 'warn' | 'info') {
      removeRing?.()
      removeRing = null
      if (!drawn) return
      const el = document.createElement('div')
      el.className = `wall-focus wall-focus-${tone}`
      el.dataset.focus = point.join(',')
      removeRing = host.addMarker(el, point)
      // Close enough to see the street blocks, short of the zoom where every grid label has to be drawn.
      host.camera.show({ center: point, zoom: Math.max(12, Math.min(host.zoom() + 2, 13.5)), duration: 2000, arc: true, essential: true }, 'urgent')
    },
    clear() {
      removeRing?.()
      removeRing = null
      host.camera.release('urgent')
    },
  }
}
