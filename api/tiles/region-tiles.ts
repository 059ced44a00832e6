// Grid and village boundary tiles, sliced from the boundary files the API already serves as GeoJSON. Boundaries
// do not change while the server runs, so each layer's slicing index is built once, on first request.
import { GeoJSONVT } from '@maplibre/geojson-vt'
import type { Regions, RegionFeature } from '../services/regions'
import { encodeLayers } from './encode'
import type { TileId } from './tile-math'
import { EXTENT } from './tile-math'

export const REGION_LAYERS = ['grids', 'villages'] as const
export type RegionLayer = (typeof REGION_LAYERS)[number]

/** Flat properties only (MVT values are scalars); grid staff stay in the GeoJSON detail, not on every tile. */
const KEEP: Record<RegionLayer, string[]> = {
  grids: ['id', 'name', 'village', 'township', 'households'],
  villages: ['id', 'name', 'kind', 'township'],
}

function tileFeature(f: RegionFeature, keep: string[]): GeoJSON.Feature {
  const properties: Record<string, unknown> = {}
  for (const k of keep) if (f.properties[k] !== undefined) properties[k] = f.properties[k]
  // A region code (12 or 14 digits) is below 2^53, so it survives as the tile's integer feature id: feature-state works.
  return { type: 'Feature', id: Number(f.properties.id), geometry: f.geometry, properties }
}

export function regionTiles(regions: Regions) {
  const indexes = new Map<RegionLayer, GeoJSONVT>()
  const index = (layer: RegionLayer) => {
    let idx = indexes.get(layer)
    if (!idx) {
      const fc: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: regions[layer].features.map((f) => tileFeature(f, KEEP[layer])) }
      idx = new GeoJSONVT(fc, { maxZoom: 16, indexMaxZoom: 6, extent: EXTENT, buffer: 64, tolerance: 3 })
      indexes.set(layer, idx)
    }
    return idx
  }
  return {
    build(layer: RegionLayer, t: TileId): { bytes: Uint8Array; features: number } {
      const tile = index(layer).getTile(t.z, t.x, t.y)
      const features = tile?.features ?? []
      return { bytes: encodeLayers({ [layer]: features }), features: features.length }
    },
  }
}
