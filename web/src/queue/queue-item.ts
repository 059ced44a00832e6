// What GET /api/queue answers: a county department's open work, incidents assigned to it and whistle calls to it,
// each with its deadline and the actions the department may take on it now (the server's allowedActions: the
// state machine met with the department's side, so a button shown is a button the server accepts).
import type { DepartmentId } from '../../../domain/departments'
import type { IncidentAction } from '../../../domain/incident'
import type { WhistleAction } from '../../../domain/whistle'

export type QueueKind = 'incident' | 'whistle'
export type ItemAction = IncidentAction | WhistleAction

export interface QueueItem {
  kind: QueueKind
  id: number
  /** The incident type's or the whistle kind's name. */
  title: string
  titleEn: string
  /** The township's 9-digit code. */
  township: string
  point: [number, number] | null
  status: string
  dueAt: string | null
  overdue: boolean
  dueSoon: boolean
  allowedActions: readonly ItemAction[]
  updatedAt: string
}

export interface QueueCounts { open: number; dueSoon: number; overdue: number }

export interface QueueAnswer {
  department: DepartmentId
  /** The moment the server judged the deadlines at. */
  now: string
  counts: QueueCounts
  items: QueueItem[]
}

/** One key for both kinds: incident 12 and whistle call 12 are different items. */
export const itemKey = (item: Pick<QueueItem, 'kind' | 'id'>) => `${item.kind}:${item.id}`
