// Deterministic random inputs for the in-process benchmarks: points drawn the way the seed draws them (grids
// weighted by households, uniform inside the grid's polygon) and incident reports at those points.
import { INCIDENT_TYPE_IDS } from '../domain/catalogue'
import { SOURCE_IDS } from '../domain/incident'
import { COUNTY_BBOX_WGS84 } from '../domain/regions'
import type { IncidentCreate } from '../domain/schemas'
import { readSeedRegions } from '../api/seed/geodata'
import { GridSampler } from '../api/seed/grid-sampler'
import { Rng } from '../api/seed/random'

const SEED = 20201204
let sampler: GridSampler | undefined
const grids = () => (sampler ??= new GridSampler(readSeedRegions()))

/** Points inside the county's grids, as the seed places incidents. */
export function gridPoints(n: number, stream: string): [number, number][] {
  const rng = new Rng(SEED, stream)
  return Array.from({ length: n }, () => grids().point(rng, grids().pick(rng).id))
}

/** Points uniform in the county's bounding box: some fall outside every grid, which both locators must agree on. */
export function boxPoints(n: number, stream: string): [number, number][] {
  const rng = new Rng(SEED, stream)
  const [minX, minY, maxX, maxY] = COUNTY_BBOX_WGS84
  return Array.from({ length: n }, () => [rng.between(minX, maxX), rng.between(minY, maxY)])
}

/** Valid intake requests (what POST /api/incidents hands the service after parsing). */
export function incidentInputs(n: number, stream: string): IncidentCreate[] {
  const rng = new Rng(SEED, `${stream}:fields`)
  return gridPoints(n, stream).map(([lng, lat], i) => ({
    type: rng.pick(INCIDENT_TYPE_IDS),
    point: { lng, lat, crs: 'wgs84' },
    description: `（合成数据）基准测试上报 #${i + 1}`,
    source: rng.pick(SOURCE_IDS),
    severity: 'normal',
  }))
}
