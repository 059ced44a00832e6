// A drawn or picked area made small enough to travel as `within=`: the API takes one ring of at most
// WITHIN_MAX_VERTICES corners (domain/within.ts). A hand-drawn polygon is usually far below it; a grid's boundary is not (a few
// hundred to a few thousand positions). Douglas–Peucker with a tolerance that doubles until the ring fits keeps the
// shape as close as the limit allows, rather than one coarse tolerance for every shape.
import { simplify } from '@turf/turf'
import type { Polygon, Position } from 'geojson'
import { WITHIN_MAX_VERTICES, vertexCount } from '../../../domain/within'

/** ~0.1 m at Taishun's latitude: enough for a boundary, and a URL a sixth shorter than the full double. */
const DECIMALS = 6
/** ~1 m: where the doubling starts. */
const FIRST_TOLERANCE = 1e-5
/** A degree: past this, a ring of the county's size has four positions; nothing sensible needs more. */
const LAST_TOLERANCE = 1

const round = (v: number) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS

/** The ring closed, rounded, without repeated positions in a row. */
export function cleanRing(ring: readonly Position[]): Position[] {
  const out: Position[] = []
  for (const p of ring) {
    const q = [round(p[0]!), round(p[1]!)]
    const last = out[out.length - 1]
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q)
  }
  const first = out[0]
  const last = out[out.length - 1]
  if (first && last && out.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) out.push([...first])
  return out
}

/**
 * The outer ring of `polygon` (holes dropped: the API takes one ring) with at most `max` corners (the closing
 * position not counted, as domain/within.ts counts). Returns the ring unchanged (but cleaned) when it already fits.
 */
export function simplifySelection(polygon: Polygon, max = WITHIN_MAX_VERTICES): Polygon {
  let ring = cleanRing(polygon.coordinates[0] ?? [])
  for (let tolerance = FIRST_TOLERANCE; vertexCount(ring) > max && tolerance <= LAST_TOLERANCE; tolerance *= 2) {
    const simpler = simplify({ type: 'Polygon', coordinates: [ring] }, { tolerance, highQuality: true, mutate: false })
    ring = cleanRing(simpler.coordinates[0] ?? [])
  }
  return { type: 'Polygon', coordinates: [ring] }
}

/** The largest part of an area as a polygon of its outer ring: what a picked grid (sometimes in parts) selects. */
export function outerPolygon(geometry: GeoJSON.Geometry): Polygon | null {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: [geometry.coordinates[0] ?? []] }
  if (geometry.type !== 'MultiPolygon') return null
  let best: Position[] | null = null
  let bestSpan = -1
  for (const part of geometry.coordinates) {
    const ring = part[0] ?? []
    // The bounding box's size is enough to tell the main part from slivers.
    const xs = ring.map((p) => p[0]!)
    const ys = ring.map((p) => p[1]!)
    const span = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys))
    if (span > bestSpan) { best = ring; bestSpan = span }
  }
  return best ? { type: 'Polygon', coordinates: [best] } : null
}
