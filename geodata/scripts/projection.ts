import type { MultiPolygon, Polygon, Position } from 'geojson'

export type Areal = Polygon | MultiPolygon

/** Mean Earth radius (km), the same one turf uses, so projected areas agree with turf.area. */
const EARTH_RADIUS_KM = 6371.0088
const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM

/**
 * Local equirectangular projection in kilometres around a centre point.
 *
 * Voronoi cells must be built where distances are equal in every direction: in raw degrees a degree of longitude
 * is ~11% shorter than a degree of latitude at 27.5°N, which would stretch every cell north–south. Scaling x by
 * cos(lat0) fixes that; over Taishun's ±0.26° of latitude the residual distortion is under 0.3%.
 */
export interface LocalProjection {
  readonly center: Position
  forward(p: Position): Position
  inverse(p: Position): Position
  forwardGeometry<G extends Areal>(g: G): G
  inverseGeometry<G extends Areal>(g: G): G
}

export function createLocalProjection(center: Position): LocalProjection {
  const [lng0, lat0] = center as [number, number]
  const kx = KM_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180)
  const ky = KM_PER_DEGREE
  const forward = (p: Position): Position => [((p[0] as number) - lng0) * kx, ((p[1] as number) - lat0) * ky]
  const inverse = (p: Position): Position => [(p[0] as number) / kx + lng0, (p[1] as number) / ky + lat0]
  return {
    center: [lng0, lat0],
    forward,
    inverse,
    forwardGeometry: (g) => mapGeometry(g, forward),
    inverseGeometry: (g) => mapGeometry(g, inverse),
  }
}

/** The projection every layer uses: centred on the middle of the county outline's bounding box. */
export function projectionForBbox(bbox: readonly number[]): LocalProjection {
  const [minX, minY, maxX, maxY] = bbox as [number, number, number, number]
  return createLocalProjection([(minX + maxX) / 2, (minY + maxY) / 2])
}

function mapGeometry<G extends Areal>(g: G, f: (p: Position) => Position): G {
  if (g.type === 'Polygon') {
    return { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(f)) } as G
  }
  return {
    type: 'MultiPolygon',
    coordinates: g.coordinates.map((poly) => poly.map((ring) => ring.map(f))),
  } as G
}
