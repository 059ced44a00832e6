// The facts about places the warning rules read besides the store (rule-findings.ts RulePlaces), taken once from
// the regions the server loaded: plain maps, which a worker thread receives as they are.
import type { Regions } from '../regions'
import type { AlertPlaces } from './alert-record'
import type { RulePlaces } from './rule-findings'

export function rulePlaces(regions: Regions, places: AlertPlaces): RulePlaces {
  const gridsPerTownship = new Map<string, number>()
  for (const g of regions.grids.features) {
    const t = g.properties.township as string
    gridsPerTownship.set(t, (gridsPerTownship.get(t) ?? 0) + 1)
  }
  const seats = new Map<string, [number, number]>()
  for (const t of regions.townships.features) {
    const id = t.properties.id as string
    const seat = places.seat(id)
    if (seat) seats.set(id, seat)
  }
  return { gridsPerTownship, seats }
}
