// What the call-back (回访) routes answer: a task as the incident's detail and POST /api/incidents/{id}/callback
// show it, a list item of GET /api/callbacks (the task with what it shows of its incident, the reporter masked),
// and the settings. api/services/callback-record.ts builds them typed against these.
import { z } from 'zod'
import { CALLBACK_OWNERS, CALLBACK_RESULT_IDS, CALLBACK_STATUS_IDS } from '../callback'
import { ASSIGNEE_KIND_IDS } from '../assignee'
import { IsoTime, IsoTimeOrNull, LngLat, StepBy } from './common'
import { component } from './registry'

export const CallbackTask = component('CallbackTask', z.strictObject({
  id: z.int(),
  incidentId: z.int(),
  owner: z.enum(CALLBACK_OWNERS).describe('who calls: the township, or the county centre for a case the county dispatched'),
  assignee: z.strictObject({ kind: z.enum(ASSIGNEE_KIND_IDS), code: z.string() }).nullable().describe('whose work the answer judges: the incident\'s assignee when it was verified'),
  status: z.enum(CALLBACK_STATUS_IDS).describe('awaited; done; late = awaited and past dueBy'),
  late: z.boolean().describe('not done by dueBy (still awaited past it, or answered after it)'),
  createdAt: IsoTime.describe('the verification (核查归档) that drew it'),
  dueBy: IsoTime.describe('5 working days after createdAt'),
  result: z.enum(CALLBACK_RESULT_IDS).nullable(),
  note: z.string().nullable(),
  doneAt: IsoTimeOrNull,
  by: StepBy.describe('who recorded the answer; null while awaited'),
  canRecord: z.boolean().describe('the caller may record the answer now (the owner side, and the task awaited)'),
}), 'a call-back task (回访)')
export type CallbackTask = z.infer<typeof CallbackTask>

export const CallbackPlace = component('CallbackPlace', z.strictObject({
  township: z.string(), townshipName: z.string(), village: z.string(), villageName: z.string(), grid: z.string(), gridName: z.string(),
}))

export const CallbackItem = component('CallbackItem', CallbackTask.extend({
  incident: z.strictObject({
    id: z.int(), type: z.string(), typeName: z.string(), typeNameEn: z.string(), source: z.string(), status: z.string(),
    point: LngLat.nullable(),
    reporter: z.strictObject({ name: z.string().nullable(), phone: z.string().nullable() }).nullable().describe('masked (张**, 138****5678)'),
  }),
  place: CallbackPlace,
}))
export type CallbackItem = z.infer<typeof CallbackItem>

export const CallbackPage = component('CallbackPage', z.strictObject({
  items: z.array(CallbackItem).describe('newest verification first'),
  next: z.string().nullable().describe('the cursor of the following page, null on the last one'),
}))
export type CallbackPage = z.infer<typeof CallbackPage>

export const CallbackSettings = component('CallbackSettings', z.strictObject({
  citizenShare: z.int().describe('percent of verified cases a resident brought (12345 hotline, citizen app) that are called back'),
  otherShare: z.int().describe('percent of the other verified cases that are called back'),
  limitWorkingDays: z.int().describe('working days from the verification within which the call is due'),
}))
export type CallbackSettings = z.infer<typeof CallbackSettings>
