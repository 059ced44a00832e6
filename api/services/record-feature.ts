// The GeoJSON feature every record kind is drawn from: the record's id as the feature id and as the first
// property (MapLibre's feature state keys on the one, clicks read the other), at a point, or at none where the kind
// has no place of its own yet (a whistle call whose township has no seat). Its type is exact (a numeric id, a
// [lng, lat] pair), so each kind's builder is checked against the answer schema it declares in domain/answers/.
type PointAt = { type: 'Point'; coordinates: [number, number] }
export interface RecordFeature<G, P> { type: 'Feature'; id: number; geometry: G; properties: { id: number } & P }

export function recordFeature<P extends object>(id: number, at: [number, number], properties: P): RecordFeature<PointAt, P>
export function recordFeature<P extends object>(id: number, at: [number, number] | null, properties: P): RecordFeature<PointAt | null, P>
export function recordFeature<P extends object>(id: number, at: [number, number] | null, properties: P): RecordFeature<PointAt | null, P> {
  return { type: 'Feature', id, geometry: at ? { type: 'Point', coordinates: at } : null, properties: { id, ...properties } }
}
