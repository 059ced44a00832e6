// Vector tiles for the map: grid and village boundaries, and incidents under the same scope, time and filter
// parameters as /api/incidents. Tiles are cached (tile-cache.ts); the incident ones are dropped as soon as an
// incident event names a point in them, so a map that refetches after an event sees the change.
import type { EventBus } from '../services/event-bus'
import type { Regions } from '../services/regions'
import type { Store } from '../store'
import type { IncidentFilter } from '../store/incidents'
import { CellPyramid } from './cell-pyramid'
import { INCIDENT_CLUSTER_MAX_ZOOM } from '../../domain/incident-tiles'
import { isIncidentEvent } from '../../domain/live-events'
import { buildIncidentTile } from './incident-tiles'
import { regionTiles } from './region-tiles'
import type { RegionLayer } from './region-tiles'
import type { CachedTile } from './tile-cache'
import { TileCache, makeTile } from './tile-cache'
import type { TileId } from './tile-math'

/** Incident tiles live this long at most: an open incident turns overdue with no write to announce it. */
/** Which incidents a tile draws: the list's filter (store/incidents.ts). */
export type { IncidentFilter }

export const INCIDENT_TILE_TTL_MS = 60_000
const COUNT_TTL_MS = 60_000
/**
 * A pyramid is rebuilt after this long: live events keep its counts exact, but whether an open incident is
 * overdue moves with the clock alone, so the status mix of the clustered zooms may lag by up to this much.
 */
const PYRAMID_TTL_MS = 5 * 60_000
const MAX_PYRAMIDS = 8
const FOREVER = Number.MAX_SAFE_INTEGER

export interface TileServiceDeps { store: Store; regions: Regions; bus: EventBus; now: () => number }

export function tileService({ store, regions, bus, now }: TileServiceDeps) {
  const cache = new TileCache({ maxEntries: 4000, maxBytes: 64 * 2 ** 20, now })
  const counts = new Map<string, { n: number; expires: number }>()
  const boundaries = regionTiles(regions)
  // One cell pyramid per filter in use (a map, a wall, a test): few, and each costs one pass to build.
  const pyramids = new Map<string, CellPyramid>()
  // Requests for tiles of one filter arrive together (a map's first screen): they share one build.
  const building = new Map<string, Promise<CellPyramid>>()
  async function pyramid(filter: IncidentFilter, query: string): Promise<CellPyramid> {
    const at = now()
    const hit = pyramids.get(query)
    if (hit && hit.builtAt + PYRAMID_TTL_MS > at) {
      pyramids.delete(query)
      pyramids.set(query, hit)
      await hit.settled()
      return hit
    }
    let pending = building.get(query)
    if (!pending) {
      pending = CellPyramid.build(store.incidentTiles, filter, at).finally(() => building.delete(query))
      building.set(query, pending)
    }
    const built = await pending
    pyramids.delete(query)
    pyramids.set(query, built)
    while (pyramids.size > MAX_PYRAMIDS) pyramids.delete(pyramids.keys().next().value!)
    return built
  }

  bus.subscribe((ev) => {
    if (!isIncidentEvent(ev.kind)) return
    counts.clear()
    try {
      const f = JSON.parse(ev.payload) as { geometry?: { coordinates?: [number, number] } }
      const [lng, lat] = f.geometry?.coordinates ?? []
      if (typeof lng === 'number' && typeof lat === 'number') {
        cache.invalidatePoint('incidents', lng, lat)
        // The recount is a query: a tile drawn from a pyramid before it lands is dropped again once it has.
        const recounts = [...pyramids.values()].map((p) => p.refreshAt(lng, lat, now()))
        Promise.all(recounts).then(() => cache.invalidatePoint('incidents', lng, lat), (err: unknown) => {
          console.error('tiles: recounting a cell failed; rebuilding the pyramids', err)
          pyramids.clear()
          cache.invalidatePrefix('incidents/')
        })
        return
      }
    } catch { /* fall through: a payload without a point drops every incident tile */ }
    pyramids.clear()
    cache.invalidatePrefix('incidents/')
  })

  async function cached(key: string, build: () => CachedTile | Promise<CachedTile>): Promise<CachedTile> {
    const hit = cache.get(key)
    if (hit) return hit
    const tile = await build()
    cache.set(key, tile)
    return tile
  }

  return {
    cache,
    pyramids,
    region(layer: RegionLayer, t: TileId): Promise<CachedTile> {
      return cached(TileCache.key(layer, t, ''), () => {
        const { bytes, features } = boundaries.build(layer, t)
        return makeTile(bytes, features, FOREVER, now())
      })
    },
    /** `query` is the canonical form of `filter` (the cache key); the route builds both from the same parameters. */
    incidents(filter: IncidentFilter, query: string, t: TileId): Promise<CachedTile> {
      return cached(TileCache.key('incidents', t, query), async () => {
        const at = now()
        const { bytes, features } = await buildIncidentTile(store.incidentTiles, filter, t, at, () => pyramid(filter, query))
        return makeTile(bytes, features, INCIDENT_TILE_TTL_MS, at)
      })
    },
    /** How many incidents the filter selects: the map decides between GeoJSON and tiles by it. */
    async count(filter: IncidentFilter, query: string): Promise<number> {
      const at = now()
      const hit = counts.get(query)
      if (hit && hit.expires > at) return hit.n
      const n = await store.incidentTiles.count(filter, at)
      if (counts.size > 500) counts.clear()
      counts.set(query, { n, expires: at + COUNT_TTL_MS })
      return n
    },
    clusterMaxZoom: INCIDENT_CLUSTER_MAX_ZOOM,
  }
}
export type TileService = ReturnType<typeof tileService>
