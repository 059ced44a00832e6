// The service requests an Open311 client asks for: whole incident rows (the answer needs the assignee, the
// deadline and the last change, which the map's feature rows leave out), newest first, at most `limit`.
import type { IncidentRow } from './incidents'
import { INCIDENT_COLUMNS } from './incidents'
import type { Sql } from './sql'
import { addIn, addRange, sql, where } from './where'

export interface RequestFilter {
  /** Named ids: the other terms are then ignored, as the GeoReport spec says of service_request_id. */
  ids?: readonly number[]
  types?: readonly string[]
  statuses?: readonly string[]
  from?: number
  to?: number
  limit: number
}

export function open311Queries(db: Sql) {
  return {
    async requests(f: RequestFilter): Promise<IncidentRow[]> {
      const w = where()
      if (f.ids?.length) addIn(w, 'id', 'id', f.ids)
      else {
        addRange(w, 'reported_at', f.from, f.to)
        addIn(w, 'type', 'typ', f.types)
        addIn(w, 'status', 'st', f.statuses)
      }
      // The limit is a checked integer (the route caps it), so it is written into the text, not bound.
      const limit = Math.max(1, Math.min(Math.trunc(f.limit), 10_000))
      return await db.all<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incidents ${sql(w)} ORDER BY reported_at DESC, id DESC LIMIT ${limit}`, w.params)
    },
  }
}
export type Open311Queries = ReturnType<typeof open311Queries>
