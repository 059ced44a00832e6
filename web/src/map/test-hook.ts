// A read-only window onto the map for browser tests and reviewers, like data-map-state: where a place is on the
// screen, whether a layer is shown, and whether a record is in a source. It changes nothing.
import type { MapHost } from './map-host'
import type { OneMapTestHook } from './test-hook-type'

export function exposeTestHook(host: MapHost) {
  const { emptySkySkipped, firstPaint } = host
  /** A place on the map, in the page's pixels. */
  const onPage = (at: [number, number]) => {
    const [x, y] = host.project(at)
    const r = host.canvasRect()
    return { x: x + r.left, y: y + r.top }
  }
  const hook: OneMapTestHook = {
    emptySkySkipped,
    firstPaint: () => ({ held: firstPaint.held, skippedFrames: firstPaint.skippedFrames(), releasedBy: firstPaint.releasedBy() }),
    project: (lng, lat) => onPage([lng, lat]),
    visible: (layerId) => host.layerShown(layerId),
    async sourceIds(sourceId) {
      const data = await host.sourceData(sourceId)
      return data && data.type === 'FeatureCollection' ? data.features.map((f) => f.id ?? String(f.properties?.id)) : []
    },
    zoom: () => host.zoom(),
    sourceMaxzoom: (sourceId) => host.sourceMaxzoom(sourceId),
    layerIds: () => host.layerIds(),
    sourceOf: (layerId) => host.sourceOf(layerId),
    rendered(layerId) {
      const fs = host.queryRendered([layerId])
      return { features: fs.length, incidents: fs.reduce((n, f) => n + Number(f.properties.point_count ?? 1), 0) }
    },
    renderedIds: (layerId) => host.queryRendered([layerId]).map((f) => (f.properties.id ?? f.id) as number | string),
    nearestRendered(layerId) {
      const r = host.canvasRect()
      const c = { x: r.width / 2, y: r.height / 2 }
      let best: { id: number | string; x: number; y: number; d: number } | null = null
      for (const f of host.queryRendered([layerId])) {
        if (f.geometry.type !== 'Point') continue
        const [x, y] = host.project(f.geometry.coordinates as [number, number])
        const d = Math.hypot(x - c.x, y - c.y)
        if (!best || d < best.d) best = { id: f.properties.id ?? f.id ?? '', x: x + r.left, y: y + r.top, d }
      }
      return best && { id: best.id, x: best.x, y: best.y }
    },
  }
  window.__onemap = hook
}
