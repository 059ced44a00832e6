// A drawn selection (`within=`, checked by domain/within.ts) cut to the area the caller may see: the county
// outline for a county reach, the township's polygon for a township, the union of a grid worker's grids. A
// selection is only ever narrowed, never widened; the cut may be a MultiPolygon (a selection across a narrow
// neck of a township), which the store's SQL takes as it is.
import { featureCollection, intersect, union } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { areaBbox } from '../../domain/area-contains'
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

  const cutBy = (polygon: WithinPolygon, by: Area) =>
    intersect(featureCollection<Polygon | MultiPolygon>([{ type: 'Feature', properties: {}, geometry: polygon as Polygon }, by]))

  return {
    /** The selection cut to the reach, as the store binds it; or where it falls outside. */
    cut(polygon: WithinPolygon, reach: Reach): CutResult {
      const area = reachArea(reach)
      const piece = area ? cutBy(polygon, area) : null
      if (!piece) {
        if (reach.level === 'county' || !cutBy(polygon, county!)) return { ok: false, outside: 'county' }
        return { ok: false, outside: 'reach' }
      }
      const geometry = { type: piece.geometry.type, coordinates: piece.geometry.coordinates }
      return { ok: true, area: { geojson: JSON.stringify(geometry), bbox: areaBbox(geometry) } }
    },
  }
}
export type SelectionAreas = ReturnType<typeof selectionAreas>
