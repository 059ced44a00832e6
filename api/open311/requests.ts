// The service requests behind the routes: reading them (whole rows through the store, shaped by request-view.ts)
// and filing one, which is the incident intake itself (services/incidents.ts: the same validation, place, deadlines,
// history row and live event as POST /api/incidents). No HTTP here.
import type { ActingPrincipal } from '../../domain/actor'
import type { Open311Filed } from '../../domain/answers/open311'
import { assigneeLabel } from '../../domain/assignee'
import { isoLocal, localDate } from '../../domain/calendar'
import type { IncidentCreate } from '../../domain/schemas'
import type { IncidentService } from '../services/incidents'
import type { Authorize } from '../services/incidents'
import type { Store } from '../store'
import type { RequestFilter } from '../store/open311'
import { requestView, responsibleFor } from './request-view'

export interface Open311Deps {
  store: Store
  incidents: IncidentService
  placeName: (code: string) => string
}

/** A deadline as people write it: a limit that ends at midnight ends at 24:00 of its last day, not 00:00 of the next. */
function deadlineText(ms: number): string {
  const local = isoLocal(ms)
  return local.slice(11, 16) === '00:00' ? `${localDate(ms - 1)} 24:00` : local.slice(0, 16).replace('T', ' ')
}

export function open311Requests({ store, incidents, placeName }: Open311Deps) {
  return {
    async list(filter: RequestFilter) {
      return (await store.open311.requests(filter)).map((row) => requestView(row, placeName))
    },
    async get(id: number) {
      const [row] = await store.open311.requests({ ids: [id], limit: 1 })
      return row ? requestView(row, placeName) : null
    },
    /** Files the report; the answer the spec gives back: its id and what the requester may expect. */
    async create(input: IncidentCreate, authorize: Authorize, actor: ActingPrincipal): Promise<Open311Filed[number]> {
      const record = await incidents.create(input, { authorize, actor })
      const agency = assigneeLabel(responsibleFor({ ...record, onList: record.onList ? 1 : 0, assigneeKind: null, assigneeCode: null }), placeName).name
      const due = deadlineText(Date.parse(record.resolveBy!))
      return {
        service_request_id: String(record.id),
        service_notice: `已受理，编号 ${record.id}，由${agency}负责，应于 ${due} (UTC+8) 前办结`,
        account_id: null,
      }
    },
  }
}
export type Open311Requests = ReturnType<typeof open311Requests>
