// The selection as the page's URL and the API's query carry it: `within=` the JSON text of a GeoJSON Polygon. The
// page keeps it in its URL so a link reproduces the selection. Read back by the domain's rules (domain/within.ts,
// the API's own): a link whose area those refuse opens without a selection, not with every panel in error.
import type { Polygon } from 'geojson'
import { parseWithin } from '../../../domain/within'

export const withinText = (polygon: Polygon): string => JSON.stringify(polygon)

/** The polygon in a `within` parameter, or null when it is absent or not an acceptable polygon. */
export function withinFromUrl(text: string | null): Polygon | null {
  if (!text) return null
  const result = parseWithin(text)
  return result.ok ? result.polygon : null
}
