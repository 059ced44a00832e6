// What /api/regions answers: the boundaries as RFC 7946 FeatureCollections, each level with its own feature
// properties. The built files (geodata/*.geojson) are checked against these when the server loads them
// (api/services/regions.ts), so a boundary build that adds or drops a property fails at start, not in a client.
import { z } from 'zod'
import { LngLat } from './common'
import { component } from './registry'

const Position = z.array(z.number()).min(2)
const Polygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) })
const MultiPolygon = z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) })
export const AreaGeometry = component('AreaGeometry', z.discriminatedUnion('type', [Polygon, MultiPolygon]), 'a Polygon or MultiPolygon, WGS84')

const regionCollection = <P extends z.ZodType>(properties: P) => z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z.array(z.strictObject({ type: z.literal('Feature'), id: z.string(), properties, geometry: AreaGeometry })),
})

const area = { id: z.string(), name: z.string(), area_km2: z.number() }
/** Township and village boundaries are drawn for orientation, not surveyed. */
const indicative = z.boolean()
/** Where the map writes the area's name (a point inside it). */
const labelAt = LngLat

export const CountyCollection = component('CountyCollection', regionCollection(z.strictObject({ ...area, level: z.literal('county'), source: z.string() })))

export const TownshipCollection = component('TownshipCollection', regionCollection(z.strictObject({
  ...area, kind: z.string(), seat: LngLat.describe('the township seat'), indicative, labelAt,
})))

export const VillageCollection = component('VillageCollection', regionCollection(z.strictObject({
  ...area, nbsName: z.string(), kind: z.string(), township: z.string(), indicative,
})))

const staff = z.strictObject({ name: z.string().optional(), phone: z.string().optional() }).describe('masked: 张**, 138****5678')
export const GridCollection = component('GridCollection', regionCollection(z.strictObject({
  id: z.string(), name: z.string(), village: z.string(), township: z.string(), households: z.int(),
  gridHead: staff, gridWorker: staff, synthetic: z.boolean(), indicative, labelAt,
})))
