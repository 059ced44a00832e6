import { area, polygon as turfPolygon, rewind } from '@turf/turf'
import type { Position } from 'geojson'
import type { Areal } from './projection'

/** Parts smaller than this (km², i.e. 100 m²) are clipping/rounding slivers, not territory. */
export const MIN_PART_KM2 = 1e-4

/** 6 decimals ≈ 0.1 m: far below the source outline's ~100 m generalisation, and it keeps the files small. */
export function roundCoord(v: number): number {
  return Math.round(v * 1e6) / 1e6
}

/**
 * Makes a clipped, unprojected geometry fit to publish: coordinates rounded to 6 decimals, consecutive duplicates
 * and zero-width spikes (created by the rounding) removed, degenerate rings and sliver parts dropped, RFC 7946
 * winding (exterior CCW, holes CW), parts largest first. Returns a Polygon when one part is left.
 */
export function cleanAreal(g: Areal, minPartKm2 = MIN_PART_KM2): Areal {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  const parts: { coords: Position[][]; km2: number }[] = []
  for (const poly of polys) {
    const rings: Position[][] = []
    for (const [i, ring] of poly.entries()) {
      const cleaned = cleanRing(ring)
      if (cleaned) rings.push(cleaned)
      else if (i === 0) break // the exterior collapsed: the holes go with it
    }
    if (rings.length === 0) continue
    const p = turfPolygon(rings)
    // reverse: false gives RFC 7946 winding (exterior counter-clockwise, holes clockwise); mutate edits p in place.
    rewind(p, { reverse: false, mutate: true })
    parts.push({ coords: p.geometry.coordinates, km2: area(p) / 1e6 })
  }
  const kept = parts.filter((p) => p.km2 >= minPartKm2)
  // Never drop a whole cell: if every part is a sliver, keep the largest one.
  const largest = [...parts].sort(byAreaDesc)[0]
  const result = kept.length > 0 ? kept.sort(byAreaDesc) : largest ? [largest] : []
  const first = result[0]
  if (!first || first.km2 <= 0) throw new Error('geometry collapsed to nothing after cleaning')
  return result.length === 1
    ? { type: 'Polygon', coordinates: first.coords }
    : { type: 'MultiPolygon', coordinates: result.map((p) => p.coords) }
}

function byAreaDesc(a: { coords: Position[][]; km2: number }, b: { coords: Position[][]; km2: number }): number {
  if (a.km2 !== b.km2) return b.km2 - a.km2
  // Tie-break on the first vertex so the order never depends on the clipper's output order.
  const pa = a.coords[0]?.[0] ?? [0, 0]
  const pb = b.coords[0]?.[0] ?? [0, 0]
  return (pa[0] ?? 0) - (pb[0] ?? 0) || (pa[1] ?? 0) - (pb[1] ?? 0)
}

/** Rounds a ring and removes what the rounding broke; null when fewer than 3 distinct vertices remain. */
function cleanRing(ring: Position[]): Position[] | null {
  // Work on the open ring (no repeated closing vertex), as a cyclic sequence.
  let pts: Position[] = ring.map((p) => [roundCoord(p[0] ?? 0), roundCoord(p[1] ?? 0)])
  let changed = true
  while (changed && pts.length >= 3) {
    changed = false
    const out: Position[] = []
    for (const p of pts) {
      const prev = out[out.length - 1]
      if (prev && same(prev, p)) continue
      out.push(p)
    }
    while (out.length > 1 && same(out[0] as Position, out[out.length - 1] as Position)) out.pop()
    // A spike a→b→a encloses nothing and makes the ring touch itself: drop b and the repeated a.
    const n = out.length
    const keep: boolean[] = out.map(() => true)
    for (let i = 0; i < n && n > 3; i++) {
      const a = out[(i - 1 + n) % n] as Position
      const c = out[(i + 1) % n] as Position
      if (keep[i] && keep[(i - 1 + n) % n] && same(a, c)) {
        keep[i] = false
        keep[(i + 1) % n] = false
        changed = true
      }
    }
    pts = out.filter((_, i) => keep[i])
  }
  if (pts.length < 3) return null
  const first = pts[0] as Position
  return [...pts, [first[0] ?? 0, first[1] ?? 0]]
}

function same(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1]
}

/** Spherical area (turf.area, mean Earth radius) in km², 2 decimals: the area_km2 of every layer. */
export function areaKm2(g: Areal): number {
  return Math.round(area(g) / 1e4) / 100
}
