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
   * A FROM table read by its id only (SQLite: NOT INDEXED, rowid lookups still allowed), for a query whose rows are
   * the few ids a subquery names: no index on the table's other columns may tempt the planner into a range scan.
   */
  readonly notIndexed: string
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
  /**
   * True when the row's point lies in the area bound as @within (a Polygon or MultiPolygon, GeoJSON text, WGS84)
   * or on its boundary; @withinMinLng, @withinMinLat, @withinMaxLng, @withinMaxLat bound as its box. Both engines
   * decide the boundary as PostGIS's ST_Intersects does (domain/area-contains.ts). `small`: the box is small enough
   * to be read through a spatial index (where.ts decides; SQLite needs telling, PostgreSQL's planner knows).
   */
  inArea(alias?: string, small?: boolean): string
  /**
   * A FROM item `alias` whose rows are the objects of the JSON array bound as `param`, one column per key of
   * `columns` (bigint or text); a key an object lacks reads NULL.
   */
  jsonRecords(param: string, columns: Record<string, 'bigint' | 'text'>, alias: string): string
}

/** The SQLite functions inArea calls (sqlite-engine.ts): the area's key from its GeoJSON text, once per statement; */
export const AREA_KEY_FUNCTION = 'onemap_area'
/** and per row, (lng, lat, key) → 1 inside or on the boundary, else 0. */
export const IN_AREA_FUNCTION = 'onemap_in_area'

const BETWEEN = (alias: string) => `${alias}lng BETWEEN @minLng AND @maxLng AND ${alias}lat BETWEEN @minLat AND @maxLat`

const OFFSET_S = LOCAL_OFFSET_MS / 1000

const sqlite: Dialect = {
  inJsonArray: (column, param) => `${column} IN (SELECT value FROM json_each(@${param}))`,
  localMonth: (t) => `((unixepoch(${t} / 1000 + ${OFFSET_S}, 'unixepoch', 'start of month') - ${OFFSET_S}) * 1000)`,
  indexedBy: (index) => `INDEXED BY ${index}`,
  notIndexed: 'NOT INDEXED',
  // The (lng, lat) B-tree answers the box: a range on lng, lat checked inside the index.
  inBbox: (alias = '') => BETWEEN(alias),
  forUpdate: '',
  // The function (sqlite-engine.ts) decides the rows in the box. A small box is read through the (lng, lat)
  // B-tree. A large one is kept off it (the unary `+`) and checked on each row the query reads through its time
  // or scope index: rows are stored in time order, so the B-tree costs a random table read per row of the box in
  // all time. On the 1M demo under load: a box over three grids, 65,000 reads, 1.4 s through the B-tree against
  // 172 ms for the 30-day summary reading its period in order; a 100 m box the other way round (0.1 s against
  // 2.5 s for an incident list with no period).
  inArea: (alias = '', small = false) => {
    const on = small ? '' : '+'
    return `${on}${alias}lng BETWEEN @withinMinLng AND @withinMaxLng AND ${on}${alias}lat BETWEEN @withinMinLat AND @withinMaxLat
    AND ${IN_AREA_FUNCTION}(${alias}lng, ${alias}lat, ${AREA_KEY_FUNCTION}(@within)) = 1`
  },
  jsonRecords: (param, columns, alias) =>
    `(SELECT ${Object.keys(columns).map((c) => `json_extract(value, '$.${c}') AS ${c}`).join(', ')} FROM json_each(@${param})) AS ${alias}`,
}

const postgres: Dialect = {
  inJsonArray: (column, param, of = 'text') =>
    `${column} IN (SELECT CAST(jsonb_array_elements_text(CAST(@${param} AS jsonb)) AS ${of === 'text' ? 'text' : 'bigint'}))`,
  // The local wall-clock time as a UTC timestamp, truncated to its month, back to epoch ms.
  localMonth: (t) => `(CAST(extract(epoch FROM date_trunc('month', to_timestamp((${t} + ${LOCAL_OFFSET_MS}) / 1000.0)
    AT TIME ZONE 'UTC')) AS bigint) * 1000 - ${LOCAL_OFFSET_MS})`,
  indexedBy: () => '',
  notIndexed: '',
  // `&&` lets the planner read the GiST index on the generated geom column. It compares float4 boxes, so alone it
  // also takes points up to ~1e-5° outside the box; the BETWEEN (cheap, on the same row) makes the answer exactly
  // SQLite's. The planner still picks by cost: a dense box ordered by time is read through the time index.
  inBbox: (alias = '') =>
    `${alias}geom && ST_MakeEnvelope(@minLng, @minLat, @maxLng, @maxLat, 4326) AND ${BETWEEN(alias)}`,
  forUpdate: ' FOR UPDATE',
  // ST_Intersects reads the GiST index by itself (its support function adds the box test). The cast picks the
  // text form among ST_GeomFromGeoJSON's overloads; the box parameters are not needed here.
  inArea: (alias = '') => `ST_Intersects(${alias}geom, ST_SetSRID(ST_GeomFromGeoJSON(CAST(@within AS text)), 4326))`,
  jsonRecords: (param, columns, alias) =>
    `jsonb_to_recordset(CAST(@${param} AS jsonb)) AS ${alias} (${Object.entries(columns).map(([c, t]) => `${c} ${t}`).join(', ')})`,
}

export const DIALECTS: Record<Engine, Dialect> = { sqlite, postgres }
