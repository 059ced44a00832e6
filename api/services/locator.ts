// Assigns a point to its grid (and so village and township) through a packed R-tree over the grids' bounding
// boxes, then an exact point-in-polygon test on the few candidates. With ~700 grids this is hundreds of times
// faster than testing every polygon, which matters for batch intake and the live simulator.
import Flatbush from 'flatbush'
import { bbox as turfBbox, booleanPointInPolygon } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import type { RegionCollection } from './regions'

export interface Location {
  township: string
  village: string
  grid: string
}

export interface Locator {
  locate(lng: number, lat: number): Location | null
  /** The naive reference: every grid in turn. Kept for the benchmark and the equivalence test. */
  locateNaive(lng: number, lat: number): Location | null
}

type Area = Feature<Polygon | MultiPolygon, Record<string, unknown>>

function toLocation(f: Area): Location {
  const p = f.properties
  return { township: String(p.township), village: String(p.village), grid: String(p.id) }
}

export function createLocator(grids: RegionCollection): Locator {
  const areas = grids.features as Area[]
  const index = new Flatbush(areas.length)
  for (const f of areas) {
    const [minX, minY, maxX, maxY] = turfBbox(f)
    index.add(minX, minY, maxX, maxY)
  }
  index.finish()

  return {
    locate(lng, lat) {
      // A point on a shared edge lies in two grids: take the lowest feature index, as the naive loop does.
      for (const i of index.search(lng, lat, lng, lat).sort((a, b) => a - b)) {
        const f = areas[i]
        if (f && booleanPointInPolygon([lng, lat], f)) return toLocation(f)
      }
      return null
    },
    locateNaive(lng, lat) {
      const f = areas.find((a) => booleanPointInPolygon([lng, lat], a))
      return f ? toLocation(f) : null
    },
  }
}
