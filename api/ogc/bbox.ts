// `bbox=` and `bbox-crs=` of an items request, turned into the WGS84 box (minLng, minLat, maxLng, maxLat) the
// lists filter by. Four numbers, or six with heights (which a 2D service ignores), in bbox-crs's axis order.
import { badRequest } from '../errors'
import { boxInCrs, parseCrs } from './crs'

export type LngLatBox = [number, number, number, number]

export function parseOgcBbox(raw: string | undefined, rawCrs: string | undefined): LngLatBox | undefined {
  const crs = parseCrs(rawCrs, 'bbox-crs')
  if (raw === undefined || raw === '') return undefined
  const parts = raw.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)))
  if ((parts.length !== 4 && parts.length !== 6) || parts.some((n) => !Number.isFinite(n))) {
    throw badRequest(`bbox="${raw}" must be four numbers (or six with heights), lower corner then upper corner in bbox-crs's axis order: ` +
      'minLng,minLat,maxLng,maxLat for CRS84 (the default), minLat,minLng,maxLat,maxLng for EPSG:4490', 'invalid_bbox')
  }
  const flat = parts.length === 6 ? [parts[0]!, parts[1]!, parts[3]!, parts[4]!] as const : parts as unknown as readonly [number, number, number, number]
  // boxInCrs swaps a latitude-first box back to longitude first: the same swap either way.
  const [minLng, minLat, maxLng, maxLat] = boxInCrs(flat, crs)
  if (minLat > maxLat || minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90) {
    throw badRequest(`bbox="${raw}" is not a box in ${crs}: the lower corner must come first and latitudes lie within ±90, longitudes within ±180`, 'invalid_bbox')
  }
  // A box across the antimeridian (minLng > maxLng) is legal OGC, but the county is nowhere near it.
  if (minLng > maxLng) throw badRequest(`bbox="${raw}" crosses the antimeridian; this service covers 泰顺县 only: send a box around it`, 'invalid_bbox')
  return [minLng, minLat, maxLng, maxLat]
}

/** The WGS84 box of any GeoJSON geometry (null for none). */
export function geometryBox(geometry: { type: string; coordinates?: unknown; geometries?: unknown[] } | null): LngLatBox | null {
  if (geometry === null) return null
  let box: LngLatBox | null = null
  const visit = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number]
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y]
    } else if (Array.isArray(c)) c.forEach(visit)
  }
  if (geometry.type === 'GeometryCollection') (geometry.geometries as typeof geometry[]).forEach((g) => visit(g.coordinates))
  else visit(geometry.coordinates)
  return box
}

/** Do two boxes meet (edges included)? */
export const boxesMeet = (a: LngLatBox, b: LngLatBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
