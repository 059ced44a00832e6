// Scopes are NBS statistical codes: the county (6 digits), a township (9), a village or community
// (12), and a grid (14 = village code + a 2-digit grid number, our own extension since grids have no
// NBS code). The code alone says the level and its ancestors, so filters need no lookup table.
import type { LngLat } from './crs'
import type { Label, Labelled } from './label'
import { labelled } from './label'

export const COUNTY_CODE = '330329'
export const COUNTY_NAME: Label = { name: '泰顺县', nameEn: 'Taishun County' }

export const SCOPE_LEVEL_IDS = ['county', 'township', 'village', 'grid'] as const
export type ScopeLevel = (typeof SCOPE_LEVEL_IDS)[number]

const LEVEL_TABLE: Record<ScopeLevel, Label> = {
  county: { name: '县', nameEn: 'County' },
  township: { name: '乡镇', nameEn: 'Township' },
  village: { name: '村社', nameEn: 'Village / community' },
  grid: { name: '网格', nameEn: 'Grid' },
}

export const SCOPE_LEVELS: readonly Labelled<ScopeLevel>[] = labelled(SCOPE_LEVEL_IDS, LEVEL_TABLE)

/** The digits of a code at each level: a code's first N digits are its ancestor at the level of length N. */
export const SCOPE_CODE_LENGTH: Readonly<Record<ScopeLevel, number>> = { county: 6, township: 9, village: 12, grid: 14 }

/** The level of a scope code inside this county, or null if it is not one. */
export function scopeLevel(scope: string): ScopeLevel | null {
  if (!/^\d+$/.test(scope) || !scope.startsWith(COUNTY_CODE)) return null
  return SCOPE_LEVEL_IDS.find((level) => SCOPE_CODE_LENGTH[level] === scope.length) ?? null
}

/**
 * The ancestors of a scope, county first, excluding the scope itself:
 * parentScopes('330329100005') → ['330329', '330329100'].
 * Throws on a code that is not a scope of this county (validate input with `scopeLevel` first).
 */
export function parentScopes(scope: string): string[] {
  const level = scopeLevel(scope)
  if (level === null) {
    throw new RangeError(
      `"${scope}" is not a scope of 泰顺县: expected ${COUNTY_CODE} followed by 3, 6 or 8 digits (township, village, grid)`,
    )
  }
  const depth = SCOPE_LEVEL_IDS.indexOf(level)
  return SCOPE_LEVEL_IDS.slice(0, depth).map((l) => scope.slice(0, SCOPE_CODE_LENGTH[l]))
}

/** The chain from the county down to and including the scope itself. */
export function scopeChain(scope: string): string[] {
  return [...parentScopes(scope), scope]
}

/** True when `scope` is `ancestor` or lies inside it (the filter rule for map and metric queries). */
export function isWithinScope(scope: string, ancestor: string): boolean {
  return scopeLevel(scope) !== null && scopeLevel(ancestor) !== null && scope.startsWith(ancestor)
}

/** A scope code of this county (a URL's ?scope=, a stored region id): any level. */
export function isScopeCode(value: unknown): value is string {
  return typeof value === 'string' && scopeLevel(value) !== null
}

/** The scope one level up (grid → village → township → county); null for the county and for a non-scope. */
export function parentOf(scope: string): string | null {
  const level = scopeLevel(scope)
  if (level === null || level === 'county') return null
  return scope.slice(0, SCOPE_CODE_LENGTH[SCOPE_LEVEL_IDS[SCOPE_LEVEL_IDS.indexOf(level) - 1]!])
}

/**
 * The scope at `level` that holds `scope` (itself at its own level): ancestorAt('33032910000501', 'township') →
 * '330329100'. Null when `scope` lies above `level` (a township has no village) or is not a scope.
 */
export function ancestorAt(scope: string, level: ScopeLevel): string | null {
  const own = scopeLevel(scope)
  if (own === null || SCOPE_LEVEL_IDS.indexOf(own) < SCOPE_LEVEL_IDS.indexOf(level)) return null
  return scope.slice(0, SCOPE_CODE_LENGTH[level])
}

/**
 * The county a region code belongs to: its first 6 digits, whatever its level and whichever county it is in
 * (countyOf('330329100005') → '330329'). Every stored record carries it, so several counties can share one
 * database; it is never written by hand. Throws on anything that is not a county, township, village or grid code.
 */
export function countyOf(code: string): string {
  if (!/^\d{6}(\d{3}(\d{3}(\d{2})?)?)?$/.test(code)) {
    throw new RangeError(`"${code}" is not a region code: expected 6, 9, 12 or 14 digits (county, township, village, grid)`)
  }
  return code.slice(0, SCOPE_CODE_LENGTH.county)
}

/** The township a scope lies in (itself for a township); null for the county. */
export function townshipOf(scope: string): string | null {
  return ancestorAt(scope, 'township')
}

/**
 * WGS84 bounding box of the county outline ([minLng, minLat, maxLng, maxLat], from
 * geodata/sources/SOURCES.md). A cheap first check on intake; the API still does point-in-polygon.
 */
export const COUNTY_BBOX_WGS84 = [119.620754, 27.299379, 120.244731, 27.811553] as const

/** Null when the WGS84 point is inside the county's box, else a message that says what to check. */
export function outsideCountyMessage([lng, lat]: LngLat): string | null {
  const [minLng, minLat, maxLng, maxLat] = COUNTY_BBOX_WGS84
  if (lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat) return null
  const swapped = lat >= minLng && lat <= maxLng && lng >= minLat && lng <= maxLat
  return `location [${lng}, ${lat}] is outside 泰顺县 — ${
    swapped ? 'the values look swapped: send [lng, lat]' : 'check the coordinate order (lng, lat) and the crs'
  }`
}
