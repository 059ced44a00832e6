// The overlays as plain style data until the map's first data is all set: sources, visibility, filters and feature
// states are written into the draft, and `commit` adds it all to the map in one tick, each source with its first
// data. Added empty to the first style and filled on 'load', every source was loaded twice: an empty round of
// tiles in the worker that 'load' waited for, then the real one (~0.7 s of the county view's first load on a
// 2-core machine with WebGL on the CPU).
import type { FilterSpecification, LayerSpecification, Map as MlMap, SourceSpecification } from 'maplibre-gl'
import type { Overlay } from './overlay'
import { composeOverlays } from './overlay'
import { countyBandSpec, inCountyBand } from './county-band-tiles'

type Layer = LayerSpecification & { source?: string; filter?: FilterSpecification; layout?: Record<string, unknown>; paint?: Record<string, unknown> }

/** A paint property's name, as MapLibre's setPaintProperty takes it. */
export type PaintProperty = Parameters<MlMap['setPaintProperty']>[1]

export interface OverlayDraft {
  /** The sources that `commit` adds tiled coarsely while the whole county is in view (county-band-tiles.ts). */
  bandSources: string[]
  /** Whether a layer of the source would be drawn (held-data.ts asks). */
  shown(sourceId: string): boolean
  setData(sourceId: string, data: GeoJSON.GeoJSON): void
  setVisible(layerId: string, visible: boolean): void
  setFilter(layerId: string, filter: FilterSpecification | null): void
  setPaint(layerId: string, name: PaintProperty, value: unknown): void
  setLayout(layerId: string, name: string, value: unknown): void
  /** A layout property as set so far (the layer's own, or what setLayout wrote). */
  layoutOf(layerId: string, name: string): unknown
  setState(sourceId: string, id: string | number, state: Record<string, unknown>): void
  /** Adds every source and layer to the map (above what it already draws) and sets the feature states. */
  commit(to: DraftTarget): void
}

/** Where the draft goes: the map, through map-host.ts. */
export interface DraftTarget {
  addSource(id: string, spec: SourceSpecification): void
  addLayer(layer: LayerSpecification): void
  setState(sourceId: string, id: string | number, state: Record<string, unknown>): void
}

export function overlayDraft(overlays: Overlay[]): OverlayDraft {
  const composed = composeOverlays(overlays)
  const sources: Record<string, SourceSpecification> = { ...composed.sources }
  const layers = new Map(composed.layers.map((l) => [l.id, { ...l } as Layer]))
  const states: [string, string | number, Record<string, unknown>][] = []
  const layer = (id: string) => {
    const l = layers.get(id)
    if (!l) throw new Error(`no layer ${id}`)
    return l
  }
  return {
    bandSources: Object.entries(composed.sources).filter(([, spec]) => inCountyBand(spec)).map(([id]) => id),
    shown: (sourceId) => [...layers.values()].some((l) => l.source === sourceId && l.layout?.visibility !== 'none'),
    setData(sourceId, data) {
      const spec = sources[sourceId]
      if (spec?.type !== 'geojson') throw new Error(`no GeoJSON source ${sourceId}`)
      sources[sourceId] = { ...spec, data }
    },
    setVisible(layerId, visible) {
      const l = layer(layerId)
      l.layout = { ...l.layout, visibility: visible ? 'visible' : 'none' }
    },
    setFilter(layerId, filter) {
      const l = layer(layerId)
      if (filter) l.filter = filter
      else delete l.filter
    },
    setPaint(layerId, name, value) {
      const l = layer(layerId)
      l.paint = { ...l.paint, [name]: value }
    },
    setLayout(layerId, name, value) {
      const l = layer(layerId)
      l.layout = { ...l.layout, [name]: value }
    },
    layoutOf: (layerId, name) => layers.get(layerId)?.layout?.[name],
    setState: (sourceId, id, state) => { states.push([sourceId, id, state]) },
    commit(to) {
      for (const [id, spec] of Object.entries(sources)) to.addSource(id, countyBandSpec(spec))
      for (const l of layers.values()) to.addLayer(l)
      for (const [source, id, state] of states) to.setState(source, id, state)
    },
  }
}
