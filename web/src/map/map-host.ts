// The one module that touches the MapLibre map: creates it, sets and patches source data, feature states,
// visibility and filters, and reports when it is idle. Kept out of reactive state (a Map inside a Pinia store
// would be proxied and slowed to a crawl).
import { Map as MlMap, setWorkerUrl } from 'maplibre-gl'
import type { FilterSpecification, GeoJSONSource, GeoJSONSourceDiff, LngLatBoundsLike } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { buildStyle } from './base-style'
import type { Overlay } from './overlay'
import { overlayLayers } from './overlay'

// Under Vite the default worker URL does not resolve and the map never gets idle (STACK.md pitfall 2).
setWorkerUrl(workerUrl)

/** Taishun's WGS84 extent plus the department column on its west side. */
export const COUNTY_BOUNDS: LngLatBoundsLike = [[119.44, 27.299379], [120.244731, 27.811553]]

export interface MapHost {
  map: MlMap
  /** Runs fn once the style has loaded (now, if it has). Not `isStyleLoaded()`, which is false while any source loads. */
  ready(fn: () => void): void
  setData(sourceId: string, data: GeoJSON.GeoJSON): void
  updateData(sourceId: string, diff: GeoJSONSourceDiff): void
  setState(sourceId: string, id: string | number, state: Record<string, unknown>): void
  setVisible(toggle: string, visible: boolean): void
  setFilter(layerId: string, filter: FilterSpecification | null): void
  renderedIds(layerId: string): Set<string>
  destroy(): void
}

export function createMapHost(container: HTMLElement, overlays: Overlay[], basemapUrl: string | null,
  onState: (state: 'loading' | 'idle') => void): MapHost {
  const map = new MlMap({
    container,
    style: buildStyle(overlays, basemapUrl),
    bounds: COUNTY_BOUNDS,
    fitBoundsOptions: { padding: 24 },
    attributionControl: false,
    // Rendered at the screen's real pixels: a 4K wall gets a sharper map, not a stretched one.
    pixelRatio: window.devicePixelRatio,
    // Keep the view out of a rotated, tilted angle nobody asked for.
    dragRotate: false,
    pitchWithRotate: false,
  })
  let loaded = false
  const queued: (() => void)[] = []
  map.once('load', () => {
    loaded = true
    queued.splice(0).forEach((fn) => fn())
  })
  map.on('idle', () => onState('idle'))
  map.on('dataloading', () => onState('loading'))
  const source = (id: string) => {
    const s = map.getSource<GeoJSONSource>(id)
    if (!s) throw new Error(`no source ${id}`)
    return s
  }

  return {
    map,
    ready(fn) {
      if (loaded) fn()
      else queued.push(fn)
    },
    setData(sourceId, data) {
      onState('loading')
      void source(sourceId).setData(data)
    },
    updateData(sourceId, diff) {
      onState('loading')
      void source(sourceId).updateData(diff)
    },
    setState(sourceId, id, state) {
      map.setFeatureState({ source: sourceId, id }, state)
    },
    setVisible(toggle, visible) {
      for (const o of overlays) {
        if (o.toggle !== toggle) continue
        for (const l of overlayLayers(o)) map.setLayoutProperty(l.id, 'visibility', visible ? 'visible' : 'none')
      }
    },
    setFilter: (layerId, filter) => map.setFilter(layerId, filter),
    renderedIds(layerId) {
      return new Set(map.queryRenderedFeatures({ layers: [layerId] }).map((f) => String(f.properties.id ?? f.id)))
    },
    destroy: () => map.remove(),
  }
}
