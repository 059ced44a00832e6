// Whether an incident is in a view: the one predicate the list request's SQL applies (api/store/incidents.ts
// incidentWhere), for the web's live path, which must keep exactly the incidents a reload would fetch.
// test/property/incident-filter.property.test.ts holds the two equal over generated filters and records.
import { isWithinScope, scopeLevel } from './regions'

/** A view's incident filters as parsed: an empty or missing list allows every value. */
export interface IncidentFilterSet {
  /** The county, a township, a village or a grid (its code's length says which); missing: everywhere. */
  scope?: string
  /** reportedAt in [from, to), epoch ms. */
  from?: number
  to?: number
  status?: readonly string[]
  category?: readonly string[]
  module?: readonly string[]
  department?: readonly string[]
  source?: readonly string[]
  severity?: readonly string[]
  /** true: on-list only; false: off-list (清单外) only; missing: both. */
  onList?: boolean
}

/** What the predicate reads of an incident. `grid` carries its village and township (domain/regions.ts). */
export interface FilterableIncident {
  status: string
  category: string
  module: string
  department: string
  source: string
  severity: string
  onList: boolean
  grid: string
  reportedAt: number
}

const allows = (list: readonly string[] | undefined, value: string) => !list || list.length === 0 || list.includes(value)

/** In the scope: the county holds everything; a township, village or grid holds the grids whose code it begins. */
function inScope(scope: string | undefined, grid: string): boolean {
  const level = scope === undefined ? null : scopeLevel(scope)
  return level === null || level === 'county' || isWithinScope(grid, scope!)
}

export function matchesIncidentFilter(f: IncidentFilterSet, r: FilterableIncident): boolean {
  return inScope(f.scope, r.grid)
    && (f.from === undefined || r.reportedAt >= f.from)
    && (f.to === undefined || r.reportedAt < f.to)
    && allows(f.status, r.status)
    && allows(f.category, r.category)
    && allows(f.module, r.module)
    && allows(f.department, r.department)
    && allows(f.source, r.source)
    && allows(f.severity, r.severity)
    && (f.onList === undefined || r.onList === f.onList)
}
