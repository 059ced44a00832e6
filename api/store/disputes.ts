// SQL for disputes and their history. Parties are stored as JSON text; only the record view parses (and masks) it.
import type { Sql } from './sql'
import type { ActorFields } from './rows'
import { ACTOR_COLUMNS, historyTable, keysetPage, recordTable } from './rows'
import { disputesAtSql } from './as-of'
import { DISPUTE_OVERDUE_SQL } from './rule-sql'
import type { AreaFilter, Keyset, Where } from './where'
import { addArea, addIn, addOverdue, addRange, addScope, where, sql as whereSql } from './where'
import type { Dialect } from './dialect'

export interface DisputeRow {
  id: number
  type: string; level: string; method: string; risk: string
  crossRegion: number; mediator: string
  lng: number; lat: number; crsIn: string
  township: string; village: string; grid: string
  summary: string
  /** JSON `[{ name, phone?, idNumber? }]`: personal data. */
  parties: string
  status: string
  acceptedAt: number; levelAcceptedAt: number; startedAt: number | null; closedAt: number | null
  deadline: number
  escalations: number
  synthetic: number
  updatedAt: number
}
/** A new row names its county as well (countyOf its township); reads leave it out while one county is stored. */
export type NewDisputeRow = Omit<DisputeRow, 'id'> & { county: string }
export type DisputePatch = Partial<Pick<DisputeRow, 'status' | 'level' | 'mediator' | 'levelAcceptedAt' | 'startedAt' |
  'closedAt' | 'deadline' | 'escalations'>>

export interface DisputeEventRow extends ActorFields {
  id: number; disputeId: number; at: number; action: string
  fromStatus: string | null; toStatus: string; fromLevel: string | null; toLevel: string | null; note: string | null
}

export interface DisputeFilter {
  scope?: string
  /** Only records whose point lies in this area or on its edge (`within=`). */
  within?: AreaFilter
  from?: number
  to?: number
  status?: string[]
  type?: string[]
  level?: string[]
  method?: string[]
  risk?: string[]
  /** Open and past the deadline of its current level at `now`. */
  overdue?: { now: number; value: boolean }
}

const COLUMNS = `id, type, level, method, risk, cross_region AS crossRegion, mediator, lng, lat, crs_in AS crsIn,
  township, village, grid, summary, parties, status, accepted_at AS acceptedAt, level_accepted_at AS levelAcceptedAt,
  started_at AS startedAt, closed_at AS closedAt, deadline, escalations, synthetic, updated_at AS updatedAt`

/** The history table's columns, the dispute's id first. */
export const DISPUTE_EVENT_COLUMNS = ['dispute_id', 'at', 'action', 'from_status', 'to_status', 'from_level', 'to_level', 'note', ...ACTOR_COLUMNS] as const

export const INSERT_COLUMNS = ['type', 'level', 'method', 'risk', 'cross_region', 'mediator', 'lng', 'lat', 'crs_in',
  'township', 'village', 'grid', 'summary', 'parties', 'status', 'accepted_at', 'level_accepted_at', 'started_at',
  'closed_at', 'deadline', 'escalations', 'synthetic', 'updated_at', 'county'] as const

export function disputeWhere(f: DisputeFilter, dialect: Dialect): Where {
  const w = where()
  addScope(w, f.scope)
  addArea(w, dialect, f.within)
  addRange(w, 'accepted_at', f.from, f.to)
  addIn(w, 'status', 'st', f.status)
  addIn(w, 'type', 'ty', f.type)
  addIn(w, 'level', 'lv', f.level)
  addIn(w, 'method', 'me', f.method)
  addIn(w, 'risk', 'ri', f.risk)
  addOverdue(w, DISPUTE_OVERDUE_SQL, f.overdue)
  return w
}

export function disputeQueries(db: Sql) {
  return {
    ...recordTable<DisputeRow, NewDisputeRow, DisputeFilter, DisputePatch>(db, {
      table: 'disputes', columns: COLUMNS, insertColumns: INSERT_COLUMNS,
      // Newest first by acceptance, keyset-paginated by (acceptedAt, id).
      list: { where: (f) => disputeWhere(f, db.dialect), key: 'accepted_at', order: 'DESC' },
    }),
    ...historyTable<DisputeEventRow>(db, 'dispute_events', DISPUTE_EVENT_COLUMNS),
    /** The list as it stood at `asOf`, an earlier instant (store/as-of.ts): the disputes accepted by then, as they were. */
    listAt(f: DisputeFilter, limit: number, after: Keyset | undefined, asOf: number): Promise<DisputeRow[]> {
      const w = disputeWhere(f, db.dialect)
      w.params.asOf = asOf
      return keysetPage<DisputeRow>(db, { select: `SELECT ${COLUMNS} FROM ${disputesAtSql(db.engine, 'disputes')}`, where: w, key: 'accepted_at', order: 'DESC', limit, after })
    },
    /** How many rows listAt's filter holds at `asOf`, all pages together (an export counts before it starts). */
    async countAt(f: DisputeFilter, asOf: number): Promise<number> {
      const w = disputeWhere(f, db.dialect)
      w.params.asOf = asOf
      return Number((await db.get<{ n: number | string }>(`SELECT count(*) AS n FROM ${disputesAtSql(db.engine, 'disputes')} ${whereSql(w)}`, w.params))!.n)
    },
  }
}
export type DisputeQueries = ReturnType<typeof disputeQueries>
