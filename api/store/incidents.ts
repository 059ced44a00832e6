// SQL for incidents and their history. Rows come out camelCased by the SELECT itself, so nothing above the
// store knows a column name.
import type { Dialect } from './dialect'
import type { Sql } from './sql'
import { historyTable, recordTable } from './rows'
import { OVERDUE_SQL } from './rule-sql'
import type { AreaFilter, Where } from './where'
import { addArea, addBbox, addIn, addOverdue, addRange, addScope, sql, where } from './where'

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
}
/** A new row names its county as well (countyOf its township); reads leave it out while one county is stored. */
export type NewIncidentRow = Omit<IncidentRow, 'id'> & { county: string }
/** What a transition changes: the status and the time fields it stamps. */
export type IncidentPatch = Partial<Pick<IncidentRow, 'status' | 'acceptedAt' | 'dispatchedAt' | 'startedAt' |
  'resolvedAt' | 'verifiedAt' | 'returnedAt' | 'supervisedAt'>>

/** What a map feature needs: lists read only these columns (a third of the row, and no free text). */
export type IncidentFeatureRow = Pick<IncidentRow, 'id' | 'type' | 'category' | 'module' | 'department' | 'onList' |
  'source' | 'severity' | 'status' | 'lng' | 'lat' | 'township' | 'grid' | 'reportedAt'>
const FEATURE_COLUMNS = `id, type, category, module, department, on_list AS onList, source, severity, status, lng, lat,
  township, grid, reported_at AS reportedAt`

export interface IncidentEventRow {
  id: number; incidentId: number; at: number; action: string; fromStatus: string | null; toStatus: string; note: string | null
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
  synthetic, updated_at AS updatedAt`

const INSERT_COLUMNS = ['type', 'category', 'module', 'department', 'on_list', 'list_item', 'source', 'severity',
  'lng', 'lat', 'crs_in', 'township', 'village', 'grid', 'description', 'reporter_name', 'reporter_phone', 'status',
  'reported_at', 'accepted_at', 'dispatched_at', 'started_at', 'resolved_at', 'verified_at', 'returned_at',
  'supervised_at', 'accept_by', 'resolve_by', 'synthetic', 'updated_at', 'county'] as const

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
  return {
    ...recordTable<IncidentRow, NewIncidentRow, IncidentFilter, IncidentPatch, IncidentFeatureRow>(db, {
      table: 'incidents', columns: COLUMNS, insertColumns: INSERT_COLUMNS,
      // Newest first, keyset-paginated by (reportedAt, id) so pages stay stable while new incidents arrive.
      list: { where: (f) => incidentWhere(f, db.dialect), key: 'reported_at', order: 'DESC', columns: FEATURE_COLUMNS },
    }),
    ...historyTable<IncidentEventRow>(db, 'incident_events', ['incident_id', 'at', 'action', 'from_status', 'to_status', 'note']),
    async count(f: IncidentFilter): Promise<number> {
      const w = incidentWhere(f, db.dialect)
      return (await db.get<{ n: number }>(`SELECT count(*) AS n FROM incidents ${sql(w)}`, w.params))!.n
    },
  }
}
export type IncidentQueries = ReturnType<typeof incidentQueries>
