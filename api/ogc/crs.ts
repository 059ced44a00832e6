// The coordinate reference systems the feature service answers in (OGC API – Features Part 2). Records are stored
// in WGS84 longitude, latitude: that is CRS84, the default. CGCS2000 (EPSG:4490), China's geodetic datum that
// 天地图 and the national surveying standards use, is within centimetres of WGS84 at this scale (domain/crs.ts),
// so the numbers stay the same: what changes is the axis order, which EPSG defines as latitude first.
import { badRequest } from '../errors'

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
export const CGCS2000 = 'http://www.opengis.net/def/crs/EPSG/0/4490'
export const SUPPORTED_CRS = [CRS84, CGCS2000] as const
export type OgcCrs = (typeof SUPPORTED_CRS)[number]
export const STORAGE_CRS: OgcCrs = CRS84

/** `crs=` or `bbox-crs=`: one of SUPPORTED_CRS (default CRS84); anything else is 400 listing them. */
export function parseCrs(raw: string | undefined, name: string): OgcCrs {
  if (raw === undefined || raw === '') return CRS84
  const found = SUPPORTED_CRS.find((crs) => crs === raw)
  if (!found) throw badRequest(`${name}="${raw}" is not supported: use ${SUPPORTED_CRS.join(' (default) or ')}`, 'unsupported_crs')
  return found
}

/** Does this CRS put latitude first? */
export const latitudeFirst = (crs: OgcCrs) => crs === CGCS2000

type Position = number[]
type Coordinates = Position | Coordinates[]
interface Geometry { type: string; coordinates?: unknown; geometries?: Geometry[] }

const swapped = (c: Coordinates): Coordinates =>
  typeof c[0] === 'number' ? [c[1] as number, c[0], ...(c as number[]).slice(2)] : (c as Coordinates[]).map(swapped)

/** A geometry as `crs` orders its axes (a new object; null stays null). */
export function inCrs<G extends Geometry | null>(geometry: G, crs: OgcCrs): G {
  if (geometry === null || !latitudeFirst(crs)) return geometry
  if (geometry.type === 'GeometryCollection') return { ...geometry, geometries: geometry.geometries!.map((g) => inCrs(g, crs)) }
  return { ...geometry, coordinates: swapped(geometry.coordinates as Coordinates) }
}

/** A box as `crs` orders it: CRS84 minLng,minLat,maxLng,maxLat; EPSG:4490 minLat,minLng,maxLat,maxLng. */
export function boxInCrs(box: readonly [number, number, number, number], crs: OgcCrs): [number, number, number, number] {
  const [a, b, c, d] = box
  return latitudeFirst(crs) ? [b, a, d, c] : [a, b, c, d]
}
