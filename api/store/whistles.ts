// SQL for whistle calls (吹哨报到) and their history. Whistles are township-level: the table has no village or
// grid, and no point (the map draws them from the township seat).
import { DUE_SOON_FRACTION, WHISTLE_SLA } from '../../domain/whistle'
import type { Sql } from './sql'
import type { ActorFields } from './rows'
import { ACTOR_COLUMNS, historyTable, recordTable } from './rows'
import type { Where } from './where'
import { addIn, addRange, addScope, where } from './where'

export interface WhistleRow {
  id: number
  township: string; department: string; incidentId: number | null
  kind: string; reason: string; urgent: number
  status: string
  whistledAt: number; acknowledgedAt: number | null; arrivedAt: number | null; closedAt: number | null
  rating: number | null
  synthetic: number
  updatedAt: number
}
/** A new row names its county as well (countyOf its township); reads leave it out while one county is stored. */
export type NewWhistleRow = Omit<WhistleRow, 'id'> & { county: string }
export type WhistlePatch = Partial<Pick<WhistleRow, 'status' | 'acknowledgedAt' | 'arrivedAt' | 'closedAt' | 'rating'>>

export interface WhistleEventRow extends ActorFields {
  id: number; whistleId: number; at: number; action: string; fromStatus: string | null; toStatus: string; note: string | null
}

export interface WhistleFilter {
  /** The county or a township: whistles carry no village or grid. */
  scope?: string
  from?: number
  to?: number
  status?: string[]
  department?: string[]
  kind?: string[]
  /** The SLA state of the stage now running at `now` (ok, due-soon, breached). */
  sla?: { now: number; values: string[] }
}

const COLUMNS = `id, township, department, incident_id AS incidentId, kind, reason, urgent, status,
  whistled_at AS whistledAt, acknowledged_at AS acknowledgedAt, arrived_at AS arrivedAt, closed_at AS closedAt,
  rating, synthetic, updated_at AS updatedAt`

/** The camelCased SELECT list of a whole whistle row (the department queue reads whole rows too). */
export const WHISTLE_COLUMNS = COLUMNS

const INSERT_COLUMNS = ['township', 'department', 'incident_id', 'kind', 'reason', 'urgent', 'status', 'whistled_at',
  'acknowledged_at', 'arrived_at', 'closed_at', 'rating', 'synthetic', 'updated_at', 'county'] as const

// The deadline of the stage now running and its SLA state, in SQL, mirroring whistleDueAt and whistleSlaState in
// domain/whistle.ts (the constants are the domain's own numbers, not input). NULL due: closed or rated, always ok.
const { acknowledgeMs, arriveMs, closeMs } = WHISTLE_SLA
const DUE_SQL = `(whistled_at + CASE status
  WHEN 'whistled' THEN ${acknowledgeMs}
  WHEN 'acknowledged' THEN CASE urgent WHEN 1 THEN ${arriveMs.urgent} ELSE ${arriveMs.normal} END
  WHEN 'arrived' THEN CASE urgent WHEN 1 THEN ${closeMs.urgent} ELSE ${closeMs.normal} END END)`
export const WHISTLE_SLA_SQL = `(CASE WHEN ${DUE_SQL} IS NULL THEN 'ok' WHEN ${DUE_SQL} < @now THEN 'breached'
  WHEN ${DUE_SQL} - @now <= (${DUE_SQL} - whistled_at) * ${DUE_SOON_FRACTION} THEN 'due-soon' ELSE 'ok' END)`

export function whistleWhere(f: WhistleFilter): Where {
  const w = where()
  addScope(w, f.scope)
  addRange(w, 'whistled_at', f.from, f.to)
  addIn(w, 'status', 'st', f.status)
  addIn(w, 'department', 'dep', f.department)
  addIn(w, 'kind', 'kd', f.kind)
  if (f.sla) {
    addIn(w, WHISTLE_SLA_SQL, 'sla', f.sla.values)
    w.params.now = f.sla.now
  }
  return w
}

export function whistleQueries(db: Sql) {
  return {
    ...recordTable<WhistleRow, NewWhistleRow, WhistleFilter, WhistlePatch>(db, {
      table: 'whistles', columns: COLUMNS, insertColumns: INSERT_COLUMNS,
      // Newest first, keyset-paginated by (whistledAt, id).
      list: { where: whistleWhere, key: 'whistled_at', order: 'DESC' },
    }),
    ...historyTable<WhistleEventRow>(db, 'whistle_events', ['whistle_id', 'at', 'action', 'from_status', 'to_status', 'note', ...ACTOR_COLUMNS]),
  }
}
export type WhistleQueries = ReturnType<typeof whistleQueries>
