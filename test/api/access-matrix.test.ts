// Every API route × every kind of principal × a record or scope of their own and one of another township, with
// the exact status expected in every cell. The expectations are written out here by hand, not derived from
// api/auth/policy.ts, so a change to the policy that is not also a decision made here fails the test. A second
// test checks that every route the app registers has a row, so a new route cannot go unexamined.
//
// Own = 罗阳镇 (330329100), grid 33032910000501 (the grid worker's); foreign = 司前畲族镇 (330329101). For the county
// department (dept, 市场监管) own and foreign are not areas but assignments: an incident assigned to it and a whistle
// call to it, against those of another department (水利).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { METRIC_ACCESS } from '../../api/auth/metric-access'
import { ROUTES } from '../../api/auth/policy'
import { DEFAULT_TRUST } from '../../api/config'
import { TIMESERIES_METRICS, breakdownDims } from '../../api/services/metric-formulas'
import { METRIC_IDS } from '../../domain/metrics'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { pointInGrid } from '../support/points'
import { GRIDS, insertCallback, insertDispute, insertIncident, insertSite, insertWhistle } from '../support/fixtures'
import { sessionCookieOf } from '../support/session-cookie'

const PRINCIPALS = ['anon', 'leader', 'township', 'grid', 'wall', 'wallT', 'dept', 'admin', 'intake'] as const
type Who = (typeof PRINCIPALS)[number]
type Side = 'own' | 'foreign'
/** One status for both sides, or [own, foreign]. */
type Cell = number | readonly [number, number]
type Expect = Record<Who, Cell>

/** `form`: an Open311 POST's fields; the principal's key goes in as its api_key (the only credential those paths read). */
interface Req { path: string; body?: unknown; form?: Record<string, string> }
interface Row { method: 'GET' | 'POST' | 'PUT'; route: string; make: (side: Side, who: Who) => Req | Promise<Req>; expect: Expect }

const OWN_GRID = GRIDS.luoyangA
const OWN_TOWNSHIP = '330329100'
const FOREIGN_GRID = GRIDS.siqian
const FOREIGN_TOWNSHIP = '330329101'
const PASSWORD = 'matrix-password-1'
const OWN_DEPARTMENT = 'market'
const FOREIGN_DEPARTMENT = 'water'

// The usual shapes, spelt out: reads of scoped records; field writes (incidents, disputes); township writes.
// A scope outside one's area is 403 (region codes are public); a record outside it is 404, as if it did not exist.
// A county department reads no list, figure or tile (403): only the records assigned to it, another
// department's being 404 like an unknown id.
const READ: Expect = { anon: 401, leader: 200, township: [200, 403], grid: [200, 403], wall: 200, wallT: [200, 403], dept: 403, admin: 403, intake: 403 }
const RECORD_READ: Expect = { anon: 401, leader: 200, township: [200, 404], grid: [200, 404], wall: 200, wallT: [200, 404], dept: 403, admin: 403, intake: 403 }
const TOWNSHIP_READ: Expect = { anon: 401, leader: 200, township: [200, 403], grid: 403, wall: 200, wallT: [200, 403], dept: 403, admin: 403, intake: 403 }
const TOWNSHIP_RECORD_READ: Expect = { anon: 401, leader: 200, township: [200, 404], grid: 403, wall: 200, wallT: [200, 404], dept: 403, admin: 403, intake: 403 }
const COUNTY_VIEW: Expect = { anon: 401, leader: 200, township: 403, grid: 403, wall: 200, wallT: 403, dept: 403, admin: 403, intake: 403 }
const UNSCOPED_READ: Expect = { anon: 401, leader: 200, township: 200, grid: 200, wall: 200, wallT: 200, dept: 200, admin: 403, intake: 403 }
/** `outside`: 403 for a place the request gives (a new record's point), 404 for a record it names by id. */
const fieldWrite = (ok: number, outside = 403): Expect => ({ anon: 401, leader: ok, township: [ok, outside], grid: [ok, outside], wall: 403, wallT: 403, dept: 403, admin: 403, intake: 403 })
const townshipWrite = (ok: number, outside = 403): Expect => ({ anon: 401, leader: ok, township: [ok, outside], grid: 403, wall: 403, wallT: 403, dept: 403, admin: 403, intake: 403 })
/** A record a county department works on: its own (assigned or called to it) answers, another department's is 404. */
const departmentToo = (expect: Expect, ok: number): Expect => ({ ...expect, dept: [ok, 404] })
const adminOnly = (ok: number): Expect => ({ anon: 401, leader: 403, township: 403, grid: 403, wall: 403, wallT: 403, dept: 403, admin: ok, intake: 403 })
const departmentOnly = (ok: number): Expect => ({ anon: 401, leader: 403, township: 403, grid: 403, wall: 403, wallT: 403, dept: ok, admin: 403, intake: 403 })
const PUBLIC: Expect = { anon: 200, leader: 200, township: 200, grid: 200, wall: 200, wallT: 200, dept: 200, admin: 200, intake: 200 }
/** Open311's POST: an intake token's, within its township; any other key is 403, no key (or a cookie only) 401. */
const OPEN311_WRITE: Expect = { anon: 401, leader: 403, township: 403, grid: 403, wall: 403, wallT: 403, dept: 403, admin: 401, intake: [201, 403] }
const SIGNED_IN = (ok: number): Expect => ({ anon: 401, leader: ok, township: ok, grid: ok, wall: ok, wallT: ok, dept: ok, admin: ok, intake: ok })

let t: TestApp
let secrets: Record<Exclude<Who, 'anon'>, string>
let points: Record<Side, { lng: number; lat: number }>
let seq = 0

const gridOf = (side: Side) => (side === 'own' ? OWN_GRID : FOREIGN_GRID)
const townshipOf = (side: Side) => (side === 'own' ? OWN_TOWNSHIP : FOREIGN_TOWNSHIP)
/** Lists and figures: the grid worker's grid on the own side (the narrowest scope every reader may ask for). */
const scopeOf = (side: Side) => (side === 'own' ? OWN_GRID : FOREIGN_TOWNSHIP)
const departmentOf = (side: Side) => (side === 'own' ? OWN_DEPARTMENT : FOREIGN_DEPARTMENT)
const incident = async (side: Side) => await insertIncident(t.store, { reportedAt: t.clock.now - 3_600_000, grid: gridOf(side) })
/** For the county department: an incident dispatched to it (own) or to another department (foreign), in 罗阳镇. */
const assignedIncident = async (side: Side) =>
  await insertIncident(t.store, { reportedAt: t.clock.now - 3_600_000, status: 'dispatched', assignee: { kind: 'department', code: departmentOf(side) } })
/** An archived incident whose call-back (回访, owned by its township) awaits an answer. */
const awaitingCallback = async (side: Side) => {
  const id = await insertIncident(t.store, { reportedAt: t.clock.now - 3_600_000, grid: gridOf(side), status: 'archived' })
  await insertCallback(t.store, { incidentId: id, township: townshipOf(side), createdAt: t.clock.now - 60_000 })
  return id
}
const dispute = async (side: Side) => await insertDispute(t.store, { acceptedAt: t.clock.now - 3_600_000, grid: gridOf(side) })
const site = async (side: Side) => await insertSite(t.store, { registeredAt: t.clock.now - 86_400_000, nextInspectionDue: t.clock.now + 86_400_000, grid: gridOf(side) })
const whistle = async (side: Side, who?: Who, status?: string) => await insertWhistle(t.store, who === 'dept'
  ? { whistledAt: t.clock.now - 3_600_000, township: OWN_TOWNSHIP, department: departmentOf(side), status }
  : { whistledAt: t.clock.now - 3_600_000, township: townshipOf(side), status })
const warning = async (siteId: number) => (await t.services.sites.raiseWarning(siteId, { kind: 'sensor', message: '测试预警(合成)' })).warning.id
const inspection = async (siteId: number) => (await t.services.sites.inspect(siteId, { result: 'pass', mobile: false, offSite: false })).inspection.id
/** An open alert about a grid, as an evaluation would have raised it. */
const alert = async (side: Side) => await t.store.alerts.insert({
  rule: 'spike', level: 'red', status: 'new', subject: `spike|${gridOf(side)}|matrix${++seq}`, county: '330329', township: townshipOf(side), grid: gridOf(side),
  lng: null, lat: null, evidence: JSON.stringify({ recordKind: 'incident', recordIds: [], count: 0 }), paramsVersion: 0,
  raisedAt: t.clock.now - 60_000, lastSeenAt: t.clock.now, closedAt: null, closeReason: null, updatedAt: t.clock.now,
})
/** A case merged by the leader of two reports of the side's grid: its id. */
const caseOf = async (side: Side) => (await t.post('/api/incident-merges', { primary: await incident(side), members: [await incident(side)] })).body.id as number
const open311Report = (side: Side) =>
  ({ service_code: 'road-occupation', lat: String(points[side].lat), long: String(points[side].lng), description: '矩阵测试(合成)' })
/** A stored briefing of the side's township. */
const briefing = async (side: Side) => await t.store.briefings.insert({
  scope: townshipOf(side), from: t.clock.now - 86_400_000, to: t.clock.now, asOf: t.clock.now, lang: 'zh', kind: 'scheduled',
  createdAt: t.clock.now, createdBy: 'matrix', bytes: Buffer.from('%PDF-1.4 matrix'),
})
const user = () => t.accounts.createUserSync({ login: `m${++seq}`, name: '矩阵测试', role: 'township', township: OWN_TOWNSHIP, password: PASSWORD })

const ROWS: Row[] = [
  { method: 'GET', route: '/api/health', make: () => ({ path: '/api/health' }), expect: PUBLIC },
  { method: 'GET', route: '/api/config', make: () => ({ path: '/api/config' }), expect: PUBLIC },
  { method: 'GET', route: '/api/openapi.json', make: () => ({ path: '/api/openapi.json' }), expect: PUBLIC },
  { method: 'GET', route: '/api/reference', make: () => ({ path: '/api/reference' }), expect: PUBLIC },
  { method: 'GET', route: '/api/regions/county', make: () => ({ path: '/api/regions/county' }), expect: PUBLIC },
  { method: 'GET', route: '/api/regions/townships', make: () => ({ path: '/api/regions/townships' }), expect: PUBLIC },
  { method: 'GET', route: '/api/regions/villages', make: (s) => ({ path: `/api/regions/villages?township=${townshipOf(s)}` }), expect: PUBLIC },
  { method: 'GET', route: '/api/regions/grids', make: (s) => ({ path: `/api/regions/grids?township=${townshipOf(s)}` }), expect: PUBLIC },

  { method: 'POST', route: '/api/auth/login', make: async () => ({ path: '/api/auth/login', body: { login: (await user()).login, password: PASSWORD } }), expect: PUBLIC },
  {
    method: 'POST', route: '/api/auth/token-session',
    make: async () => ({ path: '/api/auth/token-session', body: { token: await t.token('wall') } }), expect: PUBLIC,
  },
  { method: 'POST', route: '/api/auth/logout', make: () => ({ path: '/api/auth/logout', body: {} }), expect: SIGNED_IN(204) },
  {
    // For people only, and every principal here but the administrator is a device token.
    method: 'POST', route: '/api/auth/logout-all', make: () => ({ path: '/api/auth/logout-all', body: {} }),
    expect: { anon: 401, leader: 403, township: 403, grid: 403, wall: 403, wallT: 403, dept: 403, admin: 204, intake: 403 },
  },
  { method: 'GET', route: '/api/auth/me', make: () => ({ path: '/api/auth/me' }), expect: SIGNED_IN(200) },
  { method: 'GET', route: '/api/auth/session', make: () => ({ path: '/api/auth/session' }), expect: PUBLIC },

  { method: 'GET', route: '/api/incidents', make: (s) => ({ path: `/api/incidents?scope=${scopeOf(s)}` }), expect: READ },
  {
    method: 'GET', route: '/api/incidents/:id', expect: departmentToo(RECORD_READ, 200),
    make: async (s, who) => ({ path: `/api/incidents/${who === 'dept' ? await assignedIncident(s) : await incident(s)}` }),
  },
  {
    method: 'POST', route: '/api/incidents', expect: fieldWrite(201),
    make: (s) => ({ path: '/api/incidents', body: { type: 'road-occupation', point: points[s], description: '矩阵测试(合成)', source: 'patrol' } }),
  },
  {
    method: 'POST', route: '/api/incidents/batch', expect: fieldWrite(201),
    make: (s) => ({ path: '/api/incidents/batch', body: { incidents: [{ type: 'road-occupation', point: points[s], description: '矩阵测试(合成)', source: 'patrol' }] } }),
  },
  {
    // The department acts on its side of the work (开始处置 of what was dispatched to it); the others accept.
    method: 'POST', route: '/api/incidents/:id/transitions', expect: departmentToo(fieldWrite(200, 404), 200),
    make: async (s, who) => (who === 'dept'
      ? { path: `/api/incidents/${await assignedIncident(s)}/transitions`, body: { action: 'start' } }
      : { path: `/api/incidents/${await incident(s)}/transitions`, body: { action: 'accept' } }),
  },
  {
    // 合并为一件事: two reports of the side's grid; another township's are refused as unknown.
    method: 'POST', route: '/api/incident-merges', expect: townshipWrite(201, 404),
    make: async (s) => ({ path: '/api/incident-merges', body: { primary: await incident(s), members: [await incident(s)] } }),
  },
  { method: 'GET', route: '/api/incident-merges/:id', expect: RECORD_READ, make: async (s) => ({ path: `/api/incident-merges/${await caseOf(s)}` }) },
  {
    method: 'POST', route: '/api/incident-merges/:id/undo', expect: townshipWrite(200, 404),
    make: async (s) => ({ path: `/api/incident-merges/${await caseOf(s)}/undo`, body: {} }),
  },
  {
    // 督办 of one incident that is not overdue: admitted callers get the batch's 409 (refused by state, not by role).
    method: 'POST', route: '/api/incidents/supervise', expect: townshipWrite(409, 409),
    make: async (s) => ({ path: '/api/incidents/supervise', body: { ids: [await incident(s)], note: '矩阵测试(合成)', level: 'township' } }),
  },
  {
    // 回访 of a case its township dispatched: the township's officer records it; a leader is not that side (403 naming who).
    method: 'POST', route: '/api/incidents/:id/callback',
    expect: { anon: 401, leader: 403, township: [200, 404], grid: 403, wall: 403, wallT: 403, dept: 403, admin: 403, intake: 403 },
    make: async (s) => ({ path: `/api/incidents/${await awaitingCallback(s)}/callback`, body: { result: 'satisfied' } }),
  },
  {
    method: 'GET', route: '/api/callbacks', make: (s) => ({ path: `/api/callbacks?scope=${scopeOf(s)}` }),
    expect: { anon: 401, leader: 200, township: [200, 403], grid: 403, wall: 403, wallT: 403, dept: 403, admin: 200, intake: 403 },
  },
  {
    method: 'GET', route: '/api/settings/callback', make: () => ({ path: '/api/settings/callback' }),
    expect: { anon: 401, leader: 200, township: 200, grid: 403, wall: 403, wallT: 403, dept: 403, admin: 200, intake: 403 },
  },
  { method: 'PUT', route: '/api/settings/callback', make: () => ({ path: '/api/settings/callback', body: { citizenShare: 100, otherShare: 10 } }), expect: adminOnly(200) },
  { method: 'GET', route: '/api/disputes', make: (s) => ({ path: `/api/disputes?scope=${scopeOf(s)}` }), expect: READ },
  { method: 'GET', route: '/api/disputes/:id', make: async (s) => ({ path: `/api/disputes/${await dispute(s)}` }), expect: RECORD_READ },
  {
    method: 'POST', route: '/api/disputes', expect: fieldWrite(201),
    make: (s) => ({ path: '/api/disputes', body: { type: 'neighbour', point: points[s], description: '矩阵测试(合成)', parties: [{ name: '测试甲' }] } }),
  },
  {
    method: 'POST', route: '/api/disputes/:id/transitions', expect: fieldWrite(200, 404),
    make: async (s) => ({ path: `/api/disputes/${await dispute(s)}/transitions`, body: { action: 'start' } }),
  },
  { method: 'GET', route: '/api/sites', make: (s) => ({ path: `/api/sites?scope=${scopeOf(s)}` }), expect: READ },
  { method: 'GET', route: '/api/sites/:id', make: async (s) => ({ path: `/api/sites/${await site(s)}` }), expect: RECORD_READ },
  {
    method: 'GET', route: '/api/sites/:id/inspections/:iid', expect: RECORD_READ,
    make: async (s) => { const id = await site(s); return { path: `/api/sites/${id}/inspections/${await inspection(id)}` } },
  },
  {
    method: 'GET', route: '/api/sites/:id/warnings/:wid', expect: RECORD_READ,
    make: async (s) => { const id = await site(s); return { path: `/api/sites/${id}/warnings/${await warning(id)}` } },
  },
  {
    method: 'POST', route: '/api/sites/:id/inspections', expect: townshipWrite(201, 404),
    make: async (s) => ({ path: `/api/sites/${await site(s)}/inspections`, body: { result: 'pass' } }),
  },
  {
    method: 'POST', route: '/api/sites/:id/warnings', expect: townshipWrite(201, 404),
    make: async (s) => ({ path: `/api/sites/${await site(s)}/warnings`, body: { kind: 'other', message: '矩阵测试(合成)' } }),
  },
  {
    method: 'POST', route: '/api/sites/:id/warnings/:wid/clear', expect: townshipWrite(200, 404),
    make: async (s) => { const id = await site(s); return { path: `/api/sites/${id}/warnings/${await warning(id)}/clear`, body: {} } },
  },
  { method: 'GET', route: '/api/whistles', make: (s) => ({ path: `/api/whistles?scope=${townshipOf(s)}` }), expect: TOWNSHIP_READ },
  { method: 'GET', route: '/api/whistles/:id', make: async (s, who) => ({ path: `/api/whistles/${await whistle(s, who)}` }), expect: departmentToo(TOWNSHIP_RECORD_READ, 200) },
  {
    method: 'POST', route: '/api/whistles', expect: townshipWrite(201),
    make: (s) => ({ path: '/api/whistles', body: { township: townshipOf(s), department: 'market', reason: '矩阵测试(合成)' } }),
  },
  {
    // Each on its side of a call: the department called acknowledges (签收); the township that whistled, or a leader,
    // rates the closed call (评哨).
    method: 'POST', route: '/api/whistles/:id/transitions', expect: departmentToo(townshipWrite(200, 404), 200),
    make: async (s, who) => (who === 'dept'
      ? { path: `/api/whistles/${await whistle(s, who)}/transitions`, body: { action: 'acknowledge' } }
      : { path: `/api/whistles/${await whistle(s, who, 'closed')}/transitions`, body: { action: 'rate', rating: 4 } }),
  },
  // A department's own work, and no one else's to read: it names nothing, so there is no foreign side to ask for.
  { method: 'GET', route: '/api/queue', make: () => ({ path: '/api/queue' }), expect: departmentOnly(200) },
  {
    // The 考核 scoreboard: own = the kind of row that is the principal's (a department's rows for a department account,
    // townships' for the rest), foreign = the other kind. The county's view sees both; a township (officer or wall)
    // its own township's row and no department's; a department its own row and no township's; a grid worker none.
    method: 'GET', route: '/api/scoreboard',
    make: (s, who) => ({ path: `/api/scoreboard?by=${(who === 'dept') === (s === 'own') ? 'department' : 'township'}` }),
    expect: { anon: 401, leader: 200, township: [200, 403], grid: 403, wall: 200, wallT: [200, 403], dept: [200, 403], admin: 200, intake: 403 },
  },
  // Warnings reach whom their records reach; those who act on records act on them; the rules are public to every
  // reader and to administrators, who alone set them.
  { method: 'GET', route: '/api/alerts', make: (s) => ({ path: `/api/alerts?scope=${scopeOf(s)}` }), expect: READ },
  { method: 'GET', route: '/api/alerts/:id', make: async (s) => ({ path: `/api/alerts/${await alert(s)}` }), expect: RECORD_READ },
  {
    method: 'POST', route: '/api/alerts/:id/transitions', expect: townshipWrite(200, 404),
    make: async (s) => ({ path: `/api/alerts/${await alert(s)}/transitions`, body: { action: 'acknowledge' } }),
  },
  {
    method: 'GET', route: '/api/alert-rules', make: () => ({ path: '/api/alert-rules' }),
    expect: { anon: 401, leader: 200, township: 200, grid: 200, wall: 200, wallT: 200, dept: 403, admin: 200, intake: 403 },
  },
  { method: 'POST', route: '/api/alert-rules/:id', make: () => ({ path: '/api/alert-rules/spike', body: { params: { minReports: 6 } } }), expect: adminOnly(200) },
  { method: 'GET', route: '/api/metrics/summary', make: (s) => ({ path: `/api/metrics/summary?scope=${scopeOf(s)}` }), expect: READ },
  { method: 'GET', route: '/api/metrics/timeseries', make: (s) => ({ path: `/api/metrics/timeseries?metric=reports&scope=${scopeOf(s)}` }), expect: READ },
  { method: 'GET', route: '/api/metrics/breakdown', make: (s) => ({ path: `/api/metrics/breakdown?metric=reports&by=category&scope=${scopeOf(s)}` }), expect: READ },
  {
    // A township's grids: that township's view — wider than a grid worker's own grid, so 403 for them on both sides.
    method: 'GET', route: '/api/metrics/choropleth', make: (s) => ({ path: `/api/metrics/choropleth?level=grid&metric=reports&township=${townshipOf(s)}` }),
    expect: { anon: 401, leader: 200, township: [200, 403], grid: 403, wall: 200, wallT: [200, 403], dept: 403, admin: 403, intake: 403 },
  },
  { method: 'GET', route: '/api/metrics/indicators', make: (s) => ({ path: `/api/metrics/indicators?scope=${scopeOf(s)}` }), expect: READ },
  { method: 'GET', route: '/api/metrics/staffing', make: () => ({ path: '/api/metrics/staffing' }), expect: COUNTY_VIEW },
  // The stream takes no scope: it is filtered to the principal (stream-scope test below), never refused by area.
  { method: 'GET', route: '/api/tiles/incidents.json', make: (s) => ({ path: `/api/tiles/incidents.json?scope=${scopeOf(s)}` }), expect: READ },
  { method: 'GET', route: '/api/tiles/:layer/:z/:x/:file', make: (s) => ({ path: `/api/tiles/incidents/0/0/0.mvt?scope=${scopeOf(s)}` }), expect: READ },
  { method: 'GET', route: '/api/stream', make: () => ({ path: '/api/stream' }), expect: UNSCOPED_READ },

  { method: 'GET', route: '/api/admin/users', make: () => ({ path: '/api/admin/users' }), expect: adminOnly(200) },
  {
    method: 'POST', route: '/api/admin/users', expect: adminOnly(201),
    make: () => ({ path: '/api/admin/users', body: { login: `new${++seq}`, name: '新用户', role: 'grid', township: OWN_TOWNSHIP, grids: [OWN_GRID], password: PASSWORD } }),
  },
  { method: 'POST', route: '/api/admin/users/:id/disable', make: async () => ({ path: `/api/admin/users/${(await user()).id}/disable`, body: {} }), expect: adminOnly(200) },
  { method: 'POST', route: '/api/admin/users/:id/sessions/end', make: async () => ({ path: `/api/admin/users/${(await user()).id}/sessions/end`, body: {} }), expect: adminOnly(200) },
  { method: 'POST', route: '/api/admin/users/:id/enable', make: async () => ({ path: `/api/admin/users/${(await user()).id}/enable`, body: {} }), expect: adminOnly(200) },
  {
    method: 'POST', route: '/api/admin/users/:id/totp/reset', expect: adminOnly(200),
    make: async () => { const { id } = await user(); await t.secondFactors.enrol(id); return { path: `/api/admin/users/${id}/totp/reset`, body: {} } },
  },
  { method: 'GET', route: '/api/admin/tokens', make: () => ({ path: '/api/admin/tokens' }), expect: adminOnly(200) },
  {
    method: 'POST', route: '/api/admin/tokens', expect: adminOnly(201),
    make: (s) => ({ path: '/api/admin/tokens', body: { name: `大屏${++seq}`, role: 'wall', township: townshipOf(s) } }),
  },
  {
    method: 'POST', route: '/api/admin/tokens/:id/revoke', expect: adminOnly(200),
    make: async () => ({ path: `/api/admin/tokens/${(await t.accounts.createToken({ name: `r${++seq}`, role: 'wall' }, null)).token.id}/revoke`, body: {} }),
  },
  { method: 'GET', route: '/api/audit', make: () => ({ path: '/api/audit' }), expect: adminOnly(200) },

  // Briefings are of the county or a township: for leaders and township officers. The render here names a future
  // asOf (422 once admitted and in scope): the matrix judges access, not Chromium. The print session's door is
  // public and, without a ticket, 404 for all.
  { method: 'GET', route: '/api/briefings', make: () => ({ path: '/api/briefings' }), expect: townshipWrite(200, 200) },
  {
    method: 'GET', route: '/api/briefings/render', expect: townshipWrite(422),
    make: (s) => ({ path: `/api/briefings/render?scope=${townshipOf(s)}&asOf=${new Date(t.clock.now + 86_400_000).toISOString()}` }),
  },
  { method: 'GET', route: '/api/briefings/print-session', make: () => ({ path: '/api/briefings/print-session' }), expect: { ...SIGNED_IN(404), anon: 404 } },
  { method: 'GET', route: '/api/briefings/:file', make: async (s) => ({ path: `/api/briefings/${await briefing(s)}.pdf` }), expect: townshipWrite(200, 404) },

  // Open311: public reads whoever asks (a header or cookie changes nothing); a request filed by an intake token
  // only, within its area. The administrator's cookie is no credential there, so it is as anonymous: 401.
  { method: 'GET', route: '/open311/v2/services.json', make: () => ({ path: '/open311/v2/services.json' }), expect: PUBLIC },
  { method: 'GET', route: '/open311/v2/services.xml', make: () => ({ path: '/open311/v2/services.xml' }), expect: PUBLIC },
  { method: 'GET', route: '/open311/v2/services/:file', make: () => ({ path: '/open311/v2/services/road-occupation.json' }), expect: PUBLIC },
  { method: 'GET', route: '/open311/v2/requests.json', make: () => ({ path: '/open311/v2/requests.json' }), expect: PUBLIC },
  { method: 'GET', route: '/open311/v2/requests.xml', make: () => ({ path: '/open311/v2/requests.xml' }), expect: PUBLIC },
  { method: 'GET', route: '/open311/v2/requests/:file', make: async (s) => ({ path: `/open311/v2/requests/${await incident(s)}.json` }), expect: PUBLIC },
  { method: 'POST', route: '/open311/v2/requests.json', make: (s) => ({ path: '/open311/v2/requests.json', form: open311Report(s) }), expect: OPEN311_WRITE },
  { method: 'POST', route: '/open311/v2/requests.xml', make: (s) => ({ path: '/open311/v2/requests.xml', form: open311Report(s) }), expect: OPEN311_WRITE },
]

const OGC_ROWS: Row[] = [
  // OGC API – Features: the description public, boundaries public, each record collection as its JSON list (a
  // county department reads none of them: its records come through /api/queue). The collection's description
  // names no area, so it answers every reader of the list.
  { method: 'GET', route: '/ogc', make: () => ({ path: '/ogc' }), expect: PUBLIC },
  { method: 'GET', route: '/ogc/conformance', make: () => ({ path: '/ogc/conformance' }), expect: PUBLIC },
  { method: 'GET', route: '/ogc/api', make: () => ({ path: '/ogc/api' }), expect: PUBLIC },
  { method: 'GET', route: '/ogc/collections', make: () => ({ path: '/ogc/collections' }), expect: PUBLIC },
  ...(['townships', 'villages', 'grids'] as const).flatMap((id): Row[] => [
    { method: 'GET', route: `/ogc/collections/${id}`, make: () => ({ path: `/ogc/collections/${id}` }), expect: PUBLIC },
    { method: 'GET', route: `/ogc/collections/${id}/items`, make: (s) => ({ path: `/ogc/collections/${id}/items${id === 'townships' ? '' : `?township=${townshipOf(s)}`}` }), expect: PUBLIC },
    { method: 'GET', route: `/ogc/collections/${id}/items/:fid`, make: (s) => ({ path: `/ogc/collections/${id}/items/${id === 'townships' ? townshipOf(s) : id === 'grids' ? gridOf(s) : gridOf(s).slice(0, 12)}` }), expect: PUBLIC },
  ]),
  ...([
    ['incidents', READ, RECORD_READ, incident, scopeOf],
    ['disputes', READ, RECORD_READ, dispute, scopeOf],
    ['sites', READ, RECORD_READ, site, scopeOf],
    ['whistles', TOWNSHIP_READ, TOWNSHIP_RECORD_READ, (s: Side) => whistle(s), townshipOf],
    ['alerts', READ, RECORD_READ, alert, scopeOf],
  ] as const).flatMap(([id, list, record, make, scope]): Row[] => [
    { method: 'GET', route: `/ogc/collections/${id}`, make: () => ({ path: `/ogc/collections/${id}` }), expect: { ...list, township: 200, grid: list.grid === 403 ? 403 : 200, wallT: 200 } },
    { method: 'GET', route: `/ogc/collections/${id}/items`, make: (s) => ({ path: `/ogc/collections/${id}/items?scope=${scope(s)}` }), expect: list },
    { method: 'GET', route: `/ogc/collections/${id}/items/:fid`, make: async (s) => ({ path: `/ogc/collections/${id}/items/${await make(s)}` }), expect: record },
  ]),
]

beforeAll(async () => {
  // Every cell comes from one in-process "address", which would soon spend sign-in's budget (trust.test.ts tests it).
  t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, loginRate: null } })
  await t.admin('matrix-admin', PASSWORD)
  secrets = {
    leader: t.leader,
    township: await t.token('township', { township: OWN_TOWNSHIP }),
    grid: await t.token('grid', { township: OWN_TOWNSHIP, grids: [OWN_GRID] }),
    wall: await t.token('wall'),
    wallT: await t.token('wall', { township: OWN_TOWNSHIP }),
    dept: await t.token('department', { department: OWN_DEPARTMENT }),
    admin: '',
    intake: await t.token('intake', { township: OWN_TOWNSHIP }),
  }
  points = { own: pointInGrid(t.locator, OWN_GRID), foreign: pointInGrid(t.locator, FOREIGN_GRID) }
})
afterAll(async () => await t.close())

/**
 * Administrators are people: they sign in (a token cannot be an administrator), with a second factor, so their
 * cells use a session — one, kept until a cell signs it out (scrypt costs ~50 ms a sign-in).
 */
let cookie: string | null = null
async function adminCookie(): Promise<string> {
  if (cookie) return cookie
  const res = await t.app.request('/api/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'matrix-admin', password: PASSWORD, otp: t.otp() }),
  })
  cookie = sessionCookieOf(res)!
  return cookie
}

/** The status, and for a refusal its body and the request it refused (path and body, as sent). */
async function send(row: Row, who: Who, side: Side): Promise<{ status: number; refusal: { sent: string; body: string } | null }> {
  const req = await row.make(side, who)
  const headers: Record<string, string> = {}
  if (who === 'admin') headers.Cookie = await adminCookie()
  else if (who !== 'anon') headers.Authorization = `Bearer ${secrets[who]}`
  const writes = row.method !== 'GET'
  if (writes) headers['Content-Type'] = req.form ? 'application/x-www-form-urlencoded' : 'application/json'
  const body = req.form
    ? new URLSearchParams({ ...req.form, api_key: who === 'anon' || who === 'admin' ? '' : secrets[who] }).toString()
    : JSON.stringify(req.body ?? {})
  const res = await t.app.request(req.path, { method: row.method, headers, ...(writes ? { body } : {}) })
  if (row.route.startsWith('/api/auth/logout')) cookie = null
  if (res.status >= 400) return { status: res.status, refusal: { sent: `${req.path} ${writes ? body : ''}`, body: await res.text() } }
  // The stream would stay open: its status is all this cell needs.
  await res.body?.cancel()
  return { status: res.status, refusal: null }
}

/** Township (9 digits), village (12) and grid (14) codes. */
const REGION_CODE = /(?<!\d)(?:\d{14}|\d{12}|\d{9})(?!\d)/g
/** The codes of each principal's own area: telling someone where they work tells them nothing. */
const OWN_AREA: Record<Who, (code: string) => boolean> = {
  anon: () => false, leader: () => true, wall: () => true, admin: () => true,
  township: (code) => code.startsWith(OWN_TOWNSHIP), wallT: (code) => code.startsWith(OWN_TOWNSHIP), grid: (code) => code === OWN_GRID,
  intake: (code) => code.startsWith(OWN_TOWNSHIP),
  dept: () => false,
}

/** Every cell of these rows: the statuses that differ from the expected, and refusals that name a region the caller did not. */
async function examine(rows: readonly Row[]) {
  const wrong: string[] = []
  const told: string[] = []
  for (const row of rows) {
    for (const who of PRINCIPALS) {
      const cell = row.expect[who]
      for (const side of ['own', 'foreign'] as const) {
        const expected = typeof cell === 'number' ? cell : cell[side === 'own' ? 0 : 1]
        const { status, refusal } = await send(row, who, side)
        if (status !== expected) wrong.push(`${row.method} ${row.route} as ${who} (${side}): ${status}, expected ${expected}`)
        const named = new Set(refusal?.sent.match(REGION_CODE) ?? [])
        const leaked = (refusal?.body.match(REGION_CODE) ?? []).filter((code) => !named.has(code) && !OWN_AREA[who](code))
        if (leaked.length) told.push(`${row.method} ${row.route} as ${who} (${side}) named ${leaked.join(', ')}: ${refusal?.body}`)
      }
    }
  }
  expect(wrong).toEqual([])
  expect(told).toEqual([])
}

test('every route × every principal × own and foreign scope answers exactly the expected status, and no refusal names a region the caller did not', async () => {
  await examine(ROWS)
  // Thousands of requests: a minute or more when the machine is shared (the default limit is for one request's worth).
}, 300_000)

test('the same for the feature service (/ogc), whose refusals are OGC exceptions', async () => {
  await examine(OGC_ROWS)
}, 300_000)

test('the matrix has a row for every route in the policy table, and the table has every route the app serves', () => {
  const key = (method: string, path: string) => `${method} ${path.replace(/\/$/, '')}`
  const matrix = new Set([...ROWS, ...OGC_ROWS].map((r) => key(r.method, r.route)))
  const policy = new Set(ROUTES.map((r) => key(r.method, r.path)))
  expect([...policy].filter((k) => !matrix.has(k))).toEqual([])
  expect([...matrix].filter((k) => !policy.has(k))).toEqual([])
  const served = new Set(t.app.routes.filter((r) => r.method !== 'ALL' && /^\/(api|ogc|open311)(\/|$)/.test(r.path)).map((r) => key(r.method, r.path)))
  expect(served.size).toBe(policy.size)
  expect([...served].filter((k) => !policy.has(k))).toEqual([])
})

// Which metrics each role reads, written out by hand: a metric counts records, so it is for those who may read
// them. Grid workers read no whistle calls, so no whistle figure; administrators and county departments read no
// lists, so no figure at all (a department's figures would count records beyond its own).
const WHISTLE_METRICS: readonly string[] = ['whistles', 'whistleMedianAckMinutes', 'whistleAvgRating']
const readsMetric = (who: Exclude<Who, 'anon'>, metric: string) =>
  who !== 'admin' && who !== 'dept' && who !== 'intake' && !(who === 'grid' && WHISTLE_METRICS.includes(metric))

test('every role × every metric id: the table beside the policy, the summary\'s fields, and each metric named in a breakdown, timeseries and choropleth', async () => {
  const roles = { leader: 'leader', township: 'township', grid: 'grid', wall: 'wall', wallT: 'wall', dept: 'department', admin: 'admin', intake: 'intake' } as const
  /** Refused every metric route by the policy itself (403 forbidden), before any metric is looked at. */
  const noFigures = (who: Who) => who === 'admin' || who === 'dept' || who === 'intake'
  const wrong: string[] = []
  for (const who of PRINCIPALS) {
    if (who === 'anon') continue
    expect(METRIC_ACCESS[roles[who]], who).toEqual(METRIC_IDS.filter((m) => readsMetric(who, m)))
    const headers: Record<string, string> = who === 'admin' ? { Cookie: await adminCookie() } : { Authorization: `Bearer ${secrets[who]}` }
    const get = async (path: string) => {
      const res = await t.app.request(path, { headers })
      return { status: res.status, body: await res.json() as { metrics?: Record<string, number>; error?: { code: string } } }
    }
    const summary = await get(`/api/metrics/summary?scope=${OWN_GRID}`)
    if (noFigures(who)) expect(summary.status).toBe(403)
    else expect(Object.keys(summary.body.metrics!).sort(), who).toEqual(METRIC_IDS.filter((m) => readsMetric(who, m)).sort())
    for (const metric of METRIC_IDS) {
      const ok = readsMetric(who, metric)
      const asked: [string, number][] = [
        [`/api/metrics/breakdown?metric=${metric}&by=${breakdownDims(metric)[0]}&scope=${OWN_GRID}`, ok ? 200 : 403],
        // A snapshot has no series (422), but only for those who may read it: the rest are refused first.
        [`/api/metrics/timeseries?metric=${metric}&scope=${OWN_GRID}`, !ok ? 403 : TIMESERIES_METRICS.includes(metric) ? 200 : 422],
        // A township's grids: the grid worker's area is narrower (403 by scope either way).
        [`/api/metrics/choropleth?level=grid&metric=${metric}&township=${OWN_TOWNSHIP}`, ok && who !== 'grid' ? 200 : 403],
      ]
      for (const [path, expected] of asked) {
        const { status, body } = await get(path)
        if (status !== expected) wrong.push(`${path} as ${who}: ${status}, expected ${expected}`)
        if (status === 403 && !noFigures(who) && !ok && body.error?.code !== 'forbidden_metric') wrong.push(`${path} as ${who}: ${body.error?.code}`)
      }
    }
  }
  expect(wrong).toEqual([])
})
