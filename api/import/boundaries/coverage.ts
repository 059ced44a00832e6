// How a level's polygons cover the area above them (the county outline for townships, the townships for villages,
// the villages for grids): the gaps left, the overlaps between features, and what lies outside, each in km² and as
// a share, each piece of any size named by where it is and which features border it.
import { area, bbox, difference, featureCollection, intersect, pointOnFeature, union } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'
import type { BoundaryFeature } from './features'
import { featureLabel } from './features'

type Area = Feature<Polygon | MultiPolygon>

export interface Piece {
  km2: number
  at: [number, number]
  /** Features of the file that border or hold it, labelled. */
  near: string[]
}

export interface Coverage {
  parentKm2: number
  layerKm2: number
  gapKm2: number
  overlapKm2: number
  outsideKm2: number
  gaps: Piece[]
  overlaps: Piece[]
  outside: Piece[]
}

/** Pieces smaller than this are counted in the totals but not listed: slivers of reprojection and rounding. */
export const PIECE_LISTED_KM2 = 0.01

const KM2 = 1e6
const asFeature = (g: Polygon | MultiPolygon): Area => ({ type: 'Feature', properties: {}, geometry: g })
const km2 = (f: Area | null) => (f ? area(f) / KM2 : 0)

function unionAll(areas: Area[]): Area | null {
  if (areas.length === 0) return null
  if (areas.length === 1) return areas[0]!
  return union(featureCollection(areas)) as Area | null
}

/** Each polygon of a (multi)polygon as its own feature. */
function pieces(f: Area | null): Area[] {
  if (!f) return []
  return f.geometry.type === 'Polygon' ? [f] : f.geometry.coordinates.map((c) => asFeature({ type: 'Polygon', coordinates: c }))
}

type Box = [number, number, number, number]
const boxesMeet = (a: Box, b: Box, pad: number) => a[0] - pad <= b[2] && b[0] - pad <= a[2] && a[1] - pad <= b[3] && b[1] - pad <= a[3]

/** Metres (roughly: the county's latitude) from point p to the nearest edge of a polygon. */
function distanceToEdges(p: Position, g: Polygon | MultiPolygon): number {
  const kx = 111320 * Math.cos((p[1]! * Math.PI) / 180), ky = 110574
  let best = Infinity
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()
  for (const r of rings) {
    for (let i = 1; i < r.length; i++) {
      const ax = (r[i - 1]![0]! - p[0]!) * kx, ay = (r[i - 1]![1]! - p[1]!) * ky
      const bx = (r[i]![0]! - p[0]!) * kx, by = (r[i]![1]! - p[1]!) * ky
      const dx = bx - ax, dy = by - ay
      const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
      best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy))
    }
  }
  return best
}

/** The features that border a piece: any of its vertices within `metres` of their edges. */
function bordering(piece: Area, features: BoundaryFeature[], boxes: Box[], metres = 5): string[] {
  const pb = bbox(piece) as Box
  const vertices = piece.geometry.type === 'Polygon' ? piece.geometry.coordinates.flat() : piece.geometry.coordinates.flat(2)
  return features.filter((f, i) => boxesMeet(pb, boxes[i]!, 0.001) && vertices.some((v) => distanceToEdges(v, f.geometry) <= metres)).map(featureLabel)
}

function describe(list: Area[], near: (p: Area) => string[]): Piece[] {
  return list.map((p) => ({ km2: km2(p), p })).filter((x) => x.km2 >= PIECE_LISTED_KM2).sort((a, b) => b.km2 - a.km2)
    .map(({ km2: k, p }) => ({ km2: k, at: pointOnFeature(p).geometry.coordinates.map((v) => Math.round(v * 1e5) / 1e5) as [number, number], near: near(p) }))
}

export function coverage(features: BoundaryFeature[], parent: (Polygon | MultiPolygon)[]): Coverage {
  const areas = features.map((f) => asFeature(f.geometry))
  const boxes = areas.map((a) => bbox(a) as Box)
  const layer = unionAll(areas)
  const outline = unionAll(parent.map(asFeature))
  const sum = areas.reduce((s, a) => s + km2(a), 0)
  const layerKm2 = km2(layer)
  const parentKm2 = km2(outline)
  const gap = outline && layer ? difference(featureCollection([outline, layer])) as Area | null : outline
  const outside = outline && layer ? difference(featureCollection([layer, outline])) as Area | null : layer

  // Overlaps pair by pair, among features whose boxes meet: each named by its two features.
  const overlaps: Piece[] = []
  for (let i = 0; i < areas.length; i++) {
    for (let j = i + 1; j < areas.length; j++) {
      if (!boxesMeet(boxes[i]!, boxes[j]!, 0)) continue
      const both = intersect(featureCollection([areas[i]!, areas[j]!])) as Area | null
      for (const piece of describe(pieces(both), () => [featureLabel(features[i]!), featureLabel(features[j]!)])) overlaps.push(piece)
    }
  }
  return {
    parentKm2, layerKm2,
    gapKm2: km2(gap), overlapKm2: Math.max(0, sum - layerKm2), outsideKm2: km2(outside),
    gaps: describe(pieces(gap), (p) => bordering(p, features, boxes)),
    overlaps: overlaps.sort((a, b) => b.km2 - a.km2),
    outside: describe(pieces(outside), (p) => bordering(p, features, boxes)),
  }
}
