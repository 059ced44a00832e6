// Each ring of each polygon, checked before anything is measured: repaired where the intent is plain (a ring not
// closed, a vertex repeated in place), refused where it is not. A ring that crosses itself is refused: which of its
// lobes the author meant cannot be known, and a guess would move records between regions without anyone noticing.
import type { MultiPolygon, Polygon, Position } from 'geojson'
import type { BoundaryFeature } from './features'
import { featureLabel } from './features'

export interface RingCheck {
  features: BoundaryFeature[]
  repaired: string[]
  refused: string[]
}

export function checkRings(features: BoundaryFeature[]): RingCheck {
  const repaired: string[] = []
  const refused: string[] = []
  const kept: BoundaryFeature[] = []
  for (const f of features) {
    const label = featureLabel(f)
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
    const fixedPolygons: Position[][][] = []
    let broken = false
    polygons.forEach((rings, p) => rings.forEach((r, k) => {
      const where = `${label}, ${polygons.length > 1 ? `polygon ${p + 1}, ` : ''}${k === 0 ? 'outer ring' : `hole ${k}`}`
      if (r.some((q) => !Number.isFinite(q[0]) || !Number.isFinite(q[1]))) { refused.push(`${where} has a coordinate that is not a number`); broken = true; return }
      const ring = r.filter((q, i) => i === 0 || q[0] !== r[i - 1]![0] || q[1] !== r[i - 1]![1])
      if (ring.length < r.length) repaired.push(`${where}: ${r.length - ring.length} repeated vertex(es) removed`)
      const first = ring[0], last = ring.at(-1)
      if (first && last && (first[0] !== last[0] || first[1] !== last[1])) { ring.push([first[0]!, first[1]!]); repaired.push(`${where}: closed (its last vertex was not its first)`) }
      if (ring.length < 4) { refused.push(`${where} has ${Math.max(0, ring.length - 1)} distinct vertices: a ring needs 3 or more`); broken = true; return }
      const crossing = selfCrossing(ring)
      if (crossing) { refused.push(`${where} crosses itself near [${crossing.map((v) => v.toFixed(6)).join(', ')}]: broken beyond repair; redraw it so its edges do not cross`); broken = true; return }
      ;(fixedPolygons[p] ??= []).push(ring)
    }))
    if (broken) continue
    const geometry: Polygon | MultiPolygon = f.geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: fixedPolygons[0]! }
      : { type: 'MultiPolygon', coordinates: fixedPolygons }
    kept.push({ ...f, geometry })
  }
  return { features: kept, repaired, refused }
}

/**
 * Where two non-adjacent edges of a closed ring cross or touch, or null. Edges are swept in order of their least x,
 * so each is compared only with those whose x range overlaps it: near-linear for the rings of real boundaries.
 */
export function selfCrossing(ring: Position[]): [number, number] | null {
  const n = ring.length - 1 // edges; the ring is closed
  const order = Array.from({ length: n }, (_, i) => i)
  const lo = (i: number) => Math.min(ring[i]![0]!, ring[i + 1]![0]!)
  const hi = (i: number) => Math.max(ring[i]![0]!, ring[i + 1]![0]!)
  order.sort((a, b) => lo(a) - lo(b))
  const active: number[] = []
  for (const i of order) {
    const x = lo(i)
    for (let k = active.length - 1; k >= 0; k--) if (hi(active[k]!) < x) active.splice(k, 1)
    for (const j of active) {
      if (Math.abs(i - j) === 1 || Math.abs(i - j) === n - 1) continue // neighbours share a vertex
      const hit = segmentsMeet(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)
      if (hit) return hit
    }
    active.push(i)
  }
  return null
}

function segmentsMeet(a: Position, b: Position, c: Position, d: Position): [number, number] | null {
  const cross = (o: Position, p: Position, q: Position) => (p[0]! - o[0]!) * (q[1]! - o[1]!) - (p[1]! - o[1]!) * (q[0]! - o[0]!)
  const d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2)
    return [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)]
  }
  const on = (p: Position, q: Position, r: Position) => Math.min(p[0]!, q[0]!) <= r[0]! && r[0]! <= Math.max(p[0]!, q[0]!) && Math.min(p[1]!, q[1]!) <= r[1]! && r[1]! <= Math.max(p[1]!, q[1]!)
  if (d1 === 0 && on(c, d, a)) return [a[0]!, a[1]!]
  if (d2 === 0 && on(c, d, b)) return [b[0]!, b[1]!]
  if (d3 === 0 && on(a, b, c)) return [c[0]!, c[1]!]
  if (d4 === 0 && on(a, b, d)) return [d[0]!, d[1]!]
  return null
}
