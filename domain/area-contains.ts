// Whether a point lies in a Polygon or MultiPolygon, with its edges and vertices counting as inside (the closed
// area): the rule of PostGIS's ST_Intersects(point, polygon). PostgreSQL decides `within=` with ST_Intersects;
// SQLite calls this, so the two engines select the same records.
//
// It is PostGIS's own point-in-polygon, step for step (a winding number, Dan Sunday's form): the side of a point
// to an edge is the same expression in doubles, a point is on an edge when that side is 0 and it lies in the
// edge's box, an exterior ring's boundary or a hole's boundary counts as inside, a hole's inside as outside.
// Where a side is computed exactly (every coordinate on a binary grid, as in the property test) the answers
// agree on every point; elsewhere they can differ only for a point within about 1e-12 squared degrees of an edge
// (far below the 1e-6° the records are stored to), where PostGIS itself uses a tolerance on some paths.
export type Rings = readonly (readonly (readonly number[])[])[]

export interface AreaGeometry { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }

/** -1 outside the ring, 0 on it, 1 inside. */
export function ringSide(ring: readonly (readonly number[])[], x: number, y: number): -1 | 0 | 1 {
  let wn = 0
  for (let i = 0; i + 1 < ring.length; i++) {
    const x1 = ring[i]![0]!, y1 = ring[i]![1]!, x2 = ring[i + 1]![0]!, y2 = ring[i + 1]![1]!
    if (x1 === x2 && y1 === y2) continue // zero-length edges are ignored
    const side = (x2 - x1) * (y - y1) - (x - x1) * (y2 - y1)
    if (side === 0 && Math.min(x1, x2) <= x && x <= Math.max(x1, x2) && Math.min(y1, y2) <= y && y <= Math.max(y1, y2)) return 0
    if (y1 <= y && y < y2 && side > 0) wn++
    else if (y2 <= y && y < y1 && side < 0) wn--
  }
  return wn === 0 ? -1 : 1
}

/** Inside or on the boundary of one polygon (its rings: the exterior, then holes). */
function polygonHolds(rings: Rings, x: number, y: number): boolean {
  const outer = ringSide(rings[0] ?? [], x, y)
  if (outer !== 1) return outer === 0
  for (let h = 1; h < rings.length; h++) {
    const s = ringSide(rings[h]!, x, y)
    if (s === 0) return true
    if (s === 1) return false
  }
  return true
}

export function areaContains(g: AreaGeometry, x: number, y: number): boolean {
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as readonly Rings[]
  return polygons.some((rings) => polygonHolds(rings, x, y))
}

/** [minLng, minLat, maxLng, maxLat] of every position. */
export function areaBbox(g: AreaGeometry): [number, number, number, number] {
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as readonly Rings[]
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
  for (const rings of polygons) {
    for (const p of rings[0] ?? []) {
      const x = p[0]!, y = p[1]!
      if (x < minX) minX = x
      if (x > maxX) maxX = x
      if (y < minY) minY = y
      if (y > maxY) maxY = y
    }
  }
  return [minX, minY, maxX, maxY]
}
