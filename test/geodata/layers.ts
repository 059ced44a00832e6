// Shared loading and geometry checks for the geodata tests. Reads the committed files in geodata/.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { area, bbox, featureCollection, intersect } from '@turf/turf'
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import type { CountyProps, GridProps, TownshipProps, VillageProps } from '../../geodata/scripts/layer-types'

export const REPO = join(import.meta.dirname, '..', '..')
export const GEODATA_DIR = join(REPO, 'geodata')
export const LAYER_NAMES = ['county', 'townships', 'villages', 'grids'] as const

export type Areal = Polygon | MultiPolygon
export type Layer<P> = FeatureCollection<Areal, P>

export function readLayerText(name: string, dir = GEODATA_DIR): string {
  return readFileSync(join(dir, `${name}.geojson`), 'utf8')
}

function readLayer<P>(name: string): Layer<P> {
  return JSON.parse(readLayerText(name)) as Layer<P>
}

export function loadLayers() {
  return {
    county: readLayer<CountyProps>('county'),
    townships: readLayer<TownshipProps>('townships'),
    villages: readLayer<VillageProps>('villages'),
    grids: readLayer<GridProps>('grids'),
  }
}

export function km2(f: Feature<Areal> | Areal): number {
  return area(f) / 1e6
}

/** Every ring of a polygonal geometry, tagged as exterior or hole. */
export function rings(g: Areal): { ring: Position[]; exterior: boolean }[] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  return polys.flatMap((p) => p.map((ring, i) => ({ ring, exterior: i === 0 })))
}

function bboxesIntersect(a: number[], b: number[]): boolean {
  return (a[0] ?? 0) <= (b[2] ?? 0) && (b[0] ?? 0) <= (a[2] ?? 0) && (a[1] ?? 0) <= (b[3] ?? 0) && (b[1] ?? 0) <= (a[3] ?? 0)
}

/**
 * Largest pairwise overlap (km²) within a set of features, and the pair. Only pairs whose bboxes intersect are
 * clipped: that keeps a set of 70 villages to a few hundred intersections.
 */
export function maxOverlap(features: readonly Feature<Areal, { id: string }>[]): { km2: number; pair: string } {
  const boxes = features.map((f) => bbox(f))
  let worst = { km2: 0, pair: '' }
  for (let i = 0; i < features.length; i++) {
    for (let j = i + 1; j < features.length; j++) {
      const a = features[i]
      const b = features[j]
      if (!a || !b || !bboxesIntersect(boxes[i] ?? [], boxes[j] ?? [])) continue
      const x = intersect(featureCollection([a, b]))
      const k = x ? km2(x) : 0
      if (k > worst.km2) worst = { km2: k, pair: `${a.properties.id}/${b.properties.id}` }
    }
  }
  return worst
}

/** Groups features by a key, keeping file order. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>()
  for (const it of items) {
    const k = key(it)
    const list = m.get(k)
    if (list) list.push(it)
    else m.set(k, [it])
  }
  return m
}
