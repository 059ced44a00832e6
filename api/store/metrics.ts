// Runs the metric sources of metric-sources.ts: one statement per source and request, grouped by the key the
// endpoint needs (nothing, a dimension or a local time bucket). Also the article's reference figures that are
// stored as counts: indicators, stationed staff and flexible posts.
import type { Statement } from 'better-sqlite3'
import { scopeLevel } from '../../domain/regions'
import type { Db } from './db'
import type { IncidentFilter, IncidentFilters } from './incidents'
import { incidentWhere } from './incidents'
import { localDaySql, localMonthSql, localWeekSql } from './local-time-sql'
import type { Dimension, Source, SourceId, SqlPart } from './metric-sources'
import { SOURCES, WHISTLE_ACK_MS } from './metric-sources'
import type { Where } from './where'
import { addIn, addRange, sql, where } from './where'

export type BucketInterval = 'day' | 'week' | 'month'

export type GroupKey =
  | { kind: 'total' }
  /** `then`: a second dimension; the key is then "<dim value>\u001f<then value>" (see SPLIT_SEPARATOR). */
  | { kind: 'dim'; dim: Dimension; then?: Dimension }
  | { kind: 'bucket'; interval: BucketInterval }

/** The filter-bar filters. They narrow the incident sources only. */
export type { IncidentFilters } from './incidents'

export interface PartQuery {
  /** The county, a township, a village or a grid code. */
  scope: string
  /** The period [from, to), epoch ms; snapshot sources ignore it. */
  from: number
  to: number
  now: number
  filter: IncidentFilters
  key: GroupKey
  /**
   * The grid codes inside the scope (from the geodata), when the caller knows them. For a village or grid scope,
   * or a village or grid key, raw incidents are then read grid by grid from the covering (grid, time) index,
   * instead of through the village index with a table lookup per row, or the whole period sorted by grid.
   */
  grids?: readonly string[] | undefined
}

/** Joins the two values of a two-way key; dimension values are codes and ids, which never hold it. */
export const SPLIT_SEPARATOR = '\u001f'

export type Parts = Record<string, number>
/** Parts by key: '' for a total, the dimension value, or the bucket start (epoch ms) as a string. */
export type PartRows = Map<string, Parts>

// Local bucket starts of an epoch-ms column; api/services/time-buckets.ts is the same in TypeScript.
const BUCKET_SQL: Record<BucketInterval, (t: string) => string> = { day: localDaySql, week: localWeekSql, month: localMonthSql }

function keySql(src: Source, key: GroupKey): string | null {
  if (key.kind === 'total') return null
  if (key.kind === 'bucket') {
    if (!src.time) throw new Error('a snapshot source has no time buckets')
    return BUCKET_SQL[key.interval](src.time)
  }
  const column = (dim: Dimension) => {
    const c = src.dims[dim]
    if (!c) throw new Error(`this source cannot group by ${dim}`)
    return c
  }
  return key.then ? `(${column(key.dim)}) || char(31) || (${column(key.then)})` : column(key.dim)
}

function sourceWhere(id: SourceId, src: Source, q: PartQuery): Where {
  const level = scopeLevel(q.scope)
  const column = level === null || level === 'county' ? null : src.scope[level]
  const byGrids = id === 'incidents' && q.grids !== undefined &&
    (level === 'village' || level === 'grid' || (q.key.kind === 'dim' && (q.key.dim === 'grid' || q.key.dim === 'village')))
  let w: Where
  if (id === 'incidents') {
    // The grids stand in for the scope: they are exactly the scope's grids.
    w = incidentWhere({ ...q.filter, scope: byGrids ? undefined : q.scope, from: q.from, to: q.to })
  } else if (id === 'openIncidents') {
    w = incidentWhere({ ...q.filter })
    // A prefix range on the grid code keeps the scope inside the partial index: ':' sorts right after '9'.
    if (column) { w.clauses.push('grid >= @scope AND grid < @scopeEnd'); Object.assign(w.params, { scope: q.scope, scopeEnd: `${q.scope}:` }) }
  } else {
    w = where()
    if (column === '') throw new Error(`${id} cannot be scoped to a ${level}`)
    if (column) { w.clauses.push(`${column} = @scope`); w.params.scope = q.scope }
    if (src.time) addRange(w, src.time, q.from, q.to)
    if (id === 'incidentDays') {
      addIn(w, 'status', 'st', q.filter.status)
      if (q.filter.onList !== undefined) { w.clauses.push('on_list = @onList'); w.params.onList = q.filter.onList ? 1 : 0 }
    }
  }
  if (byGrids) {
    w.clauses.push('grid IN (SELECT value FROM json_each(@grids))')
    w.params.grids = JSON.stringify(q.grids)
  }
  if (src.always) w.clauses.push(src.always)
  w.params.now = q.now // unused names are ignored; snapshot terms and parts read it
  return w
}

/** The incident day rollup answers a query only where its columns suffice: county or township, status and on-list. */
export function rollupAnswers(q: PartQuery): boolean {
  const level = scopeLevel(q.scope)
  const { category, module, department, source, severity } = q.filter
  const narrowed = [category, module, department, source, severity].some((f) => f !== undefined && f.length > 0)
  const rolled = (dim: Dimension | undefined) => dim === undefined || SOURCES.incidentDays.dims[dim] !== undefined
  const key = q.key.kind !== 'dim' || (rolled(q.key.dim) && rolled(q.key.then))
  return (level === 'county' || level === 'township') && !narrowed && key
}

export function metricQueries(db: Db) {
  const statements = new Map<string, Statement>()
  const prepare = (text: string) => {
    let stmt = statements.get(text)
    if (!stmt) {
      if (statements.size >= 500) statements.clear() // filter combinations are many but finite; bound the cache anyway
      stmt = db.prepare(text)
      statements.set(text, stmt)
    }
    return stmt
  }
  const rows = (text: string, params: Record<string, unknown>) => prepare(text).all(params) as Array<Parts & { k: string | number | null }>
  const byKey = (list: Array<Parts & { k: string | number | null }>): PartRows => {
    const out: PartRows = new Map()
    for (const { k, ...parts } of list) if (k !== null) out.set(String(k), parts)
    return out
  }

  const partsSql = (id: SourceId, q: PartQuery, only?: readonly SqlPart[]) => {
    const src = SOURCES[id]
    const w = sourceWhere(id, src, q)
    const k = keySql(src, q.key)
    const wanted = Object.entries(src.parts).filter(([part]) => !only || only.includes(part as SqlPart))
    const select = wanted.map(([part, agg]) => `${agg} AS ${part}`).join(', ') || '0 AS nothing'
    return { text: `SELECT ${k ?? "''"} AS k, ${select} FROM ${src.from} ${sql(w)}${k ? ' GROUP BY k' : ''}`, params: w.params }
  }

  return {
    /**
     * The parts of one source (`only` those when given), grouped by the query's key. Rows whose key is NULL
     * (e.g. a whistle with no incident, by grid) are left out.
     */
    parts(id: SourceId, q: PartQuery, only?: readonly SqlPart[]): PartRows {
      const { text, params } = partsSql(id, q, only)
      return byKey(rows(text, params))
    },

    /** The query plan of `parts` (for the benchmark and the test that the indexes are used). */
    explain(id: SourceId, q: PartQuery): string[] {
      const { text, params } = partsSql(id, q)
      return (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(params) as Array<{ detail: string }>).map((r) => r.detail)
    },

    /** Median milliseconds from whistle to acknowledgement per key, over the acknowledged calls. */
    whistleAckMedian(q: PartQuery): PartRows {
      const src = SOURCES.whistles
      const w = sourceWhere('whistles', src, q)
      w.clauses.push('w.acknowledged_at IS NOT NULL')
      const k = keySql(src, q.key) ?? "''"
      // The middle row for an odd count; the mean of the two middle rows for an even one.
      return byKey(rows(`WITH d AS (SELECT ${k} AS k, ${WHISTLE_ACK_MS} AS ms FROM ${src.from} ${sql(w)}),
        r AS (SELECT k, ms, row_number() OVER (PARTITION BY k ORDER BY ms) AS i, count(*) OVER (PARTITION BY k) AS n FROM d)
        SELECT k, avg(ms) AS whistleAckMedianMs FROM r WHERE i IN ((n + 1) / 2, (n + 2) / 2) GROUP BY k`, w.params))
    },

    /** Indicator rows for a scope (all scopes when undefined) whose period overlaps [from, to). */
    indicators(scope: string | undefined, from: number | undefined, to: number | undefined): IndicatorRow[] {
      return prepare(`SELECT id, scope, period_from AS periodFrom, period_to AS periodTo, value, source FROM indicators
        WHERE (@scope IS NULL OR scope = @scope) AND (@from IS NULL OR period_to > @from) AND (@to IS NULL OR period_from < @to)
        ORDER BY id, scope, period_from`).all({ scope: scope ?? null, from: from ?? null, to: to ?? null }) as IndicatorRow[]
    },
    stationedStaff: () => prepare('SELECT township, domain, staff FROM stationed_staff ORDER BY township, domain').all() as StaffRow[],
    flexiblePosts: () => prepare('SELECT township, posts FROM flexible_posts ORDER BY township').all() as PostRow[],
  }
}
export type MetricQueries = ReturnType<typeof metricQueries>

export interface IndicatorRow { id: string; scope: string; periodFrom: number; periodTo: number; value: number; source: string }
export interface StaffRow { township: string; domain: string; staff: number }
export interface PostRow { township: string; posts: number }
