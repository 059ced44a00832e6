// A drawn selection (`within=`, checked by domain/within.ts) cut to the area the caller may see: the county
// outline for a county reach, the township's polygon for a township, the union of a grid worker's grids. A
// selection is only ever narrowed, never widened; the cut may be a MultiPolygon (a selection across a narrow
// neck of a township), which the store's SQL takes as it is.
import { bboxClip, featureCollection, intersect, union } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'
import { areaBbox, areaContains } from '../../domain/area-contains'
import type { Reach } from '../../domain/roles'
import type { WithinPolygon } from '../../domain/within'
import type { AreaFilter } from '../store/where'
import type { Regions } from './regions'

type Area = Feature<Polygon | MultiPolygon>

export type CutResult =
  | { ok: true; area: AreaFilter }
  /** Nothing of the selection lies in the county (422: a mistake, not a question about someone else's area). */
  | { ok: false; outside: 'county' }
  /** In the county, but nothing of it in the caller's area (403, as a scope outside it). */
  | { ok: false; outside: 'reach' }

/** Reach polygons kept (one per township, one per grid worker's set of grids). */
const REACH_CACHE = 256
/** Cuts kept: a selection is asked for by a list, its figures and its tiles, and again at every refresh. */
const CUT_CACHE = 256

type Ring = readonly (readonly number[])[]
const ringsOf = (a: Area): Ring[] => (a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates).flat()

/** Do segments ab and cd share a point (touching included)? */
function meet(a: readonly number[], b: readonly number[], c: readonly number[], d: readonly number[]): boolean {
  const o = (p: readonly number[], q: readonly number[], r: readonly number[]) => (q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!)
  const on = (p: readonly number[], q: readonly number[], r: readonly number[]) =>
    Math.min(p[0]!, q[0]!) <= r[0]! && r[0]! <= Math.max(p[0]!, q[0]!) && Math.min(p[1]!, q[1]!) <= r[1]! && r[1]! <= Math.max(p[1]!, q[1]!)
  const o1 = o(a, b, c), o2 = o(a, b, d), o3 = o(c, d, a), o4 = o(c, d, b)
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true
  return (o1 === 0 && on(a, b, c)) || (o2 === 0 && on(a, b, d)) || (o3 === 0 && on(c, d, a)) || (o4 === 0 && on(c, d, b))
}

/** The area clipped to a box, without the parts the box leaves empty; null when nothing of it is in the box. */
function nearPart(area: Area, box: [number, number, number, number]): Area | null {
  const clipped = bboxClip(area, box).geometry
  // A ring the box leaves with fewer than 4 positions is gone; a polygon whose outline is gone goes with its holes.
  const polygons = ((clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates) as Position[][][])
    .filter((rings) => (rings[0]?.length ?? 0) >= 4)
    .map((rings) => rings.filter((ring) => ring.length >= 4))
  if (polygons.length === 0) return null
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polygons } }
}

/**
 * The selection lies inside the area with no edge meeting the area's boundary: then the cut is the selection
 * itself, found in a few milliseconds where turf's exact clipping of a 200-vertex selection against the county's
 * 800-vertex outline takes a hundred or more.
 */
function strictlyInside(polygon: WithinPolygon, area: Area): boolean {
  const ring = polygon.coordinates[0]
  const [minX, minY, maxX, maxY] = areaBbox(polygon)
  if (!ring.every(([x, y]) => areaContains(area.geometry, x, y))) return false
  for (const edge of ringsOf(area)) {
    for (let j = 0; j + 1 < edge.length; j++) {
      const c = edge[j]!, d = edge[j + 1]!
      if (Math.max(c[0]!, d[0]!) < minX || Math.min(c[0]!, d[0]!) > maxX || Math.max(c[1]!, d[1]!) < minY || Math.min(c[1]!, d[1]!) > maxY) continue
      for (let i = 0; i + 1 < ring.length; i++) if (meet(ring[i]!, ring[i + 1]!, c, d)) return false
    }
  }
  return true
}

export function selectionAreas(regions: Regions) {
  const asArea = (f: Feature | undefined): Area | undefined =>
    f && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') ? (f as Area) : undefined
  const county = asArea(regions.county.features[0])
  if (!county) throw new Error('the county outline is missing from the geodata')
  const byId = new Map<string, Area>()
  for (const f of [...regions.townships.features, ...regions.grids.features]) {
    const a = asArea(f)
    if (a) byId.set(f.properties.id, a)
  }
  const reaches = new Map<string, Area | null>()
  /** The caller's area as one geometry; null when it names nothing in the geodata (nothing to see). */
  function reachArea(reach: Reach): Area | null {
    if (reach.level === 'county') return county!
    if (reach.level === 'department') return null
    const ids = reach.level === 'township' ? [reach.township] : [...reach.grids].sort()
    const key = ids.join(',')
    if (!reaches.has(key)) {
      const parts = ids.map((id) => byId.get(id)).filter((a): a is Area => a !== undefined)
      const area = parts.length <= 1 ? (parts[0] ?? null) : (union(featureCollection(parts)) as Area | null)
      if (reaches.size >= REACH_CACHE) reaches.delete(reaches.keys().next().value!)
      reaches.set(key, area)
    }
    return reaches.get(key)!
  }

  const cuts = new Map<string, CutResult>()

  /** The selection ∩ the area: the selection itself when it lies inside, else turf's exact clipping of it against
   *  the part of the area within the selection's box (the same intersection, with fewer edges to clip). */
  function cutBy(polygon: WithinPolygon, by: Area): Feature<Polygon | MultiPolygon> | null {
    const selection: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: polygon as Polygon }
    if (strictlyInside(polygon, by)) return selection
    const near = nearPart(by, areaBbox(polygon))
    if (!near) return null
    const clip = (area: Area) => intersect(featureCollection<Polygon | MultiPolygon>([selection, area]))
    try {
      return clip(near)
    } catch {
      // The box clip can leave slivers along the box's edges that the exact clipper refuses; the whole area
      // gives the same intersection, only slower. A failure there is the clipper's, and stays a 500.
      return clip(by)
    }
  }

  return {
    /** The selection cut to the reach, as the store binds it; or where it falls outside. */
    cut(polygon: WithinPolygon, reach: Reach): CutResult {
      const key = `${JSON.stringify(reach)}|${JSON.stringify(polygon.coordinates)}`
      let hit = cuts.get(key)
      if (hit) {
        cuts.delete(key)
      } else {
        hit = cutFresh(polygon, reach)
        if (cuts.size >= CUT_CACHE) cuts.delete(cuts.keys().next().value!)
      }
      cuts.set(key, hit) // most recently used last
      return hit
    },
  }

  function cutFresh(polygon: WithinPolygon, reach: Reach): CutResult {
    const area = reachArea(reach)
    const piece = area ? cutBy(polygon, area) : null
    if (!piece) {
      if (reach.level === 'county' || !cutBy(polygon, county!)) return { ok: false, outside: 'county' }
      return { ok: false, outside: 'reach' }
    }
    const geometry = { type: piece.geometry.type, coordinates: piece.geometry.coordinates }
    return { ok: true, area: { geojson: JSON.stringify(geometry), bbox: areaBbox(geometry) } }
  }
}
export type SelectionAreas = ReturnType<typeof selectionAreas>
