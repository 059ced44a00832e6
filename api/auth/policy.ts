// Who may do what: the one table of route × role, and the scope checks the routes apply on top of it.
//
// Two questions, asked in this order:
//  1. May this role use this route at all? (ROUTES below; enforced for every /api request by `enforce`.)
//     No credential → 401; a role the route is not for → 403.
//  2. Is what the request names inside the principal's reach? A township officer reaches one township, a grid
//     worker their grids, a township wall its township; leaders, county walls and administrators the county; a
//     county department no area at all, only the records assigned to it (an incident whose assignee it is, a
//     whistle call to it), and so none of the lists, figures or tiles: its work comes through GET /api/queue.
//     A scope or a choropleth outside the reach is 403 — never a filtered 200, whose counts would leak what lies
//     outside; region codes are public, so naming one the caller asked for tells them nothing. A record outside
//     the reach is 404, answered byte for byte as an id that does not exist: a 403 (or a message naming where the
//     record lies) would let anyone walk the sequential ids and map what the policy denies them. The same holds
//     for a body field that names another record (a whistle call's incidentId). No refusal names a region code
//     the caller did not name, other than their own area's.
//     The event stream is the exception: it is filtered, not refused (see routes/stream.ts).
//  3. Which figures may this role read? A metric counts records, so it is for the roles that may list them
//     (metric-access.ts): absent from the summary, 403 when named, for everyone else.
import type { Context, MiddlewareHandler } from 'hono'
import { CASE_MERGE_ROLES } from '../../domain/case-merge'
import type { Role } from '../../domain/roles'
import { ROLE_LABELS, homeScope, reachCovers, reachHolds } from '../../domain/roles'
import type { Reach } from '../../domain/roles'
import { COUNTY_CODE, SCOPE_LEVEL_IDS } from '../../domain/regions'
import type { ScopeLevel } from '../../domain/regions'
import { ApiError, badRequest, notFound } from '../errors'
import { parseBool, parseScope } from '../http/query'
import type { ActingPrincipal } from '../../domain/actor'
import type { AuthEnv, Principal } from './principal'
import { actingAs, principalOf } from './principal'

export type Access = 'public' | 'signed-in' | readonly Role[]

/** Roles that read the governance records and figures; administrators manage accounts and see no records. */
const READ: readonly Role[] = ['leader', 'township', 'grid', 'wall']
/** Roles that report and update incidents and disputes (a grid worker within their grids). */
const FIELD: readonly Role[] = ['leader', 'township', 'grid']
/** Township-level work: supervised sites and whistle calls (grid workers neither inspect nor whistle). */
const TOWNSHIP: readonly Role[] = ['leader', 'township']
const TOWNSHIP_READ: readonly Role[] = ['leader', 'township', 'wall']
const ADMIN: readonly Role[] = ['admin']
/** A county department: its queue, and the records in it (the record routes hold it to its own, see above). */
const DEPARTMENT: readonly Role[] = ['department']
/** An intake integration (Open311): files reports in its area, reads nothing. */
const INTAKE: readonly Role[] = ['intake']

export interface RoutePolicy { method: 'GET' | 'POST' | 'PUT'; path: string; access: Access; scoped?: string }

/**
 * A collection of the OGC API – Features service (api/ogc): its description, its items (a list, scoped as the JSON
 * list) and one item (a record, 404 outside the reach), all with the access of the JSON list it reads.
 */
const ogcCollection = (id: string, access: Access): RoutePolicy[] => [
  { method: 'GET', path: `/ogc/collections/${id}`, access },
  { method: 'GET', path: `/ogc/collections/${id}/items`, access, ...(access === 'public' ? {} : { scoped: 'scope' }) },
  { method: 'GET', path: `/ogc/collections/${id}/items/:fid`, access, ...(access === 'public' ? {} : { scoped: 'record' }) },
]

/**
 * Every API route. `scoped` says which reach check the route applies (question 2 above). A path missing here
 * needs a signed-in principal and then answers 404; test/api/access-matrix.test.ts fails when the app registers
 * a route that is not in this table, so a new route cannot slip in unguarded.
 */
export const ROUTES: readonly RoutePolicy[] = [
  { method: 'GET', path: '/api/health', access: 'public' },
  { method: 'GET', path: '/api/config', access: 'public' },
  { method: 'GET', path: '/api/openapi.json', access: 'public' },
  // Boundaries and reference lists are public data (NBS codes, published lists); grid staff names leave masked.
  { method: 'GET', path: '/api/reference', access: 'public' },
  { method: 'GET', path: '/api/regions/county', access: 'public' },
  { method: 'GET', path: '/api/regions/townships', access: 'public' },
  { method: 'GET', path: '/api/regions/villages', access: 'public' },
  { method: 'GET', path: '/api/regions/grids', access: 'public' },

  { method: 'POST', path: '/api/auth/login', access: 'public' },
  { method: 'POST', path: '/api/auth/token-session', access: 'public' },
  { method: 'POST', path: '/api/auth/logout', access: 'signed-in' },
  // Every session of the person asking (403 for a device token: its sessions end when it is revoked).
  { method: 'POST', path: '/api/auth/logout-all', access: 'signed-in' },
  { method: 'GET', path: '/api/auth/me', access: 'signed-in' },
  // Whether anyone is signed in, asked by a page before it knows: 200 either way, so no 401 lands in its console.
  { method: 'GET', path: '/api/auth/session', access: 'public' },

  { method: 'GET', path: '/api/incidents', access: READ, scoped: 'scope' },
  { method: 'GET', path: '/api/incidents/:id', access: [...READ, ...DEPARTMENT], scoped: 'record' },
  { method: 'POST', path: '/api/incidents', access: FIELD, scoped: 'place' },
  // All or nothing: one point outside the caller's area refuses the whole batch (403 naming the item).
  { method: 'POST', path: '/api/incidents/batch', access: FIELD, scoped: 'place' },
  { method: 'POST', path: '/api/incidents/:id/transitions', access: [...FIELD, ...DEPARTMENT], scoped: 'record' },
  // 回访: the answer is recorded by the owner side (the township's officer, or a leader for a case the county
  // dispatched; the service refuses the other side with who may). The list: the tasks in one's area.
  { method: 'POST', path: '/api/incidents/:id/callback', access: TOWNSHIP, scoped: 'record' },
  { method: 'GET', path: '/api/callbacks', access: [...TOWNSHIP, ...ADMIN], scoped: 'scope' },
  // The shares of verified cases drawn for a call-back: read by who calls and who sets them, set by administrators.
  { method: 'GET', path: '/api/settings/callback', access: [...TOWNSHIP, ...ADMIN] },
  { method: 'PUT', path: '/api/settings/callback', access: ADMIN },
  // 督办 on many at once: each id is checked as a record (one outside the caller's area is refused as unknown).
  { method: 'POST', path: '/api/incidents/supervise', access: TOWNSHIP, scoped: 'record' },
  // 合并为一件事: who acts on the incidents in their area merges them and undoes it (each id checked as a record);
  // a merge is read by whoever reads its township's incidents.
  { method: 'POST', path: '/api/incident-merges', access: CASE_MERGE_ROLES, scoped: 'record' },
  { method: 'GET', path: '/api/incident-merges/:id', access: READ, scoped: 'record' },
  { method: 'POST', path: '/api/incident-merges/:id/undo', access: CASE_MERGE_ROLES, scoped: 'record' },
  { method: 'GET', path: '/api/disputes', access: READ, scoped: 'scope' },
  { method: 'GET', path: '/api/disputes/:id', access: READ, scoped: 'record' },
  { method: 'POST', path: '/api/disputes', access: FIELD, scoped: 'place' },
  { method: 'POST', path: '/api/disputes/:id/transitions', access: FIELD, scoped: 'record' },
  { method: 'GET', path: '/api/sites', access: READ, scoped: 'scope' },
  { method: 'GET', path: '/api/sites/:id', access: READ, scoped: 'record' },
  { method: 'GET', path: '/api/sites/:id/inspections/:iid', access: READ, scoped: 'record' },
  { method: 'GET', path: '/api/sites/:id/warnings/:wid', access: READ, scoped: 'record' },
  { method: 'POST', path: '/api/sites/:id/inspections', access: TOWNSHIP, scoped: 'record' },
  { method: 'POST', path: '/api/sites/:id/warnings', access: TOWNSHIP, scoped: 'record' },
  { method: 'POST', path: '/api/sites/:id/warnings/:wid/clear', access: TOWNSHIP, scoped: 'record' },
  { method: 'GET', path: '/api/whistles', access: TOWNSHIP_READ, scoped: 'scope' },
  { method: 'GET', path: '/api/whistles/:id', access: [...TOWNSHIP_READ, ...DEPARTMENT], scoped: 'record' },
  { method: 'POST', path: '/api/whistles', access: TOWNSHIP, scoped: 'place' },
  { method: 'POST', path: '/api/whistles/:id/transitions', access: [...TOWNSHIP, ...DEPARTMENT], scoped: 'record' },
  // A department's open incidents and whistle calls, most pressing first: its own and nothing else.
  { method: 'GET', path: '/api/queue', access: DEPARTMENT, scoped: 'department' },
  // The 考核 scoreboard: the county's view for leaders, county walls and administrators; a township officer (or a
  // township's wall) its township's row, a department its own row (auth/scoreboard-reach.ts); grid workers none.
  { method: 'GET', path: '/api/scoreboard', access: ['leader', 'township', 'wall', 'admin', ...DEPARTMENT], scoped: 'unit' },
  // Warnings (研判预警) reach whom the records they are about reach; people who act on records act on them (a
  // grid worker reads the alerts of their grids). The rules' parameters are an administrator's to set.
  { method: 'GET', path: '/api/alerts', access: READ, scoped: 'scope' },
  { method: 'GET', path: '/api/alerts/:id', access: READ, scoped: 'record' },
  { method: 'POST', path: '/api/alerts/:id/transitions', access: TOWNSHIP, scoped: 'record' },
  { method: 'GET', path: '/api/alert-rules', access: [...READ, ...ADMIN] },
  { method: 'POST', path: '/api/alert-rules/:id', access: ADMIN },
  { method: 'GET', path: '/api/metrics/summary', access: READ, scoped: 'scope' },
  { method: 'GET', path: '/api/metrics/timeseries', access: READ, scoped: 'scope' },
  { method: 'GET', path: '/api/metrics/breakdown', access: READ, scoped: 'scope' },
  { method: 'GET', path: '/api/metrics/choropleth', access: READ, scoped: 'choropleth' },
  { method: 'GET', path: '/api/metrics/indicators', access: READ, scoped: 'scope' },
  // Stationed staff of every township side by side: a county view.
  { method: 'GET', path: '/api/metrics/staffing', access: READ, scoped: 'county' },
  { method: 'GET', path: '/api/stream', access: [...READ, ...DEPARTMENT], scoped: 'filtered' },
  // Incident tiles and their TileJSON take /api/incidents' scope and the same reach check; the boundary layers
  // (grids, villages) share the tile route and so its access: signed-in readers.
  { method: 'GET', path: '/api/tiles/incidents.json', access: READ, scoped: 'scope' },
  { method: 'GET', path: '/api/tiles/:layer/:z/:x/:file', access: READ, scoped: 'scope' },

  { method: 'GET', path: '/api/admin/users', access: ADMIN },
  { method: 'POST', path: '/api/admin/users', access: ADMIN },
  { method: 'POST', path: '/api/admin/users/:id/disable', access: ADMIN },
  { method: 'POST', path: '/api/admin/users/:id/enable', access: ADMIN },
  { method: 'POST', path: '/api/admin/users/:id/totp/reset', access: ADMIN },
  { method: 'POST', path: '/api/admin/users/:id/sessions/end', access: ADMIN },
  { method: 'GET', path: '/api/admin/tokens', access: ADMIN },
  { method: 'POST', path: '/api/admin/tokens', access: ADMIN },
  { method: 'POST', path: '/api/admin/tokens/:id/revoke', access: ADMIN },
  { method: 'GET', path: '/api/audit', access: ADMIN },

  // OGC API – Features: the service's description is public (the collections list shows each caller what it may
  // read); boundaries are public as /api/regions; each record collection has the access of its JSON list.
  { method: 'GET', path: '/ogc', access: 'public' },
  { method: 'GET', path: '/ogc/conformance', access: 'public' },
  { method: 'GET', path: '/ogc/api', access: 'public' },
  { method: 'GET', path: '/ogc/collections', access: 'public' },
  ...ogcCollection('townships', 'public'),
  ...ogcCollection('villages', 'public'),
  ...ogcCollection('grids', 'public'),
  ...ogcCollection('incidents', READ),
  ...ogcCollection('disputes', READ),
  ...ogcCollection('sites', READ),
  ...ogcCollection('whistles', TOWNSHIP_READ),
  ...ogcCollection('alerts', READ),
  // Open311 GeoReport v2 (api/open311): the services and the public part of every request for anyone; a request
  // filed only by an intake integration's token (its form's api_key), within its area.
  { method: 'GET', path: '/open311/v2/services.json', access: 'public' },
  { method: 'GET', path: '/open311/v2/services.xml', access: 'public' },
  { method: 'GET', path: '/open311/v2/services/:file', access: 'public' },
  { method: 'GET', path: '/open311/v2/requests.json', access: 'public' },
  { method: 'GET', path: '/open311/v2/requests.xml', access: 'public' },
  { method: 'GET', path: '/open311/v2/requests/:file', access: 'public' },
  { method: 'POST', path: '/open311/v2/requests.json', access: INTAKE, scoped: 'place' },
  { method: 'POST', path: '/open311/v2/requests.xml', access: INTAKE, scoped: 'place' },
  // The leader's PDF briefings (api/briefings/): of the county or a township, so for who reads one of them whole.
  // The print session's door is public: what proves the caller there is the single-use ticket in the query.
  { method: 'GET', path: '/api/briefings', access: TOWNSHIP, scoped: 'scope' },
  { method: 'GET', path: '/api/briefings/render', access: TOWNSHIP, scoped: 'scope' },
  { method: 'GET', path: '/api/briefings/print-session', access: 'public' },
  { method: 'GET', path: '/api/briefings/:file', access: TOWNSHIP, scoped: 'record' },
]

const compiled = ROUTES.map((r) => ({ ...r, re: new RegExp(`^${r.path.replace(/:[a-z]+/g, '[^/]+')}/?$`) }))

/** Does a route of this access admit a signed-in principal of this role? */
export const admits = (access: Access, role: Role) => access === 'public' || access === 'signed-in' || access.includes(role)

export function routePolicy(method: string, path: string): RoutePolicy | null {
  const m = method === 'HEAD' ? 'GET' : method
  return compiled.find((r) => r.method === m && r.re.test(path)) ?? null
}

const perRequest = new WeakMap<Request, RoutePolicy | null>()
/** This request's row of the table, looked up once however many middlewares ask (policy, audit, caching). */
export function requestPolicy(c: Context): RoutePolicy | null {
  let policy = perRequest.get(c.req.raw)
  if (policy === undefined) {
    policy = routePolicy(c.req.method, c.req.path)
    perRequest.set(c.req.raw, policy)
  }
  return policy
}

const WRITE = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method)

export const unauthenticated = () =>
  new ApiError(401, 'unauthenticated', 'sign in first (POST /api/auth/login) or send Authorization: Bearer <API token>')

/** Question 1 for every /api request, plus the CSRF rule for cookie-authenticated writes. */
export function enforce(): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const policy = requestPolicy(c)
    if (policy?.access === 'public') return next()
    const principal = principalOf(c)
    // Unlisted paths (no route answers them) are 404 — but only to a signed-in principal, so the API's shape is
    // not mapped by anyone who walks up to it.
    if (!principal) throw unauthenticated()
    if (!policy) return next()
    if (!admits(policy.access, principal.role)) {
      throw new ApiError(403, 'forbidden', `${ROLE_LABELS[principal.role].nameEn} (${principal.role}) may not ${policy.method} ${policy.path}`)
    }
    // CSRF: the cookie is SameSite=Strict, so another site's page cannot send it; and a cookie-authenticated write
    // must be application/json, a type no HTML form can send and that another origin cannot send without a CORS
    // preflight. Bearer tokens are never sent by a browser on its own, so they need neither.
    if (principal.via === 'session' && WRITE(c.req.method) && !/^application\/json\s*(;|$)/i.test(c.req.header('Content-Type') ?? '')) {
      throw new ApiError(415, 'unsupported_media_type', 'signed-in writes must be sent as Content-Type: application/json (an empty {} body will do)')
    }
    return next()
  }
}

/** The principal of a route the policy already admitted (so never null there). */
export function who(c: Context): Principal {
  const p = principalOf(c)
  if (!p) throw unauthenticated()
  return p
}

/** The principal as the services' rules and history see it (domain/actor.ts). */
export const actor = (c: Context): ActingPrincipal => actingAs(who(c))

function describeReach(reach: Reach): string {
  if (reach.level === 'county') return `the county ${COUNTY_CODE}`
  if (reach.level === 'township') return `township ${reach.township}`
  if (reach.level === 'department') return `the records assigned to department ${reach.department}`
  return `grid${reach.grids.length > 1 ? 's' : ''} ${reach.grids.join(', ')}`
}

/** The 403 of something the request names outside the caller's area (a scope, a drawn selection). */
export const outside = (what: string, reach: Reach) =>
  new ApiError(403, 'forbidden_scope', `${what} is outside your area (${describeReach(reach)}); ask for your own area`)

/** A scope code the request names must lie inside the principal's reach. */
export function requireScope(c: Context, scope: string): string {
  const { reach } = who(c)
  if (!reachCovers(reach, scope)) throw outside(`scope ${scope}`, reach)
  return scope
}

/**
 * The `scope` parameter of a list or figure, checked against the reach. Left out, it means "all I may see":
 * the county for a leader, the township for an officer, the grid for a grid worker with one.
 */
export function scopeOf(c: Context, levels: readonly ScopeLevel[] = SCOPE_LEVEL_IDS): string {
  const { reach } = who(c)
  const home = homeScope(reach)
  if (c.req.query('scope') === undefined && home === null) {
    throw badRequest(`scope is required: you work in several grids (${describeReach(reach)}); name one`, 'missing_scope')
  }
  return requireScope(c, parseScope(c, levels, home ?? COUNTY_CODE))
}

/** Where a record lies, as the reach checks it; `department`: the department it is assigned or called to. */
export interface Place { township: string | null; grid?: string | null; department?: string | null }

/** Is this place inside the caller's reach? For checks that refuse in their own words (a whistle's incidentId). */
export function reaches(c: Context, place: Place): boolean {
  return reachHolds(who(c).reach, place)
}

/**
 * The record with this id, if it exists and lies inside the caller's reach; else the 404 of an id that does not
 * exist (`no ${what} with id ${id}`), the same bytes either way, so nothing is learned of records outside.
 */
export function recordInReach<R extends Place>(c: Context, what: string, id: number, row: R | undefined | null): R {
  if (!row || !reaches(c, row)) throw notFound(`no ${what} with id ${id}`)
  return row
}

/**
 * A place the request itself gives (a new record's point, a whistle's township) must lie inside the reach: 403,
 * naming only what the caller sent (`what`) and their own area, never the region the point fell in.
 */
export function requirePlace(c: Context, what: string, place: Place) {
  const { reach } = who(c)
  if (!reachHolds(reach, place)) {
    throw new ApiError(403, 'forbidden_record', `${what} is outside your area (${describeReach(reach)}); records are made within it`)
  }
}

/**
 * A record's allowedActions are what the caller may do next. The service narrows them to the principal's sides on
 * the record (domain/incident-sides.ts, whistle-sides.ts: the record's state ∩ what this principal may take);
 * this empties them for a principal whose role may not use the record's transitions route at all (a wall;
 * administrators never read records). The field stays, as an empty list, so every reader gets one shape.
 */
export function offeredTo<R extends { allowedActions: readonly string[] }>(c: Context, transitions: string, record: R): R {
  const policy = routePolicy('POST', transitions)
  return policy && admits(policy.access, who(c).role) ? record : { ...record, allowedActions: [] }
}

/** Wall displays always get personal data masked, whatever they ask; others mask on ?masked=true. */
export function maskFor(c: Context): boolean {
  const asked = parseBool(c, 'masked') ?? false
  return asked || who(c).role === 'wall'
}

/** Records the action of a write beyond its path (e.g. a transition's action) in the audit log. */
export function auditDetail(c: Context, detail: string) {
  c.set('auditDetail' as never, detail as never)
}
