// The names of the county's townships, villages and grids by code, from the geodata (lists that name a place).
import type { Regions } from './regions'

/** A code's name; the code itself for one the geodata does not hold. */
export function placeNames(regions: Regions): (code: string) => string {
  const names = new Map<string, string>()
  for (const fc of [regions.townships, regions.villages, regions.grids]) {
    for (const f of fc.features) names.set(f.properties.id, String(f.properties.name ?? f.properties.id))
  }
  return (code) => names.get(code) ?? code
}
