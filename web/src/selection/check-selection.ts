// Whether a drawn or picked area may be the selection, judged before it goes into the URL: the same rules the API
// applies to `within=` (one closed ring, at most 200 positions, no self-intersection, touching the county), so the
// leader hears at once why a shape is refused instead of finding every panel in error.
import { booleanIntersects, kinks } from '@turf/turf'
import type { Geometry, Polygon } from 'geojson'
import { MAX_SELECTION_VERTICES } from './simplify-selection'

export type SelectionProblem = 'tooFewVertices' | 'tooManyVertices' | 'selfIntersecting' | 'outsideCounty'

export type SelectionCheck = { ok: true; polygon: Polygon } | { ok: false; problem: SelectionProblem }

export function checkSelection(polygon: Polygon, county: Geometry | null): SelectionCheck {
  const ring = polygon.coordinates[0] ?? []
  // Three corners and the closing position: anything less has no area.
  if (ring.length < 4) return { ok: false, problem: 'tooFewVertices' }
  if (ring.length > MAX_SELECTION_VERTICES) return { ok: false, problem: 'tooManyVertices' }
  if (kinks(polygon).features.length > 0) return { ok: false, problem: 'selfIntersecting' }
  if (county && !booleanIntersects(polygon, county)) return { ok: false, problem: 'outsideCounty' }
  return { ok: true, polygon }
}
