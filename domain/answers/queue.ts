// What GET /api/queue answers: a county department's open work, most pressing first. api/services/queue.ts builds
// it typed against this; each item is the record's own answer in brief (the drawer fetches the rest by id).
import { z } from 'zod'
import { DEPARTMENT_IDS } from '../departments'
import { INCIDENT_ACTION_IDS } from '../incident'
import { QUEUE_ITEM_KINDS } from '../queue'
import { WHISTLE_ACTION_IDS } from '../whistle'
import { IsoTime, IsoTimeOrNull, LngLat } from './common'
import { component } from './registry'

export const QueueItem = component('QueueItem', z.strictObject({
  kind: z.enum(QUEUE_ITEM_KINDS).describe('incident: GET /api/incidents/{id}; whistle: GET /api/whistles/{id}'),
  id: z.int(),
  title: z.string().describe('the incident type\'s or the whistle kind\'s name (zh)'),
  titleEn: z.string(),
  township: z.string(),
  point: LngLat.nullable().describe('an incident\'s point; a whistle call\'s township seat'),
  status: z.string(),
  dueAt: IsoTimeOrNull.describe('the deadline of the stage now running (never null for an open record)'),
  overdue: z.boolean(),
  dueSoon: z.boolean().describe('not yet overdue, in the last quarter of the stage\'s window'),
  allowedActions: z.array(z.enum([...INCIDENT_ACTION_IDS, ...WHISTLE_ACTION_IDS])).describe('what the caller may do next, as the record\'s own answer says'),
  updatedAt: IsoTime,
}))
export type QueueItem = z.infer<typeof QueueItem>

export const QueueAnswer = component('QueueAnswer', z.strictObject({
  department: z.enum(DEPARTMENT_IDS),
  now: IsoTime.describe('the time the deadlines were judged at'),
  counts: z.strictObject({ open: z.int(), dueSoon: z.int(), overdue: z.int() }),
  items: z.array(QueueItem).describe('overdue first, then by time left'),
}))
export type QueueAnswer = z.infer<typeof QueueAnswer>
