// The /open311/v2 operations of /api/openapi.json. JSON answers $ref the components of domain/answers/open311.ts;
// each .xml path carries the same fields as XML (<services><service>, <service_requests><request>,
// <errors><error>), which the document gives as text. Every refusal is the spec's error list.
import { z } from 'zod'
import type { ZodType } from 'zod'
import { Open311Errors, Open311Filed, Open311RequestForm, Open311RequestList, Open311ServiceDefinition, Open311ServiceList } from '../../domain/answers/open311'
import { OPEN311_JURISDICTION, OPEN311_MAX_REQUESTS, OPEN311_WINDOW_DAYS } from '../../domain/open311'

type Ref = (schema: ZodType) => { $ref: string }
type Format = 'json' | 'xml'

const XML = { 'text/xml': { schema: { type: 'string', description: 'the same fields as the JSON answer, as GeoReport v2 XML' } } }
const q = (name: string, description: string) => ({ name, in: 'query', description, schema: { type: 'string' } })
const jurisdiction = q('jurisdiction_id', `${OPEN311_JURISDICTION} or left out; any other: 404`)
const file = (description: string) => ({ name: 'file', in: 'path', required: true, description, schema: { type: 'string' } })
const requestFilters = [
  jurisdiction,
  q('service_request_id', 'comma-separated request ids; when given, the other terms are ignored'),
  q('service_code', 'comma-separated service codes'),
  q('start_date', 'ISO 8601 (or YYYY-MM-DD, midnight UTC+8), inclusive'),
  q('end_date', `ISO 8601, exclusive; at most ${OPEN311_WINDOW_DAYS} days after start_date (400 otherwise); neither date: the last ${OPEN311_WINDOW_DAYS} days`),
  q('status', 'open, closed, or both comma-separated'),
]

export function open311Paths(ref: Ref) {
  const errors = (format: Format | 'either') => ({
    description: 'GeoReport v2 errors: [{code, description}] (XML <errors><error>); 400 bad input, 401 no api_key, 403 a key that may not post, 404 unknown, 413, 415, 429',
    content: format === 'xml' ? XML : format === 'json' ? { 'application/json': { schema: ref(Open311Errors) } } : { 'application/json': { schema: ref(Open311Errors) }, ...XML },
  })
  const ok = (description: string, schema: ZodType, format: Format | 'either') => ({
    description, content: format === 'xml' ? XML : format === 'json' ? { 'application/json': { schema: ref(schema) } } : { 'application/json': { schema: ref(schema) }, ...XML },
  })
  const refusals = (format: Format | 'either') => Object.fromEntries(['400', '401', '403', '404', '413', '415', '429'].map((s) => [s, errors(format)]))
  const get = (operationId: string, summary: string, parameters: object[], answer: object, format: Format | 'either') =>
    ({ get: { operationId, summary, parameters, responses: { 200: answer, ...refusals(format) }, security: [] } })
  const Upper = { json: 'Json', xml: 'Xml' } as const
  const paths: Record<string, object> = {}
  for (const format of ['json', 'xml'] as const) {
    paths[`/open311/v2/services.${format}`] = get(`listServiceTypes${Upper[format]}`, 'GeoReport v2 services: the incident types, grouped by category',
      [jurisdiction], ok('the services', Open311ServiceList, format), format)
    paths[`/open311/v2/requests.${format}`] = {
      ...get(`listServiceRequests${Upper[format]}`, `service requests, newest first, at most ${OPEN311_MAX_REQUESTS}: public, without reporter or description`,
        requestFilters, ok('the requests', Open311RequestList, format), format),
      post: {
        operationId: `createServiceRequest${Upper[format]}`,
        summary: 'file a service request (an incident, as POST /api/incidents would): application/x-www-form-urlencoded with the api_key of an intake token; ' +
          'the point must lie in the token\'s area (403) and in the county (400); an address without lat/long is 400 (no geocoder offline)',
        parameters: [],
        requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: z.toJSONSchema(Open311RequestForm, { io: 'input' }) } } },
        responses: {
          201: { ...ok('filed; Location names the request', Open311Filed, format), headers: { Location: { description: 'the request\'s URL', schema: { type: 'string' } } } },
          ...refusals(format),
        },
        // The credential is a form field (GeoReport v2's api_key), which no OpenAPI security scheme can name: the
        // operation declares none and says where its credential goes.
        security: [],
        'x-credential': 'the form field api_key: an API token of role intake (a cookie or Authorization header is ignored)',
      },
    }
  }
  paths['/open311/v2/services/{file}'] = get('getServiceDefinition', 'a service\'s definition: its attributes (severity)',
    [file('the service code followed by .json or .xml'), jurisdiction], ok('the definition', Open311ServiceDefinition, 'either'), 'either')
  paths['/open311/v2/requests/{file}'] = get('getServiceRequest', 'one service request, as a one-element list',
    [file('the request id followed by .json or .xml'), jurisdiction], ok('the request', Open311RequestList, 'either'), 'either')
  return paths
}
