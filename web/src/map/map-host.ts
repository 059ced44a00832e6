// The one module that touches the MapLibre map: creates it, sets and patches source data, feature states,
// visibility, filters and sizes, reports when it is idle, hands the bindings its events and what it has drawn, and
// owns the camera (camera.ts decides which request moves the map). Until the first data is all set the overlays'
// settings go into a draft that joins the map in one commit (overlay-draft.ts). Kept out of reactive state (a Map
// inside a Pinia store would be proxied and slowed to a crawl).
import { Map as MlMap, Marker, setWorkerUrl } from 'maplibre-gl'
import type {
  FilterSpecification, GeoJSONSource, GeoJSONSourceDiff, LayerSpecification, LngLatBoundsLike, MapGeoJSONFeature,
  MapMouseEvent, PaddingOptions, SetClusterOptions, VectorTileSource,
} from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import type { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'
import { basemap, baseStyle } from './base-style'
import { heldData } from './held-data'
import type { Overlay } from './overlay'
import { overlayLayers } from './overlay'
import { overlayDraft } from './overlay-draft'
import type { OverlayDraft, PaintProperty } from './overlay-draft'
import { holdFirstPaint } from './hold-first-paint'
import type { FirstPaintHold } from './hold-first-paint'
import { skipEmptySky } from './skip-empty-sky'
import { followCountyBand } from './county-band-tiles'
import { INCIDENT_TILE_MAX_ZOOM } from '../../../domain/incident-tiles'
import { createCamera } from './camera'
import type { Camera } from './camera'

// Under Vite the default worker URL does not resolve and the map never gets idle: point it at the bundled worker.
setWorkerUrl(workerUrl)

/** Taishun's WGS84 extent plus the department column on its west side. */
export const COUNTY_BOUNDS: LngLatBoundsLike = [[119.44, 27.299379], [120.244731, 27.811553]]
/** Room around the county when the map shows all of it (the county band measures its zoom with the same room). */
export const COUNTY_PADDING = 24
/**
 * The closest a flight to a scope goes. A grid in the county seat is a few hundred metres across: at 14 it filled
 * a sixth of the map's width, its own incidents one blot; at 16 it fills most of it, street-block scale.
 */
export const SCOPE_MAX_ZOOM = 16

/** Where the camera goes: a box framed with room around it, or a point at a zoom (`arc`: flown out and in). */
export type CameraTarget = { duration: number; essential?: boolean } & (
  | { bounds: LngLatBoundsLike; padding: number | PaddingOptions; maxZoom?: number }
  | { center: [number, number]; zoom: number; arc?: boolean })

/** A point on the map's canvas, in CSS pixels. */
export type ScreenPoint = [number, number]

/** What the bindings may listen to; each handler gets what it needs and no MapLibre object. */
export interface MapEvents {
  click: { point: ScreenPoint }
  mousemove: { point: ScreenPoint }
  zoom: undefined
  zoomend: undefined
  resize: undefined
  idle: undefined
  /** The style came back after a lost WebGL context: feature states and sources' own options are gone. */
  restored: undefined
}

export interface MapHost {
  /** Whether the map skips MapLibre's empty sky pass (skip-empty-sky.ts); the test hook reports it. */
  emptySkySkipped: boolean
  /** The first picture held until complete (hold-first-paint.ts); the test hook reports it. */
  firstPaint: FirstPaintHold
  /** Runs fn once the style has loaded (now, if it has). Not `isStyleLoaded()`, which is false while any source loads. */
  ready(fn: () => void): void
  /**
   * Adds the overlays to the map with everything set so far: their first data, visibility, filters and feature
   * states. Until then those calls write a draft (overlay-draft.ts); call it once the first data is all set.
   */
  commit(): void
  /** Draws the configured raster basemap under every overlay (once; later calls do nothing). */
  setBasemap(url: string): void
  setData(sourceId: string, data: GeoJSON.GeoJSON): void
  updateData(sourceId: string, diff: GeoJSONSourceDiff): void
  setState(sourceId: string, id: string | number, state: Record<string, unknown>): void
  setVisible(toggle: string, visible: boolean): void
  setFilter(layerId: string, filter: FilterSpecification | null): void
  setPaint(layerId: string, name: PaintProperty, value: unknown): void
  renderedIds(layerId: string): Set<string>
  /** Runs fn once the overlays are on the map (now, if they are): what sets options the draft does not hold. */
  afterCommit(fn: () => void): void
  /** Listens to the map; returns the function that stops listening. */
  on<K extends keyof MapEvents>(type: K, fn: (e: MapEvents[K]) => void): () => void
  /** The one camera: every move of the view goes through it, with its reason (camera.ts says which wins). */
  camera: Pick<Camera<CameraTarget>, 'show' | 'release'>
  zoom(): number
  project(at: [number, number]): ScreenPoint
  unproject(point: ScreenPoint): [number, number]
  /**
   * A terra-draw adapter on this map (the selection tool draws through it); its sources and layers are its own,
   * prefixed `td-`, drawn above every overlay while it is started. Loaded when first asked for: the wall never
   * draws, and the leader only when selecting.
   */
  drawAdapter(): Promise<TerraDrawMapLibreGLAdapter<MlMap>>
  /** The canvas's box on the page. */
  canvasRect(): DOMRect
  setCursor(cursor: string): void
  /** The drawn features of those of `layers` that are on the map and shown, at a point, in a box, or anywhere. */
  queryRendered(layers: string[], at?: ScreenPoint | [ScreenPoint, ScreenPoint]): MapGeoJSONFeature[]
  /** Whether the layer is on the map and not hidden. */
  layerShown(layerId: string): boolean
  layerIds(): string[]
  sourceOf(layerId: string): string | null
  sourceMaxzoom(sourceId: string): number | null
  sourceData(sourceId: string): Promise<GeoJSON.GeoJSON | null>
  layoutOf(layerId: string, name: string): unknown
  setLayout(layerId: string, name: string, value: unknown): void
  setZoomRange(layerId: string, minzoom: number, maxzoom: number): void
  setClusterOptions(sourceId: string, options: SetClusterOptions): void
  clusterExpansionZoom(sourceId: string, clusterId: number): Promise<number>
  /** Puts a DOM element on the map at a place; returns the function that takes it off. */
  addMarker(element: HTMLElement, at: [number, number]): () => void
  /**
   * Draws the layers (id → its GeoJSON source) from the vector source `tileSource` with tiles at `url` (layer
   * `sourceLayer` of the tiles), or back from their GeoJSON sources when url is null. The layers keep their ids,
   * filters, visibility and draw order, so clicks and toggles work the same in both modes; `paint` overrides
   * paint properties on the switch (a heatmap weighs clusters by their count).
   */
  useTiles(tileSource: string, url: string | null, layers: Record<string, string>, sourceLayer: string, paint?: Record<string, Record<string, unknown>>): void
  /**
   * The map as drawn, copied into a 2D canvas at `pixelRatio` (1 or 2): drawn again at that ratio when it differs
   * from the screen's, and copied in the frame's own `render` event, while WebGL's buffer still holds the picture
   * (preserveDrawingBuffer would cost every frame a copy for a picture taken now and then); then the ratio is set back.
   */
  snapshot(pixelRatio: number): Promise<HTMLCanvasElement>
  /** The map drawn now (a synchronous redraw) and copied at once: for `beforeprint`, which waits for no frame. */
  snapshotNow(): HTMLCanvasElement
  destroy(): void
}

export function createMapHost(container: HTMLElement, overlays: Overlay[],
  onState: (state: 'loading' | 'idle') => void): MapHost {
  const map = new MlMap({
    container,
    // Empty: the overlays join it with their first data (`commit`).
    style: baseStyle(),
    bounds: COUNTY_BOUNDS,
    fitBoundsOptions: { padding: COUNTY_PADDING },
    attributionControl: false,
    // Rendered at the screen's real pixels: a 4K wall gets a sharper map, not a stretched one.
    pixelRatio: window.devicePixelRatio,
    // Keep the view out of a rotated, tilted angle nobody asked for.
    dragRotate: false,
    // Labels appear at once rather than fading in over 300 ms: each fade is several more repaints, which on a
    // software-rendered screen cost 0.1–0.3 s each (a township label reset: 8 repaints with the fade, 3 without).
    fadeDuration: 0,
    pitchWithRotate: false,
  })
  const emptySkySkipped = skipEmptySky(map)
  let loaded = false
  const queued: (() => void)[] = []
  map.once('load', () => {
    loaded = true
    queued.splice(0).forEach((fn) => fn())
  })
  map.on('idle', () => onState('idle'))
  map.on('dataloading', () => onState('loading'))
  // A lost WebGL context (driver reset, GPU sleep on a wall PC) is restored by MapLibre, which rebuilds the style
  // from a snapshot after the event: repaint, and tell the bindings once the style is back.
  const restored = new Set<() => void>()
  map.on('webglcontextrestored', () => {
    map.triggerRepaint()
    map.once('style.load', () => restored.forEach((fn) => fn()))
  })
  const camera = createCamera<CameraTarget>({
    move(t) {
      // Only what the request sets: an option given as undefined replaces MapLibre's default (a maxZoom of
      // undefined makes the zoom NaN).
      const { duration, essential = false } = t
      if ('bounds' in t) map.fitBounds(t.bounds, { padding: t.padding, duration, essential, ...(t.maxZoom === undefined ? {} : { maxZoom: t.maxZoom }) })
      else if (t.arc) map.flyTo({ center: t.center, zoom: t.zoom, duration, essential })
      else map.easeTo({ center: t.center, zoom: t.zoom, duration, essential })
    },
    duration: (t) => t.duration,
    now: () => performance.now(),
    endOfTask: (fn) => queueMicrotask(fn),
  })
  const source = (id: string) => {
    const s = map.getSource<GeoJSONSource>(id)
    if (!s) throw new Error(`no source ${id}`)
    return s
  }
  let draft: OverlayDraft | null = overlayDraft(overlays)
  const firstPaint = holdFirstPaint(map, () => draft === null)
  /** The draft's writes on the map itself, once the draft is committed. */
  const live: Omit<OverlayDraft, 'commit' | 'bandSources' | 'layoutOf'> = {
    shown: (sourceId) => map.getLayersOrder()
      .some((id) => map.getLayer(id)?.source === sourceId && map.getLayoutProperty(id, 'visibility') !== 'none'),
    setData(sourceId, d) {
      onState('loading')
      void source(sourceId).setData(d)
    },
    // Only a real change: MapLibre re-tiles a layer's whole source on any layout or filter change, and a layer
    // whose spec says nothing of visibility is visible yet not "equal" to 'visible' for MapLibre's check.
    setVisible(layerId, visible) {
      const next = visible ? 'visible' : 'none'
      if ((map.getLayoutProperty(layerId, 'visibility') ?? 'visible') !== next) map.setLayoutProperty(layerId, 'visibility', next)
    },
    setFilter(layerId, filter) {
      if (JSON.stringify(map.getFilter(layerId) ?? null) !== JSON.stringify(filter ?? null)) map.setFilter(layerId, filter)
    },
    setPaint(layerId, name, value) {
      if (JSON.stringify(map.getPaintProperty(layerId, name) ?? null) !== JSON.stringify(value ?? null)) map.setPaintProperty(layerId, name, value as never)
    },
    setLayout(layerId, name, value) {
      if (JSON.stringify(map.getLayoutProperty(layerId, name as never) ?? null) !== JSON.stringify(value ?? null)) map.setLayoutProperty(layerId, name as never, value as never)
    },
    setState: (sourceId, id, state) => map.setFeatureState({ source: sourceId, id }, state),
  }
  const layerShown = (layerId: string) => map.getLayer(layerId) !== undefined && map.getLayoutProperty(layerId, 'visibility') !== 'none'
  /** Where the overlays' data, visibility, filters and states go now. */
  const target = () => draft ?? live
  /** What needs the overlays on the map waits for the commit. */
  const committed: (() => void)[] = []
  const onMap = (fn: () => void) => { if (draft) committed.push(fn); else fn() }
  const held = heldData((sourceId) => target().shown(sourceId), (sourceId, d) => target().setData(sourceId, d))

  return {
    emptySkySkipped,
    firstPaint,
    ready(fn) {
      if (loaded) fn()
      else queued.push(fn)
    },
    commit() {
      if (!draft) return
      draft.commit({
        addSource: (id, spec) => map.addSource(id, spec),
        addLayer: (layer) => map.addLayer(layer),
        setState: live.setState,
      })
      followCountyBand({
        zoom: () => map.getZoom(),
        countyZoom: () => map.cameraForBounds(COUNTY_BOUNDS, { padding: COUNTY_PADDING })?.zoom,
        maxzoomOf: (id) => map.getSource(id)?.maxzoom,
        setMaxzoom: (id, maxzoom) => { map.getSource(id)!.maxzoom = maxzoom },
        on: (type, fn) => map.on(type, fn),
      }, draft.bandSources)
      draft = null
      committed.splice(0).forEach((fn) => fn())
    },
    setBasemap(url) {
      if (map.getSource('basemap')) return
      const { source: spec, layer } = basemap(url)
      map.addSource('basemap', spec)
      // Under every overlay (before the commit there are none: the overlays then go above it).
      map.addLayer(layer, map.getStyle().layers[0]?.id)
    },
    setData: held.set,
    updateData(sourceId, diff) {
      // A live change to a hidden source waits with its data; any other diff applies to the data it follows.
      if (held.addToHeld(sourceId, diff)) return
      onMap(() => {
        held.release(sourceId)
        onState('loading')
        void source(sourceId).updateData(diff)
      })
    },
    setState: (sourceId, id, state) => target().setState(sourceId, id, state),
    setVisible(toggle, visible) {
      for (const o of overlays) {
        if (o.toggle !== toggle) continue
        for (const l of overlayLayers(o)) {
          target().setVisible(l.id, visible)
          if (visible) held.release(map.getLayer(l.id)?.source ?? (l as { source?: string }).source ?? '')
        }
      }
    },
    setFilter: (layerId, filter) => target().setFilter(layerId, filter),
    setPaint: (layerId, name, value) => target().setPaint(layerId, name, value),
    renderedIds(layerId) {
      if (draft) return new Set()
      return new Set(map.queryRenderedFeatures({ layers: [layerId] }).map((f) => String(f.properties.id ?? f.id)))
    },
    useTiles: (...args) => onMap(() => useTiles(...args)),
    afterCommit: onMap,
    on(type, fn) {
      const handler = fn as (e?: { point: ScreenPoint }) => void
      if (type === 'restored') {
        const run = () => handler()
        restored.add(run)
        return () => restored.delete(run)
      }
      // The mouse events give their point on the canvas, the others nothing.
      const listener = (e: object) => {
        const { point } = e as Partial<Pick<MapMouseEvent, 'point'>>
        handler(point && { point: [point.x, point.y] })
      }
      map.on(type, listener)
      return () => { map.off(type, listener) }
    },
    camera: { show: camera.show, release: camera.release },
    zoom: () => map.getZoom(),
    project(at) {
      const p = map.project(at)
      return [p.x, p.y]
    },
    unproject(point) {
      const { lng, lat } = map.unproject(point)
      return [lng, lat]
    },
    async drawAdapter() {
      const { TerraDrawMapLibreGLAdapter } = await import('terra-draw-maplibre-gl-adapter')
      return new TerraDrawMapLibreGLAdapter({ map, prefixId: 'td', coordinatePrecision: 6 })
    },
    canvasRect: () => map.getCanvas().getBoundingClientRect(),
    setCursor(cursor) { map.getCanvas().style.cursor = cursor },
    queryRendered(layers, at) {
      const shown = layers.filter(layerShown)
      if (draft || shown.length === 0) return []
      return at ? map.queryRenderedFeatures(at, { layers: shown }) : map.queryRenderedFeatures({ layers: shown })
    },
    layerShown,
    layerIds: () => map.getLayersOrder(),
    sourceOf: (layerId) => map.getLayer(layerId)?.source ?? null,
    sourceMaxzoom: (sourceId) => map.getSource(sourceId)?.maxzoom ?? null,
    async sourceData(sourceId) {
      return (await map.getSource<GeoJSONSource>(sourceId)?.getData()) ?? null
    },
    layoutOf: (layerId, name) => (draft ? draft.layoutOf(layerId, name) : map.getLayer(layerId) ? map.getLayoutProperty(layerId, name as never) : undefined),
    setLayout: (layerId, name, value) => target().setLayout(layerId, name, value),
    setZoomRange: (layerId, minzoom, maxzoom) => onMap(() => { if (map.getLayer(layerId)) map.setLayerZoomRange(layerId, minzoom, maxzoom) }),
    setClusterOptions: (sourceId, options) => onMap(() => { void map.getSource<GeoJSONSource>(sourceId)?.setClusterOptions(options) }),
    clusterExpansionZoom: (sourceId, clusterId) => map.getSource<GeoJSONSource>(sourceId)!.getClusterExpansionZoom(clusterId),
    addMarker(element, at) {
      const marker = new Marker({ element }).setLngLat(at).addTo(map)
      return () => { marker.remove() }
    },
    snapshotNow() {
      map.redraw()
      const drawn = map.getCanvas()
      const copy = document.createElement('canvas')
      copy.width = drawn.width
      copy.height = drawn.height
      copy.getContext('2d')!.drawImage(drawn, 0, 0)
      return copy
    },
    async snapshot(pixelRatio) {
      const screen = map.getPixelRatio()
      if (pixelRatio !== screen) {
        map.setPixelRatio(pixelRatio)
        await new Promise((resolve) => map.once('idle', resolve))
      }
      try {
        return await new Promise<HTMLCanvasElement>((resolve) => {
          map.once('render', () => {
            const drawn = map.getCanvas()
            const copy = document.createElement('canvas')
            copy.width = drawn.width
            copy.height = drawn.height
            copy.getContext('2d')!.drawImage(drawn, 0, 0)
            resolve(copy)
          })
          map.triggerRepaint()
        })
      } finally {
        if (pixelRatio !== screen) map.setPixelRatio(screen)
      }
    },
    destroy: () => map.remove(),
  }

  function useTiles(...[tileSource, url, layerSources, sourceLayer, paint = {}]: Parameters<MapHost['useTiles']>) {
    if (url) {
      const existing = map.getSource<VectorTileSource>(tileSource)
      if (!existing) map.addSource(tileSource, { type: 'vector', tiles: [url], minzoom: 0, maxzoom: INCIDENT_TILE_MAX_ZOOM })
      else if (existing.tiles?.[0] !== url) { onState('loading'); existing.setTiles([url]) }
    }
    const layers = map.getStyle().layers
    for (const [id, geojsonSource] of Object.entries(layerSources)) {
      const target = url ? tileSource : geojsonSource
      const i = layers.findIndex((l) => l.id === id)
      const spec = layers[i] as (LayerSpecification & { source?: string; 'source-layer'?: string; paint?: Record<string, unknown> }) | undefined
      if (!spec || spec.source === target) continue
      const next: Record<string, unknown> = { ...spec, source: target, paint: { ...spec.paint, ...paint[id] } }
      if (url) next['source-layer'] = sourceLayer
      else delete next['source-layer']
      const before = layers.slice(i + 1).find((l) => map.getLayer(l.id))?.id
      map.removeLayer(id)
      map.addLayer(next as LayerSpecification, before)
      // Back on its GeoJSON source, a shown layer needs the data set while it read tiles.
      if (!url && map.getLayoutProperty(id, 'visibility') !== 'none') held.release(geojsonSource)
    }
    if (!url && map.getSource(tileSource)) map.removeSource(tileSource)
  }
}
