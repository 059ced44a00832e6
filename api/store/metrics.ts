// Runs the metric sources of metric-sources.ts: one statement per source and request, grouped by the key the
// endpoint needs (nothing, a dimension or a local time bucket). Also the article's reference figures that are
// stored as counts: indicators, stationed staff and flexible posts.
import { scopeLevel } from '../../domain/regions'
import type { IncidentFilter, IncidentFilters } from './incidents'
import { incidentWhere } from './incidents'
import type { Dialect } from './dialect'
import { localDaySql, localWeekSql } from './local-time-sql'
import type { Dimension, Source, SourceId, SqlPart } from './metric-sources'
import { SOURCES, WHISTLE_ACK_MS } from './metric-sources'
import { fromDisputesAt, fromIncidentsAt } from './as-of'
import type { Sql } from './sql'
import type { AreaFilter, Where } from './where'
import { addArea, addIn, addRange, sql, where } from './where'

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
  /** Only records whose point lies in this area (`within=`); the day rollup cannot answer such a query. */
  within?: AreaFilter | undefined
  key: GroupKey
  /**
   * Set when `now` is an earlier instant than the clock's (asOf): the incidents changed since, as they stood then
   * (the JSON store/as-of.ts binds). Every source then reads its records as they stood at `now`.
   */
  past?: { incidents: string } | undefined
  /**
   * The grid codes inside the scope (from the geodata), when the caller knows them. For a village or grid scope,
   * or a village or grid key, raw incidents are then read grid by grid from the covering (grid, time) index,
   * instead of through the village index with a table lookup per row, or the whole period sorted by grid.
   */
  grids?: readonly string[] | undefined
}

/**
 * True when a past query must read incidents through store/as-of.ts's relation: some incident changed after the
 * instant. When none did, the table is the past (with the reports after the instant left out), read as fast as now.
 */
export const readsIncidentsAt = (q: Pick<PartQuery, 'past'>): boolean => q.past !== undefined && q.past.incidents !== '[]'

/** The sources that read the incidents table first. */
const INCIDENT_TABLE_SOURCES: ReadonlySet<SourceId> = new Set(['incidents', 'incidentDays', 'openIncidents', 'verifiedIncidents'])

/** Joins the two values of a two-way key; dimension values are codes and ids, which never hold it. */
export const SPLIT_SEPARATOR = '\u001f'

export type Parts = Record<string, number>
/** Parts by key: '' for a total, the dimension value, or the bucket start (epoch ms) as a string. */
export type PartRows = Map<string, Parts>

// Local bucket starts of an epoch-ms column; api/services/time-buckets.ts is the same in TypeScript.
const bucketSql = (d: Dialect, interval: BucketInterval, t: string) =>
  interval === 'day' ? localDaySql(t) : interval === 'week' ? localWeekSql(t) : d.localMonth(t)

function keySql(d: Dialect, src: Source, key: GroupKey): string | null {
  if (key.kind === 'total') return null
  if (key.kind === 'bucket') {
    if (!src.time) throw new Error('a snapshot source has no time buckets')
    return bucketSql(d, key.interval, src.time)
  }
  const column = (dim: Dimension) => {
    const c = src.dims[dim]
    if (!c) throw new Error(`this source cannot group by ${dim}`)
    return c
  }
  return key.then ? `(${column(key.dim)}) || '${SPLIT_SEPARATOR}' || (${column(key.then)})` : column(key.dim)
}

/** The sources whose rows are incidents (or joined to one under an alias): the filter bar narrows them as it does incidents. */
const INCIDENT_FILTERED: Partial<Record<SourceId, string>> = { verifiedIncidents: '', callbacksDrawn: 'i.', callbacksDone: 'i.', mergedReports: 'i.' }

function addIncidentFilters(w: Where, alias: string, f: IncidentFilters) {
  addIn(w, `${alias}status`, 'st', f.status)
  addIn(w, `${alias}category`, 'cat', f.category)
  addIn(w, `${alias}module`, 'mod', f.module)
  addIn(w, `${alias}department`, 'dep', f.department)
  addIn(w, `${alias}source`, 'src', f.source)
  addIn(w, `${alias}severity`, 'sev', f.severity)
  if (f.onList !== undefined) { w.clauses.push(`${alias}on_list = @onList`); w.params.onList = f.onList ? 1 : 0 }
}

function sourceWhere(d: Dialect, id: SourceId, src: Source, q: PartQuery): Where {
  const level = scopeLevel(q.scope)
  const column = level === null || level === 'county' ? null : src.scope[level]
  const byGrids = id === 'incidents' && q.grids !== undefined &&
    (level === 'village' || level === 'grid' || (q.key.kind === 'dim' && (q.key.dim === 'grid' || q.key.dim === 'village')))
  let w: Where
  if (id === 'incidents') {
    // The grids stand in for the scope: they are exactly the scope's grids.
    w = incidentWhere({ ...q.filter, scope: byGrids ? undefined : q.scope, from: q.from, to: q.to, within: q.within }, d)
  } else if (id === 'openIncidents') {
    w = incidentWhere({ ...q.filter, within: q.within }, d)
    // A prefix range on the grid code keeps the scope inside the partial index: ':' sorts right after '9'.
    if (column) { w.clauses.push('grid >= @scope AND grid < @scopeEnd'); Object.assign(w.params, { scope: q.scope, scopeEnd: `${q.scope}:` }) }
  } else {
    w = where()
    if (column === '') throw new Error(`${id} cannot be scoped to a ${level}`)
    if (column) { w.clauses.push(`${column} = @scope`); w.params.scope = q.scope }
    if (src.time) addRange(w, src.time, q.from, q.to)
    const incidentAlias = INCIDENT_FILTERED[id]
    if (incidentAlias !== undefined) addIncidentFilters(w, incidentAlias, q.filter)
    if (id === 'incidentDays') {
      addIn(w, 'status', 'st', q.filter.status)
      if (q.filter.onList !== undefined) { w.clauses.push('on_list = @onList'); w.params.onList = q.filter.onList ? 1 : 0 }
    }
    if (q.within) {
      if (src.point === null) throw new Error(`${id} has no point: a query with an area cannot read it`)
      addArea(w, d, q.within, src.point)
    }
  }
  if (byGrids) {
    w.clauses.push(d.inJsonArray('grid', 'grids'))
    w.params.grids = JSON.stringify(q.grids)
  }
  if (src.always) w.clauses.push(src.always)
  w.params.now = q.now // unused names are ignored; snapshot terms and parts read it
  if (q.past) {
    Object.assign(w.params, { asOf: q.now, asOfIncidents: q.past.incidents })
    // Nothing changed since: the table as it is, but an incident reported after the instant did not exist yet.
    if (!readsIncidentsAt(q) && INCIDENT_TABLE_SOURCES.has(id) && id !== 'incidentDays') w.clauses.push('reported_at <= @asOf')
  }
  return w
}

/** The incident day rollup answers a query only where its columns suffice: county or township, status and on-list. */
export function rollupAnswers(q: PartQuery): boolean {
  const level = scopeLevel(q.scope)
  const { category, module, department, source, severity } = q.filter
  const narrowed = [category, module, department, source, severity].some((f) => f !== undefined && f.length > 0)
  const rolled = (dim: Dimension | undefined) => dim === undefined || SOURCES.incidentDays.dims[dim] !== undefined
  const key = q.key.kind !== 'dim' || (rolled(q.key.dim) && rolled(q.key.then))
  return (level === 'county' || level === 'township') && !narrowed && key && !q.within
}

export function metricQueries(db: Sql) {
  const d = db.dialect
  const rows = (text: string, params: Record<string, unknown>) => db.all<Parts & { k: string | number | null }>(text, params)
  const byKey = (list: Array<Parts & { k: string | number | null }>): PartRows => {
    const out: PartRows = new Map()
    for (const { k, ...parts } of list) if (k !== null) out.set(String(k), parts)
    return out
  }

  const partsSql = (id: SourceId, q: PartQuery, only?: readonly SqlPart[]) => {
    const src = SOURCES[id]
    const w = sourceWhere(d, id, src, q)
    const k = keySql(d, src, q.key)
    const parts = q.past ? { ...src.parts, ...src.past } : src.parts
    const wanted = Object.entries(parts).filter(([part]) => !only || only.includes(part as SqlPart))
    const select = wanted.map(([part, agg]) => `${agg} AS ${part}`).join(', ') || '0 AS nothing'
    const base = src.alone && !new RegExp(`\\b${src.alone.joined}\\.`).test(`${select} ${k ?? ''} ${sql(w)}`) ? src.alone.from : src.from
    // In the past the incidents are a relation, not the table: no index to name (none is needed for a few days).
    const table = src.index ? `${base} ${d.indexedBy(src.index)}` : src.byId ? `${base} ${d.notIndexed}` : base
    const from = !q.past ? table : fromDisputesAt(readsIncidentsAt(q) ? fromIncidentsAt(base, d, db.engine) : table, db.engine)
    return { text: `SELECT ${k ?? "''"} AS k, ${select} FROM ${from} ${sql(w)}${k ? ' GROUP BY k' : ''}`, params: w.params }
  }

  return {
    /**
     * The parts of one source (`only` those when given), grouped by the query's key. Rows whose key is NULL
     * (e.g. a whistle with no incident, by grid) are left out.
     */
    async parts(id: SourceId, q: PartQuery, only?: readonly SqlPart[]): Promise<PartRows> {
      const { text, params } = partsSql(id, q, only)
      return byKey(await rows(text, params))
    },

    /** The query plan of `parts`, one line per step (for the benchmark and the test that the indexes are used). */
    async explain(id: SourceId, q: PartQuery): Promise<string[]> {
      const { text, params } = partsSql(id, q)
      if (db.engine === 'sqlite') return (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`, params)).map((r) => r.detail)
      return (await db.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params)).map((r) => r['QUERY PLAN'])
    },

    /** Median milliseconds from whistle to acknowledgement per key, over the acknowledged calls. */
    async whistleAckMedian(q: PartQuery): Promise<PartRows> {
      const src = SOURCES.whistles
      const w = sourceWhere(d, 'whistles', src, q)
      w.clauses.push(q.past ? 'w.acknowledged_at <= @now' : 'w.acknowledged_at IS NOT NULL')
      const k = keySql(d, src, q.key) ?? "''"
      const from = readsIncidentsAt(q) ? fromIncidentsAt(src.from, d, db.engine) : src.from
      // The middle row for an odd count; the mean of the two middle rows for an even one.
      return byKey(await rows(`WITH d AS (SELECT ${k} AS k, ${WHISTLE_ACK_MS} AS ms FROM ${from} ${sql(w)}),
        r AS (SELECT k, ms, row_number() OVER (PARTITION BY k ORDER BY ms) AS i, count(*) OVER (PARTITION BY k) AS n FROM d)
        SELECT k, avg(ms) AS whistleAckMedianMs FROM r WHERE i IN ((n + 1) / 2, (n + 2) / 2) GROUP BY k`, w.params))
    },

    /** Indicator rows for a scope (all scopes when undefined) whose period overlaps [from, to). */
    indicators(scope: string | undefined, from: number | undefined, to: number | undefined): Promise<IndicatorRow[]> {
      // The casts give PostgreSQL the parameters' types, which `@p IS NULL` alone does not tell it.
      return db.all<IndicatorRow>(`SELECT id, scope, period_from AS periodFrom, period_to AS periodTo, value, source FROM indicators
        WHERE (CAST(@scope AS TEXT) IS NULL OR scope = @scope) AND (CAST(@from AS BIGINT) IS NULL OR period_to > @from)
          AND (CAST(@to AS BIGINT) IS NULL OR period_from < @to)
        ORDER BY id, scope, period_from`, { scope: scope ?? null, from: from ?? null, to: to ?? null })
    },
    stationedStaff: () => db.all<StaffRow>('SELECT township, domain, staff FROM stationed_staff ORDER BY township, domain'),
    flexiblePosts: () => db.all<PostRow>('SELECT township, posts FROM flexible_posts ORDER BY township'),
  }
}
export type MetricQueries = ReturnType<typeof metricQueries>

export interface IndicatorRow { id: string; scope: string; periodFrom: number; periodTo: number; value: number; source: string }
export interface StaffRow { township: string; domain: string; staff: number }
export interface PostRow { township: string; posts: number }
