// What the API answers about incidents: the record (GET /api/incidents/{id}, creates and transitions), its list
// feature, and the lean map feature of ?fields=map. api/services/incident-record.ts builds them typed against these.
import { z } from 'zod'
import { ASSIGNEE_KIND_IDS } from '../assignee'
import { INCIDENT_ACTION_IDS } from '../incident'
import { SUPERVISION_LEVEL_IDS } from '../incident-sides'
import { IsoTime, IsoTimeOrNull, LngLat, PointGeometry, featurePage, historyStep, recordFeature } from './common'
import { CallbackTask } from './callback'
import { CaseMergeAnswer } from './case-merge'
import { component } from './registry'

const code = (list: string) => z.string().describe(`an id of /api/reference ${list}`)

export const AssigneeAnswer = component('Assignee', z.strictObject({
  kind: z.enum(ASSIGNEE_KIND_IDS),
  code: z.string().describe('a department id (/api/reference departments), or the township (9 digits) or grid (14 digits) code'),
}), 'who the incident is assigned to (交办)')

export const ExtensionRequest = component('ExtensionRequest', z.strictObject({
  until: IsoTime, note: z.string(), requestedAt: IsoTime,
}), 'an extension request (申请延期) waiting for the dispatcher\'s answer')

export const IncidentRecord = component('IncidentRecord', z.strictObject({
  id: z.int(),
  type: code('incidentTypes'), category: code('categories'), module: code('modules'), department: code('departments'),
  onList: z.boolean(), listItem: z.string().nullable(),
  source: code('incident.sources'), severity: code('incident.severities'),
  point: LngLat, crsIn: z.string().describe('the coordinate system the point was sent in'),
  township: z.string(), village: z.string(), grid: z.string(),
  description: z.string(),
  reporter: z.strictObject({ name: z.string().nullable(), phone: z.string().nullable() }).nullable()
    .describe('masked (张**, 138****5678) for walls and on ?masked=true'),
  status: code('incident.statuses'),
  overdue: z.boolean(),
  dueAt: IsoTimeOrNull,
  allowedActions: z.array(z.enum(INCIDENT_ACTION_IDS)).describe('what the caller may do next; empty for a caller who may not act'),
  reportedAt: IsoTime, acceptedAt: IsoTimeOrNull, dispatchedAt: IsoTimeOrNull,
  startedAt: IsoTimeOrNull, resolvedAt: IsoTimeOrNull, verifiedAt: IsoTimeOrNull,
  returnedAt: IsoTimeOrNull, supervisedAt: IsoTimeOrNull,
  acceptBy: IsoTimeOrNull, resolveBy: IsoTimeOrNull.describe('the stored deadline: an approved extension moves it'),
  updatedAt: IsoTime,
  synthetic: z.boolean(),
  assignee: AssigneeAnswer.nullable().describe('null until the first 交办 (and after 退回交办方)'),
  signedAt: IsoTimeOrNull.describe('when the assignee signed for it (签收)'),
  extension: ExtensionRequest.nullable(),
}))
export type IncidentRecord = z.infer<typeof IncidentRecord>

export const IncidentStepDetail = component('IncidentStepDetail', z.strictObject({
  assignee: AssigneeAnswer.optional().describe('交办/转办: the new assignee; 退回交办方: the one sending it back'),
  until: IsoTime.optional().describe('申请延期/同意延期/不同意延期: the date asked for'),
  level: z.enum(SUPERVISION_LEVEL_IDS).optional().describe('督办: township (乡镇督办) or county (县级督办)'),
  case: z.strictObject({ id: z.int(), primary: z.int() }).optional().describe('merge/unmerge (合并为一件事/撤销合并): the case merge and its primary'),
}), 'what the action took besides its note')

export const IncidentStep = component('IncidentStep', historyStep({ detail: IncidentStepDetail.nullable() }))
export type IncidentStep = z.infer<typeof IncidentStep>

export const IncidentDetail = component('IncidentDetail', IncidentRecord.extend({
  history: z.array(IncidentStep),
  callbacks: z.array(CallbackTask).describe('its call-back tasks (回访), oldest first: one per verification that drew one'),
  case: CaseMergeAnswer.nullable().describe('the live case it is in (as its primary or merged into it: 已并入 #primary), or null'),
}))

export const IncidentConflict = component('IncidentConflict', z.strictObject({
  error: z.strictObject({ code: z.literal('conflict'), message: z.string().describe('who did what when (the last history step)') }),
  current: IncidentRecord,
}), 'a transition whose ifUpdatedAt is stale: the record changed since the client saw it; `current` is the record now')

export const IncidentFeatureProperties = component('IncidentFeatureProperties', z.strictObject({
  id: z.int(), type: z.string(), category: z.string(), module: z.string(), department: z.string(),
  onList: z.boolean(), source: z.string(), severity: z.string(), status: z.string(),
  overdue: z.boolean(), dueAt: IsoTimeOrNull, township: z.string(), grid: z.string(),
  reportedAt: IsoTime,
}))
export const IncidentFeature = component('IncidentFeature', recordFeature(IncidentFeatureProperties, PointGeometry))
export type IncidentFeature = z.infer<typeof IncidentFeature>

/** ?fields=map: what the map draws; dueAt only while the deadline is ahead. */
export const IncidentMapFeature = component('IncidentMapFeature', recordFeature(z.strictObject({
  id: z.int(), severity: z.string(), status: z.string(), overdue: z.boolean(), dueAt: IsoTime.optional(),
}), PointGeometry))
export type IncidentMapFeature = z.infer<typeof IncidentMapFeature>

export const IncidentPage = component('IncidentPage', featurePage(z.union([IncidentFeature, IncidentMapFeature])),
  'list features, or with ?fields=map the map features')

export const IncidentBatchAnswer = component('IncidentBatchAnswer', z.strictObject({ incidents: z.array(IncidentRecord) }))

export const SuperviseResult = component('SuperviseResult', z.strictObject({
  id: z.int(), ok: z.boolean(),
  status: z.string().optional().describe('the incident\'s status (督办 keeps it), for an ok result'),
  code: z.string().optional().describe('why it was refused: not_found, not_your_action, invalid_transition …'),
  message: z.string().optional(),
}), 'one incident of a batch 督办')

export const SuperviseBatchAnswer = component('SuperviseBatchAnswer', z.strictObject({
  supervised: z.int().describe('how many incidents the order was stored on'),
  results: z.array(SuperviseResult),
}))

export const SuperviseBatchRefusal = component('SuperviseBatchRefusal', z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string() }),
  results: z.array(SuperviseResult),
}), 'a batch 督办 refused as a whole (without partial): nothing was stored; results say which incidents were refused and why')
