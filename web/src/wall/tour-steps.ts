// Where the tour goes: the wall's home scope, then (on the county's wall) its pages, then each region one level
// below the home in code order. The county's wall tours the 19 townships; a township's wall (its display token is
// scoped to the township) tours its villages and communities, since it may see no more than its township.
// A step is a scope (the map and panels of that region) or a page (a full screen in place of map and panels: the
// open 研判预警 by level, then the 考核 scoreboard of townships, then of departments). A page step keeps the home scope, so the panels behind it
// and the header say where the wall is.
import { COUNTY_CODE, isWithinScope, scopeLevel } from '../../../domain/regions'
import type { RegionCollection } from '../api/client'

export const WALL_PAGES = ['alerts', 'scoreboard-township', 'scoreboard-department'] as const
export type WallPage = (typeof WALL_PAGES)[number]

export interface TourStep {
  scope: string
  /** null: the map of `scope`; else the page shown in its place. */
  page: WallPage | null
}

/** The step's name for hooks and logs: the scope code, or the page's id. */
export const stepKey = (s: TourStep): string => s.page ?? s.scope

/**
 * The home scope first, then `pages` if the home is the county (the county's alerts, and its 考核 comparing
 * townships and departments; a township's wall has no peers to show and its map carries its alerts), then the regions one level below it in code order (none
 * below a village).
 */
export function tourSteps(home: string, townships: RegionCollection | null, villages: RegionCollection | null, pages: readonly WallPage[] = WALL_PAGES): TourStep[] {
  const below = home === COUNTY_CODE ? townships : scopeLevel(home) === 'township' ? villages : null
  const ids = (below?.features ?? []).map((f) => f.properties.id).filter((id) => isWithinScope(id, home) && id !== home)
  const pageSteps = home === COUNTY_CODE ? pages.map((page) => ({ scope: home, page })) : []
  return [{ scope: home, page: null }, ...pageSteps, ...ids.sort().map((scope) => ({ scope, page: null }))]
}
