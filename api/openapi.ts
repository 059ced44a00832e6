// The OpenAPI 3.1 document served at /api/openapi.json. Request bodies are generated from the same zod schemas
// the routes validate with, so the document cannot drift from what the server accepts.
import { z } from 'zod'
import { LoginRequest, TokenCreate, TokenSessionRequest, UserCreate } from '../domain/account-schemas'
import { INCIDENT_TILE_MAX_ZOOM } from '../domain/incident-tiles'
import { METRICS_WITH_BASIS, METRIC_IDS } from '../domain/metrics'
import { DisputeCreate, DisputeTransitionRequest, IncidentBatchCreate, IncidentCreate, IncidentTransitionRequest, SiteInspectionCreate,
  SiteWarningCreate, WhistleCreate, WhistleTransitionRequest } from '../domain/schemas'

type Param = { name: string; in: 'query' | 'path'; required?: boolean; description: string; schema?: object }

const q = (name: string, description: string, schema: object = { type: 'string' }): Param => ({ name, in: 'query', description, schema })
const pathId = (name: string, description: string): Param => ({ name, in: 'path', required: true, description: `${description} (a whole number)`, schema: { type: 'integer' } })
const id = pathId('id', 'record id')
const scope = q('scope', 'county 330329, a township (9 digits), village (12) or grid (14) code; default: all the caller may see; outside their area: 403')
const from = q('from', 'start, inclusive: YYYY-MM-DD (midnight UTC+8) or an ISO 8601 time')
const to = q('to', 'end, exclusive: YYYY-MM-DD or an ISO 8601 time')
/** The metrics' default period is the web's 近30天 (domain/range-presets.ts). */
const metricFrom = q('from', 'start, inclusive: YYYY-MM-DD (midnight UTC+8) or an ISO 8601 time; default: 近30天, local midnight 29 days before the day of `to`')
const list = (what: string) => q(what, `comma-separated ${what} ids from /api/reference`)
const incidentFilters = [list('status'), list('category'), list('module'), list('department'), list('source'), list('severity'), q('onList', 'true or false')]
const limit = (cap: number) => q('limit', `page size, 1 to ${cap} (more: 400; follow \`next\`)`, { type: 'integer' })
const cursor = q('cursor', 'the `next` of the previous page, passed back unchanged; anything else: 400')
const page = [limit(5000), cursor]
/** A metric named by a parameter: 403 when the caller's role may not read its records (auth/metric-access.ts). */
const metric = q('metric', 'metric id; one the caller\'s role may not read (grid workers: whistle metrics) is 403', { enum: METRIC_IDS })
const body = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } },
})
const error = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
const errors = { 400: error, 401: error, 403: error, 404: error, 409: error, 413: error, 415: error, 422: error }
/** Routes anyone may call (api/auth/policy.ts): no security requirement. */
const open = { security: [] }
const ok = (description: string, type = 'application/json') => ({ 200: { description, content: { [type]: {} } } })
/** Every /api/auth/* POST has a budget (and a login's repeated failures are slowed): README "Trust". */
const limited = { 429: { ...error, description: 'too many attempts; Retry-After says in how many seconds to try again', headers: { 'Retry-After': { schema: { type: 'integer' } } } } }
/** A metric's value, wherever one is answered: a number, or null for a metric whose basis is empty. */
const metricValue = { $ref: '#/components/schemas/MetricValue' }
const metricOk = (description: string, schema: object) =>
  ({ 200: { description: `${description}. A value is null when the metric has no basis (see MetricValue)`, content: { 'application/json': { schema } } } })
const obj = (properties: Record<string, object>) => ({ type: 'object', properties })
const created = { 201: { description: 'created; Location names the new record', headers: { Location: { schema: { type: 'string' } } } } }

function op(summary: string, parameters: Param[], responses: object, requestBody?: object) {
  return { summary, parameters, responses: { ...responses, ...errors }, ...(requestBody ? { requestBody } : {}) }
}

/** Wall displays always get it; anyone else may ask for what a wall would show. */
const masked = q('masked', 'true: personal data masked (names, phones, ID numbers, and phones or ID numbers written in any free text)')

function recordPaths(name: string, listParams: Param[], create: z.ZodType | null, transition: z.ZodType | null) {
  const paths: Record<string, object> = {
    [`/api/${name}`]: {
      get: op(`list ${name} as a GeoJSON FeatureCollection, newest first, keyset-paginated`, [...listParams, ...page], ok('FeatureCollection with `next`', 'application/geo+json')),
      ...(create ? { post: { ...op(`create one; send Idempotency-Key to make retries safe`, [], created, body(create)) } } : {}),
    },
    // Outside the caller's area a record is 404, exactly as an id that does not exist.
    [`/api/${name}/{id}`]: { get: op('one record with its history; allowedActions is empty for a caller who may not act (a wall); 404 for an unknown id and for one outside the caller\'s area alike', [id, masked], ok('the record')) },
  }
  if (transition) paths[`/api/${name}/{id}/transitions`] = { post: op('move the record through its life cycle; an illegal move is 409', [id], ok('the updated record'), body(transition)) }
  return paths
}

export function buildOpenApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: '泰顺县基层治理一张图 API',
      version: '1',
      description: 'Regions, governance records and metrics for the Taishun County command centre. Times are ISO 8601; points are WGS84 [lng, lat].',
    },
    // Every route needs a principal unless it says `security: []`: a session cookie from POST /api/auth/login (or
    // /api/auth/token-session), or an API token. Which role may call what, and the township scoping: README "Roles".
    security: [{ session: [] }, { token: [] }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'onemap_session', description: 'HttpOnly, SameSite=Strict; writes must be application/json' },
        token: { type: 'http', scheme: 'bearer', description: 'an API token (omt_…) made by an administrator; only its SHA-256 is stored' },
      },
      schemas: {
        MetricValue: {
          type: ['number', 'null'],
          description: `null when the metric has no basis: a ratio with nothing to divide by, an average or median over no records. Only these metrics can be null: ${METRICS_WITH_BASIS.join(', ')}. A count is never null (0 when nothing happened).`,
        },
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } } },
      },
    },
    paths: {
      '/api/health': { get: { ...op('liveness and the newest event id', [], ok('status')), ...open } },
      '/api/config': { get: { ...op('settings the web needs (basemap URL)', [], ok('config')), ...open } },
      '/api/openapi.json': { get: { ...op('this document', [], ok('OpenAPI 3.1')), ...open } },
      '/api/reference': { get: { ...op('reference lists: departments, modules, categories, types, statuses, metrics …', [], ok('reference')), ...open } },
      '/api/regions/county': { get: { ...op('the county outline', [], ok('FeatureCollection', 'application/geo+json')), ...open } },
      '/api/regions/townships': { get: { ...op('the 19 townships (indicative boundaries)', [], ok('FeatureCollection', 'application/geo+json')), ...open } },
      '/api/regions/villages': { get: { ...op('villages and communities', [q('township', 'township code')], ok('FeatureCollection', 'application/geo+json')), ...open } },
      '/api/regions/grids': { get: { ...op('grids (staff names and phones masked)', [q('township', 'township code'), q('village', 'village code')], ok('FeatureCollection', 'application/geo+json')), ...open } },
      '/api/auth/login': { post: { ...op('sign in; sets the session cookie (8 h idle, 7 days at most). An account with a second factor (every administrator) also sends `otp` (TOTP, 6 digits) or `recoveryCode`: without it 401 second_factor_required, wrong or reused 401 invalid_second_factor; an administrator with none enrolled 403 second_factor_enrolment_required', [], { ...ok('{ user }'), ...limited }, body(LoginRequest)), ...open } },
      '/api/auth/token-session': { post: { ...op('exchange an API token for a session cookie (wall screens: EventSource cannot send headers); the token\'s oldest session ends beyond SESSIONS_PER_TOKEN', [], { ...ok('{ user }'), ...limited }, body(TokenSessionRequest)), ...open } },
      '/api/auth/logout': { post: op('end this session and close its event streams', [], { 204: { description: 'signed out' }, ...limited }) },
      '/api/auth/logout-all': { post: op('sign out everywhere: end every session of the person asking and close their event streams (403 for a device token)', [], { 204: { description: 'signed out on every device' } }) },
      '/api/auth/me': { get: op('who is signed in: role, township, grids, home scope', [], ok('{ user }')) },
      '/api/auth/session': { get: { ...op('whether anyone is signed in: { user } or { user: null }, never 401', [], ok('{ user | null }')), ...open } },
      '/api/admin/users': { get: op('accounts (administrators)', [], ok('{ users }')), post: op('create an account (administrators); township and grids must be areas of /api/regions (422 unknown_region otherwise)', [], created, body(UserCreate)) },
      '/api/admin/users/{id}/disable': { post: op('disable an account and end its sessions', [id], ok('{ user }')) },
      '/api/admin/users/{id}/sessions/end': { post: op('sign a user out everywhere: end their sessions and close their event streams', [id], ok('{ user, sessionsEnded }')) },
      '/api/admin/users/{id}/enable': { post: op('enable an account', [id], ok('{ user }')) },
      '/api/admin/users/{id}/totp/reset': { post: op('remove an account\'s second factor and recovery codes and end its sessions (409 when it has none, or it is your own); an administrator then re-enrols on the server with npm run user -- totp', [id], ok('{ user, note }')) },
      '/api/admin/tokens': { get: op('API tokens, without secrets (administrators)', [], ok('{ tokens }')), post: op('create a token; the secret is in this reply only; township and grids must be areas of /api/regions (422 unknown_region otherwise)', [], created, body(TokenCreate)) },
      '/api/admin/tokens/{id}/revoke': { post: op('revoke a token and end the sessions made from it', [id], ok('{ token }')) },
      '/api/audit': {
        get: op('the audit log, newest first (administrators): every write, reads of unmasked personal data (detail "read"), and one row per address and minute of refused anonymous writes (count); each entry carries prevHash and hash (docs/audit.md)',
          [q('actor', 'login or token name'), from, to, limit(1000), cursor],
          ok('{ entries: [{ id, at, actor, actorKind, role, method, path, target, detail, status, remote, count, prevHash, hash }], next, pending: [summaries of refused anonymous writes not chained yet] }')),
      },
      ...recordPaths('incidents', [scope, q('bbox', 'minLng,minLat,maxLng,maxLat'), from, to, ...incidentFilters, q('overdue', 'true or false'),
        q('fields', 'map: only id, status, overdue, severity and, while the deadline is ahead, dueAt (what the map draws), and pages of up to 20000')], IncidentCreate, IncidentTransitionRequest),
      '/api/incidents/batch': {
        post: op('create up to 500 incidents all or nothing (an offline queue syncing); a 422 names the first bad item, e.g. incidents.3.point; send Idempotency-Key to make retries safe',
          [], { 201: { description: '{ incidents: [the stored records, in the order sent] }' } }, body(IncidentBatchCreate)),
      },
      ...recordPaths('disputes', [scope, from, to, list('status'), list('type'), list('level'), list('method'), list('risk'), q('overdue', 'true or false')], DisputeCreate, DisputeTransitionRequest),
      ...recordPaths('sites', [scope, list('category'), list('grade'), q('overdue', 'true or false'), q('warning', 'true or false')], null, null),
      '/api/sites/{id}/inspections': { post: op('record an inspection', [id], created, body(SiteInspectionCreate)) },
      '/api/sites/{id}/inspections/{iid}': { get: op('one inspection of the site', [id, pathId('iid', 'inspection id'), masked], ok('the inspection')) },
      '/api/sites/{id}/warnings': { post: op('raise a warning on the site; send Idempotency-Key to make retries safe', [id], created, body(SiteWarningCreate)) },
      '/api/sites/{id}/warnings/{wid}': { get: op('one warning of the site', [id, pathId('wid', 'warning id'), masked], ok('the warning')) },
      '/api/sites/{id}/warnings/{wid}/clear': { post: op('clear an open warning (409 when it is already cleared)', [id, pathId('wid', 'warning id')], ok('the warning')) },
      ...recordPaths('whistles', [scope, from, to, list('status'), list('department'), list('kind'), q('sla', 'ok, due-soon or breached')], WhistleCreate, WhistleTransitionRequest),
      '/api/metrics/summary': { get: op('every metric the caller\'s role may read, for a scope and range (the others are absent from `metrics`, not null: grid workers get no whistle metrics); incident filters narrow the incident metrics', [scope, metricFrom, to, ...incidentFilters], metricOk(`{ scope, from, to, metrics: { ${METRIC_IDS.join(', ')} } }`, obj({ metrics: obj(Object.fromEntries(METRIC_IDS.map((m) => [m, metricValue]))) }))) },
      '/api/metrics/timeseries': { get: op('one metric over time', [metric, q('interval', 'day, week or month'), scope, from, to], metricOk('{ points: [{ t, value }] }', obj({ points: { type: 'array', items: obj({ t: { type: 'string' }, value: metricValue }) } }))) },
      '/api/metrics/breakdown': { get: op('one metric split by a dimension', [metric, q('by', 'category, module, department, source, severity, status, township, grid, level, type, grade'), q('then', 'optional second dimension (not a region; not for a median): each item gets split: { <value>: metric }'), scope, metricFrom, to], metricOk('{ items: [{ key, value, split? }] }, largest first, null values last', obj({ items: { type: 'array', items: obj({ key: { type: 'string' }, value: metricValue, split: { type: 'object', additionalProperties: metricValue } }) } }))) },
      '/api/metrics/choropleth': { get: op('one metric for every township or grid', [q('level', 'township or grid'), metric, metricFrom, to, q('township', 'limit grids to one township')], metricOk('{ values: { <region id>: number | null } }', obj({ values: { type: 'object', additionalProperties: metricValue } }))) },
      '/api/metrics/indicators': { get: op('figures the records do not carry (e.g. 80% of applications accepted online), per scope and period', [scope, from, to], ok('{ indicators: [{ id, scope, period, value, source }] }')) },
      '/api/metrics/staffing': { get: op('stationed staff by township × domain, and flexible posts by township', [], ok('{ stationed, flexiblePosts }')) },
      '/api/tiles/incidents.json': { get: op('TileJSON of the incident tiles for these parameters, with `count`: the incidents they select (the map uses tiles above /api/config incidentTilesAbove)', [scope, from, to, ...incidentFilters, q('overdue', 'true or false')], ok('TileJSON 3.0 with count')) },
      '/api/tiles/{layer}/{z}/{x}/{y}.mvt': { get: op(`a Mapbox Vector Tile (XYZ, Web Mercator). layer grids or villages: boundaries. layer incidents: below zoom ${INCIDENT_TILE_MAX_ZOOM} cells with point_count, point_count_abbreviated, open and overdue (the status mix); from ${INCIDENT_TILE_MAX_ZOOM} the points (id, status, severity, category, g: 0 closed, 1 open, 2 overdue). Incidents take the time and filter parameters of /api/incidents. gzip when asked; ETag and If-None-Match`, [
        { name: 'layer', in: 'path', required: true, description: 'grids, villages or incidents', schema: { enum: ['grids', 'villages', 'incidents'] } },
        { name: 'z', in: 'path', required: true, description: 'zoom, 0–22', schema: { type: 'integer' } },
        { name: 'x', in: 'path', required: true, description: 'column, 0 to 2^z − 1', schema: { type: 'integer' } },
        { name: 'y', in: 'path', required: true, description: 'row, 0 to 2^z − 1', schema: { type: 'integer' } },
        scope, from, to, ...incidentFilters, q('overdue', 'true or false'),
      ], { ...ok('the tile', 'application/vnd.mapbox-vector-tile'), 304: { description: 'not modified (If-None-Match)' } }) },
      '/api/stream': { get: op('server-sent events: incident/dispute/whistle/site changes; resume with Last-Event-ID. The stream ends when its session or token does (sign-out, expiry, a disabled account, a revoked token; re-checked at least every minute)', [], ok('event stream', 'text/event-stream')) },
    },
  }
}
