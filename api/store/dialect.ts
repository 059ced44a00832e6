// Where the two engines' SQL differs, the store asks the dialect for the fragment instead of writing either
// spelling itself. Everything else in the store's SQL is the common language of SQLite and PostgreSQL.
import { LOCAL_OFFSET_MS } from '../../domain/calendar'
import type { Engine } from './sql'

export interface Dialect {
  /** True when `column` is one of the values of a JSON array (of strings, or of integers) bound as `param`. */
  inJsonArray(column: string, param: string, of?: 'text' | 'integer'): string
  /** Local midnight on the 1st of the month holding the epoch-ms expression `t` (months need a calendar). */
  localMonth(t: string): string
  /**
   * The index a FROM table must be read through. SQLite's planner needs the hint for partial indexes (and fails
   * loudly when a query stops matching one); PostgreSQL's planner chooses by cost and takes no hints.
   */
  indexedBy(index: string): string
  /**
   * True when the row's point lies in the box bound as @minLng, @minLat, @maxLng, @maxLat (edges included).
   * `alias` prefixes the columns ('i.' for a joined table).
   */
  inBbox(alias?: string): string
  /**
   * Appended to a SELECT of one row that the transaction is about to change: PostgreSQL locks the row until the
   * transaction ends, so a concurrent change waits and then reads what this one left. SQLite needs none: its
   * transactions take the write lock at BEGIN (IMMEDIATE) and run one at a time.
   */
  readonly forUpdate: string
}

const BETWEEN = (alias: string) => `${alias}lng BETWEEN @minLng AND @maxLng AND ${alias}lat BETWEEN @minLat AND @maxLat`

const OFFSET_S = LOCAL_OFFSET_MS / 1000

const sqlite: Dialect = {
  inJsonArray: (column, param) => `${column} IN (SELECT value FROM json_each(@${param}))`,
  localMonth: (t) => `((unixepoch(${t} / 1000 + ${OFFSET_S}, 'unixepoch', 'start of month') - ${OFFSET_S}) * 1000)`,
  indexedBy: (index) => `INDEXED BY ${index}`,
  // The (lng, lat) B-tree answers the box: a range on lng, lat checked inside the index.
  inBbox: (alias = '') => BETWEEN(alias),
  forUpdate: '',
}

const postgres: Dialect = {
  inJsonArray: (column, param, of = 'text') =>
    `${column} IN (SELECT CAST(jsonb_array_elements_text(CAST(@${param} AS jsonb)) AS ${of === 'text' ? 'text' : 'bigint'}))`,
  // The local wall-clock time as a UTC timestamp, truncated to its month, back to epoch ms.
  localMonth: (t) => `(CAST(extract(epoch FROM date_trunc('month', to_timestamp((${t} + ${LOCAL_OFFSET_MS}) / 1000.0)
    AT TIME ZONE 'UTC')) AS bigint) * 1000 - ${LOCAL_OFFSET_MS})`,
  indexedBy: () => '',
  // `&&` lets the planner read the GiST index on the generated geom column. It compares float4 boxes, so alone it
  // also takes points up to ~1e-5° outside the box; the BETWEEN (cheap, on the same row) makes the answer exactly
  // SQLite's. The planner still picks by cost: a dense box ordered by time is read through the time index.
  inBbox: (alias = '') =>
    `${alias}geom && ST_MakeEnvelope(@minLng, @minLat, @maxLng, @maxLat, 4326) AND ${BETWEEN(alias)}`,
  forUpdate: ' FOR UPDATE',
}

export const DIALECTS: Record<Engine, Dialect> = { sqlite, postgres }
