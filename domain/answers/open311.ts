// What /open311/v2 answers in JSON (GeoReport v2's shapes; the XML carries the same fields): the services, a
// service's definition, service requests (the public part of an incident), the answer to a filed request, and
// the spec's error list. api/open311/ builds them typed against these; /api/openapi.json documents them.
import { z } from 'zod'
import { OPEN311_STATUS_IDS } from '../open311'
import { component } from './registry'

/** ISO 8601 local time with the county's offset, as the spec's examples write it: 2026-11-27T10:00:00+08:00. */
const LocalTime = z.string().describe('ISO 8601 with the offset +08:00')

export const Open311Service = component('Open311Service', z.strictObject({
  service_code: z.string().describe('an incident type id (/api/reference incidentTypes)'),
  service_name: z.string().describe('the type\'s name (zh)'),
  description: z.string().describe('the type\'s English name'),
  metadata: z.boolean().describe('true: services/{code}.json has a definition (the severity attribute)'),
  type: z.literal('realtime'),
  keywords: z.string().describe('the category, and whether the type is on the 属地管理 list (comma-separated)'),
  group: z.string().describe('the category\'s name (zh)'),
}))
export const Open311ServiceList = component('Open311ServiceList', z.array(Open311Service), 'GeoReport v2 services')

export const Open311Attribute = component('Open311Attribute', z.strictObject({
  variable: z.boolean(),
  code: z.string().describe('posted as attribute[code]'),
  datatype: z.literal('singlevaluelist'),
  required: z.boolean(),
  datatype_description: z.string(),
  order: z.int(),
  description: z.string(),
  values: z.array(z.strictObject({ key: z.string(), name: z.string() })),
}))
export const Open311ServiceDefinition = component('Open311ServiceDefinition', z.strictObject({
  service_code: z.string(),
  attributes: z.array(Open311Attribute),
}), 'a service\'s attributes')

export const Open311Request = component('Open311Request', z.strictObject({
  service_request_id: z.string().describe('the incident id'),
  status: z.enum(OPEN311_STATUS_IDS).describe('open while the deadline clock runs (上报 to 处置中); closed from 办结 on, or when 退回'),
  status_notes: z.string().describe('our status: its zh name (English name)'),
  service_name: z.string(),
  service_code: z.string(),
  description: z.null().describe('never given: free text is not public'),
  agency_responsible: z.string().describe('the assignee once 交办 (a department or township), before that the one the type\'s routing names'),
  service_notice: z.null(),
  requested_datetime: LocalTime,
  updated_datetime: LocalTime,
  expected_datetime: LocalTime.describe('the resolve deadline (working days, domain/sla.ts)'),
  address: z.string().describe('county, township and village names'),
  address_id: z.null(),
  zipcode: z.null(),
  lat: z.number(),
  long: z.number(),
  media_url: z.null(),
}))
export type Open311Request = z.infer<typeof Open311Request>
export const Open311RequestList = component('Open311RequestList', z.array(Open311Request), 'service requests, newest first')

export const Open311Filed = component('Open311Filed', z.array(z.strictObject({
  service_request_id: z.string(),
  service_notice: z.string().describe('who is responsible and the resolve deadline'),
  account_id: z.null(),
})), 'the filed request (one element)')
export type Open311Filed = z.infer<typeof Open311Filed>

export const Open311Errors = component('Open311Errors', z.array(z.strictObject({
  code: z.int().describe('the HTTP status'),
  description: z.string().describe('what is wrong and how to fix it'),
})), 'every refusal on /open311: GeoReport v2\'s error list')

/** The POST form, for the document only: the route reads the fields one by one (api/open311/report-input.ts). */
export const Open311RequestForm = z.object({
  api_key: z.string().describe('an API token of role intake (never in the URL)'),
  jurisdiction_id: z.string().optional().describe('330329, or left out'),
  service_code: z.string(),
  lat: z.string().describe('WGS84 decimal degrees'),
  long: z.string().describe('WGS84 decimal degrees'),
  address_string: z.string().optional().describe('alone it is refused: there is no geocoder offline'),
  description: z.string().optional().describe('plain text, at most 2,000 characters; default: the service\'s name'),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  phone: z.string().optional(),
  'attribute[severity]': z.enum(['normal', 'urgent', 'critical']).optional(),
})
