// The OpenAPI 3.0 document of the feature service, served at /ogc/api (the OGC "oas30" conformance class). Built
// from the collections themselves, so a collection's path and its filters cannot be missing from it. GDAL reads the
// limit's maximum from here.
import { SUPPORTED_CRS } from './crs'
import { OGC_PREFIX } from './exception'
import { GEOJSON_TYPE, HTML_TYPE, JSON_TYPE, OPENAPI_TYPE } from './links'

export const LIMIT = { default: 100, max: 10_000 }

interface Described { id: string; title: string; description: string; temporal: string | null; filters: readonly string[]; kind: 'region' | 'record' }

const q = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema, style: 'form', explode: false })
const f = q('f', 'the encoding: json (default for clients that do not ask for text/html) or html', { type: 'string', enum: ['json', 'html'] })
const exception = { description: 'an OGC exception: { code, description } saying what to fix', content: { [JSON_TYPE]: { schema: { $ref: '#/components/schemas/exception' } } } }
const errors = { 400: exception, 401: exception, 403: exception, 404: exception }
const ok = (description: string, type: string, schema: object = { type: 'object' }) =>
  ({ description, content: { [type]: { schema }, [HTML_TYPE]: { schema: { type: 'string' } } } })
const crs = q('crs', 'the CRS of the answer\'s coordinates (EPSG:4490: latitude first)', { type: 'string', format: 'uri', enum: SUPPORTED_CRS })

export function buildOgcOpenApi(collections: readonly Described[]) {
  const paths: Record<string, object> = {
    [`${OGC_PREFIX}`]: { get: { operationId: 'ogcLanding', summary: 'landing page', parameters: [f], responses: { 200: ok('links to the rest', JSON_TYPE), ...errors } } },
    [`${OGC_PREFIX}/conformance`]: { get: { operationId: 'ogcConformance', summary: 'conformance classes', parameters: [f], responses: { 200: ok('conformsTo', JSON_TYPE), ...errors } } },
    [`${OGC_PREFIX}/api`]: { get: { operationId: 'ogcApi', summary: 'this document', parameters: [f], responses: { 200: ok('OpenAPI 3.0', OPENAPI_TYPE), ...errors } } },
    [`${OGC_PREFIX}/collections`]: { get: { operationId: 'ogcCollections', summary: 'the collections the caller may read', parameters: [f], responses: { 200: ok('collections', JSON_TYPE), ...errors } } },
  }
  for (const col of collections) {
    const base = `${OGC_PREFIX}/collections/${col.id}`
    const op = col.id.replace(/^./, (ch) => ch.toUpperCase())
    const area = col.kind === 'record'
      ? [q('scope', 'county 330329, or a township (9 digits), village (12) or grid (14) code; default: all the caller may see; outside their area: 403'),
        q('township', 'a township code (9 digits)'), q('village', 'a village code (12 digits)'), q('grid', 'a grid code (14 digits)')]
      : []
    const parameters = [
      f, crs,
      q('bbox', 'lower corner, upper corner in bbox-crs\'s axis order (4 numbers, or 6 with heights)', { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } }),
      q('bbox-crs', 'the CRS of bbox (default CRS84)', { type: 'string', format: 'uri', enum: SUPPORTED_CRS }),
      ...(col.temporal ? [q('datetime', `an instant or an interval on ${col.temporal} (RFC 3339; open ends: ..)`)] : []),
      q('limit', `features per page, 1 to ${LIMIT.max} (more is cut to ${LIMIT.max}); follow the next link`, { type: 'integer', minimum: 1, maximum: LIMIT.max, default: LIMIT.default }),
      q('cursor', 'the cursor of a next link, passed back unchanged'),
      ...area,
      ...col.filters.map((name) => q(name, col.kind === 'record' ? `as ${name}= of the JSON list (comma-separated ids from /api/reference)` : `the features' ${name} code`)),
    ]
    paths[base] = { get: { operationId: `ogcCollection${op}`, summary: `${col.title}: the collection`, parameters: [f], responses: { 200: ok('the collection', JSON_TYPE), ...errors } } }
    paths[`${base}/items`] = { get: {
      operationId: `ogcItems${op}`, summary: `${col.title}: features`, description: col.description, parameters,
      responses: { 200: ok('a page of features (GeoJSON), with numberMatched, numberReturned and a next link while more remain', GEOJSON_TYPE), ...errors },
    } }
    paths[`${base}/items/{featureId}`] = { get: {
      operationId: `ogcItem${op}`, summary: `${col.title}: one feature`,
      parameters: [{ name: 'featureId', in: 'path', required: true, schema: { type: 'string' } }, f, crs],
      responses: { 200: ok('the feature (GeoJSON)', GEOJSON_TYPE), ...errors },
    } }
  }
  return {
    openapi: '3.0.3',
    info: { title: '泰顺县一张图 OGC API – Features', version: '1.0.0', description: 'Boundaries (public) and governance records (signed in: a session cookie or Authorization: Bearer <API token>) as OGC API – Features. Records as GET /api/<kind> lists them: the same scope, reach and masking.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'onemap_session' } },
      schemas: { exception: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, description: { type: 'string' } } } },
    },
    paths,
  }
}
