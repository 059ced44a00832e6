// Where a stored record lies, and nothing else of it: what a route's reach check (api/auth/policy.ts) reads
// before it lets a request touch the record. The routes ask a service for this rather than the store.

/** A record's township and, for the kinds that have one, its grid. */
export interface RecordPlace { township: string; grid: string | null }

/** The place of this row, or undefined when there is no such record. */
export function placeOfRow(row: { township: string; grid?: string | null } | undefined): RecordPlace | undefined {
  return row ? { township: row.township, grid: row.grid ?? null } : undefined
}
