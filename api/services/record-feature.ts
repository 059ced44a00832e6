// The GeoJSON feature every record kind is drawn from: the record's id as the feature id and as the first
// property (MapLibre's feature state keys on the one, clicks read the other), at a point, or at none where the kind
// has no place of its own yet (a whistle call whose township has no seat).
import type { Feature, Point, Position } from 'geojson'

export function recordFeature<P extends object>(id: number, at: Position, properties: P): Feature<Point, { id: number } & P>
export function recordFeature<P extends object>(id: number, at: Position | null, properties: P): Feature<Point | null, { id: number } & P>
export function recordFeature<P extends object>(id: number, at: Position | null, properties: P): Feature<Point | null, { id: number } & P> {
  return { type: 'Feature', id, geometry: at ? { type: 'Point', coordinates: at } : null, properties: { id, ...properties } }
}
