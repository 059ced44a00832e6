// The OpenAPI 3.1 document served at /api/openapi.json. Request bodies are generated from the same zod schemas
// the routes validate with, and answers from the zod schemas of domain/answers/ that the services' builders are
// typed against, so the document cannot drift from what the server accepts or answers.
import { z } from 'zod'
import { AccountAnswer, AccountList, AccountReset, AccountSessionsEnded, ApiTokenAnswer, ApiTokenCreated, ApiTokenList, SessionAnswer,
  SignedInAnswer } from '../domain/answers/account'
import { AlertDetail, AlertPage, AlertRecord, AlertRuleAnswer, AlertRuleList } from '../domain/answers/alert'
import { AuditPage } from '../domain/answers/audit'
import { BriefingList, BriefingPrintSession } from '../domain/answers/briefing'
import { CallbackPage, CallbackSettings, CallbackTask } from '../domain/answers/callback'
import { CaseMergeAnswer } from '../domain/answers/case-merge'
import { ErrorAnswer } from '../domain/answers/common'
import { DisputeDetail, DisputePage, DisputeRecord } from '../domain/answers/dispute'
import { IncidentBatchAnswer, IncidentConflict, IncidentDetail, IncidentPage, IncidentRecord, SuperviseBatchAnswer, SuperviseBatchRefusal } from '../domain/answers/incident'
import { Config, Health, OpenApiDocument, ReferenceAnswer } from '../domain/answers/meta'
import { QueueAnswer } from '../domain/answers/queue'
import { ScoreboardAnswer } from '../domain/answers/scoreboard'
import { Indicators, MetricBreakdown, MetricChoropleth, MetricSummary, MetricTimeseries, Staffing } from '../domain/answers/metrics'
import { CountyCollection, GridCollection, TownshipCollection, VillageCollection } from '../domain/answers/regions'
import { answerComponents } from '../domain/answers/registry'
import { SiteDetail, SiteInspection, SiteInspectionAnswer, SitePage, SiteWarning, SiteWarningAnswer } from '../domain/answers/site'
import { IncidentTileJson } from '../domain/answers/tiles'
import { WhistleDetail, WhistlePage, WhistleRecord } from '../domain/answers/whistle'
import { open311Paths } from './open311/openapi-paths'
import { LoginRequest, TokenCreate, TokenSessionRequest, UserCreate } from '../domain/account-schemas'
import { INCIDENT_TILE_MAX_ZOOM } from '../domain/incident-tiles'
import { METRIC_IDS } from '../domain/metrics'
import { TOWNSHIP_CHOROPLETH_METRIC_IDS } from '../domain/scoreboard'
import { AlertRuleParamsUpdate, AlertTransitionRequest, CallbackRecordRequest, CallbackSettingsUpdate, CaseMergeCreate, CaseMergeUndo, DisputeCreate, DisputeTransitionRequest, IncidentBatchCreate, IncidentCreate, IncidentSuperviseBatch, IncidentTransitionRequest, SiteInspectionCreate,
  SiteWarningCreate, WhistleCreate, WhistleTransitionRequest } from '../domain/schemas'

type Param = { name: string; in: 'query' | 'path'; required?: boolean; description: string; schema?: object }

const q = (name: string, description: string, schema: object = { type: 'string' }): Param => ({ name, in: 'query', description, schema })
const pathId = (name: string, description: string): Param => ({ name, in: 'path', required: true, description: `${description} (a whole number)`, schema: { type: 'integer' } })
const id = pathId('id', 'record id')
const scope = q('scope', 'county 330329, a township (9 digits), village (12) or grid (14) code; default: all the caller may see; outside their area: 403')
const within = q('within', 'a drawn selection: a GeoJSON Polygon geometry as JSON text (URL-encoded), one ring of [lng, lat] in WGS84, at most 200 vertices (the closing position not counted), closed or closable, not crossing itself. Only records whose point lies in it or on its edge count (whistle calls: their linked incident\'s point). Cut to the caller\'s area; wholly outside it: 403; invalid or wholly outside the county: 422 naming the problem')
const from = q('from', 'start, inclusive: YYYY-MM-DD (midnight UTC+8) or an ISO 8601 time')
const to = q('to', 'end, exclusive: YYYY-MM-DD or an ISO 8601 time')
/** The metrics' default period is the web's 近30天 (domain/range-presets.ts). */
const metricFrom = q('from', 'start, inclusive: YYYY-MM-DD (midnight UTC+8) or an ISO 8601 time; default: 近30天, local midnight 29 days before the day of `to`')
/** domain/as-of.ts: the records of the period as they stood at an instant. */
const asOf = q('asOf', 'the instant the answer is as of: YYYY-MM-DD, an ISO 8601 time or epoch ms; records reported later do not exist yet, statuses and overdue are as they stood then; default: `to` or now, whichever is earlier; in the future: 422 future_as_of')
const list = (what: string) => q(what, `comma-separated ${what} ids from /api/reference`)
const incidentFilters = [list('status'), list('category'), list('module'), list('department'), list('source'), list('severity'), q('onList', 'true or false')]
const limit = (cap: number) => q('limit', `page size, 1 to ${cap} (more: 400; follow \`next\`)`, { type: 'integer' })
const cursor = q('cursor', 'the `next` of the previous page, passed back unchanged; anything else: 400')
const page = [limit(5000), cursor]
/** A metric named by a parameter: 403 when the caller's role may not read its records (auth/metric-access.ts). */
const metric = q('metric', 'metric id; one the caller\'s role may not read (grid workers: whistle metrics) is 403', { enum: METRIC_IDS })
const choroplethMetric = q('metric', 'metric id (level=township: a scoreboard figure too); one the caller\'s role may not read is 403', { enum: [...METRIC_IDS, ...TOWNSHIP_CHOROPLETH_METRIC_IDS] })
const body = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } },
})

/** The answer schemas of domain/answers/, each once under components/schemas; answers $ref them. */
function answerSchemas(): Record<string, object> {
  const { schemas } = z.toJSONSchema(answerComponents, { io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` })
  // Each is emitted as a standalone document; inside components/schemas it is a plain schema.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]))
}
const ref = (schema: z.ZodType) => {
  const meta = answerComponents.get(schema)
  if (!meta) throw new Error('an answer schema must be registered with component() (domain/answers/registry.ts)')
  return { $ref: `#/components/schemas/${meta.id}` }
}
/** A 200 (or another status) whose body is this answer schema. */
const answer = (description: string, schema: z.ZodType, type = 'application/json') => ({ description, content: { [type]: { schema: ref(schema) } } })
const json = (description: string, schema: z.ZodType) => ({ 200: answer(description, schema) })
const geo = (description: string, schema: z.ZodType) => ({ 200: answer(description, schema, 'application/geo+json') })

const error = { description: 'error', content: { 'application/json': { schema: ref(ErrorAnswer) } } }
/** Every refusal has the one Error body: listed once under components/responses and $ref'd by each operation. */
const refusal = { $ref: '#/components/responses/Error' }
const errors = { 400: refusal, 401: refusal, 403: refusal, 404: refusal, 409: refusal, 413: refusal, 415: refusal, 422: refusal }
/** Routes anyone may call (api/auth/policy.ts): no security requirement. */
const open = { security: [] }
/** Every /api/auth/* POST has a budget (and a login's repeated failures are slowed): README "Trust". */
const limited = { 429: { ...error, description: 'too many attempts; Retry-After says in how many seconds to try again', headers: { 'Retry-After': { schema: { type: 'integer' } } } } }
/** A metric's value, wherever one is answered, is the MetricValue component: a number, or null for no basis. */
const metricOk = (description: string, schema: z.ZodType) => json(`${description}. A value is null when the metric has no basis (see MetricValue)`, schema)
const location = { Location: { description: 'the new record\'s URL', schema: { type: 'string' } } }
const created = (schema: z.ZodType) => ({ 201: { ...answer('created; Location names the new record', schema), headers: location } })

/** operationId: camelCase, unique, stable (client code generated from this document is named after it). */
function op(operationId: string, summary: string, parameters: Param[], responses: object, requestBody?: object, refusals: object = {}) {
  return { operationId, summary, parameters, responses: { ...responses, ...errors, ...refusals }, ...(requestBody ? { requestBody } : {}) }
}

/** An incident's transitions: the fields each action takes, who may take it, and the stale-ifUpdatedAt conflict. */
const INCIDENT_TRANSITION: TransitionDoc = {
  summary: 'take one action on an incident. `note` is required for resolve (the result), reopen, transfer, sendBack, requestExtension, ' +
    'refuseExtension and supervise; `assignee` goes with dispatch (default: the type\'s routing) and transfer (required); `until` with ' +
    'requestExtension (later than resolveBy); `level` with supervise (default: a leader\'s county, an officer\'s township); any other ' +
    'combination is 422 naming the field. An action outside the caller\'s side (dispatcher, assignee, supervisor) is 403 not_your_action ' +
    'naming who may; one the state refuses 409 invalid_transition; a stale `ifUpdatedAt` 409 conflict with `current`, the record now',
  refusals: {
    409: {
      description: 'invalid_transition (an Error), or conflict: the record changed since ifUpdatedAt (IncidentConflict, with the record now)',
      content: { 'application/json': { schema: { oneOf: [ref(ErrorAnswer), ref(IncidentConflict)] } } },
    },
  },
}

/**
 * Every list route answers its rows as a file too (api/exports/): format and lang, and the 200's other media types.
 * Same filters, scope and masking as the JSON; over the cap 413 export_too_large; each export is audited.
 */
const exportParams: Param[] = [
  { name: 'format', in: 'query', required: false, description: 'csv (UTF-8 with BOM, CRLF, formula-like cells prefixed with \') or xlsx: the whole list as a file (every page, in the list\'s order; at most 1,000,000 rows, else 413 export_too_large); absent: the JSON page', schema: { enum: ['csv', 'xlsx'] } },
  { name: 'lang', in: 'query', required: false, description: 'with format: the language of the column heads and labels, zh (default) or en', schema: { enum: ['zh', 'en'] } },
]
function exportable(responses: { 200: { description: string; content: object } }) {
  const ok = responses[200]
  return {
    ...responses,
    200: {
      ...ok,
      description: `${ok.description}; with format=csv or xlsx the list as a file (Content-Disposition attachment, X-Export-Rows)`,
      content: {
        ...ok.content,
        'text/csv': { schema: { type: 'string' } },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentMediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
      },
    },
  }
}

/** Wall displays always get it; anyone else may ask for what a wall would show. */
const masked = q('masked', 'true: personal data masked (names, phones, ID numbers, and phones or ID numbers written in any free text)')

interface RecordKind {
  /** The path segment: incidents. */
  name: string
  /** The operationId stem: Incident (listIncidents, getIncident, createIncident, transitionIncident). */
  noun: string
  page: z.ZodType
  detail: z.ZodType
  record: z.ZodType
}

/** How a kind's transitions are described, and any refusal whose body is not the plain Error. */
interface TransitionDoc { summary: string; refusals?: object }
const DEFAULT_TRANSITION: TransitionDoc = {
  summary: 'move the record through its life cycle; an illegal move is 409 invalid_transition, an action that is not the caller\'s 403 not_your_action',
}

function recordPaths({ name, noun, page: pageSchema, detail, record }: RecordKind, listParams: Param[], create: z.ZodType | null, transition: z.ZodType | null,
  transitionDoc: TransitionDoc = DEFAULT_TRANSITION) {
  const paths: Record<string, object> = {
    [`/api/${name}`]: {
      get: op(`list${noun}s`, `list ${name} as a GeoJSON FeatureCollection, newest first, keyset-paginated; or the whole list as CSV or XLSX (format)`, [...listParams, ...page, ...exportParams], exportable(json('a GeoJSON FeatureCollection with `next` (served as application/json)', pageSchema))),
      ...(create ? { post: { ...op(`create${noun}`, `create one; send Idempotency-Key to make retries safe`, [], created(record), body(create)) } } : {}),
    },
    // Outside the caller's area a record is 404, exactly as an id that does not exist.
    [`/api/${name}/{id}`]: { get: op(`get${noun}`, 'one record with its history; allowedActions is empty for a caller who may not act (a wall); 404 for an unknown id and for one outside the caller\'s area alike', [id, masked], json('the record', detail)) },
  }
  if (transition) {
    paths[`/api/${name}/{id}/transitions`] = {
      post: op(`transition${noun}`, transitionDoc.summary, [id], json('the updated record', record), body(transition), transitionDoc.refusals),
    }
  }
  return paths
}

export function buildOpenApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: '泰顺县基层治理一张图 API',
      version: '1',
      description: 'Regions, governance records and metrics for the Taishun County command centre. Times are ISO 8601; points are WGS84 [lng, lat].',
      // package.json is private and names no licence (npm's UNLICENSED): the code is not licensed for reuse.
      license: { name: 'UNLICENSED', identifier: 'LicenseRef-Proprietary' },
      contact: { name: 'the 泰顺县基层治理一张图 maintainers (README.md)' },
    },
    // Same origin as the web that serves it: every path is relative to where this document was fetched.
    servers: [{ url: '/', description: 'the server that answered this document' }],
    // Every route needs a principal unless it says `security: []`: a session cookie from POST /api/auth/login (or
    // /api/auth/token-session), or an API token. Which role may call what, and the township scoping: README "Roles".
    security: [{ session: [] }, { token: [] }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'onemap_session', description: 'HttpOnly, SameSite=Strict; writes must be application/json' },
        token: { type: 'http', scheme: 'bearer', description: 'an API token (omt_…) made by an administrator; only its SHA-256 is stored' },
      },
      schemas: answerSchemas(),
      responses: { Error: error },
    },
    paths: {
      '/api/health': { get: { ...op('getHealth', 'liveness, the newest event id, and a warning when the holiday calendar misses a year', [], json('alive', Health)), ...open } },
      '/api/config': { get: { ...op('getConfig', 'settings the web needs (basemap URL)', [], json('the settings', Config)), ...open } },
      '/api/openapi.json': { get: { ...op('getOpenApi', 'this document', [], json('OpenAPI 3.1', OpenApiDocument)), ...open } },
      '/api/reference': { get: { ...op('getReference', 'reference lists: departments, modules, categories, types, statuses, metrics …', [], json('the reference lists', ReferenceAnswer)), ...open } },
      '/api/regions/county': { get: { ...op('getCounty', 'the county outline', [], geo('FeatureCollection', CountyCollection)), ...open } },
      '/api/regions/townships': { get: { ...op('listTownships', 'the 19 townships (indicative boundaries)', [], geo('FeatureCollection', TownshipCollection)), ...open } },
      '/api/regions/villages': { get: { ...op('listVillages', 'villages and communities', [q('township', 'township code')], geo('FeatureCollection', VillageCollection)), ...open } },
      '/api/regions/grids': { get: { ...op('listGrids', 'grids (staff names and phones masked)', [q('township', 'township code'), q('village', 'village code')], geo('FeatureCollection', GridCollection)), ...open } },
      '/api/auth/login': { post: { ...op('login', 'sign in; sets the session cookie (8 h idle, 7 days at most). An account with a second factor (every administrator) also sends `otp` (TOTP, 6 digits) or `recoveryCode`: without it 401 second_factor_required, wrong or reused 401 invalid_second_factor; an administrator with none enrolled 403 second_factor_enrolment_required', [], { ...json('signed in; Set-Cookie carries the session', SignedInAnswer), ...limited }, body(LoginRequest)), ...open } },
      '/api/auth/token-session': { post: { ...op('createTokenSession', 'exchange an API token for a session cookie (wall screens: EventSource cannot send headers); the token\'s oldest session ends beyond SESSIONS_PER_TOKEN', [], { ...json('signed in; Set-Cookie carries the session', SignedInAnswer), ...limited }, body(TokenSessionRequest)), ...open } },
      '/api/auth/logout': { post: op('logout', 'end this session and close its event streams', [], { 204: { description: 'signed out' }, ...limited }) },
      '/api/auth/logout-all': { post: op('logoutAll', 'sign out everywhere: end every session of the person asking and close their event streams (403 for a device token)', [], { 204: { description: 'signed out on every device' } }) },
      '/api/auth/me': { get: op('getMe', 'who is signed in: role, township, grids, home scope', [], json('the principal', SignedInAnswer)) },
      '/api/auth/session': { get: { ...op('getSession', 'whether anyone is signed in: { user } or { user: null }, never 401', [], json('the principal, or null', SessionAnswer)), ...open } },
      '/api/admin/users': { get: op('listUsers', 'accounts (administrators)', [], json('the accounts', AccountList)), post: op('createUser', 'create an account (administrators); township and grids must be areas of /api/regions (422 unknown_region otherwise)', [], created(AccountAnswer), body(UserCreate)) },
      '/api/admin/users/{id}/disable': { post: op('disableUser', 'disable an account and end its sessions', [id], json('the account', AccountAnswer)) },
      '/api/admin/users/{id}/sessions/end': { post: op('endUserSessions', 'sign a user out everywhere: end their sessions and close their event streams', [id], json('the account and how many sessions ended', AccountSessionsEnded)) },
      '/api/admin/users/{id}/enable': { post: op('enableUser', 'enable an account', [id], json('the account', AccountAnswer)) },
      '/api/admin/users/{id}/totp/reset': { post: op('resetUserTotp', 'remove an account\'s second factor and recovery codes and end its sessions (409 when it has none, or it is your own); an administrator then re-enrols on the server with npm run user -- totp', [id], json('the account and what it must do next', AccountReset)) },
      '/api/admin/tokens': { get: op('listTokens', 'API tokens, without secrets (administrators)', [], json('the tokens', ApiTokenList)), post: op('createToken', 'create a token; the secret is in this reply only; township and grids must be areas of /api/regions (422 unknown_region otherwise)', [], created(ApiTokenCreated), body(TokenCreate)) },
      '/api/admin/tokens/{id}/revoke': { post: op('revokeToken', 'revoke a token and end the sessions made from it', [id], json('the token', ApiTokenAnswer)) },
      '/api/audit': {
        get: op('listAuditEntries', 'the audit log, newest first (administrators): every write, reads of unmasked personal data (detail "read"), and one row per address and minute of refused anonymous writes (count); each entry carries prevHash and hash (docs/audit.md)',
          [q('actor', 'login or token name'), from, to, limit(1000), cursor, ...exportParams],
          exportable(json('entries newest first, and summaries of refused anonymous writes not chained yet', AuditPage))),
      },
      ...recordPaths({ name: 'incidents', noun: 'Incident', page: IncidentPage, detail: IncidentDetail, record: IncidentRecord },
        [scope, within, q('bbox', 'minLng,minLat,maxLng,maxLat'), from, to, ...incidentFilters, q('overdue', 'true or false'), asOf,
          q('fields', 'map: only id, status, overdue, severity and, while the deadline is ahead, dueAt (what the map draws), and pages of up to 20000')], IncidentCreate, IncidentTransitionRequest,
        INCIDENT_TRANSITION),
      '/api/incidents/batch': {
        post: op('createIncidentBatch', 'create up to 500 incidents all or nothing (an offline queue syncing); a 422 names the first bad item, e.g. incidents.3.point; send Idempotency-Key to make retries safe',
          [], { 201: answer('the stored records, in the order sent', IncidentBatchAnswer) }, body(IncidentBatchCreate)),
      },
      '/api/incidents/supervise': {
        post: op('superviseIncidents', '督办 on up to 500 incidents in one transaction (leaders: county level by default; township officers: township level only). ' +
          'Each incident is judged as a single supervise transition; one outside the caller\'s area is refused as not_found. Without partial, ' +
          'any refusal stores nothing (409 batch_refused with the results); with partial: true the good ones are stored',
        [], json('each incident\'s result and how many were supervised', SuperviseBatchAnswer), body(IncidentSuperviseBatch),
        { 409: { description: 'batch_refused: nothing stored; the results say which incidents refused and why', content: { 'application/json': { schema: ref(SuperviseBatchRefusal) } } } }),
      },
      '/api/incident-merges': {
        post: op('mergeIncidents', '合并为一件事: link repeated reports into one case under a primary incident (2 to 50 incidents, one category, ' +
          'one township; grids and villages inside it may differ). Leaders and township officers in their township; an id unknown or outside the ' +
          'caller\'s area is 404 not_found; one already in a live case 409 already_merged; another category 422 mixed_categories; another township ' +
          '422 mixed_townships; the primary among the members, a repeated id, fewer than 2 or more than 50 incidents 422. A history step (merge) on ' +
          'every incident of the case; figures that count cases count it once (metric cases). Send Idempotency-Key to make retries safe. Nothing is stored on a refusal',
        [], created(CaseMergeAnswer), body(CaseMergeCreate)),
      },
      '/api/incident-merges/{id}': {
        get: op('getIncidentMerge', 'one case merge, standing or undone; outside the caller\'s area 404 as unknown', [id], json('the case', CaseMergeAnswer)),
      },
      '/api/incident-merges/{id}/undo': {
        post: op('undoIncidentMerge', '撤销合并: every incident of the case is on its own again (a history step, unmerge, on each); the merge stays on record ' +
          'as undone. Already undone: 409 already_undone', [id], json('the case, undone', CaseMergeAnswer), body(CaseMergeUndo)),
      },
      '/api/incidents/{id}/callback': {
        post: op('recordCallback', '回访: record the resident\'s answer to the call-back awaited on this archived incident. result satisfied (满意), ' +
          'basicallySatisfied (基本满意) or dissatisfied (不满意; needs a note): dissatisfied sends the case back to handling with its assignee (重办, a ' +
          'history step naming the caller, a new resolve limit). Only the owner side records it: the township officer of its township, or a county ' +
          'leader when the county dispatched it (403 not_your_action naming who may). No call-back awaited: 409 no_callback_awaited; an unknown ' +
          'result or a missing note: 422; a stale ifUpdatedAt (the incident\'s): 409 conflict. Nothing is stored on a refusal',
        [id], json('the task as it is now', CallbackTask), body(CallbackRecordRequest)),
      },
      '/api/callbacks': {
        get: op('listCallbacks', '回访 tasks in the caller\'s area, newest verification first, keyset-paginated; the reporter masked',
          [scope, q('status', 'awaited, done or late (awaited and past dueBy)'), q('from', 'verified from, inclusive: YYYY-MM-DD (midnight UTC+8) or an ISO 8601 time'),
            q('to', 'verified before, exclusive'), limit(1000), cursor, ...exportParams],
          exportable(json('tasks with `next`', CallbackPage))),
      },
      '/api/settings/callback': {
        get: op('getCallbackSettings', 'the shares of verified cases drawn for a call-back (percent; citizen = 12345 hotline and citizen app) and the limit in working days', [], json('the settings', CallbackSettings)),
        put: op('setCallbackSettings', 'set the shares (administrators; whole percent 0–100, 422 outside with nothing stored; audited). Verifications from now on draw by them',
          [], json('the settings as stored', CallbackSettings), body(CallbackSettingsUpdate)),
      },
      ...recordPaths({ name: 'disputes', noun: 'Dispute', page: DisputePage, detail: DisputeDetail, record: DisputeRecord },
        [scope, within, from, to, list('status'), list('type'), list('level'), list('method'), list('risk'), q('overdue', 'true or false'), asOf], DisputeCreate, DisputeTransitionRequest),
      ...recordPaths({ name: 'sites', noun: 'Site', page: SitePage, detail: SiteDetail, record: SiteDetail },
        [scope, within, list('category'), list('grade'), q('overdue', 'true or false'), q('warning', 'true or false'), asOf], null, null),
      '/api/sites/{id}/inspections': { post: op('createSiteInspection', 'record an inspection', [id], created(SiteInspectionAnswer), body(SiteInspectionCreate)) },
      '/api/sites/{id}/inspections/{iid}': { get: op('getSiteInspection', 'one inspection of the site', [id, pathId('iid', 'inspection id'), masked], json('the inspection', SiteInspection)) },
      '/api/sites/{id}/warnings': { post: op('createSiteWarning', 'raise a warning on the site; send Idempotency-Key to make retries safe', [id], created(SiteWarningAnswer), body(SiteWarningCreate)) },
      '/api/sites/{id}/warnings/{wid}': { get: op('getSiteWarning', 'one warning of the site', [id, pathId('wid', 'warning id'), masked], json('the warning', SiteWarning)) },
      '/api/sites/{id}/warnings/{wid}/clear': { post: op('clearSiteWarning', 'clear an open warning (409 when it is already cleared)', [id, pathId('wid', 'warning id')], json('the warning and the site', SiteWarningAnswer)) },
      ...recordPaths({ name: 'whistles', noun: 'Whistle', page: WhistlePage, detail: WhistleDetail, record: WhistleRecord },
        [scope, within, from, to, list('status'), list('department'), list('kind'), q('sla', 'ok, due-soon or breached')], WhistleCreate, WhistleTransitionRequest),
      ...recordPaths({ name: 'alerts', noun: 'Alert', page: AlertPage, detail: AlertDetail, record: AlertRecord },
        [q('scope', 'county 330329, a township (9 digits) or grid (14) code; default: all the caller may see; outside their area: 403'),
          q('from', 'alerts whose condition was last seen at or after this time: YYYY-MM-DD (midnight UTC+8) or an ISO 8601 time'),
          q('to', 'alerts raised before this time: YYYY-MM-DD or an ISO 8601 time'),
          q('rule', 'comma-separated rule ids of /api/alert-rules (others: 422 naming them)'), q('level', 'comma-separated: red, orange, yellow'),
          q('status', 'comma-separated: new, acknowledged, handling, cleared, falseAlarm')], null, AlertTransitionRequest,
        { summary: '研判预警: acknowledge (已研判, note optional), handle (处置中), clear (已解除), falseAlarm (误报: the reason in note, required) or snooze (暂缓: hours 1–24; the status stays, the rule × subject is not raised or announced until then). A move the status does not allow is 409 invalid_transition naming what is allowed now; a body that breaks these rules 422; nothing is stored either way' }),
      '/api/alert-rules': { get: op('listAlertRules', 'the warning rules (研判预警) in panel order, each parameter with its default, range and the value in force, and the version in force (0: the defaults)', [], json('the rules', AlertRuleList)) },
      '/api/alert-rules/{id}': { post: op('setAlertRuleParams', 'administrators: new values for some of a rule\'s parameters (the others keep theirs), stored as the rule\'s next version and audited; a value outside its range, of the wrong kind or an unknown parameter is 422 naming the range (nothing stored); an ifVersion other than the version in force 409', [{ name: 'id', in: 'path', required: true, description: 'a rule id of /api/alert-rules', schema: { type: 'string' } }], json('the rule with the values now in force', AlertRuleAnswer), body(AlertRuleParamsUpdate)) },
      '/api/queue': { get: op('getQueue', 'a county department\'s open work (the department role only; 403 for every other): the open incidents assigned to it and the open whistle calls to it, overdue first, then by time left; counts of open, due soon (the last quarter of the stage\'s window) and overdue', [], json('the queue', QueueAnswer)) },
      '/api/scoreboard': {
        get: op('getScoreboard', '考核 scoreboard: the seven assessment figures (/api/reference scoreboard.metrics: formulas, units, direction) for every township of the county or every county department, with the counts behind each; units with no work have their row (ratios and medians null, counts 0). Leaders, county walls and administrators get every row; a township officer or a township\'s wall its township\'s row (by=department: 403); a department account its own row (by=township: 403); grid workers 403',
          [q('by', 'township or department (default: department for a department account, else township); anything else: 422', { enum: ['township', 'department'] }), metricFrom, to],
          metricOk('one row per unit', ScoreboardAnswer)),
      },
      '/api/metrics/summary': { get: op('getMetricSummary', 'every metric the caller\'s role may read, for a scope and range (the others are absent from `metrics`, not null: grid workers get no whistle metrics); incident filters narrow the incident metrics', [scope, within, metricFrom, to, asOf, ...incidentFilters], metricOk('the metrics the caller may read', MetricSummary)) },
      '/api/metrics/timeseries': { get: op('getMetricTimeseries', 'one metric over time', [metric, q('interval', 'day, week or month'), scope, within, from, to, asOf], metricOk('one point per bucket', MetricTimeseries)) },
      '/api/metrics/breakdown': { get: op('getMetricBreakdown', 'one metric split by a dimension', [metric, q('by', 'category, module, department, source, severity, status, township, grid, level, type, grade'), q('then', 'optional second dimension (not a region; not for a median): each item gets split: { <value>: metric }'), scope, within, metricFrom, to, asOf], metricOk('items largest first, null values last', MetricBreakdown)) },
      '/api/metrics/choropleth': { get: op('getMetricChoropleth', `one metric for every township or grid. At level=township, metric may also be a scoreboard figure (${TOWNSHIP_CHOROPLETH_METRIC_IDS.join(', ')}): its value per township as GET /api/scoreboard answers it; with level=grid, a drawn area or incident filters such a metric is 422`, [q('level', 'township or grid'), choroplethMetric, metricFrom, to, q('township', 'limit grids to one township'), within, asOf], metricOk('a value for every region of the level', MetricChoropleth)) },
      '/api/metrics/indicators': { get: op('listIndicators', 'figures the records do not carry (e.g. 80% of applications accepted online), per scope and period', [scope, from, to], json('the indicators', Indicators)) },
      '/api/metrics/staffing': { get: op('getStaffing', 'stationed staff by township × domain, and flexible posts by township', [], json('stationed staff and flexible posts', Staffing)) },
      '/api/tiles/incidents.json': { get: op('getIncidentTileJson', 'TileJSON of the incident tiles for these parameters, with `count`: the incidents they select (the map uses tiles above /api/config incidentTilesAbove)', [scope, within, from, to, ...incidentFilters, q('overdue', 'true or false')], json('TileJSON 3.0 with count', IncidentTileJson)) },
      '/api/tiles/{layer}/{z}/{x}/{y}.mvt': { get: op('getTile', `a Mapbox Vector Tile (XYZ, Web Mercator). layer grids or villages: boundaries. layer incidents: below zoom ${INCIDENT_TILE_MAX_ZOOM} cells with point_count, point_count_abbreviated, open and overdue (the status mix); from ${INCIDENT_TILE_MAX_ZOOM} the points (id, status, severity, category, g: 0 closed, 1 open, 2 overdue). Incidents take the time and filter parameters of /api/incidents. gzip when asked; ETag and If-None-Match`, [
        { name: 'layer', in: 'path', required: true, description: 'grids, villages or incidents', schema: { enum: ['grids', 'villages', 'incidents'] } },
        { name: 'z', in: 'path', required: true, description: 'zoom, 0–22', schema: { type: 'integer' } },
        { name: 'x', in: 'path', required: true, description: 'column, 0 to 2^z − 1', schema: { type: 'integer' } },
        { name: 'y', in: 'path', required: true, description: 'row, 0 to 2^z − 1', schema: { type: 'integer' } },
        scope, within, from, to, ...incidentFilters, q('overdue', 'true or false'),
      ], { 200: { description: 'the tile', content: { 'application/vnd.mapbox-vector-tile': { schema: { type: 'string', format: 'binary' } } } }, 304: { description: 'not modified (If-None-Match)' } }) },
      '/api/briefings': { get: op('listBriefings', 'the stored PDF briefings, newest first: every scope for the county\'s readers, a township officer\'s own township\'s (leaders and township officers)', [limit(500)], json('the briefings', BriefingList)) },
      '/api/briefings/render': {
        get: op('renderBriefing', 'render the view as a two-page A4 PDF briefing now (map, figures, urgent and overdue incidents, warnings; trend, categories, modules, ranking, disputes), store it and answer it (X-Briefing-Id). Masked always. At most 2 renders at once and a few waiting: beyond, 503 with Retry-After',
          [q('scope', 'the county 330329 (default for a leader) or a township code'), from, to,
            q('asOf', 'the instant the figures stand at, ISO 8601 or epoch ms; default min(now, to); in the future: 422'), q('lang', 'zh (default) or en')],
          { 200: { description: 'the PDF (Content-Disposition: attachment)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } } },
          undefined, { 502: { ...error, description: 'the render failed; the reason is in the message, nothing was stored' }, 503: { ...error, description: 'the renderer is busy (Retry-After) or Chromium is missing (the install line)', headers: { 'Retry-After': { schema: { type: 'integer' } } } } }),
      },
      '/api/briefings/print-session': {
        get: { ...op('openBriefingPrintSession', 'the server\'s own headless browser spends a single-use ticket (60 s) here for a read-only print session of one view (its cookie), and learns which print page to open; not for people',
          [q('ticket', 'the single-use ticket')], json('the print page to open', BriefingPrintSession)), ...open },
      },
      '/api/briefings/{id}.pdf': { get: op('downloadBriefing', 'download a stored briefing (audited); outside the caller\'s area: 404', [id], { 200: { description: 'the PDF (Content-Disposition: attachment)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } } }) },
      '/api/stream': { get: op('openEventStream', 'server-sent events: incident/dispute/whistle/site changes and alerts raised or updated (alert.raised, alert.updated); resume with Last-Event-ID. The stream ends when its session or token does (sign-out, expiry, a disabled account, a revoked token; re-checked at least every minute)', [], { 200: { description: 'event stream', content: { 'text/event-stream': { schema: { type: 'string', description: 'text/event-stream frames (id, event, data: JSON)' } } } } }) },
      ...open311Paths(ref),
    },
  }
}
