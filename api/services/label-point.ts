// Where an area's name goes: its centre of mass, the way a cartographer labels a region, or a point surely on it
// when the centre falls outside (a crescent-shaped area). Township seats bunch up in the middle of Taishun, so
// names at the seats crowded each other; the centres of their areas lie further apart.
import { booleanPointInPolygon, centerOfMass, pointOnFeature } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'

export function labelPoint(area: Feature<Polygon | MultiPolygon>): Position {
  const centre = centerOfMass(area).geometry.coordinates
  const point = booleanPointInPolygon(centre, area) ? centre : pointOnFeature(area).geometry.coordinates
  // Six decimals are ~0.1 m: enough for a label, and the served file stays small.
  return point.map((c) => Math.round(c * 1e6) / 1e6)
}
