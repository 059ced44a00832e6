// A read-only window onto the map for browser tests and reviewers, like data-map-state: where a place is on the
// screen, whether a layer is shown, and whether a record is in a source. It changes nothing.
import type { GeoJSONSource } from 'maplibre-gl'
import type { MapHost } from './map-host'

export interface OneMapTestHook {
  project(lng: number, lat: number): { x: number; y: number }
  visible(layerId: string): boolean
  sourceIds(sourceId: string): Promise<(string | number)[]>
  zoom(): number
}

declare global {
  interface Window { __onemap?: OneMapTestHook }
}

export function exposeTestHook({ map }: MapHost) {
  window.__onemap = {
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
  }
}
