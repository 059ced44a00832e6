// A county department's queue: its open incidents and whistle calls, each in brief, most pressing first, with
// the counts the header shows. Each item's deadline, state and allowed actions are what the record's own answer
// says (the incident and whistle services shape them), so the queue and the drawer never disagree.
import type { ActingPrincipal } from '../../domain/actor'
import type { IncidentRecord } from '../../domain/answers/incident'
import type { QueueAnswer, QueueItem } from '../../domain/answers/queue'
import type { WhistleRecord } from '../../domain/answers/whistle'
import { getIncidentType } from '../../domain/catalogue'
import type { DepartmentId } from '../../domain/departments'
import { compareQueueItems, isDueSoon } from '../../domain/queue'
import { WHISTLE_KINDS } from '../../domain/whistle'
import type { Store } from '../store'
import type { IncidentRow } from '../store/incidents'
import type { WhistleRow } from '../store/whistles'

export interface QueueServiceDeps {
  store: Store
  now: () => number
  /** The record answers of the incident and whistle services (their recordOf), as the asking actor sees them. */
  incidentRecord: (row: IncidentRow, actor: ActingPrincipal) => IncidentRecord
  whistleRecord: (row: WhistleRow, actor: ActingPrincipal) => WhistleRecord
}

const iso = (ms: number) => new Date(ms).toISOString()

export function queueService({ store, now, incidentRecord, whistleRecord }: QueueServiceDeps) {
  const incidentItem = (row: IncidentRow, actor: ActingPrincipal, at: number): QueueItem => {
    const record = incidentRecord(row, actor)
    const type = getIncidentType(row.type)
    const due = record.dueAt === null ? null : Date.parse(record.dueAt)
    return {
      kind: 'incident', id: record.id, title: type?.name ?? row.type, titleEn: type?.nameEn ?? row.type,
      township: record.township, point: record.point, status: record.status, dueAt: record.dueAt,
      overdue: record.overdue, dueSoon: due !== null && isDueSoon(row.reportedAt, due, at),
      allowedActions: record.allowedActions, updatedAt: record.updatedAt,
    }
  }
  const whistleItem = (row: WhistleRow, actor: ActingPrincipal): QueueItem => {
    const record = whistleRecord(row, actor)
    const kind = WHISTLE_KINDS.find((k) => k.id === row.kind)
    return {
      kind: 'whistle', id: record.id, title: kind?.name ?? row.kind, titleEn: kind?.nameEn ?? row.kind,
      township: record.township, point: record.point, status: record.status, dueAt: record.dueAt,
      // The call's own SLA state, by the same rule (domain/whistle.ts whistleSlaState).
      overdue: record.sla === 'breached', dueSoon: record.sla === 'due-soon',
      allowedActions: record.allowedActions, updatedAt: record.updatedAt,
    }
  }
  return {
    /** The queue of the department `actor` works for (a department account's; the route admits no other). */
    async of(department: DepartmentId, actor: ActingPrincipal): Promise<QueueAnswer> {
      const at = now()
      const incidents = await store.queue.incidents(department)
      const whistles = await store.queue.whistles(department)
      const items = [...incidents.map((row) => incidentItem(row, actor, at)), ...whistles.map((row) => whistleItem(row, actor))].sort(compareQueueItems)
      return {
        department, now: iso(at),
        counts: { open: items.length, dueSoon: items.filter((i) => i.dueSoon).length, overdue: items.filter((i) => i.overdue).length },
        items,
      }
    },
  }
}
export type QueueService = ReturnType<typeof queueService>
