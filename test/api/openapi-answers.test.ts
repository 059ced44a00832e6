// Every GET route of the policy table, called with real ids by a principal that may, answers what
// /api/openapi.json documents for it: the body validated with ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1)
// against the operation's schema for that status, $refs resolved in the document's components. Answer objects are
// closed (additionalProperties: false), so a field the server answers and the document omits fails here, as does a
// documented field gone missing or of another type. Refusals are checked against the Error schema the same way.
import Ajv2020 from 'ajv/dist/2020'
import type { ValidateFunction } from 'ajv'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ROUTES } from '../../api/auth/policy'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertDispute, insertIncident, insertSite, insertWhistle } from '../support/fixtures'
import { pointInGrid } from '../support/points'

const DOC_ID = 'https://onemap.invalid/api/openapi.json'
const PASSWORD = 'answers-password-1'
/** The routes this document covers (/api and Open311): the feature service (/ogc) is described by its own, at /ogc/api (test/api/ogc.test.ts). */
const API_ROUTES = ROUTES.filter((r) => !r.path.startsWith('/ogc'))

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, { schema?: object }> }> }>>; components: { responses: Record<string, { content: Record<string, { schema: object }> }> } }

let t: TestApp
let doc: Doc
let ajv: InstanceType<typeof Ajv2020>
let adminCookie: string
/** A county department (市场监管) for its queue: the only role that may read it. */
let departmentToken: string
/** Real ids, one of each kind, made before the calls. */
let ids: { incident: number; dispute: number; site: number; inspection: number; warning: number; whistle: number; openCall: number; alert: number; pointAlert: number; briefing: number; merge: number }

/** /api/incidents/:id → /api/incidents/{id}; the tile route's last segment is {y}.mvt in the document. */
const docPath = (route: string) => route.replace('/api/briefings/:file', '/api/briefings/:id.pdf').replace('/:x/:file', '/:x/:y.mvt').replace(/:([a-z]+)/g, '{$1}')

/** A real request for each GET route: ids that exist, parameters a reader would send. */
function requestsFor(route: string): string[] {
  const p = route
    .replace('/api/incidents/:id', `/api/incidents/${ids.incident}`).replace('/api/disputes/:id', `/api/disputes/${ids.dispute}`)
    .replace('/api/whistles/:id', `/api/whistles/${ids.whistle}`).replace('/api/sites/:id', `/api/sites/${ids.site}`)
    .replace(':iid', String(ids.inspection)).replace(':wid', String(ids.warning)).replace('/api/alerts/:id', `/api/alerts/${ids.alert}`)
    .replace('/api/incident-merges/:id', `/api/incident-merges/${ids.merge}`)
  switch (route) {
    case '/api/alerts/:id': return [p, `/api/alerts/${ids.pointAlert}`]
    case '/api/incidents': return [p, `${p}?fields=map`]
    case '/api/regions/villages': return [p, `${p}?township=330329100`]
    case '/api/regions/grids': return [p, `${p}?township=330329100`]
    case '/api/metrics/timeseries': return [`${p}?metric=reports`, `${p}?metric=closureRate&interval=week`]
    case '/api/metrics/breakdown': return [`${p}?metric=reports&by=category`, `${p}?metric=sites&by=category&then=grade`]
    case '/api/metrics/choropleth': return [`${p}?metric=reports`, `${p}?level=grid&metric=closureRate&township=330329100`, `${p}?metric=signRate`]
    case '/api/scoreboard': return [p, `${p}?by=department`]
    case '/open311/v2/services/:file': return ['/open311/v2/services/road-occupation.json']
    case '/open311/v2/requests/:file': return [`/open311/v2/requests/${ids.incident}.json`]
    case '/open311/v2/requests.json': return [p, `${p}?status=open&service_code=road-occupation`]
    case '/api/tiles/:layer/:z/:x/:file': return ['/api/tiles/incidents/0/0/0.mvt', '/api/tiles/grids/10/858/437.mvt']
    case '/api/briefings/:file': return [`/api/briefings/${ids.briefing}.pdf`]
    default: return [p]
  }
}

function validator(path: string, status: number, method = 'get'): { type: string; validate: ValidateFunction | null } {
  const operation = doc.paths[path]?.[method]
  if (!operation) throw new Error(`the document has no ${method.toUpperCase()} ${path}`)
  let response = operation.responses[String(status)]
  if (!response) throw new Error(`${method.toUpperCase()} ${path} documents no ${status}`)
  if (response.$ref) response = doc.components.responses[response.$ref.split('/').pop()!]!
  const [type, media] = Object.entries(response.content ?? {})[0] ?? []
  if (!type || !media?.schema) throw new Error(`GET ${path} ${status} documents no body`)
  const schema = media.schema as { type?: string; format?: string; $ref?: string }
  // A binary or text body (tiles, the event stream) is described by its content type, not a JSON schema.
  if (schema.format === 'binary' || (schema.type === 'string' && !type.includes('json'))) return { type, validate: null }
  // JSON answers are components, $ref'd from the operation: resolve them inside the document.
  if (!schema.$ref) throw new Error(`GET ${path} ${status}: a JSON answer should $ref a component`)
  return { type, validate: ajv.compile({ $ref: `${DOC_ID}${schema.$ref}` }) }
}

beforeAll(async () => {
  t = await testApp()
  adminCookie = await t.adminSession('answers-admin', PASSWORD)
  departmentToken = await t.token('department', { department: 'market' })
  const now = t.clock.now
  const incident = await insertIncident(t.store, { reportedAt: now - 3_600_000 })
  await t.services.incidents.transition(incident, { action: 'accept' })
  const site = await insertSite(t.store, { registeredAt: now - 86_400_000, nextInspectionDue: now + 86_400_000, grid: GRIDS.luoyangA })
  ids = {
    incident, site,
    dispute: await insertDispute(t.store, { acceptedAt: now - 3_600_000 }),
    // Closed, so the calling side (the reader, a leader) has a transition of its own: 评哨.
    whistle: await insertWhistle(t.store, { whistledAt: now - 3_600_000, township: '330329100', status: 'closed' }),
    warning: (await t.services.sites.raiseWarning(site,{ kind: 'sensor',message: '测试预警(合成)' })).warning.id,
    inspection: (await t.services.sites.inspect(site, { result: 'rectify', mobile: true, offSite: false, note: '整改(合成)' })).inspection.id,
    openCall: await insertWhistle(t.store, { whistledAt: now - 3_600_000, township: '330329100', department: 'market' }),
    alert: 0, pointAlert: 0, merge: 0,
    briefing: await t.store.briefings.insert({ scope: '330329', from: now - 86_400_000, to: now, asOf: now, lang: 'zh', kind: 'scheduled', createdAt: now, createdBy: 'answers', bytes: Buffer.from('%PDF-1.4 answers') }),
  }
  // Alerts as the evaluation raises them: one about a grid (its outline), one at a site's point.
  const alertRow = (subject: string, point: [number, number] | null) => ({
    rule: 'spike', level: 'red', status: 'new', subject, county: '330329', township: '330329100', grid: GRIDS.luoyangA,
    lng: point?.[0] ?? null, lat: point?.[1] ?? null, paramsVersion: 0, raisedAt: now, lastSeenAt: now, closedAt: null, closeReason: null, updatedAt: now,
    evidence: JSON.stringify({ recordKind: 'incident', recordIds: [incident], count: 1, observed: 1, expected: 0.1, p: 0.09, window: '1h', windowFrom: now - 3_600_000, windowTo: now, category: 'enforcement' }),
  })
  ids.alert = await t.store.alerts.insert(alertRow(`spike|${GRIDS.luoyangA}|enforcement`, null))
  ids.pointAlert = await t.store.alerts.insert({ ...alertRow(`site-risk|inspection|${site}`, [119.7, 27.55]), rule: 'site-risk', evidence: JSON.stringify({ recordKind: 'site', recordIds: [site], count: 1 }) })
  // The incident is in a case (一件事), so its detail answers the case too.
  const merged = await t.post('/api/incident-merges', { primary: incident, members: [await insertIncident(t.store, { reportedAt: now - 7_200_000 })] })
  ids.merge = merged.body.id as number
  // The department's queue then holds an item of each kind: an incident dispatched to it, and the open call.
  await insertIncident(t.store, { reportedAt: now - 3_600_000, status: 'dispatched', assignee: { kind: 'department', code: 'market' } })
  doc = (await t.json('/api/openapi.json', {}, null)).body as Doc
  ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false })
  ajv.addSchema({ ...doc, $id: DOC_ID })
})
afterAll(async () => await t.close())

async function get(path: string, as: 'reader' | 'admin' | 'department' | 'anon') {
  const headers: Record<string, string> = as === 'admin' ? { Cookie: adminCookie } : as === 'reader' ? t.auth
    : as === 'department' ? { Authorization: `Bearer ${departmentToken}` } : {}
  return t.app.request(path, { headers })
}

async function check(path: string, res: Response, docPathOf: string, method = 'get'): Promise<string[]> {
  const { type, validate } = validator(docPathOf, res.status, method)
  const got = res.headers.get('Content-Type') ?? ''
  if (!got.startsWith(type)) return [`${path} ${res.status}: Content-Type ${got}, documented ${type}`]
  if (!validate) {
    await res.body?.cancel()
    return []
  }
  const body: unknown = await res.json()
  return validate(body) ? [] : [`${path} ${res.status}: ${ajv.errorsText(validate.errors, { separator: '; ' })}`]
}

test('every GET route answers 200 with a body its documented schema holds, field for field', async () => {
  // A render needs the server's browser (test/e2e/briefing.test.ts), and the print session's door a ticket: their
  // refusals are checked below.
  const gets = API_ROUTES.filter((r) => r.method === 'GET' && r.path !== '/api/briefings/render' && r.path !== '/api/briefings/print-session')
  const wrong: string[] = []
  let checked = 0
  for (const route of gets) {
    for (const path of requestsFor(route.path)) {
      const res = await get(path, route.path.startsWith('/api/admin') || route.path === '/api/audit' ? 'admin' : route.path === '/api/queue' ? 'department' : 'reader')
      if (res.status !== 200) {
        wrong.push(`${path}: ${res.status} ${await res.text()}`)
        continue
      }
      wrong.push(...await check(path, res, docPath(route.path)))
      checked++
    }
  }
  expect(wrong).toEqual([])
  expect(checked).toBeGreaterThan(gets.length)
})

test('refusals (401, 403, 404, 400, 422) answer the documented Error body', async () => {
  const cases: [string, 'reader' | 'anon' | 'admin', number, string][] = [
    ['/api/incidents', 'anon', 401, '/api/incidents'],
    ['/api/admin/users', 'reader', 403, '/api/admin/users'],
    ['/api/incidents/999999', 'reader', 404, '/api/incidents/{id}'],
    ['/api/incidents?cursor=nonsense', 'reader', 400, '/api/incidents'],
    ['/api/metrics/timeseries?metric=nonsense', 'reader', 422, '/api/metrics/timeseries'],
    ['/api/briefings/render', 'reader', 503, '/api/briefings/render'],
    ['/api/briefings/render?lang=fr', 'reader', 400, '/api/briefings/render'],
    ['/api/briefings/print-session?ticket=spent', 'anon', 404, '/api/briefings/print-session'],
  ]
  const wrong: string[] = []
  for (const [path, as, status, documented] of cases) {
    const res = await get(path, as)
    if (res.status !== status) wrong.push(`${path}: ${res.status}, expected ${status}`)
    else wrong.push(...await check(path, res, documented))
  }
  expect(wrong).toEqual([])
})

test('a field the document does not declare fails the check: answer objects are closed', () => {
  const { validate } = validator('/api/incidents/{id}', 200)
  const record = { id: 1 }
  expect(validate!(record)).toBe(false)
  const { validate: health } = validator('/api/health', 200)
  expect(health!({ status: 'ok', time: '2026-11-27T02:00:00.000Z', lastEventId: 0, calendarWarning: null })).toBe(true)
  expect(health!({ status: 'ok', time: '2026-11-27T02:00:00.000Z', lastEventId: 0, calendarWarning: null, extra: true })).toBe(false)
})

test('the document has exactly the routes of the policy table, each with a unique operationId', () => {
  const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort()
  expect(documented).toEqual(API_ROUTES.map((r) => `${r.method} ${docPath(r.path)}`).sort())
  const opIds = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => (o as { operationId?: string }).operationId))
  expect(opIds.every((id) => id !== undefined && /^[a-z][a-zA-Z]+$/.test(id))).toBe(true)
  expect(new Set(opIds).size).toBe(opIds.length)
})

test('writes answer their documented schemas too: creates (201), transitions, warnings, tokens, accounts, a token session', async () => {
  const point = pointInGrid(t.locator, GRIDS.luoyangA)
  const incident = { type: 'road-occupation', point, description: '文档测试(合成)', source: 'patrol' }
  const writes: [string, string, unknown, 'reader' | 'admin' | 'department', number][] = [
    ['/api/incidents', '/api/incidents', incident, 'reader', 201],
    ['/api/incidents/batch', '/api/incidents/batch', { incidents: [incident, incident] }, 'reader', 201],
    [`/api/incidents/${ids.incident}/transitions`, '/api/incidents/{id}/transitions', { action: 'dispatch' }, 'reader', 200],
    ['/api/disputes', '/api/disputes', { type: 'neighbour', point, description: '文档测试(合成)', parties: [{ name: '测试甲', phone: '13800000000' }] }, 'reader', 201],
    [`/api/disputes/${ids.dispute}/transitions`, '/api/disputes/{id}/transitions', { action: 'start' }, 'reader', 200],
    ['/api/whistles', '/api/whistles', { township: '330329100', department: 'market', reason: '文档测试(合成)' }, 'reader', 201],
    [`/api/whistles/${ids.whistle}/transitions`, '/api/whistles/{id}/transitions', { action: 'rate', rating: 4 }, 'reader', 200],
    // The department called answers an open call (whistle-sides.ts): one to 市场监管, the department's.
    [`/api/whistles/${ids.openCall}/transitions`, '/api/whistles/{id}/transitions', { action: 'acknowledge' }, 'department', 200],
    [`/api/sites/${ids.site}/inspections`, '/api/sites/{id}/inspections', { result: 'pass' }, 'reader', 201],
    [`/api/sites/${ids.site}/warnings`, '/api/sites/{id}/warnings', { kind: 'other', message: '文档测试(合成)' }, 'reader', 201],
    [`/api/alerts/${ids.alert}/transitions`, '/api/alerts/{id}/transitions', { action: 'snooze', hours: 2 }, 'reader', 200],
    ['/api/incident-merges', '/api/incident-merges', { primary: await insertIncident(t.store, { reportedAt: t.clock.now - 60_000 }),
      members: [await insertIncident(t.store, { reportedAt: t.clock.now - 60_000 })], note: '文档测试(合成)' }, 'reader', 201],
    ['/api/alert-rules/spike', '/api/alert-rules/{id}', { params: { minReports: 6 } }, 'admin', 200],
    ['/api/admin/tokens', '/api/admin/tokens', { name: '文档大屏', role: 'wall' }, 'admin', 201],
    ['/api/admin/users', '/api/admin/users', { login: 'doc-user', name: '文档用户', role: 'township', township: '330329100', password: PASSWORD }, 'admin', 201],
    ['/api/admin/users', '/api/admin/users', { login: 'doc-dept', name: '文档部门', role: 'department', department: 'water', password: PASSWORD }, 'admin', 201],
  ]
  const wrong: string[] = []
  const answered: Record<string, unknown> = {}
  const post = async (path: string, body: unknown, as: 'reader' | 'admin' | 'department') => t.app.request(path, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...(as === 'admin' ? { Cookie: adminCookie } : as === 'department' ? { Authorization: `Bearer ${departmentToken}` } : t.auth) },
  })
  for (const [path, documented, body, as, status] of writes) {
    const res = await post(path, body, as)
    if (res.status !== status) { wrong.push(`POST ${path}: ${res.status} ${await res.text()}`); continue }
    answered[documented] = await res.clone().json()
    wrong.push(...await check(`POST ${path}`, res, documented, 'post'))
  }
  const created = answered['/api/sites/{id}/warnings'] as { warning: { id: number } }
  const user = answered['/api/admin/users'] as { user: { id: number } }
  const token = answered['/api/admin/tokens'] as { token: { id: number }; secret: string }
  const more: [string, string, unknown, 'reader' | 'admin'][] = [
    [`/api/sites/${ids.site}/warnings/${created.warning.id}/clear`, '/api/sites/{id}/warnings/{wid}/clear', {}, 'reader'],
    [`/api/admin/users/${user.user.id}/disable`, '/api/admin/users/{id}/disable', {}, 'admin'],
    [`/api/admin/users/${user.user.id}/enable`, '/api/admin/users/{id}/enable', {}, 'admin'],
    [`/api/admin/users/${user.user.id}/sessions/end`, '/api/admin/users/{id}/sessions/end', {}, 'admin'],
    ['/api/auth/token-session', '/api/auth/token-session', { token: token.secret }, 'reader'],
    [`/api/incident-merges/${(answered['/api/incident-merges'] as { id: number }).id}/undo`, '/api/incident-merges/{id}/undo', { note: '文档测试(合成)' }, 'reader'],
    [`/api/admin/tokens/${token.token.id}/revoke`, '/api/admin/tokens/{id}/revoke', {}, 'admin'],
  ]
  for (const [path, documented, body, as] of more) {
    const res = await post(path, body, as)
    if (res.status !== 200) wrong.push(`POST ${path}: ${res.status} ${await res.text()}`)
    else wrong.push(...await check(`POST ${path}`, res, documented, 'post'))
  }
  expect(wrong).toEqual([])
})
