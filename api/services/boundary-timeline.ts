// Which boundaries are in force when. Each level (township, village, grid) is the built file until an imported
// version takes force (the newest valid_from ≤ the moment; the later import wins a tie), so the map serves the
// version in force and the locator places a record by the boundaries of the record's own time.
//
// Placing a point: while only built files are in force the grid layer answers all three levels, as it always has
// (the grids partition the villages, the villages the townships). Once a level has an imported version, that level
// is placed in its own layer: a township import redraws townships without waiting for new grids, and every figure
// filters each level by its own stored column (api/store/scope.ts), so the levels need not nest for figures to
// add up. Where an imported township or village layer leaves a sliver uncovered (within the import's tolerance),
// the grid's own answer stands.
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import type { BoundaryLevel, BoundaryVersion, BoundaryVersionMeta } from '../store/boundaries'
import type { Store } from '../store'
import type { Location, Locator } from './locator'
import { createLocator } from './locator'
import type { RegionCollection, RegionLayer, Regions } from './regions'
import { prepareLayer } from './regions'

export const LAYER_OF: Record<BoundaryLevel, RegionLayer> = { township: 'townships', village: 'villages', grid: 'grids' }

export interface BoundaryTimeline {
  /** Whether any imported version is stored at all (none: every answer is the built files'). */
  readonly versioned: boolean
  /** The imported version of a level in force at t, or null while the built file is. */
  versionAt(level: BoundaryLevel, t: number): BoundaryVersionMeta | null
  /** The regions in force at t: the same object for the same versions, so what is built from it is built once. */
  regionsAt(t: number): Regions
  /** Township, village and grid of a point by the boundaries in force at t; null outside the county. */
  locateAt(lng: number, lat: number, t: number): Location | null
  /** A locator for intake: it places each record by the boundaries in force at `now()`, the record's time. */
  locator(now: () => number): Locator
}

/**
 * `prepare`: what a stored layer needs before use; the server masks grid staff and adds label points
 * (regions.ts prepareLayer), the import keeps the layers as stored.
 */
export function boundaryTimeline(base: Regions, versions: readonly BoundaryVersion[],
  prepare: (layer: RegionLayer, fc: RegionCollection) => RegionCollection = prepareLayer): BoundaryTimeline {
  const byLevel = new Map<BoundaryLevel, BoundaryVersion[]>()
  for (const v of [...versions].sort((a, b) => a.validFrom - b.validFrom || a.id - b.id)) {
    const list = byLevel.get(v.level) ?? []
    list.push(v)
    byLevel.set(v.level, list)
  }
  const parsed = new Map<number, RegionCollection>()
  const layerOf = (v: BoundaryVersion) => {
    let fc = parsed.get(v.id)
    if (!fc) parsed.set(v.id, (fc = prepare(LAYER_OF[v.level], JSON.parse(v.geojson) as RegionCollection)))
    return fc
  }
  const versionAt = (level: BoundaryLevel, t: number): BoundaryVersion | null => {
    const list = byLevel.get(level)
    if (!list) return null
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.validFrom <= t) return list[i]!
    return null
  }
  const regionsMemo = new Map<string, Regions>()
  const regionsAt = (t: number): Regions => {
    const [tw, vi, gr] = (['township', 'village', 'grid'] as const).map((l) => versionAt(l, t))
    if (!tw && !vi && !gr) return base
    const key = [tw?.id, vi?.id, gr?.id].join('/')
    let regions = regionsMemo.get(key)
    if (!regions) {
      regions = {
        county: base.county,
        townships: tw ? layerOf(tw) : base.townships,
        villages: vi ? layerOf(vi) : base.villages,
        grids: gr ? layerOf(gr) : base.grids,
      }
      regionsMemo.set(key, regions)
    }
    return regions
  }
  const areaLocators = new Map<number, Locator>()
  /** A level's own layer as a locator: its code comes back as `grid` (the locator is built for grids). */
  const areaLocator = (v: BoundaryVersion) => {
    let l = areaLocators.get(v.id)
    if (!l) {
      const fc = layerOf(v)
      const asGrids: RegionCollection = {
        type: 'FeatureCollection',
        features: fc.features.map((f) => ({ ...f, properties: { id: f.properties.id, township: f.properties.id, village: f.properties.id } }) as Feature<Polygon | MultiPolygon, { id: string }>),
      }
      areaLocators.set(v.id, (l = createLocator(asGrids)))
    }
    return l
  }
  const locateAt = (lng: number, lat: number, t: number, naive = false): Location | null => {
    const regions = regionsAt(t)
    const grids = createLocator(regions.grids)
    const placed = naive ? grids.locateNaive(lng, lat) : grids.locate(lng, lat)
    if (!placed) return null
    const tw = versionAt('township', t), vi = versionAt('village', t)
    if (!tw && !vi) return placed
    const own = (v: BoundaryVersion | null) => v && (naive ? areaLocator(v).locateNaive(lng, lat) : areaLocator(v).locate(lng, lat))?.grid
    return { township: own(tw) ?? placed.township, village: own(vi) ?? placed.village, grid: placed.grid }
  }
  return {
    versioned: versions.length > 0,
    versionAt,
    regionsAt,
    locateAt: (lng, lat, t) => locateAt(lng, lat, t),
    locator(now) {
      if (versions.length === 0) return createLocator(base.grids)
      return {
        locate: (lng, lat) => locateAt(lng, lat, now()),
        locateNaive: (lng, lat) => locateAt(lng, lat, now(), true),
      }
    },
  }
}

/** The timeline of a store's versions over the built files; one cheap count when none is stored. */
export async function loadBoundaryTimeline(store: Pick<Store, 'boundaries'>, base: Regions,
  prepare?: (layer: RegionLayer, fc: RegionCollection) => RegionCollection): Promise<BoundaryTimeline> {
  const versions = (await store.boundaries.count()) === 0 ? [] : await store.boundaries.all()
  return boundaryTimeline(base, versions, prepare)
}
