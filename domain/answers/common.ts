// Pieces every answer shares: times, points, pages of map features, and the error body. Answer objects are
// strict (z.strictObject): the document then says `additionalProperties: false`, so a field the server answers
// but the document does not declare fails test/api/openapi-answers.test.ts instead of reaching clients unannounced.
import { z } from 'zod'
import { component } from './registry'

/** Records leave the API with ISO 8601 times in UTC, as Date.toISOString() writes them. */
export const IsoTime = component('IsoTime', z.iso.datetime(), 'an ISO 8601 time in UTC, e.g. 2026-11-27T02:00:00.000Z')
export const IsoTimeOrNull = IsoTime.nullable()

/** WGS84 [longitude, latitude]. */
export const LngLat = component('LngLat', z.tuple([z.number(), z.number()]), 'WGS84 [longitude, latitude]')

export const PointGeometry = component('PointGeometry', z.strictObject({ type: z.literal('Point'), coordinates: LngLat }))

/** A GeoJSON Feature with a numeric id (a record's) and these properties. */
export const recordFeature = <P extends z.ZodType, G extends z.ZodType>(properties: P, geometry: G) =>
  z.strictObject({ type: z.literal('Feature'), id: z.int(), geometry, properties })

/** A keyset page of map features: `next` is the cursor of the following page, null on the last one. */
export const featurePage = <F extends z.ZodType>(feature: F) =>
  z.strictObject({ type: z.literal('FeatureCollection'), features: z.array(feature), next: z.string().nullable() })

/** Who took a step: the name and role then; null for steps recorded before actors were (shown as 系统（迁移前）). */
export const StepBy = component('StepBy', z.strictObject({ name: z.string(), role: z.string().describe('an id of /api/reference roles') }).nullable(),
  'who took the step (name and role then), or null for steps from before actors were recorded')

/** A step in a record's life cycle, as its history lists it. */
export const historyStep = <X extends z.ZodRawShape>(extra: X) =>
  z.strictObject({ at: IsoTime, action: z.string(), from: z.string().nullable(), to: z.string(), ...extra, note: z.string().nullable(), by: StepBy })

export const ErrorAnswer = component('Error', z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string().describe('what is wrong and how to fix it') }),
}), 'every refusal: a machine code and a message for people')
