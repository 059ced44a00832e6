// What the API answers about disputes: the record with its parties (personal data, masked for walls), its
// history, and the map feature (no personal data). api/services/dispute-record.ts builds them typed against these.
import { z } from 'zod'
import { DISPUTE_ACTION_IDS } from '../dispute'
import { IsoTime, IsoTimeOrNull, LngLat, PointGeometry, featurePage, historyStep, recordFeature } from './common'
import { component } from './registry'

export const DisputeParty = z.strictObject({ name: z.string(), phone: z.string().optional(), idNumber: z.string().optional() })

export const DisputeRecord = component('DisputeRecord', z.strictObject({
  id: z.int(),
  type: z.string(), level: z.string(), method: z.string(), risk: z.string(),
  crossRegion: z.boolean(), mediator: z.string(),
  point: LngLat, crsIn: z.string(),
  township: z.string(), village: z.string(), grid: z.string(),
  description: z.string(),
  parties: z.array(DisputeParty),
  status: z.string(),
  overdue: z.boolean(),
  dueAt: IsoTimeOrNull.describe('the current level\'s deadline while the dispute is open there'),
  escalationReason: z.enum(['timeout', 'risk']).nullable(),
  allowedActions: z.array(z.enum(DISPUTE_ACTION_IDS)),
  escalations: z.int(),
  acceptedAt: IsoTime, levelAcceptedAt: IsoTime,
  startedAt: IsoTimeOrNull, closedAt: IsoTimeOrNull, deadline: IsoTime,
  updatedAt: IsoTime,
  synthetic: z.boolean(),
}))
export type DisputeRecord = z.infer<typeof DisputeRecord>

export const DisputeStep = component('DisputeStep', historyStep({ fromLevel: z.string().nullable(), toLevel: z.string().nullable() }))
export type DisputeStep = z.infer<typeof DisputeStep>

export const DisputeDetail = component('DisputeDetail', DisputeRecord.extend({ history: z.array(DisputeStep) }))

export const DisputeFeature = component('DisputeFeature', recordFeature(z.strictObject({
  id: z.int(), type: z.string(), level: z.string(), method: z.string(), risk: z.string(), status: z.string(),
  crossRegion: z.boolean(), escalations: z.int(), overdue: z.boolean(), township: z.string(), grid: z.string(),
  acceptedAt: IsoTime,
}), PointGeometry))
export type DisputeFeature = z.infer<typeof DisputeFeature>

export const DisputePage = component('DisputePage', featurePage(DisputeFeature))
