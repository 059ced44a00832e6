// Who may do what: the seven roles and the reach of a principal. Pure data, shared by the API's policy
// (api/auth/policy.ts), the account CLI and the web's header.
import type { Label } from './label'
import { DEPARTMENT_IDS } from './departments'
import { COUNTY_CODE, isWithinScope, scopeLevel } from './regions'

export const ROLE_IDS = ['leader', 'township', 'grid', 'department', 'wall', 'admin', 'intake'] as const
export type Role = (typeof ROLE_IDS)[number]

export const ROLE_LABELS: Record<Role, Label> = {
  leader: { name: '县领导', nameEn: 'County leader' },
  township: { name: '乡镇干部', nameEn: 'Township officer' },
  grid: { name: '网格员', nameEn: 'Grid worker' },
  department: { name: '县级部门', nameEn: 'County department' },
  wall: { name: '指挥大屏', nameEn: 'Wall display' },
  admin: { name: '系统管理员', nameEn: 'Administrator' },
  // A machine that files citizens' reports through Open311 (a hotline or app platform): it creates incidents in
  // its area and reads nothing; only ever an API token, never a person.
  intake: { name: '外部受理接口', nameEn: 'Intake integration' },
}

/**
 * Where a principal may look: the whole county, one township, or a list of grids. Leaders and administrators
 * reach the county; a wall display reaches the county or the one township its token names. A county department
 * reaches no area at all: only the records assigned to it, wherever they lie (its work is county-wide, its view
 * is its own queue).
 */
export type Reach =
  | { level: 'county' }
  | { level: 'township'; township: string }
  | { level: 'grids'; township: string; grids: readonly string[] }
  | { level: 'department'; department: string }

export interface ScopeFields { role: Role; township: string | null; grids: readonly string[]; department?: string | null }

export function reachOf({ role, township, grids, department }: ScopeFields): Reach {
  if (role === 'department') return { level: 'department', department: department ?? '' }
  if (role === 'grid') return { level: 'grids', township: township ?? '', grids }
  if ((role === 'township' || role === 'wall' || role === 'intake') && township) return { level: 'township', township }
  return { level: 'county' }
}

/** Does the reach cover every record under `scope` (a county, township, village or grid code)? */
export function reachCovers(reach: Reach, scope: string): boolean {
  if (reach.level === 'county') return true
  if (reach.level === 'township') return isWithinScope(scope, reach.township)
  if (reach.level === 'department') return false
  return reach.grids.includes(scope)
}

/**
 * Is a record at this township/grid inside the reach? For a department: is the record its own (an incident
 * assigned to it, a whistle call to it), which the record's place names as `department`.
 */
export function reachHolds(reach: Reach, place: { township: string | null; grid?: string | null; department?: string | null }): boolean {
  if (reach.level === 'county') return true
  if (reach.level === 'department') return place.department != null && place.department === reach.department
  if (reach.level === 'township') return place.township === reach.township
  return place.grid != null && reach.grids.includes(place.grid)
}

/** The scope a list or figure defaults to when the client names none: all the principal may see, if one code. */
export function homeScope(reach: Reach): string | null {
  if (reach.level === 'county') return COUNTY_CODE
  if (reach.level === 'township') return reach.township
  if (reach.level === 'department') return null
  return reach.grids.length === 1 ? reach.grids[0]! : null
}

/**
 * Checks the scope fields an account or token is created with; returns a message saying what to fix, or null.
 * Township officers need a township; grid workers a township and one or more of its grids; walls and intake integrations optionally a
 * township (none = the whole county); leaders and administrators none. A county department needs its department
 * (one of DEPARTMENT_IDS) and no area; no other role has a department.
 */
export function scopeProblem({ role, township, grids, department = null }: ScopeFields): string | null {
  if (role === 'department') {
    if (department === null) return `a county department account needs its department, one of: ${DEPARTMENT_IDS.join(', ')}`
    if (!(DEPARTMENT_IDS as readonly string[]).includes(department)) return `department "${department}" is unknown; departments: ${DEPARTMENT_IDS.join(', ')}`
    if (township !== null || grids.length) return 'a county department works on the records assigned to it, wherever they lie: leave the township and grids out'
    return null
  }
  if (department !== null) return `only county department accounts (role department) have a department (role ${role}): leave the department out`
  if (township !== null && scopeLevel(township) !== 'township') return `township "${township}" is not a township code (9 digits, e.g. 330329100)`
  if (role === 'township' && township === null) return 'a township officer needs a township (e.g. 330329100 罗阳镇)'
  if (role === 'grid') {
    if (township === null) return 'a grid worker needs a township and grids'
    if (grids.length === 0) return 'a grid worker needs one or more grids (14-digit codes, e.g. 33032910000501)'
    const bad = grids.find((g) => scopeLevel(g) !== 'grid' || !isWithinScope(g, township))
    if (bad !== undefined) return `grid "${bad}" is not a grid of township ${township} (14 digits starting with the township code)`
  } else if (grids.length) return `only grid workers have grids (role ${role})`
  if ((role === 'leader' || role === 'admin') && township !== null) return `a ${role} sees the whole county: leave the township out`
  return null
}
