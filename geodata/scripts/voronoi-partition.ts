import { bbox as turfBbox, feature, featureCollection, intersect, point, voronoi } from '@turf/turf'
import type { Point, Position } from 'geojson'
import type { Areal } from './projection'

/**
 * Splits a region into the Voronoi cells of its seeds, each clipped to the region. Works in projected (km)
 * coordinates, where Euclidean distance is true distance; the caller unprojects and cleans the result.
 *
 * Returns one geometry per seed, in seed order. Every seed must lie inside the region (its cell then contains it,
 * so no cell is empty) and seeds must be distinct (turf.voronoi leaves no cell for a duplicate).
 */
export function voronoiPartition(region: Areal, seeds: readonly Position[]): Areal[] {
  if (seeds.length === 1) return [region]
  const [minX, minY, maxX, maxY] = turfBbox(featureCollection<Areal | Point>([
    feature(region),
    ...seeds.map((s) => point(s)),
  ])) as [number, number, number, number]
  // A margin keeps the cells' outer edges well outside the region, so clipping, not the bbox, shapes them.
  const m = Math.max(maxX - minX, maxY - minY) * 0.1 + 1
  const cells = voronoi(featureCollection(seeds.map((s) => point(s))), { bbox: [minX - m, minY - m, maxX + m, maxY + m] })
  const regionFeature = feature(region)
  return seeds.map((s, i) => {
    const cell = cells.features[i]
    if (!cell) throw new Error(`no Voronoi cell for seed ${i} at ${s.join(',')} (duplicate seed?)`)
    const clipped = intersect(featureCollection([cell, regionFeature]))
    if (!clipped) throw new Error(`Voronoi cell ${i} at ${s.join(',')} misses the region (seed outside?)`)
    const g = clipped.geometry
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw new Error('intersection is not areal')
    return g
  })
}
