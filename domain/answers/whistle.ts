// What the API answers about whistle calls (吹哨): the record with every stage deadline, its history, and the map
// feature at the township seat. api/services/whistle-record.ts builds them typed against these.
import { z } from 'zod'
import { WHISTLE_ACTION_IDS, WHISTLE_SLA_STATE_IDS } from '../whistle'
import { IsoTime, IsoTimeOrNull, LngLat, PointGeometry, featurePage, historyStep, recordFeature } from './common'
import { component } from './registry'

const sla = z.enum(WHISTLE_SLA_STATE_IDS).describe('the SLA state of the stage now running')

export const WhistleRecord = component('WhistleRecord', z.strictObject({
  id: z.int(),
  township: z.string(), department: z.string(), kind: z.string(),
  incidentId: z.int().nullable(), reason: z.string(), urgent: z.boolean(),
  point: LngLat.nullable().describe('the township seat, where the call\'s arc starts'),
  status: z.string(),
  sla,
  dueAt: IsoTimeOrNull,
  deadlines: z.strictObject({ acknowledgeBy: IsoTime, arriveBy: IsoTime, closeBy: IsoTime }),
  allowedActions: z.array(z.enum(WHISTLE_ACTION_IDS)),
  whistledAt: IsoTime, acknowledgedAt: IsoTimeOrNull, arrivedAt: IsoTimeOrNull,
  closedAt: IsoTimeOrNull,
  rating: z.int().nullable(),
  updatedAt: IsoTime,
  synthetic: z.boolean(),
}))
export type WhistleRecord = z.infer<typeof WhistleRecord>

/** The rating is on the row; the `rate` step carries it. */
export const WhistleStep = component('WhistleStep', historyStep({ rating: z.int().nullable().optional() }))
export type WhistleStep = z.infer<typeof WhistleStep>

export const WhistleDetail = component('WhistleDetail', WhistleRecord.extend({ history: z.array(WhistleStep) }))

export const WhistleFeature = component('WhistleFeature', recordFeature(z.strictObject({
  id: z.int(), township: z.string(), department: z.string(), kind: z.string(), status: z.string(),
  urgent: z.boolean(), sla, dueAt: IsoTimeOrNull, whistledAt: IsoTime, rating: z.int().nullable(),
}), PointGeometry.nullable()))
export type WhistleFeature = z.infer<typeof WhistleFeature>

export const WhistlePage = component('WhistlePage', featurePage(WhistleFeature))
