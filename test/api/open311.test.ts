// Open311 GeoReport v2 at /open311/v2, on both engines: the services and their definitions, a request filed with a
// form as the spec says and read back (open, the right agency, the deadline, no reporter or free text), the
// refusals in the spec's shape ([{code, description}], <errors><error>), XML that parses, who may file (an intake
// token only, by its api_key: no other role, no cookie), and the key in no log or audit row.
import Ajv2020 from 'ajv/dist/2020'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { DEFAULT_TRUST } from '../../api/config'
import { isoLocal } from '../../domain/calendar'
import { INCIDENT_TYPES } from '../../domain/catalogue'
import { OPEN311_JURISDICTION } from '../../domain/open311'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertIncident } from '../support/fixtures'
import { pointInGrid } from '../support/points'
import { sessionCookieOf } from '../support/session-cookie'

const DAY = 86_400_000
const LUOYANG = '330329100'
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute', 'value'].includes(name) })

let t: TestApp
let countyKey: string
let luoyangKey: string
let own: { lng: number; lat: number }
let foreign: { lng: number; lat: number }

beforeAll(async () => {
  t = await testApp(undefined, { trust: { ...DEFAULT_TRUST, intakeRate: null } })
  countyKey = await t.token('intake')
  luoyangKey = await t.token('intake', { township: LUOYANG })
  own = pointInGrid(t.locator, GRIDS.luoyangA)
  foreign = pointInGrid(t.locator, GRIDS.siqian)
})
afterAll(async () => await t.close())

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(path, { headers })
  return { status: res.status, text: await res.text(), type: res.headers.get('Content-Type') ?? '', headers: res.headers }
}
const getJson = async (path: string) => { const r = await get(path); return { ...r, body: JSON.parse(r.text) } }

function form(fields: Record<string, string | number>) {
  return new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString()
}
async function post(path: string, fields: Record<string, string | number>, headers: Record<string, string> = {}) {
  const res = await t.app.request(path, {
    method: 'POST', body: form(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  })
  const text = await res.text()
  return { status: res.status, text, headers: res.headers, body: res.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : text }
}
const report = (extra: Record<string, string | number> = {}) =>
  ({ api_key: countyKey, jurisdiction_id: OPEN311_JURISDICTION, service_code: 'road-occupation', lat: own.lat, long: own.lng, description: '占道经营(合成测试)', ...extra })

/** A refusal in the spec's JSON shape: a one-element array of {code, description}. */
function expectErrors(body: unknown, status: number, description: RegExp) {
  expect(Array.isArray(body), JSON.stringify(body)).toBe(true)
  const [error] = body as { code: number; description: string }[]
  expect(error!.code).toBe(status)
  expect(error!.description).toMatch(description)
}

describe('services', () => {
  test('services.json lists every incident type, zh name, English description, category as group', async () => {
    const { status, body, type } = await getJson('/open311/v2/services.json')
    expect(status).toBe(200)
    expect(type).toMatch(/^application\/json/)
    expect(body).toHaveLength(INCIDENT_TYPES.length)
    expect(body[0]).toEqual({
      service_code: 'illegal-building', service_name: '违法建筑', description: 'Illegal building', metadata: true, type: 'realtime',
      keywords: '综合执法,属地管理清单', group: '综合执法',
    })
  })

  test('services.xml parses to the same services', async () => {
    const { status, text, type } = await get(`/open311/v2/services.xml?jurisdiction_id=${OPEN311_JURISDICTION}`)
    expect(status).toBe(200)
    expect(type).toMatch(/^text\/xml/)
    const services = xml.parse(text).services.service
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual(INCIDENT_TYPES.map((ty) => ty.id))
    expect(services[1].service_name).toBe('占道经营')
  })

  test('a service definition has the severity attribute, in JSON and XML; an unknown code is the spec\'s 404', async () => {
    const { status, body } = await getJson('/open311/v2/services/road-occupation.json')
    expect(status).toBe(200)
    expect(body.service_code).toBe('road-occupation')
    expect(body.attributes[0]).toMatchObject({ code: 'severity', datatype: 'singlevaluelist', required: false, variable: true })
    expect(body.attributes[0].values.map((v: { key: string }) => v.key)).toEqual(['normal', 'urgent', 'critical'])
    const x = xml.parse((await get('/open311/v2/services/road-occupation.xml')).text)
    expect(x.service_definition.attributes.attribute[0].values.value.map((v: { key: string }) => v.key)).toEqual(['normal', 'urgent', 'critical'])
    const unknown = await getJson('/open311/v2/services/no-such-thing.json')
    expect(unknown.status).toBe(404)
    expectErrors(unknown.body, 404, /no service "no-such-thing"/)
    const bare = await getJson('/open311/v2/services/road-occupation')
    expect(bare.status).toBe(404)
    expectErrors(bare.body, 404, /\.json or \.xml/)
  })

  test('another jurisdiction is the spec\'s 404, in JSON and XML', async () => {
    const j = await getJson('/open311/v2/services.json?jurisdiction_id=330100')
    expect(j.status).toBe(404)
    expectErrors(j.body, 404, /jurisdiction_id "330100" is not served here: this endpoint serves 330329/)
    const x = await get('/open311/v2/requests.xml?jurisdiction_id=city.example')
    expect(x.status).toBe(404)
    expect(xml.parse(x.text).errors.error[0]).toEqual({ code: '404', description: expect.stringMatching(/jurisdiction_id/) })
    const p = await post('/open311/v2/requests.json', report({ jurisdiction_id: 'elsewhere' }))
    expect(p.status).toBe(404)
    expectErrors(p.body, 404, /jurisdiction_id/)
  })
})

describe('filing a request', () => {
  test('a form-encoded POST files an incident; read back it is open, with its township as agency and its deadline', async () => {
    const before = await t.count('incidents')
    const res = await post('/open311/v2/requests.json', report({ first_name: '小明', last_name: '王', phone: '13800001111', email: 'wang@example.com' }))
    expect(res.status, res.text).toBe(201)
    expect(await t.count('incidents')).toBe(before + 1)
    const [answer] = res.body as { service_request_id: string; service_notice: string; account_id: null }[]
    expect(answer!.service_request_id).toMatch(/^\d+$/)
    expect(answer!.service_notice).toMatch(/由罗阳镇负责，应于 2026-12-08 24:00 \(UTC\+8\) 前办结/)
    expect(res.headers.get('Location')).toBe(`/open311/v2/requests/${answer!.service_request_id}.json`)

    // Stored as any intake: the same record the JSON API reads, reporter and all, from the app, severity normal.
    const record = (await t.json(`/api/incidents/${answer!.service_request_id}`)).body
    expect(record).toMatchObject({ type: 'road-occupation', source: 'app', severity: 'normal', status: 'reported', township: LUOYANG, description: '占道经营(合成测试)' })
    expect(record.reporter).toEqual({ name: '王小明', phone: '13800001111' })

    const read = await getJson(`/open311/v2/requests/${answer!.service_request_id}.json`)
    expect(read.status).toBe(200)
    expect(read.body).toHaveLength(1)
    expect(read.body[0]).toEqual({
      service_request_id: answer!.service_request_id, status: 'open', status_notes: '上报 (Reported)',
      service_name: '占道经营', service_code: 'road-occupation', description: null,
      agency_responsible: '罗阳镇', service_notice: null,
      requested_datetime: isoLocal(t.clock.now), updated_datetime: isoLocal(t.clock.now),
      expected_datetime: isoLocal(Date.parse(record.resolveBy)),
      address: expect.stringMatching(/^泰顺县罗阳镇/), address_id: null, zipcode: null,
      lat: record.point[1], long: record.point[0], media_url: null,
    })
    expect(read.body[0].requested_datetime).toMatch(/\+08:00$/)
    // Public: nothing of the reporter and no free text, for anyone, signed in or not.
    expect(read.text).not.toMatch(/王|小明|13800001111|合成测试/)
  })

  test('an off-list type is its department\'s; after 交办 the agency is the assignee; 办结 reads closed', async () => {
    const res = await post('/open311/v2/requests.json', report({ service_code: 'pharmacy-license-check', 'attribute[severity]': 'urgent' }))
    expect(res.status, res.text).toBe(201)
    const id = Number(res.body[0].service_request_id)
    expect((await getJson(`/open311/v2/requests/${id}.json`)).body[0].agency_responsible).toBe('县市场监督管理局')
    expect((await t.json(`/api/incidents/${id}`)).body.severity).toBe('urgent')

    const other = Number((await post('/open311/v2/requests.json', report())).body[0].service_request_id)
    const incidents = t.services.incidents
    await incidents.transition(other, { action: 'accept' })
    await incidents.transition(other, { action: 'dispatch', assignee: { kind: 'department', code: 'enforcement' } } as never)
    const dispatched = (await getJson(`/open311/v2/requests/${other}.json`)).body[0]
    expect(dispatched).toMatchObject({ status: 'open', status_notes: '交办 (Dispatched)', agency_responsible: '县综合行政执法局' })
    await incidents.transition(other, { action: 'sign' })
    await incidents.transition(other, { action: 'start' })
    await incidents.transition(other, { action: 'resolve' })
    expect((await getJson(`/open311/v2/requests/${other}.json`)).body[0]).toMatchObject({ status: 'closed', status_notes: '办结 (Resolved)' })
  })

  test('XML in, XML out: the answer and a refusal parse', async () => {
    const res = await post('/open311/v2/requests.xml', report())
    expect(res.status, res.text).toBe(201)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/xml/)
    const [answer] = xml.parse(res.text).service_requests.request
    expect(answer.service_request_id).toMatch(/^\d+$/)
    const read = await get(`/open311/v2/requests/${answer.service_request_id}.xml`)
    expect(xml.parse(read.text).service_requests.request[0]).toMatchObject({ service_request_id: answer.service_request_id, status: 'open', agency_responsible: '罗阳镇' })
    const bad = await post('/open311/v2/requests.xml', report({ lat: 91 }))
    expect(bad.status).toBe(400)
    expect(xml.parse(bad.text).errors.error).toEqual([{ code: '400', description: expect.stringMatching(/lat must be between -90 and 90/) }])
  })

  test.each([
    ['lat=91', { lat: 91 }, /lat: lat must be between -90 and 90/],
    ['an address alone', { lat: '', long: '', address_string: '罗阳镇新城大道1号' }, /no geocoder/],
    ['no location at all', { lat: '', long: '' }, /lat is missing/],
    ['long only', { lat: '' }, /lat is missing/],
    ['a point outside the county', { lat: 30.27, long: 120.15 }, /outside/],
    ['lat in exponent form', { lat: '2.7e1' }, /not a decimal degree/],
    ['no service_code', { service_code: '' }, /service_code is required/],
    ['an unknown service_code', { service_code: 'potholes' }, /service_code "potholes" is not a service here/],
    ['an unknown severity', { 'attribute[severity]': 'panic' }, /attribute\[severity\]/],
    ['markup in the description', { description: '<script>alert(1)</script>' }, /description: must be plain text/],
    ['a phone that is not one', { phone: 'call me' }, /phone/],
  ])('%s → 400 in the spec\'s shape, nothing stored', async (_name, fields, message) => {
    const before = await t.count('incidents')
    const res = await post('/open311/v2/requests.json', report(fields))
    expect(res.status, res.text).toBe(400)
    expectErrors(res.body, 400, message)
    expect(await t.count('incidents')).toBe(before)
  })
})

describe('who may file', () => {
  test('only an intake token, by api_key; a township\'s intake files in its township only', async () => {
    const before = await t.count('incidents')
    const none = await post('/open311/v2/requests.json', report({ api_key: '' }))
    expect(none.status).toBe(401)
    expectErrors(none.body, 401, /api_key is required/)
    const unknown = await post('/open311/v2/requests.json', report({ api_key: 'not-a-token' }))
    expect(unknown.status).toBe(403)
    expectErrors(unknown.body, 403, /not a valid API token/)
    for (const role of ['leader', 'township', 'wall'] as const) {
      const key = await t.token(role, role === 'township' ? { township: LUOYANG } : {})
      const res = await post('/open311/v2/requests.json', report({ api_key: key }))
      expect(res.status, role).toBe(403)
      expectErrors(res.body, 403, new RegExp(`token of role ${role}: only an intake integration's token`))
    }
    const outside = await post('/open311/v2/requests.json', report({ api_key: luoyangKey, lat: foreign.lat, long: foreign.lng }))
    expect(outside.status).toBe(403)
    expectErrors(outside.body, 403, /outside your area \(township 330329100\)/)
    expect(await t.count('incidents')).toBe(before)
    expect((await post('/open311/v2/requests.json', report({ api_key: luoyangKey }))).status).toBe(201)
  })

  test('a bearer header or a session cookie is not a credential here; a key in the URL is refused', async () => {
    const login = 'o311-leader'
    await t.accounts.createUserSync({ login, name: '测试领导', role: 'leader', password: 'open311-password-1' })
    const signIn = await t.app.request('/api/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password: 'open311-password-1' }),
    })
    const cookie = sessionCookieOf(signIn)!
    expect(cookie).toBeTruthy()
    const withCookie = await post('/open311/v2/requests.json', report({ api_key: '' }), { Cookie: cookie })
    expect(withCookie.status).toBe(401)
    const withBearer = await post('/open311/v2/requests.json', report({ api_key: '' }), { Authorization: `Bearer ${countyKey}` })
    expect(withBearer.status).toBe(401)
    // With the cookie and a valid key, the intake token files: the cookie's leader is not who acted.
    const both = await post('/open311/v2/requests.json', report(), { Cookie: cookie })
    expect(both.status).toBe(201)
    const history = (await t.json(`/api/incidents/${both.body[0].service_request_id}`)).body.history
    expect(history[0].by).toMatchObject({ role: 'intake' })
    // Nor does the token become a session: it has no screen.
    const exchange = await t.json('/api/auth/token-session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: countyKey }) }, null)
    expect(exchange.status).toBe(403)
    expect(exchange.headers.get('Set-Cookie')).toBeNull()
    const inUrl = await post(`/open311/v2/requests.json?api_key=${countyKey}`, report())
    expect(inUrl.status).toBe(400)
    expectErrors(inUrl.body, 400, /never in the URL/)
  })

  test('the key is in no log line and no audit row; the audit row names the token', async () => {
    const logged: string[] = []
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => { logged.push(args.map(String).join(' ')) })
    }
    const res = await post('/open311/v2/requests.json', report())
    expect(res.status).toBe(201)
    await post('/open311/v2/requests.json', report({ api_key: `${countyKey}x` }))
    await post('/open311/v2/requests.json', report({ lat: 91 }))
    const rows = await t.store.sql.all<Record<string, unknown>>('SELECT * FROM audit_log')
    const text = JSON.stringify(rows) + logged.join('\n')
    expect(text).not.toContain(countyKey)
    const filed = rows.find((r) => r.target === `/open311/v2/requests/${res.body[0].service_request_id}.json`)
    expect(filed).toMatchObject({ method: 'POST', path: '/open311/v2/requests.json', status: 201, role: 'intake' })
    expect(String(filed!.detail)).toMatch(/^open311 token #\d+$/)
  })
  afterEach(() => { vi.restoreAllMocks() })
})

describe('reading requests', () => {
  test('filters: ids, service_code, status, dates; the last 90 days by default; newest first', async () => {
    const now = t.clock.now
    const old = await insertIncident(t.store, { reportedAt: now - 100 * DAY, type: 'open-burning' })
    const recent = await insertIncident(t.store, { reportedAt: now - 10 * DAY, type: 'open-burning' })
    const done = await insertIncident(t.store, { reportedAt: now - 5 * DAY, type: 'open-burning', status: 'archived' })
    const ids = (body: { service_request_id: string }[]) => body.map((r) => Number(r.service_request_id))

    const burning = await getJson('/open311/v2/requests.json?service_code=open-burning')
    expect(ids(burning.body)).toEqual([done, recent])
    expect(ids((await getJson('/open311/v2/requests.json?service_code=open-burning&status=open')).body)).toEqual([recent])
    expect(ids((await getJson('/open311/v2/requests.json?service_code=open-burning&status=closed')).body)).toEqual([done])
    const start = new Date(now - 120 * DAY).toISOString()
    const end = new Date(now - 50 * DAY).toISOString()
    expect(ids((await getJson(`/open311/v2/requests.json?service_code=open-burning&start_date=${start}&end_date=${end}`)).body)).toEqual([old])
    // service_request_id names them whatever their age, and the other terms are ignored.
    expect(ids((await getJson(`/open311/v2/requests.json?service_request_id=${old},${done}&status=open`)).body)).toEqual([done, old])

    const x = await get('/open311/v2/requests.xml?service_code=open-burning')
    expect(xml.parse(x.text).service_requests.request.map((r: { service_request_id: string }) => Number(r.service_request_id))).toEqual([done, recent])
    const empty = await get('/open311/v2/requests.xml?service_code=pine-wilt')
    expect(xml.parse(empty.text).service_requests).toBe('')
  })

  test.each([
    ['dates more than 90 days apart', 'start_date=2026-01-01&end_date=2026-06-01', /more than 90 days apart/],
    ['an end before the start', 'start_date=2026-06-01&end_date=2026-01-01', /end_date must be after start_date/],
    ['a date that is not one', 'start_date=yesterday', /start_date="yesterday" is not a date/],
    ['an unknown status', 'status=pending', /status: "pending" unknown/],
    ['an unknown service_code', 'service_code=potholes', /service_code: "potholes" unknown/],
    ['an id that is not one', 'service_request_id=1,abc', /service_request_id "abc"/],
  ])('%s → 400 in the spec\'s shape', async (_name, query, message) => {
    const res = await getJson(`/open311/v2/requests.json?${query}`)
    expect(res.status).toBe(400)
    expectErrors(res.body, 400, message)
  })

  test('an unknown request or route is the spec\'s 404', async () => {
    for (const path of ['/open311/v2/requests/999999999.json', '/open311/v2/requests/abc.json', '/open311/v2/discovery.json']) {
      const res = await getJson(path)
      expect(res.status, path).toBe(404)
      expect(res.body[0].code).toBe(404)
    }
  })
})

test('the write budget answers 429 in the spec\'s shape, with Retry-After', async () => {
  const limited = await testApp(undefined, { trust: { ...DEFAULT_TRUST, intakeRate: { limit: 1, windowSeconds: 60 } } })
  try {
    const key = await limited.token('intake')
    const send = async () => await limited.app.request('/open311/v2/requests.json', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form(report({ api_key: key })),
    })
    expect((await send()).status).toBe(201)
    const refused = await send()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('Retry-After')).toMatch(/^\d+$/)
    expectErrors(await refused.json(), 429, /too many Open311 write requests/)
  } finally {
    await limited.close()
  }
})

test('the filed answer and the refusals hold the schemas /api/openapi.json documents for them', async () => {
  const doc = (await t.json('/api/openapi.json', {}, null)).body
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false })
  ajv.addSchema({ ...doc, $id: 'https://onemap.invalid/api/openapi.json' })
  const schemaOf = (path: string, method: string, status: number) =>
    ajv.compile({ $ref: `https://onemap.invalid/api/openapi.json${doc.paths[path][method].responses[status].content['application/json'].schema.$ref}` })
  const filed = await post('/open311/v2/requests.json', report())
  expect(filed.status).toBe(201)
  const created = schemaOf('/open311/v2/requests.json', 'post', 201)
  expect(created(filed.body), ajv.errorsText(created.errors)).toBe(true)
  for (const [status, fields] of [[400, { lat: 91 }], [401, { api_key: '' }], [404, { jurisdiction_id: 'x' }]] as const) {
    const refused = await post('/open311/v2/requests.json', report(fields))
    expect(refused.status).toBe(status)
    const validate = schemaOf('/open311/v2/requests.json', 'post', status)
    expect(validate(refused.body), ajv.errorsText(validate.errors)).toBe(true)
  }
})

test('an intake integration is a token, never a person who signs in; its township must be a known one', async () => {
  const admin = await t.adminSession('o311-admin', 'open311-admin-password-1')
  const headers = { Cookie: admin }
  const person = await t.post('/api/admin/users', { login: 'hotline', name: '热线平台', role: 'intake', password: 'open311-password-1' }, headers, null)
  expect(person.status).toBe(422)
  expect(person.body.error.message).toMatch(/create an API token for it/)
  const unknown = await t.post('/api/admin/tokens', { name: '热线平台', role: 'intake', township: '330329999' }, headers, null)
  expect(unknown.status).toBe(422)
  const made = await t.post('/api/admin/tokens', { name: '罗阳镇热线平台', role: 'intake', township: LUOYANG }, headers, null)
  expect(made.status).toBe(201)
  expect(made.body.token).toMatchObject({ role: 'intake', township: LUOYANG })
})
