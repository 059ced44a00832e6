// A scope is the county, a township, a village or a grid (domain/regions.ts reads its level from the code); each
// level below the county maps to the column that stores it (assigned at intake).
import type { ScopeLevel } from '../../domain/regions'
import { scopeLevel } from '../../domain/regions'

const COLUMN_BY_LEVEL: Record<ScopeLevel, string | null> = { county: null, township: 'township', village: 'village', grid: 'grid' }

/**
 * The column to filter on, or null for the whole county. Routes parse scopes before they reach the store; a code
 * that is no scope is refused here too rather than read as "the whole county".
 */
export function scopeColumn(scope: string): string | null {
  const level = scopeLevel(scope)
  if (level === null) throw new RangeError(`"${scope}" is not a scope of 泰顺县: parse it with scopeLevel before it reaches the store`)
  return COLUMN_BY_LEVEL[level]
}
