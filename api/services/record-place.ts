// Where a stored record lies, and nothing else of it: what a route's reach check (api/auth/policy.ts) reads
// before it lets a request touch the record. The routes ask a service for this rather than the store.

/**
 * A record's township and, for the kinds that have one, its grid; `department`: the county department whose work
 * the record is (an incident assigned to it, a whistle call to it), which is all a department's reach reads.
 */
export interface RecordPlace { township: string; grid: string | null; department: string | null }

/**
 * The place of this row, or undefined when there is no such record. `department` says which department the row
 * belongs to: a whistle's own column; for an incident its assignee, not the type's routing department (the
 * incidents column of that name says who the type's work belongs to, not who holds this one now).
 */
export function placeOfRow<R extends { township: string; grid?: string | null }>(
  row: R | undefined, department: (row: R) => string | null = () => null,
): RecordPlace | undefined {
  return row ? { township: row.township, grid: row.grid ?? null, department: department(row) } : undefined
}

/** The department an incident is assigned to, when its assignee is a department (else null: a township, a grid, none). */
export function assignedDepartment(row: { township: string; assigneeKind?: string | null; assigneeCode?: string | null }): string | null {
  return row.assigneeKind === 'department' ? row.assigneeCode ?? null : null
}
