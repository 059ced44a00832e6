// SQL for incidents and their history. Rows come out camelCased by the SELECT itself, so nothing above the
// store knows a column name.
import type { Dialect } from './dialect'
import type { Sql } from './sql'
import type { ActorFields } from './rows'
import { ACTOR_COLUMNS, historyTable, keysetPage, recordTable } from './rows'
import { incidentsAtSql } from './as-of'
import { OVERDUE_SQL } from './rule-sql'
import type { AreaFilter, Keyset, Where } from './where'
import { addArea, addBbox, addIn, addOverdue, addRange, addScope, where, sql as whereSql } from './where'

export interface IncidentRow {
  id: number
  type: string; category: string; module: string; department: string
  onList: number; listItem: string | null
  source: string; severity: string
  lng: number; lat: number; crsIn: string
  township: string; village: string; grid: string
  description: string
  reporterName: string | null; reporterPhone: string | null
  status: string
  reportedAt: number; acceptedAt: number | null; dispatchedAt: number | null; startedAt: number | null
  resolvedAt: number | null; verifiedAt: number | null; returnedAt: number | null; supervisedAt: number | null
  acceptBy: number; resolveBy: number
  synthetic: number
  updatedAt: number
  /** Who it is assigned to (domain/assignee.ts), both null before the first 交办. */
  assigneeKind: string | null; assigneeCode: string | null
  signedAt: number | null
  /** A pending extension request (申请延期): all three null when none waits. */
  extensionUntil: number | null; extensionNote: string | null; extensionRequestedAt: number | null
}
/** The assignment fields: none at intake. */
type AssignmentFields = 'assigneeKind' | 'assigneeCode' | 'signedAt' | 'extensionUntil' | 'extensionNote' | 'extensionRequestedAt'
export const UNASSIGNED: Pick<IncidentRow, AssignmentFields> = {
  assigneeKind: null, assigneeCode: null, signedAt: null, extensionUntil: null, extensionNote: null, extensionRequestedAt: null,
}
/**
 * A new row names its county as well (countyOf its township); reads leave it out while one county is stored. It
 * has no assignment yet (the columns' NULL).
 */
export type NewIncidentRow = Omit<IncidentRow, 'id' | AssignmentFields> & { county: string }
/** What a transition changes: the status, the time fields it stamps, the assignment and the resolve deadline. */
export type IncidentPatch = Partial<Pick<IncidentRow, 'status' | 'acceptedAt' | 'dispatchedAt' | 'startedAt' |
  'resolvedAt' | 'verifiedAt' | 'returnedAt' | 'supervisedAt' | 'resolveBy' | AssignmentFields>>

/**
 * What a map feature needs: lists read only these columns (a third of the row, and no free text). The stored
 * deadlines are among them: an approved extension moves resolve_by, and overdue must follow it.
 */
export type IncidentFeatureRow = Pick<IncidentRow, 'id' | 'type' | 'category' | 'module' | 'department' | 'onList' |
  'source' | 'severity' | 'status' | 'lng' | 'lat' | 'township' | 'grid' | 'reportedAt' | 'acceptBy' | 'resolveBy'>
const FEATURE_COLUMNS = `id, type, category, module, department, on_list AS onList, source, severity, status, lng, lat,
  township, grid, reported_at AS reportedAt, accept_by AS acceptBy, resolve_by AS resolveBy`

export interface IncidentEventRow extends ActorFields {
  id: number; incidentId: number; at: number; action: string; fromStatus: string | null; toStatus: string; note: string | null
  /** JSON text of what the action took besides its note (assignee, until, level); null when nothing. */
  detail: string | null
}

export interface IncidentFilter {
  scope?: string
  bbox?: [number, number, number, number]
  /** Only records whose point lies in this area or on its edge (`within=`). */
  within?: AreaFilter
  from?: number
  to?: number
  status?: string[]
  category?: string[]
  module?: string[]
  department?: string[]
  source?: string[]
  severity?: string[]
  onList?: boolean
  /** Open and past the current deadline at `now`. */
  overdue?: { now: number; value: boolean }
}

/** The filters a user sets on the incident layer and its figures (no place, time or derived state). */
export type IncidentFilters = Pick<IncidentFilter, 'status' | 'category' | 'module' | 'department' | 'source' | 'severity' | 'onList'>

const COLUMNS = `id, type, category, module, department, on_list AS onList, list_item AS listItem, source, severity,
  lng, lat, crs_in AS crsIn, township, village, grid, description, reporter_name AS reporterName,
  reporter_phone AS reporterPhone, status, reported_at AS reportedAt, accepted_at AS acceptedAt,
  dispatched_at AS dispatchedAt, started_at AS startedAt, resolved_at AS resolvedAt, verified_at AS verifiedAt,
  returned_at AS returnedAt, supervised_at AS supervisedAt, accept_by AS acceptBy, resolve_by AS resolveBy,
  synthetic, updated_at AS updatedAt, assignee_kind AS assigneeKind, assignee_code AS assigneeCode, signed_at AS signedAt,
  extension_until AS extensionUntil, extension_note AS extensionNote, extension_requested_at AS extensionRequestedAt`

/** The camelCased SELECT list of a whole incident row (the department queue reads whole rows too). */
export const INCIDENT_COLUMNS = COLUMNS

export const INSERT_COLUMNS = ['type', 'category', 'module', 'department', 'on_list', 'list_item', 'source', 'severity',
  'lng', 'lat', 'crs_in', 'township', 'village', 'grid', 'description', 'reporter_name', 'reporter_phone', 'status',
  'reported_at', 'accepted_at', 'dispatched_at', 'started_at', 'resolved_at', 'verified_at', 'returned_at',
  'supervised_at', 'accept_by', 'resolve_by', 'synthetic', 'updated_at', 'county'] as const

/** The history table's columns, the incident's id first. */
export const INCIDENT_EVENT_COLUMNS = ['incident_id', 'at', 'action', 'from_status', 'to_status', 'note', ...ACTOR_COLUMNS, 'detail'] as const

export function incidentWhere(f: IncidentFilter, dialect: Dialect): Where {
  const w = where()
  addScope(w, f.scope)
  addRange(w, 'reported_at', f.from, f.to)
  addBbox(w, dialect, f.bbox)
  addArea(w, dialect, f.within)
  addIn(w, 'status', 'st', f.status)
  addIn(w, 'category', 'cat', f.category)
  addIn(w, 'module', 'mod', f.module)
  addIn(w, 'department', 'dep', f.department)
  addIn(w, 'source', 'src', f.source)
  addIn(w, 'severity', 'sev', f.severity)
  if (f.onList !== undefined) { w.clauses.push('on_list = @onList'); w.params.onList = f.onList ? 1 : 0 }
  addOverdue(w, OVERDUE_SQL, f.overdue)
  return w
}

export function incidentQueries(db: Sql) {
  function pageAt<R>(columns: string, f: IncidentFilter, limit: number, after: Keyset | undefined, past: { asOf: number; changed: string }): Promise<R[]> {
    const w = incidentWhere(f, db.dialect)
    Object.assign(w.params, { asOf: past.asOf, asOfIncidents: past.changed })
    return keysetPage<R>(db, {
      select: `SELECT ${columns} FROM ${incidentsAtSql(db.dialect, db.engine, 'incidents')}`,
      where: w, key: 'reported_at', order: 'DESC', limit, after,
    })
  }
  return {
    ...recordTable<IncidentRow, NewIncidentRow, IncidentFilter, IncidentPatch, IncidentFeatureRow>(db, {
      table: 'incidents', columns: COLUMNS, insertColumns: INSERT_COLUMNS,
      // Newest first, keyset-paginated by (reportedAt, id) so pages stay stable while new incidents arrive.
      list: { where: (f) => incidentWhere(f, db.dialect), key: 'reported_at', order: 'DESC', columns: FEATURE_COLUMNS },
    }),
    ...historyTable<IncidentEventRow>(db, 'incident_events', INCIDENT_EVENT_COLUMNS),
    /**
     * The list as it stood at `asOf` (an earlier instant): the incidents reported by then, each as it was then;
     * `changed`: the JSON of the ones changed since, rebuilt (store/as-of.ts).
     */
    listAt(f: IncidentFilter, limit: number, after: Keyset | undefined, past: { asOf: number; changed: string }): Promise<IncidentFeatureRow[]> {
      return pageAt<IncidentFeatureRow>(FEATURE_COLUMNS, f, limit, after, past)
    },
    /** listAt's page as whole rows, as an export of the past writes them (free text, reporter, assignee). */
    rowsAt(f: IncidentFilter, limit: number, after: Keyset | undefined, past: { asOf: number; changed: string }): Promise<IncidentRow[]> {
      return pageAt<IncidentRow>(COLUMNS, f, limit, after, past)
    },
    /** How many rows listAt's filter holds at `asOf`, all pages together (an export counts before it starts). */
    async countAt(f: IncidentFilter, past: { asOf: number; changed: string }): Promise<number> {
      const w = incidentWhere(f, db.dialect)
      Object.assign(w.params, { asOf: past.asOf, asOfIncidents: past.changed })
      const row = await db.get<{ n: number | string }>(`SELECT count(*) AS n FROM ${incidentsAtSql(db.dialect, db.engine, 'incidents')} ${whereSql(w)}`, w.params)
      return Number(row!.n)
    },
  }
}
export type IncidentQueries = ReturnType<typeof incidentQueries>
