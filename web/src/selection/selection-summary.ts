// What the selection chip says of the selected area: how many grids it covers and how large it is.
import { area, bbox, featureCollection, intersect } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'

export interface SelectionSummary {
  /** Grids the area covers part of: their records may be in the selection. */
  grids: number
  km2: number
}

type Box = [number, number, number, number]
const overlaps = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]

/**
 * Share of a grid the area must cover to count it. A picked grid, simplified, strays a few metres over its
 * neighbours' edges; those slivers are not "grids selected".
 */
const MIN_SHARE = 0.02

export function summarizeSelection(polygon: Polygon, grids: readonly Feature[]): SelectionSummary {
  const box = bbox(polygon) as Box
  // The boxes first: of ~1,000 grids a small selection overlaps a handful, and the exact test is the costly one.
  const covered = grids.filter((g) => {
    if (g.geometry.type !== 'Polygon' && g.geometry.type !== 'MultiPolygon') return false
    if (!overlaps(box, bbox(g) as Box)) return false
    const grid = g as Feature<Polygon | MultiPolygon>
    const common = intersect(featureCollection([{ type: 'Feature', properties: {}, geometry: polygon }, grid]))
    return common !== null && area(common) >= MIN_SHARE * area(grid)
  })
  return { grids: covered.length, km2: area(polygon) / 1e6 }
}
