// Whether a drawn or picked area may be the selection, judged before it goes into the URL: by the domain's rules
// for `within=` (domain/within.ts, the API's own: one ring, at most 200 corners, no crossing), and touching the
// county (the API refuses an area outside the caller's), so the leader hears at once why a shape is refused
// instead of finding every panel in error.
import { booleanIntersects } from '@turf/turf'
import type { Geometry, Polygon } from 'geojson'
import { checkWithin } from '../../../domain/within'
import type { WithinProblem } from '../../../domain/within'

export type SelectionProblem = WithinProblem | 'outside_county'

export type SelectionCheck = { ok: true; polygon: Polygon } | { ok: false; problem: SelectionProblem }

export function checkSelection(polygon: Polygon, county: Geometry | null): SelectionCheck {
  const check = checkWithin(polygon)
  if (!check.ok) return { ok: false, problem: check.problem }
  if (county && !booleanIntersects(check.polygon, county)) return { ok: false, problem: 'outside_county' }
  return { ok: true, polygon: check.polygon }
}
