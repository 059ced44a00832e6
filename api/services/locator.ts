// Assigns a point to its grid (and so village and township) through a spatial index, then an exact
// point-in-polygon test on the few candidates. The index is a uniform lattice of cells over the grids' extent,
// each cell listing the grids whose bounding boxes touch it: finding a point's cell is two divisions, and a cell
// holds one to three grids, so a lookup tests a couple of small polygons instead of all ~700. (A packed R-tree,
// flatbush, was tried first: its search alone cost more than testing the candidates.)
import { bbox as turfBbox } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { flattenRings, pointInRings } from './point-in-polygon'
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

/** Cells per side: ~300 m × 260 m over Taishun, so most cells lie in one to three grids' boxes. */
const CELLS = 200

export function createLocator(grids: RegionCollection): Locator {
  const areas = grids.features as Area[]
  // Locations are built once and shared: intake copies what it needs.
  const locations: Location[] = areas.map((f) => ({ township: String(f.properties.township), village: String(f.properties.village), grid: String(f.properties.id) }))
  const boxes = areas.map((f) => turfBbox(f))
  const rings = areas.map((f) => flattenRings(f.geometry))
  const minX = Math.min(...boxes.map((b) => b[0]))
  const minY = Math.min(...boxes.map((b) => b[1]))
  const maxX = Math.max(...boxes.map((b) => b[2]))
  const maxY = Math.max(...boxes.map((b) => b[3]))
  const sx = CELLS / (maxX - minX)
  const sy = CELLS / (maxY - minY)
  const clamp = (n: number) => Math.min(CELLS - 1, Math.max(0, n))
  // Candidates per cell, in feature order: on a shared edge the lowest index wins, as in the naive loop.
  const cells: number[][] = Array.from({ length: CELLS * CELLS }, () => [])
  boxes.forEach(([x0, y0, x1, y1], i) => {
    for (let cy = clamp(Math.floor((y0 - minY) * sy)); cy <= clamp(Math.floor((y1 - minY) * sy)); cy++) {
      for (let cx = clamp(Math.floor((x0 - minX) * sx)); cx <= clamp(Math.floor((x1 - minX) * sx)); cx++) cells[cy * CELLS + cx]!.push(i)
    }
  })

  return {
    locate(lng, lat) {
      if (!(lng >= minX && lng <= maxX && lat >= minY && lat <= maxY)) return null
      const cell = cells[clamp(Math.floor((lat - minY) * sy)) * CELLS + clamp(Math.floor((lng - minX) * sx))]!
      for (const i of cell) {
        const b = boxes[i]!
        // The box test is a few comparisons; the polygon test walks every ring.
        if (lng >= b[0] && lng <= b[2] && lat >= b[1] && lat <= b[3] && pointInRings(lng, lat, rings[i]!)) return locations[i]!
      }
      return null
    },
    locateNaive(lng, lat) {
      const i = rings.findIndex((r) => pointInRings(lng, lat, r))
      return i < 0 ? null : locations[i]!
    },
  }
}
