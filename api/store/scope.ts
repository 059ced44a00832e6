// A scope is the county, a township, a village or a grid; its code's length says which, and each maps to the
// column that stores it (assigned at intake).
const COLUMN_BY_LENGTH: Record<number, string | null> = { 6: null, 9: 'township', 12: 'village', 14: 'grid' }

/** The column to filter on, or null for the whole county. */
export function scopeColumn(scope: string): string | null {
  return COLUMN_BY_LENGTH[scope.length] ?? null
}
