// What the selection chip says of the selected area: how many grids it touches and how large it is.
import { area, bbox, booleanIntersects } from '@turf/turf'
import type { Feature, Geometry, Polygon } from 'geojson'

export interface SelectionSummary {
  /** Grids the area touches: their records may be in the selection. */
  grids: number
  km2: number
}

type Box = [number, number, number, number]
const overlaps = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]

export function summarizeSelection(polygon: Polygon, grids: readonly Feature<Geometry>[]): SelectionSummary {
  const box = bbox(polygon) as Box
  // The boxes first: of ~1,000 grids a small selection overlaps a handful, and the exact test is the costly one.
  const touched = grids.filter((g) => overlaps(box, bbox(g) as Box) && booleanIntersects(polygon, g))
  return { grids: touched.length, km2: area(polygon) / 1e6 }
}
