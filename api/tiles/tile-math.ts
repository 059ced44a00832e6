// Web-Mercator tile arithmetic (the XYZ scheme MapLibre requests): a tile's box in WGS84, and where a point falls
// in a tile's 4096-unit extent.
export const EXTENT = 4096
export const MAX_ZOOM = 22

export interface TileId { z: number; x: number; y: number }

const lngOf = (x: number, z: number) => (x / 2 ** z) * 360 - 180
const latOf = (y: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI

/** [minLng, minLat, maxLng, maxLat] of the tile. */
export function tileBbox({ z, x, y }: TileId): [number, number, number, number] {
  return [lngOf(x, z), latOf(y + 1, z), lngOf(x + 1, z), latOf(y, z)]
}

/** The point's position in world tile units at zoom z (x, y in [0, 2^z)). */
export function worldPosition(lng: number, lat: number, z: number): [number, number] {
  const s = Math.sin((lat * Math.PI) / 180)
  const n = 2 ** z
  return [((lng + 180) / 360) * n, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n]
}

/** The point in the tile's own coordinates, 0..EXTENT across the tile. */
export function tilePixel(lng: number, lat: number, t: TileId): [number, number] {
  const [wx, wy] = worldPosition(lng, lat, t.z)
  return [Math.round((wx - t.x) * EXTENT), Math.round((wy - t.y) * EXTENT)]
}

/** The tile at zoom z that holds the point. */
export function tileOf(lng: number, lat: number, z: number): TileId {
  const [wx, wy] = worldPosition(lng, lat, z)
  const n = 2 ** z
  return { z, x: Math.min(n - 1, Math.max(0, Math.floor(wx))), y: Math.min(n - 1, Math.max(0, Math.floor(wy))) }
}
