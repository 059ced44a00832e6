// The SQL behind every metric, in one place. A metric is a formula (api/services/metric-formulas.ts) over
// "parts": additive aggregates — counts and sums — so the parts of two day ranges, or of the rollup and the raw
// edges around it, simply add. Each source is one table (or join) read in ONE pass with conditional aggregates,
// however many parts or metrics it feeds.
import { REDO_RESULT, SATISFIED_RESULTS } from '../../domain/callback'
import { RESOLVED_INCIDENT_STATUSES } from '../../domain/incident'
import { OPEN_INCIDENTS_SQL, OVERDUE_SQL, codeAt, inList, siteDueAtSql } from './rule-sql'

export const DIMENSION_IDS = [
  'category', 'module', 'department', 'source', 'severity', 'status', 'township', 'village', 'grid', 'level', 'type', 'grade',
] as const
export type Dimension = (typeof DIMENSION_IDS)[number]

export type SourceId = 'incidents' | 'incidentDays' | 'openIncidents' | 'disputes' | 'sites' | 'inspections' | 'whistles' |
  'verifiedIncidents' | 'callbacksDrawn' | 'callbacksDone' | 'mergedReports'

/** The aggregates, by source. Each query selects only the parts its metrics read (an aggregate costs more than the scan). */
export type SqlPart = keyof typeof INCIDENT_PARTS | 'open' | 'overdue' |
  'disputes' | 'disputesSucceeded' | 'disputesConcluded' | 'disputesVillageSucceeded' | 'sites' | 'sitesOverdue' |
  'inspections' | 'inspectionsMobile' | 'whistles' | 'whistlesRated' | 'whistleRatingSum' | 'whistlesAcknowledged' |
  'verified' | 'callbacksDoneOfVerified' | 'callbacksDone' | 'callbacksSatisfied' | 'callbacksDissatisfied' | 'mergedReports'

export interface Source {
  /** The FROM clause. */
  from: string
  /**
   * The FROM clause for a query that reads no column of the joined table (`joined` is its alias): where the join
   * only places and narrows, a county-wide figure without filters skips one lookup per row (the call-backs of 30
   * days at 1M incidents: 136 ms with the join, 22 ms without).
   */
  alone?: { from: string; joined: string }
  /** The index SQLite must read `from` through (Dialect.indexedBy), when its planner would choose worse. */
  index?: string
  /** Read `from` by id only (Dialect.notIndexed): its rows are the few ids its `always` term's subquery names. */
  byId?: boolean
  /** The period column ([from, to) applies to it); null for a snapshot at @now. */
  time: string | null
  /** The column holding a township, village or grid code. */
  scope: { township: string; village: string; grid: string }
  /** The SQL expression of each breakdown dimension this source can group by. */
  dims: Partial<Record<Dimension, string>>
  /** Part → aggregate. */
  parts: Partial<Record<SqlPart, string>>
  /** A WHERE term every query of this source carries. */
  always?: string
  /**
   * The alias prefix ('' or 'x.') of the table whose lng, lat place a row, for `within=`; null when the rows have
   * no point (the day rollup: a query with an area never reads it).
   */
  point: string | null
  /**
   * Parts that read a record's state beyond its period column, as they read at an earlier @now (asOf): each
   * replaces the part of that name. Incidents need none: a past query reads them through store/as-of.ts's relation.
   */
  past?: Partial<Record<SqlPart, string>>
}

/** A conditional aggregate: how many rows match, or the sum of `value` over them (FILTER measured no slower than sum(CASE …)). */
const sum = (when: string, value = '1') =>
  value === '1' ? `count(*) FILTER (WHERE ${when})` : `coalesce(sum(${value}) FILTER (WHERE ${when}), 0)`

// Resolved incidents: 办结 or 核查归档 (verified). `returned` ones were never the township's to close.
const RESOLVED = inList('status', RESOLVED_INCIDENT_STATUSES)

/**
 * The incident parts over raw rows and over the day rollup (incident_days), side by side so the two can never
 * drift: `rollup` is the same aggregate where each rollup row stands for `n` raw rows.
 */
const INCIDENT_PARTS = {
  reports: { when: '1', raw: '1', rollup: 'n' },
  returned: { when: `status = 'returned'`, raw: '1', rollup: 'n' },
  resolved: { when: RESOLVED, raw: '1', rollup: 'n' },
  handled: { when: RESOLVED, raw: 'CASE WHEN resolved_at IS NOT NULL THEN 1 ELSE 0 END', rollup: 'handled' },
  handlingMs: { when: RESOLVED, raw: 'coalesce(resolved_at - reported_at, 0)', rollup: 'handling_ms' },
  offList: { when: 'on_list = 0', raw: '1', rollup: 'n' },
} as const
const incidentParts = (variant: 'raw' | 'rollup'): Partial<Record<SqlPart, string>> =>
  Object.fromEntries(Object.entries(INCIDENT_PARTS).map(([id, p]) => [id,
    p.when !== '1' ? sum(p.when, p[variant]) : p[variant] === '1' ? 'count(*)' : `coalesce(sum(${p[variant]}), 0)`]))

const REGION_COLUMNS = { township: 'township', village: 'village', grid: 'grid' }
const INCIDENT_DIMS = {
  category: 'category', module: 'module', department: 'department', source: 'source', severity: 'severity',
  status: 'status', type: 'type', ...REGION_COLUMNS,
}

/** The incident dimensions read through the alias `i.` of a join. */
const joinedIncidentDims = (alias: string): Partial<Record<Dimension, string>> =>
  ({ ...Object.fromEntries(Object.entries(INCIDENT_DIMS).map(([d, c]) => [d, `${alias}${c}`])), village: codeAt(`${alias}grid`, 'village') })

/** A call-back task (回访) with its incident: scope, dimensions, filters and `within=` are the incident's. */
const CALLBACKS_FROM = 'callbacks c JOIN incidents i ON i.id = c.incident_id'
// Every call-back has its incident (a foreign key), so leaving the join out drops no row; a task's township is its
// incident's (copied when drawn, moved with it by a boundary reassign), so a township's figures need no join either.
const CALLBACKS_ALONE = { from: 'callbacks c', joined: 'i' }
const SATISFIED = `c.result IN (${SATISFIED_RESULTS.map((r) => `'${r}'`).join(', ')})`

/** A whistle call rated (打分) at or before @now: the rating is a step of its own. */
const WHISTLE_RATED_BY_NOW = `EXISTS (SELECT 1 FROM whistle_events r WHERE r.whistle_id = w.id AND r.action = 'rate' AND r.at <= @now)`

/**
 * A report merged into another's case (一件事: not the primary) as the case stood at @now — merged by then and not
 * undone by then — so a past instant counts the cases it had.
 */
const MERGED_AT_NOW = `i.id IN (SELECT m.incident_id FROM case_members m
  WHERE m.is_primary = 0 AND m.merged_at <= @now AND (m.undone_at IS NULL OR m.undone_at > @now))`

export const SOURCES: Record<SourceId, Source> = {
  // A village key reads the village from the grid code (it starts with it), which the covering grid index holds.
  incidents: {
    from: 'incidents', time: 'reported_at', scope: REGION_COLUMNS, dims: { ...INCIDENT_DIMS, village: codeAt('grid', 'village') },
    parts: incidentParts('raw'), point: '',
  },
  incidentDays: {
    from: 'incident_days', time: 'day', scope: { township: 'township', village: '', grid: '' },
    dims: { township: 'township', status: 'status' }, parts: incidentParts('rollup'), always: 'n > 0', point: null,
  },
  // Open incidents whenever reported. Scope and region keys come from the grid code (it starts with its
  // village's and township's codes), so the partial index (grid, status, accept_by, resolve_by) covers them.
  openIncidents: {
    // SQLite's planner would rather take incidents_status and read every open row from the table; the hint
    // also makes a query that stops matching the partial index fail loudly instead of running slowly.
    from: 'incidents', index: 'incidents_open', time: null,
    scope: { township: codeAt('grid', 'township'), village: codeAt('grid', 'village'), grid: 'grid' },
    dims: { ...INCIDENT_DIMS, township: codeAt('grid', 'township'), village: codeAt('grid', 'village') },
    parts: { open: 'count(*)', overdue: sum(OVERDUE_SQL) },
    always: OPEN_INCIDENTS_SQL, point: '',
  },
  disputes: {
    from: 'disputes', time: 'accepted_at', scope: REGION_COLUMNS,
    dims: { type: 'type', level: 'level', status: 'status', ...REGION_COLUMNS },
    parts: {
      disputes: 'count(*)',
      disputesSucceeded: sum(`status = 'succeeded'`),
      disputesConcluded: sum(`status IN ('succeeded', 'failed', 'litigation')`),
      // `level` is the level the dispute is at now, so for a settled one the level that settled it.
      disputesVillageSucceeded: sum(`status = 'succeeded' AND level = 'village'`),
    },
    point: '',
  },
  // Sites on the list now. Overdue reads next_inspection_due, which the sites service keeps at
  // siteInspectionDue() and the site list's overdue filter reads too, so the KPI and the list agree.
  sites: {
    from: 'sites', time: null, scope: REGION_COLUMNS,
    dims: { category: 'category', department: 'department', grade: 'grade', ...REGION_COLUMNS },
    parts: { sites: 'count(*)', sitesOverdue: sum('next_inspection_due < @now') },
    past: { sitesOverdue: sum(`${siteDueAtSql()} < @now`) },
    always: 'registered_at <= @now', point: '',
  },
  inspections: {
    from: 'inspections i JOIN sites s ON s.id = i.site_id', time: 'i.at',
    scope: { township: 's.township', village: 's.village', grid: 's.grid' },
    dims: { category: 's.category', department: 's.department', grade: 's.grade', township: 's.township', village: 's.village', grid: 's.grid' },
    parts: { inspections: 'count(*)', inspectionsMobile: sum('i.mobile = 1') }, point: 's.',
  },
  // Whistles are blown by townships and carry no village or grid; below the township a call counts where its
  // linked incident lies, and a call with no incident only from its township up (and in no drawn area). `type`
  // is the call's kind.
  whistles: {
    from: 'whistles w LEFT JOIN incidents i ON i.id = w.incident_id', time: 'w.whistled_at',
    scope: { township: 'w.township', village: 'i.village', grid: 'i.grid' },
    dims: { department: 'w.department', status: 'w.status', type: 'w.kind', township: 'w.township', village: 'i.village', grid: 'i.grid' },
    parts: {
      whistles: 'count(*)', whistlesRated: sum('w.rating IS NOT NULL'), whistleRatingSum: 'coalesce(sum(w.rating), 0)',
      whistlesAcknowledged: sum('w.acknowledged_at IS NOT NULL'),
    },
    past: {
      whistlesRated: sum(WHISTLE_RATED_BY_NOW), whistleRatingSum: sum(WHISTLE_RATED_BY_NOW, 'w.rating'),
      whistlesAcknowledged: sum('w.acknowledged_at <= @now'),
    },
    point: 'i.',
  },
  verifiedIncidents: {
    // Incidents whose (latest) 核查归档 falls in the period: the basis of 回访率.
    from: 'incidents', time: 'verified_at', scope: REGION_COLUMNS, dims: { ...INCIDENT_DIMS, village: codeAt('grid', 'village') },
    parts: { verified: 'count(*)' }, point: '',
  },
  callbacksDrawn: {
    // Tasks drawn by the verifications of the period (created_at is the verification), and of those the ones done.
    from: CALLBACKS_FROM, alone: CALLBACKS_ALONE, time: 'c.created_at', scope: { township: 'c.township', village: 'i.village', grid: 'i.grid' },
    dims: joinedIncidentDims('i.'), parts: { callbacksDoneOfVerified: sum('c.result IS NOT NULL') },
    past: { callbacksDoneOfVerified: sum('c.done_at <= @now') }, point: 'i.',
  },
  mergedReports: {
    // Reports merged into a case, by their own report time, place and fields: `reports` less these counts each
    // case once, as its primary (a case of one township; its members may lie in other grids of it). Few rows: the
    // members are looked up by id from case_members (`i.id IN (…)`), never the period's reports scanned for them;
    // the incident's columns answer scope, filters and dimensions as for `incidents`.
    from: 'incidents i', byId: true, time: 'i.reported_at',
    scope: { township: 'i.township', village: 'i.village', grid: 'i.grid' },
    dims: joinedIncidentDims('i.'), parts: { mergedReports: 'count(*)' }, always: MERGED_AT_NOW, point: 'i.',
  },
  callbacksDone: {
    // Call-backs answered in the period, by their answer: 满意率 and 重办率 (as the 考核 scoreboard counts them).
    from: CALLBACKS_FROM, alone: CALLBACKS_ALONE, time: 'c.done_at', scope: { township: 'c.township', village: 'i.village', grid: 'i.grid' },
    dims: joinedIncidentDims('i.'),
    parts: { callbacksDone: 'count(*)', callbacksSatisfied: sum(SATISFIED), callbacksDissatisfied: sum(`c.result = '${REDO_RESULT}'`) },
    always: 'c.result IS NOT NULL', point: 'i.',
  },
}

/** Milliseconds from whistle to acknowledgement, for the median (not additive: computed per group, never merged). */
export const WHISTLE_ACK_MS = 'w.acknowledged_at - w.whistled_at'
