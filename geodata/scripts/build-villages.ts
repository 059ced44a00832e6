import { booleanPointInPolygon, pointOnFeature } from '@turf/turf'
import type { Position } from 'geojson'
import { areaKm2, cleanAreal } from './clean-geometry'
import { COUNTY_SEAT_TOWNSHIP } from './codes'
import type { LayerFeature, TownshipProps, VillageProps } from './layer-types'
import { createRng } from './prng'
import type { Rng } from './prng'
import type { Areal, LocalProjection } from './projection'
import type { VillageRow } from './read-sources'
import { relaxSeeds, samplePoints } from './seed-points'
import type { SeedSpec } from './seed-points'
import { voronoiPartition } from './voronoi-partition'

/** Lloyd rounds: enough for even cells; more only moves seeds by metres. */
const RELAX_ROUNDS = 8

export function villageKind(nbsName: string): VillageProps['kind'] {
  // The one 居委会 (飞云湖居委会, 百丈镇) is an urban residents' committee, i.e. a community.
  if (nbsName.endsWith('社区') || nbsName.endsWith('居委会')) return '社区'
  if (nbsName.endsWith('村委会')) return '村'
  throw new Error(`cannot tell the kind of ${nbsName}`)
}

/** 西内村委会 → 西内村: the committee suffix is administrative, the map shows the village. */
export function villageName(nbsName: string): string {
  return nbsName.replace(/村委会$/, '村')
}

/**
 * Indicative village boundaries: each township is split into Voronoi cells of seeded, relaxed points, one per
 * village. Communities (社区) sit at the township seat, where the town is; in the county seat 罗阳镇 they cluster
 * around the seat so they come out small. Villages are placed in code order but where each ends up is arbitrary.
 */
export function buildVillages(
  townships: readonly LayerFeature<TownshipProps>[],
  rows: readonly VillageRow[],
  proj: LocalProjection,
): LayerFeature<VillageProps>[] {
  return townships.flatMap((t) => {
    const members = rows.filter((r) => r.township === t.id)
    if (members.length === 0) throw new Error(`township ${t.id} has no villages`)
    const region = proj.forwardGeometry(t.geometry)
    const rng = createRng(`villages:${t.id}`)
    const kinds = members.map((m) => villageKind(m.nbsName))
    const communityCount = kinds.filter((k) => k === '社区').length
    const spots = communitySpots(region, proj.forward(t.properties.seat), communityCount, t.id === COUNTY_SEAT_TOWNSHIP, rng)
    const samples = samplePoints(region, Math.max(800, 80 * members.length), rng)
    let nextSpot = 0
    let nextSample = 0
    const seeds: SeedSpec[] = kinds.map((kind) =>
      kind === '社区'
        ? { start: spots[nextSpot++] as Position, fixed: true }
        : { start: samples[nextSample++ % samples.length] as Position, fixed: false },
    )
    const cells = voronoiPartition(region, relaxSeeds(region, samples, seeds, RELAX_ROUNDS))
    return members.map((m, i): LayerFeature<VillageProps> => {
      const cell = cells[i]
      if (!cell) throw new Error(`no cell for village ${m.code}`)
      const geometry = cleanAreal(proj.inverseGeometry(cell))
      return {
        type: 'Feature',
        id: m.code,
        properties: {
          id: m.code,
          name: villageName(m.nbsName),
          nbsName: m.nbsName,
          kind: kinds[i] ?? '村',
          township: t.id,
          area_km2: areaKm2(geometry),
          indicative: true,
        },
        geometry,
      }
    })
  })
}

/**
 * Fixed seeds for the communities. A township's single community sits on the seat. The county seat's communities
 * fill a golden-angle spiral around the seat (~0.4 km apart), i.e. a compact town centre of a few km².
 */
function communitySpots(region: Areal, seat: Position, count: number, countySeat: boolean, rng: Rng): Position[] {
  const centre = booleanPointInPolygon(seat, region) ? seat : pointOnFeature(region).geometry.coordinates
  const [cx, cy] = [centre[0] ?? 0, centre[1] ?? 0]
  if (count === 0) return []
  if (!countySeat) {
    if (count > 1) throw new Error('several communities outside the county seat: give them a layout')
    return [[cx, cy]]
  }
  const spots: Position[] = []
  const turn = rng.between(0, 2 * Math.PI)
  for (let k = 0; spots.length < count && k < count * 10; k++) {
    const r = 0.42 * Math.sqrt(k)
    const a = turn + k * 2.399963 // golden angle: even spacing without rings or rows
    const p: Position = [cx + r * Math.cos(a) + rng.between(-0.06, 0.06), cy + r * Math.sin(a) + rng.between(-0.06, 0.06)]
    if (k === 0 || booleanPointInPolygon(p, region)) spots.push(k === 0 ? [cx, cy] : p)
  }
  if (spots.length < count) throw new Error('no room for the county seat communities')
  return spots
}
