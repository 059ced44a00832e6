// A read-only window onto the map for browser tests and reviewers, like data-map-state: where a place is on the
// screen, whether a layer is shown, and whether a record is in a source. It changes nothing.
import type { GeoJSONSource } from 'maplibre-gl'
import type { MapHost } from './map-host'
import type { OneMapTestHook } from './test-hook-type'

export function exposeTestHook({ map, emptySkySkipped, firstPaint }: MapHost) {
  const hook: OneMapTestHook = {
    emptySkySkipped,
    firstPaint: () => ({ held: firstPaint.held, skippedFrames: firstPaint.skippedFrames(), releasedBy: firstPaint.releasedBy() }),
    project: (lng, lat) => {
      const p = map.project([lng, lat])
      const r = map.getCanvas().getBoundingClientRect()
      return { x: p.x + r.left, y: p.y + r.top }
    },
    visible: (layerId) => map.getLayoutProperty(layerId, 'visibility') !== 'none',
    async sourceIds(sourceId) {
      const data = await map.getSource<GeoJSONSource>(sourceId)?.getData()
      return data && data.type === 'FeatureCollection' ? data.features.map((f) => f.id ?? String(f.properties?.id)) : []
    },
    zoom: () => map.getZoom(),
    sourceMaxzoom: (sourceId) => map.getSource(sourceId)?.maxzoom ?? null,
    layerIds: () => map.getLayersOrder(),
    sourceOf: (layerId) => map.getLayer(layerId)?.source ?? null,
    rendered(layerId) {
      const fs = map.queryRenderedFeatures({ layers: [layerId] })
      return { features: fs.length, incidents: fs.reduce((n, f) => n + Number(f.properties.point_count ?? 1), 0) }
    },
    renderedIds: (layerId) => map.queryRenderedFeatures({ layers: [layerId] }).map((f) => (f.properties.id ?? f.id) as number | string),
    nearestRendered(layerId) {
      const r = map.getCanvas().getBoundingClientRect()
      const c = { x: r.width / 2, y: r.height / 2 }
      let best: { id: number | string; x: number; y: number; d: number } | null = null
      for (const f of map.queryRenderedFeatures({ layers: [layerId] })) {
        if (f.geometry.type !== 'Point') continue
        const p = map.project(f.geometry.coordinates as [number, number])
        const d = Math.hypot(p.x - c.x, p.y - c.y)
        if (!best || d < best.d) best = { id: f.properties.id ?? f.id ?? '', x: p.x + r.left, y: p.y + r.top, d }
      }
      return best && { id: best.id, x: best.x, y: best.y }
    },
  }
  window.__onemap = hook
}
