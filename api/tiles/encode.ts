// Serialises features already in tile coordinates into one Mapbox Vector Tile layer (spec version 2).
import type { GeoJSONVTFeature } from '@maplibre/geojson-vt'
import { GeoJSONWrapper, fromVectorTileJs } from '@maplibre/vt-pbf'
import { EXTENT } from './tile-math'

export function encodeLayers(layers: Record<string, GeoJSONVTFeature[]>): Uint8Array {
  const wrapped: Record<string, GeoJSONWrapper> = {}
  for (const [name, features] of Object.entries(layers)) {
    const layer = new GeoJSONWrapper(features, { version: 2, extent: EXTENT })
    layer.name = name
    wrapped[name] = layer
  }
  return fromVectorTileJs({ layers: wrapped })
}
