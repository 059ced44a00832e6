// The 考核 table as data, without Vue: how rows sort when a header is clicked, and which figures stand among the
// best or the worst three of their column. The leader's panel and the wall's page share it, so both order and
// mark a unit the same way.

export type SortDirection = 'ascending' | 'descending'
/** 'unit': by name; any other key: by that metric's value. */
export interface SortState { key: string; direction: SortDirection }

export interface ScoredRow {
  /** The unit's code (township code or department id): the tie-break, so equal figures keep one stable order. */
  code: string
  name: string
  values: Readonly<Record<string, number | null>>
}

/**
 * The sort after a click on `key`'s header. A new metric column sorts best first (down for a rate where more is
 * better, up for a count of overdue cases or a response time), since "who does best" is the question asked; a click
 * on the column already sorted reverses it. The name column starts A→Z.
 */
export function nextSort(current: SortState | null, key: string, higherIsBetter: boolean | null): SortState {
  if (current?.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
  if (key === 'unit') return { key, direction: 'ascending' }
  return { key, direction: higherIsBetter === false ? 'ascending' : 'descending' }
}

/** aria-sort of a header: what the table is sorted by, 'none' for the others. */
export function ariaSort(sort: SortState | null, key: string): SortDirection | 'none' {
  return sort?.key === key ? sort.direction : 'none'
}

/**
 * Rows in the order `sort` asks; null sort: as given (the API's order: township code, department list). A unit
 * with no value (nothing to judge it on) goes last in either direction: it is neither the best nor the worst.
 */
export function sortRows<R extends ScoredRow>(rows: readonly R[], sort: SortState | null, locale: string): R[] {
  if (!sort) return [...rows]
  const sign = sort.direction === 'ascending' ? 1 : -1
  const byCode = (a: R, b: R) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  if (sort.key === 'unit') return [...rows].sort((a, b) => sign * a.name.localeCompare(b.name, locale) || byCode(a, b))
  return [...rows].sort((a, b) => {
    const x = a.values[sort.key] ?? null
    const y = b.values[sort.key] ?? null
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || byCode(a, b)
    return sign * (x - y) || byCode(a, b)
  })
}

export type Standing = 'top' | 'bottom' | null

/**
 * For each value of a column: among the best `n` ('top'), among the worst `n` ('bottom'), or neither. A value is
 * among the best n only when at most n units do at least as well, so a tie does not crown more than n (ten
 * townships with no overdue case are not "the top three"); nulls take no part. With n or fewer values there is
 * no top or bottom to speak of, and a value that would be both (few values) is left unmarked.
 */
export function standings(values: readonly (number | null)[], higherIsBetter: boolean | null, n = 3): Standing[] {
  const present = values.filter((v): v is number => v !== null)
  if (higherIsBetter === null || present.length <= n) return values.map(() => null)
  const better = (a: number, b: number) => (higherIsBetter ? a >= b : a <= b)
  return values.map((v) => {
    if (v === null) return null
    const top = present.filter((x) => better(x, v)).length <= n
    const bottom = present.filter((x) => better(v, x)).length <= n
    return top === bottom ? null : top ? 'top' : 'bottom'
  })
}

/** Competition ranks (1, 2, 2, 4), best first; null for a unit with no value (it has no place in the order). */
export function ranks(values: readonly (number | null)[], higherIsBetter: boolean): (number | null)[] {
  return values.map((v) => {
    if (v === null) return null
    return 1 + values.filter((x) => x !== null && (higherIsBetter ? x > v : x < v)).length
  })
}
