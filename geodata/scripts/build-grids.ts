import { area } from '@turf/turf'
import type { Position } from 'geojson'
import { cleanAreal } from './clean-geometry'
import { gridCount } from './grid-plan'
import { splitHouseholds, villageHouseholds } from './households'
import type { GridProps, LayerFeature, TownshipProps, VillageProps } from './layer-types'
import { createRng } from './prng'
import type { Rng } from './prng'
import type { Areal, LocalProjection } from './projection'
import { compare } from './read-sources'
import { relaxSeeds, samplePoints } from './seed-points'
import { gridStaff } from './synthetic-people'
import { voronoiPartition } from './voronoi-partition'

const RELAX_ROUNDS = 6

/**
 * 全科网格: each village split into 1–4 grids (see grid-plan.ts) with the same seeded Voronoi method as the
 * villages, numbered north to south so 第1网格 is the northernmost. Households and staff are synthetic.
 */
export function buildGrids(
  townships: readonly LayerFeature<TownshipProps>[],
  villages: readonly LayerFeature<VillageProps>[],
  proj: LocalProjection,
): LayerFeature<GridProps>[] {
  const sheTownships = new Set(townships.filter((t) => t.properties.name.includes('畲族')).map((t) => t.id))
  const households = villageHouseholds(villages.map((v) => v.properties))
  // Phones are unique county-wide; villages are visited in id order so the result is still deterministic.
  const usedPhones = new Set<string>()
  const ordered = [...villages].sort((a, b) => compare(a.id, b.id))
  return ordered.flatMap((v) => {
    const p = v.properties
    const cells = splitVillage(v.geometry, gridCount(p), proj, p.id)
    const weightRng = createRng(`grid-weights:${p.id}`)
    const weights = cells.map((c) => gridWeight(c, p, weightRng))
    const counts = splitHouseholds(households.get(p.id) ?? 0, weights)
    return cells.map((geometry, k): LayerFeature<GridProps> => {
      const id = `${p.id}${String(k + 1).padStart(2, '0')}`
      const staff = gridStaff(createRng(`people:${id}`), sheTownships.has(p.township), usedPhones)
      return {
        type: 'Feature',
        id,
        properties: {
          id,
          name: `${p.name}第${k + 1}网格`,
          village: p.id,
          township: p.township,
          households: counts[k] ?? 0,
          gridHead: staff.head,
          gridWorker: staff.worker,
          synthetic: true,
          indicative: true,
        },
        geometry,
      }
    })
  })
}

function splitVillage(village: Areal, count: number, proj: LocalProjection, id: string): Areal[] {
  if (count === 1) return [village]
  const region = proj.forwardGeometry(village)
  const rng = createRng(`grids:${id}`)
  const samples = samplePoints(region, Math.max(400, 150 * count), rng)
  const seeds = relaxSeeds(region, samples, samples.slice(0, count).map((start) => ({ start, fixed: false })), RELAX_ROUNDS)
  // North to south, then west to east: a stable, readable numbering.
  const ordered = [...seeds].sort((a, b) => by(b, 1) - by(a, 1) || by(a, 0) - by(b, 0))
  const cells = voronoiPartition(region, ordered)
  return cells.map((c) => cleanAreal(proj.inverseGeometry(c)))
}

function by(p: Position, axis: 0 | 1): number {
  return p[axis] ?? 0
}

/** Communities are split by households, so their grids hold similar numbers; village grids follow their area. */
function gridWeight(cell: Areal, v: VillageProps, rng: Rng): number {
  const jitter = rng.between(0.85, 1.15)
  return v.kind === '社区' ? jitter : Math.sqrt(area(cell) / 1e6) * jitter
}
