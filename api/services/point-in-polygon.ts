// Point in polygon by ray casting over rings stored as flat arrays: a hole is just another ring (even-odd rule).
// Used by both the indexed and the naive locator, so their comparison measures the index alone.
import type { MultiPolygon, Polygon } from 'geojson'

export type FlatRings = Float64Array[]

export function flattenRings(g: Polygon | MultiPolygon): FlatRings {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  return polygons.flatMap((rings) => rings.map((ring) => Float64Array.from(ring.flatMap(([x, y]) => [x!, y!]))))
}

/** Inside or on no edge in particular: points exactly on an edge may go either way, consistently for both paths. */
export function pointInRings(x: number, y: number, rings: FlatRings): boolean {
  let inside = false
  for (const r of rings) {
    const n = r.length
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const xi = r[i]!, yi = r[i + 1]!, xj = r[j]!, yj = r[j + 1]!
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
  }
  return inside
}
