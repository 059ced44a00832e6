// What the API answers about supervised sites: the record, its inspections and warnings, the map feature, and
// what an inspection or a warning write returns. api/services/site-record.ts builds them typed against these.
import { z } from 'zod'
import { CHAIN_STAGE_IDS } from '../sites'
import { IsoTime, IsoTimeOrNull, LngLat, PointGeometry, StepBy, featurePage, recordFeature } from './common'
import { component } from './registry'

/** Null before the first inspection, and for a result this server does not know. */
const chainStage = z.enum(CHAIN_STAGE_IDS).nullable()

export const SiteRecord = component('SiteRecord', z.strictObject({
  id: z.int(),
  category: z.string(), name: z.string(), grade: z.string(), department: z.string(),
  point: LngLat,
  township: z.string(), village: z.string(), grid: z.string(),
  registeredAt: IsoTime, lastInspectionAt: IsoTimeOrNull,
  nextInspectionDue: IsoTime,
  overdue: z.boolean(),
  openWarnings: z.int(),
  urgent: z.boolean(),
  lastResult: z.string().nullable(),
  chainStage,
  updatedAt: IsoTime,
  synthetic: z.boolean(),
}))
export type SiteRecord = z.infer<typeof SiteRecord>

export const SiteInspection = component('SiteInspection', z.strictObject({
  id: z.int(), siteId: z.int(), at: IsoTime, result: z.string(), stage: chainStage,
  mobile: z.boolean(), offSite: z.boolean(), note: z.string().nullable(), penaltyYuan: z.number().nullable(),
  by: StepBy,
}))
export type SiteInspection = z.infer<typeof SiteInspection>

export const SiteWarning = component('SiteWarning', z.strictObject({
  id: z.int(), siteId: z.int(), kind: z.string(), message: z.string(), raisedAt: IsoTime, clearedAt: IsoTimeOrNull, open: z.boolean(),
  by: StepBy.describe('who raised it; null for a device or a warning from before actors were recorded'),
  clearedBy: StepBy.describe('who cleared it; null while open, or when cleared before actors were recorded'),
}))
export type SiteWarning = z.infer<typeof SiteWarning>

export const SiteDetail = component('SiteDetail', SiteRecord.extend({ inspections: z.array(SiteInspection), warnings: z.array(SiteWarning) }))

export const SiteFeature = component('SiteFeature', recordFeature(z.strictObject({
  id: z.int(), category: z.string(), name: z.string(), grade: z.string(), department: z.string(),
  overdue: z.boolean(), openWarnings: z.int(), urgent: z.boolean(), chainStage,
  township: z.string(), grid: z.string(), nextInspectionDue: IsoTime,
}), PointGeometry))
export type SiteFeature = z.infer<typeof SiteFeature>

export const SitePage = component('SitePage', featurePage(SiteFeature))

export const SiteInspectionAnswer = component('SiteInspectionAnswer', z.strictObject({ inspection: SiteInspection, site: SiteRecord }))
export const SiteWarningAnswer = component('SiteWarningAnswer', z.strictObject({ warning: SiteWarning, site: SiteRecord }))
