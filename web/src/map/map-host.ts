// The one module that touches the MapLibre map: creates it, sets source data, reports when it is idle.
// Kept out of reactive state (a Map in a Pinia store would be proxied and slowed to a crawl).
import { Map as MlMap, setWorkerUrl } from 'maplibre-gl'
import type { GeoJSONSource, LngLatBoundsLike } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { buildStyle } from './base-style'
import type { Overlay } from './overlay'

// Under Vite the default worker URL does not resolve and the map never gets idle (STACK.md pitfall 2).
setWorkerUrl(workerUrl)

/** Taishun's WGS84 extent, so the first frame already frames the county. */
export const COUNTY_BOUNDS: LngLatBoundsLike = [[119.620754, 27.299379], [120.244731, 27.811553]]

export interface MapHost {
  map: MlMap
  setData(sourceId: string, data: GeoJSON.GeoJSON): void
  renderedIds(layerId: string): Set<string>
  destroy(): void
}

export function createMapHost(container: HTMLElement, overlays: Overlay[], basemapUrl: string | null,
  onState: (state: 'loading' | 'idle') => void): MapHost {
  const map = new MlMap({
    container,
    style: buildStyle(overlays, basemapUrl),
    bounds: COUNTY_BOUNDS,
    fitBoundsOptions: { padding: 40 },
    attributionControl: false,
    // Keep the wall out of a rotated, tilted view nobody asked for.
    dragRotate: false,
    pitchWithRotate: false,
  })
  map.on('idle', () => onState('idle'))
  map.on('dataloading', () => onState('loading'))

  return {
    map,
    setData(sourceId, data) {
      const source = map.getSource<GeoJSONSource>(sourceId)
      if (!source) throw new Error(`no source ${sourceId}`)
      onState('loading')
      source.setData(data)
    },
    renderedIds(layerId) {
      return new Set(map.queryRenderedFeatures({ layers: [layerId] }).map((f) => String(f.properties.id ?? f.id)))
    },
    destroy: () => map.remove(),
  }
}
