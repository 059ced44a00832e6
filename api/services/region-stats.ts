// What the metrics need of the region layers: which codes exist at each level, which grids lie in a scope, and
// households, which the geodata carries per grid only and which add up to village, township and county.
import { isWithinScope, scopeChain } from '../../domain/regions'
import type { Regions } from './regions'

export interface RegionStats {
  /** True for the county or a township, village or grid in the geodata. */
  has(scope: string): boolean
  townships: readonly string[]
  /** The grid codes inside a scope (all of them for the county), sorted. */
  gridsWithin(scope: string): readonly string[]
  households(scope: string): number
  name(id: string): string | undefined
}

export function regionStats(regions: Regions): RegionStats {
  const households = new Map<string, number>()
  const names = new Map<string, string>()
  const add = (id: string, n: number) => households.set(id, (households.get(id) ?? 0) + n)
  for (const level of [regions.county, regions.townships, regions.villages, regions.grids]) {
    for (const f of level.features) {
      households.set(f.properties.id, households.get(f.properties.id) ?? 0)
      if (typeof f.properties.name === 'string') names.set(f.properties.id, f.properties.name)
    }
  }
  const grids = regions.grids.features.map((f) => f.properties.id).sort()
  for (const f of regions.grids.features) {
    const n = Number(f.properties.households)
    if (!Number.isFinite(n)) continue
    const id = f.properties.id
    // The code carries its ancestors (domain/regions.ts).
    for (const scope of scopeChain(id)) add(scope, n)
  }
  const within = new Map<string, readonly string[]>()
  return {
    has: (scope) => households.has(scope),
    townships: regions.townships.features.map((f) => f.properties.id).sort(),
    gridsWithin(scope) {
      let list = within.get(scope)
      if (!list) { list = grids.filter((g) => isWithinScope(g, scope)); within.set(scope, list) }
      return list
    },
    households: (scope) => households.get(scope) ?? 0,
    name: (id) => names.get(id),
  }
}
