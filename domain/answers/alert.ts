// What the API answers about warnings (研判预警): an alert as a map feature (the grid it is about, or a point for a
// place, a site or a whistle call's township seat), its record with the whole evidence and history, and the rules
// with the parameters in force. api/services/alerts/alert-record.ts builds them typed against these.
import { z } from 'zod'
import { ALERT_ACTION_IDS, ALERT_STATUS_IDS } from '../alerts/alert-status'
import { ALERT_LEVEL_IDS } from '../alerts/rule'
import { IsoTime, IsoTimeOrNull, PointGeometry, featurePage, historyStep } from './common'
import { AreaGeometry } from './regions'
import { component } from './registry'

const Title = z.strictObject({ name: z.string(), nameEn: z.string() })

export const ALERT_RECORD_KINDS = ['incident', 'whistle', 'site', 'dispute'] as const

/** What a rule judged, as the list shows it: the figures, not the record ids. */
const summaryShape = {
  recordKind: z.enum(ALERT_RECORD_KINDS).describe('what recordIds are ids of'),
  count: z.int().describe('how many records the alert is about'),
  observed: z.number().nullable().describe('the figure judged: reports in the window, overdue incidents, a township\'s overdue rate …'),
  expected: z.number().nullable().describe('what was expected instead (a spike\'s baseline, the county\'s rate), or null'),
  p: z.number().nullable().describe('a spike\'s Poisson tail P(X ≥ observed | expected), or null'),
  window: z.string().nullable().describe('a spike\'s window id (1h, 24h, 7d), or null'),
  windowFrom: IsoTimeOrNull, windowTo: IsoTimeOrNull,
  category: z.string().nullable().describe('an incident category id (/api/reference categories), or null'),
  department: z.string().nullable().describe('a department id, or null'),
}
export const AlertEvidenceSummary = component('AlertEvidenceSummary', z.strictObject(summaryShape))
export const AlertEvidence = component('AlertEvidence', z.strictObject({
  ...summaryShape,
  recordIds: z.array(z.int()).describe('the records the alert is about, newest first (at most 200)'),
}))
export type AlertEvidence = z.infer<typeof AlertEvidence>

const level = z.enum(ALERT_LEVEL_IDS)
const status = z.enum(ALERT_STATUS_IDS)

const commonProperties = {
  id: z.int(), rule: z.string().describe('an id of GET /api/alert-rules'), level, status,
  title: Title,
  township: z.string().nullable(), grid: z.string().nullable(),
  raisedAt: IsoTime, lastSeenAt: IsoTime.describe('when an evaluation last found the condition holding'),
}

const AlertGeometry = z.union([PointGeometry, AreaGeometry]).nullable()
  .describe('the grid (or township) the alert is about, a point for a place, a site or a call\'s township seat; null for a county-wide one')

export const AlertFeature = component('AlertFeature', z.strictObject({
  type: z.literal('Feature'), id: z.int(), geometry: AlertGeometry,
  properties: z.strictObject({ ...commonProperties, evidence: AlertEvidenceSummary }),
}))
export type AlertFeature = z.infer<typeof AlertFeature>
export const AlertPage = component('AlertPage', featurePage(AlertFeature))

export const AlertRecord = component('AlertRecord', z.strictObject({
  ...commonProperties,
  geometry: AlertGeometry,
  evidence: AlertEvidence,
  paramsVersion: z.int().describe('the version of the rule\'s parameters the alert was last judged by (0: the defaults)'),
  closedAt: IsoTimeOrNull, closeReason: z.string().nullable(),
  snoozedUntil: IsoTimeOrNull.describe('暂缓: not announced again before this time'),
  allowedActions: z.array(z.enum(ALERT_ACTION_IDS)),
  updatedAt: IsoTime,
}))
export type AlertRecord = z.infer<typeof AlertRecord>

export const AlertStep = component('AlertStep', historyStep({
  detail: z.record(z.string(), z.unknown()).nullable().describe('levels of a relevel, hours of a snooze'),
}))
export type AlertStep = z.infer<typeof AlertStep>
export const AlertDetail = component('AlertDetail', AlertRecord.extend({ history: z.array(AlertStep) }))
export type AlertDetail = z.infer<typeof AlertDetail>

const Param = z.strictObject({
  id: z.string(), name: z.string(), nameEn: z.string(), unit: z.string(),
  default: z.number(), min: z.number(), max: z.number(), integer: z.boolean(),
  value: z.number().describe('in force now'),
})
export const AlertRuleAnswer = component('AlertRule', z.strictObject({
  id: z.string(), name: z.string(), nameEn: z.string(),
  params: z.array(Param),
  version: z.int().describe('0 while the defaults are in force; each change an administrator makes is the next'),
  setAt: IsoTimeOrNull, setBy: z.string().nullable().describe('who set this version (display name then)'),
}))
export type AlertRuleAnswer = z.infer<typeof AlertRuleAnswer>
export const AlertRuleList = component('AlertRuleList', z.strictObject({ rules: z.array(AlertRuleAnswer) }))
