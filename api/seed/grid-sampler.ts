// Where records happen: grids are drawn in proportion to their households, with a few fixed hot spots, and a
// point is drawn uniformly inside the grid's polygon by rejection sampling in its bounding box (about 1.7 tries
// per point; a million points take well under a second). Points are rounded to 6 decimals (~0.1 m) BEFORE the
// inside test, so every stored point lies inside the grid it is filed under.
import { bbox as turfBbox, booleanPointInPolygon, pointOnFeature } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import type { RegionCollection } from '../services/regions'
import type { SeedRegions } from './geodata'
import type { Rng } from './random'
import { Weighted } from './random'

type Area = Feature<Polygon | MultiPolygon, Record<string, unknown>>

export interface Place {
  readonly id: string
  readonly name: string
  readonly township: string
  readonly townshipName: string
  readonly village: string
  readonly villageName: string
  /** Villages of kind 社区 (communities): town streets rather than countryside. */
  readonly urban: boolean
  readonly households: number
  readonly worker: { readonly name: string; readonly phone: string } | null
}

export interface VillageInfo {
  readonly id: string
  readonly name: string
  readonly township: string
  readonly urban: boolean
  readonly households: number
}

interface Shape {
  readonly feature: Area
  readonly box: readonly [number, number, number, number]
}

/**
 * Hot spots, by village code: more reports per household than their size alone gives. Fixed rather than drawn
 * so that the story on the map is stable: the county seat's old town, the 雅阳 market town on the Fujian road,
 * and the 泗溪 tourist town (廊桥).
 */
export const HOT_SPOTS: ReadonlyMap<string, number> = new Map([
  ['330329100005', 1.8], ['330329100006', 1.8], ['330329100007', 2.2], ['330329100009', 1.8], ['330329100011', 1.6],
  ['330329106001', 2.5],
  ['330329104001', 1.7],
])

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

function shapeOf(feature: Area): Shape {
  const [minX, minY, maxX, maxY] = turfBbox(feature)
  return { feature, box: [minX, minY, maxX, maxY] }
}

/** A uniform point inside the area, 6 decimals; the fallback never fires for real polygons but keeps it total. */
export function pointInArea(rng: Rng, shape: Shape): [number, number] {
  const [minX, minY, maxX, maxY] = shape.box
  for (let tries = 0; tries < 1000; tries++) {
    const p: [number, number] = [round6(rng.between(minX, maxX)), round6(rng.between(minY, maxY))]
    if (booleanPointInPolygon(p, shape.feature)) return p
  }
  const [x, y] = pointOnFeature(shape.feature).geometry.coordinates
  return [round6(x ?? minX), round6(y ?? minY)]
}

export class GridSampler {
  readonly places: readonly Place[]
  /** Villages and communities, sorted by code, with the households of their grids. */
  readonly villages: readonly VillageInfo[]
  /** Township seats (镇政府驻地) from the geodata. */
  readonly seats: ReadonlyMap<string, [number, number]>
  private readonly shapes: ReadonlyMap<string, Shape>
  private readonly villageShapes: ReadonlyMap<string, Shape>
  private readonly byHouseholds: Weighted<Place>
  private readonly byTownship = new Map<string, Weighted<Place>>()

  constructor(regions: SeedRegions) {
    const names = (fc: RegionCollection) => new Map(fc.features.map((f) => [f.properties.id, String(f.properties.name)]))
    const townshipNames = names(regions.townships)
    const villageNames = names(regions.villages)
    const urban = new Set(regions.villages.features.filter((f) => f.properties.kind === '社区').map((f) => f.properties.id))
    const shapes = (fc: RegionCollection) => new Map(fc.features.map((f) => [f.properties.id, shapeOf(f as Area)]))
    this.shapes = shapes(regions.grids)
    this.villageShapes = shapes(regions.villages)
    // Sorted by id so the draw order never depends on the file's feature order.
    this.places = regions.grids.features
      .map((f): Place => {
        const p = f.properties
        const village = String(p.village)
        const township = String(p.township)
        const worker = p.gridWorker as { name?: unknown; phone?: unknown } | undefined
        return {
          id: p.id, name: String(p.name), township, village,
          townshipName: townshipNames.get(township) ?? township, villageName: villageNames.get(village) ?? village,
          urban: urban.has(village), households: Number(p.households) || 1,
          worker: worker && typeof worker.name === 'string' && typeof worker.phone === 'string' ? { name: worker.name, phone: worker.phone } : null,
        }
      })
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const villageHouseholds = new Map<string, number>()
    for (const p of this.places) villageHouseholds.set(p.village, (villageHouseholds.get(p.village) ?? 0) + p.households)
    this.villages = regions.villages.features
      .map((f): VillageInfo => ({
        id: f.properties.id, name: String(f.properties.name), township: String(f.properties.township),
        urban: urban.has(f.properties.id), households: villageHouseholds.get(f.properties.id) ?? 0,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    this.seats = new Map(regions.townships.features.map((f) => {
      const [x, y] = (f.properties.seat as number[] | undefined) ?? []
      return [f.properties.id, [round6(Number(x)), round6(Number(y))]]
    }))
    this.byHouseholds = new Weighted(this.places.map((p) => [p, p.households * (HOT_SPOTS.get(p.village) ?? 1)]))
  }

  /** A grid, weighted by households and hot spots. */
  pick(rng: Rng): Place {
    return this.byHouseholds.draw(rng)
  }

  /** A grid inside one township, weighted by households. */
  pickIn(rng: Rng, township: string): Place {
    let w = this.byTownship.get(township)
    if (!w) {
      w = new Weighted(this.places.filter((p) => p.township === township).map((p) => [p, p.households]))
      this.byTownship.set(township, w)
    }
    return w.draw(rng)
  }

  /** A uniform point inside the grid. */
  point(rng: Rng, grid: string): [number, number] {
    return pointInArea(rng, this.shape(this.shapes, grid))
  }

  /**
   * A uniform point within `radiusM` metres of `center` and inside the grid (6 decimals): the same matter reported
   * again at one place. The centre itself when no draw lands inside (a centre on the grid's edge, a tiny grid).
   */
  pointNear(rng: Rng, grid: string, center: [number, number], radiusM: number): [number, number] {
    const shape = this.shape(this.shapes, grid)
    const mPerDegLat = 111_195
    const mPerDegLng = mPerDegLat * Math.cos((center[1] * Math.PI) / 180)
    for (let tries = 0; tries < 1000; tries++) {
      const r = radiusM * Math.sqrt(rng.next())
      const a = 2 * Math.PI * rng.next()
      const p: [number, number] = [round6(center[0] + (r * Math.cos(a)) / mPerDegLng), round6(center[1] + (r * Math.sin(a)) / mPerDegLat)]
      if (booleanPointInPolygon(p, shape.feature)) return p
    }
    return center
  }

  /** A uniform point inside a village or community (service points). */
  pointInVillage(rng: Rng, village: string): [number, number] {
    return pointInArea(rng, this.shape(this.villageShapes, village))
  }

  /** The village of a township containing the point, or null. */
  villageAt(point: [number, number], township: string): VillageInfo | null {
    return this.villages.find((v) => v.township === township && booleanPointInPolygon(point, this.shape(this.villageShapes, v.id).feature)) ?? null
  }

  private shape(map: ReadonlyMap<string, Shape>, id: string): Shape {
    const s = map.get(id)
    if (!s) throw new Error(`no boundary for region ${id} in geodata/`)
    return s
  }
}
