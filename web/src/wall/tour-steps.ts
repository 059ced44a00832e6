// Where the tour goes: the wall's home scope, then each region one level below it in code order. The county's
// wall tours the 19 townships; a township's wall (its display token is scoped to the township) tours its
// villages and communities, since it may see no more than its township.
import { COUNTY_CODE, isWithinScope, scopeLevel } from '../../../domain/regions'
import type { RegionCollection } from '../api/client'

/** The home scope first, then the regions one level below it in code order (none below a village). */
export function tourSteps(home: string, townships: RegionCollection | null, villages: RegionCollection | null): string[] {
  const below = home === COUNTY_CODE ? townships : scopeLevel(home) === 'township' ? villages : null
  const ids = (below?.features ?? []).map((f) => f.properties.id).filter((id) => isWithinScope(id, home) && id !== home)
  return [home, ...ids.sort()]
}
