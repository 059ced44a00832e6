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
 * Among the best `n` ('top'), among the worst `n` ('bottom'), or neither, for each item that takes part (`present`),
 * by `better(a, b)` = a does at least as well as b. An item is among the best n only when at most n items do at least
 * as well, so a tie does not crown more than n (ten townships with no overdue case are not "the top three"). With n
 * or fewer items there is no top or bottom to speak of, and an item that would be both (few items) is left unmarked.
 */
function standingsOf<T>(items: readonly T[], present: (x: T) => boolean, better: (a: T, b: T) => boolean, n: number): Standing[] {
  const taking = items.filter(present)
  if (taking.length <= n) return items.map(() => null)
  return items.map((v) => {
    if (!present(v)) return null
    const top = taking.filter((x) => better(x, v)).length <= n
    const bottom = taking.filter((x) => better(v, x)).length <= n
    return top === bottom ? null : top ? 'top' : 'bottom'
  })
}

/** For each value of a column: among its best or worst `n` (standingsOf); nulls take no part. */
export function standings(values: readonly (number | null)[], higherIsBetter: boolean | null, n = 3): Standing[] {
  if (higherIsBetter === null) return values.map(() => null)
  return standingsOf(values, (v) => v !== null, (a, b) => (higherIsBetter ? a! >= b! : a! <= b!), n)
}

/** A column a ranking reads, with its good direction. */
export interface RankKey { id: string; higherIsBetter: boolean }

/**
 * Which of two rows does better by `keys` in turn (the first decides, the next breaks its ties …): negative when `a`
 * is better; a unit without a figure for a key comes after every unit with one; 0 when they are level on every key.
 */
export function compareByKeys(keys: readonly RankKey[]) {
  return (a: ScoredRow, b: ScoredRow): number => {
    for (const k of keys) {
      const x = a.values[k.id] ?? null
      const y = b.values[k.id] ?? null
      if (x === null && y === null) continue
      if (x === null || y === null) return x === null ? 1 : -1
      if (x !== y) return k.higherIsBetter ? y - x : x - y
    }
    return 0
  }
}

export interface RankedRow<R> { row: R; rank: number | null; band: Standing }

/**
 * A league table: rows ordered by `keys` (the first the headline, the rest breaking its ties), equal rows by code;
 * competition ranks (1, 2, 2, 4) among the rows with a headline figure (the others have no place, '—'); the best and
 * worst `n` of those banded (standingsOf: a tie never bands more than n).
 */
export function rankRows<R extends ScoredRow>(rows: readonly R[], keys: readonly RankKey[], n = 3): RankedRow<R>[] {
  const cmp = compareByKeys(keys)
  const headline = keys[0]?.id
  const ranked = (r: R) => headline !== undefined && (r.values[headline] ?? null) !== null
  const sorted = [...rows].sort((a, b) => cmp(a, b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const bands = standingsOf(sorted, ranked, (a, b) => cmp(a, b) <= 0, n)
  return sorted.map((row, i) => ({
    row,
    rank: ranked(row) ? 1 + sorted.filter((x) => ranked(x) && cmp(x, row) < 0).length : null,
    band: bands[i] ?? null,
  }))
}
