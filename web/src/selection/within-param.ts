// The selection as the page's URL and the API's query carry it: `within=` the JSON text of a GeoJSON Polygon. The
// page keeps it in its URL so a link reproduces the selection; reading it back checks only the shape (one closed
// ring of finite [lng, lat] pairs): whether the area is acceptable is the API's to say (domain rules), and a link
// it refuses shows that refusal rather than a silently dropped selection.
import type { Polygon } from 'geojson'

export const withinText = (polygon: Polygon): string => JSON.stringify(polygon)

const isPosition = (p: unknown): p is [number, number] =>
  Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v))

/** The polygon in a `within` parameter, or null when it is absent or not one closed ring of positions. */
export function parseWithin(text: string | null): Polygon | null {
  if (!text) return null
  let value: unknown
  try { value = JSON.parse(text) } catch { return null }
  if (typeof value !== 'object' || value === null) return null
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown }
  if (type !== 'Polygon' || !Array.isArray(coordinates) || coordinates.length !== 1) return null
  const ring: unknown = coordinates[0]
  if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isPosition)) return null
  const first = ring[0] as [number, number]
  const last = ring[ring.length - 1] as [number, number]
  if (first[0] !== last[0] || first[1] !== last[1]) return null
  return { type: 'Polygon', coordinates: [ring.map(([lng, lat]) => [lng, lat])] }
}
