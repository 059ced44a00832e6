// Nothing is learned from a refusal: a record outside the caller's area is answered exactly as an id that does not
// exist (so walking the ids rebuilds no map), a metric of records the role may not read is absent or refused by
// name, principals who may not act are offered no actions, and malformed paging is a 400 that says what to send.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertDispute, insertIncident, insertSite, insertWhistle } from '../support/fixtures'

const LUOYANG = '330329100'
const SIQIAN = '330329101'
const WHISTLE_METRICS = ['whistles', 'whistleMedianAckMinutes', 'whistleAvgRating']

let t: TestApp
let worker: string
let officer: string
let adminCookie = ''
beforeAll(async () => {
  t = await testApp()
  worker = await t.token('grid', { township: LUOYANG, grids: [GRIDS.luoyangA] })
  officer = await t.token('township', { township: LUOYANG })
  adminCookie = await t.adminSession('refusals-admin', 'refusals-password-1')
})
afterAll(async () => await t.close())

/** The raw answer: status, content type and the body's bytes as text. */
async function raw(path: string, as: string, body?: unknown) {
  const headers: Record<string, string> = { Authorization: `Bearer ${as}` }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await t.app.request(path, body === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(body) })
  return { status: res.status, type: res.headers.get('Content-Type'), text: await res.text() }
}

/** An id no record has: far above every id stored so far. */
const MISSING = 987_654_321

/**
 * The answer about `id` must be the answer about MISSING with the id swapped: same status, headers that matter,
 * code and message. `ask` builds the request for an id.
 */
async function expectLikeMissing(id: number, ask: (id: number) => Promise<Awaited<ReturnType<typeof raw>>>) {
  const foreign = await ask(id)
  const missing = await ask(MISSING)
  expect(missing.status).toBe(404)
  expect(foreign).toEqual({ ...missing, text: missing.text.replaceAll(String(MISSING), String(id)) })
}

test('a grid worker asking for an incident of another township gets exactly what a nonexistent id gets', async () => {
  const foreign = await insertIncident(t.store, { reportedAt: t.clock.now - 1000, grid: GRIDS.siqian })
  await expectLikeMissing(foreign, (id) => raw(`/api/incidents/${id}`, worker))
  // A neighbouring grid of the worker's own township too.
  const neighbour = await insertIncident(t.store, { reportedAt: t.clock.now - 1000, grid: GRIDS.luoyangB })
  await expectLikeMissing(neighbour, (id) => raw(`/api/incidents/${id}`, worker))
})

test('a transition on a record outside the area is answered as one on a nonexistent id, and changes nothing', async () => {
  const incident = await insertIncident(t.store, { reportedAt: t.clock.now - 1000, grid: GRIDS.siqian })
  await expectLikeMissing(incident, (id) => raw(`/api/incidents/${id}/transitions`, worker, { action: 'accept' }))
  expect((await t.store.incidents.get(incident))!.status).toBe('reported')
  const dispute = await insertDispute(t.store, { acceptedAt: t.clock.now - 1000, grid: GRIDS.siqian })
  await expectLikeMissing(dispute, (id) => raw(`/api/disputes/${id}`, worker))
  await expectLikeMissing(dispute, (id) => raw(`/api/disputes/${id}/transitions`, worker, { action: 'start' }))
  const whistle = await insertWhistle(t.store, { whistledAt: t.clock.now - 1000, township: SIQIAN })
  await expectLikeMissing(whistle, (id) => raw(`/api/whistles/${id}`, officer))
  await expectLikeMissing(whistle, (id) => raw(`/api/whistles/${id}/transitions`, officer, { action: 'acknowledge' }))
})

test('a site outside the area, its inspections, warnings and clearing, are answered as a nonexistent site', async () => {
  const site = await insertSite(t.store, { registeredAt: t.clock.now - 86_400_000, nextInspectionDue: t.clock.now + 86_400_000, grid: GRIDS.siqian })
  const wid = (await t.services.sites.raiseWarning(site,{ kind: 'sensor',message: '测试预警(合成)' })).warning.id
  const iid = (await t.services.sites.inspect(site, { result: 'pass', mobile: false, offSite: false })).inspection.id
  await expectLikeMissing(site, (id) => raw(`/api/sites/${id}`, worker))
  await expectLikeMissing(site, (id) => raw(`/api/sites/${id}/inspections/${iid}`, worker))
  await expectLikeMissing(site, (id) => raw(`/api/sites/${id}/warnings/${wid}`, worker))
  await expectLikeMissing(site, (id) => raw(`/api/sites/${id}/inspections`, officer, { result: 'pass' }))
  await expectLikeMissing(site, (id) => raw(`/api/sites/${id}/warnings`, officer, { kind: 'other', message: '测试(合成)' }))
  await expectLikeMissing(site, (id) => raw(`/api/sites/${id}/warnings/${wid}/clear`, officer, {}))
})

test('a whistle call whose incidentId lies outside the caller\'s area is refused as a nonexistent incidentId', async () => {
  const foreign = await insertIncident(t.store, { reportedAt: t.clock.now - 1000, grid: GRIDS.siqian })
  const before = await t.count('whistles')
  const call = (id: number) => raw('/api/whistles', officer, { township: LUOYANG, department: 'market', reason: '测试(合成)', incidentId: id })
  const foreignAnswer = await call(foreign)
  const missingAnswer = await call(MISSING)
  expect(missingAnswer.status).toBe(422)
  expect(foreignAnswer).toEqual({ ...missingAnswer, text: missingAnswer.text.replaceAll(String(MISSING), String(foreign)) })
  expect(foreignAnswer.text).not.toContain(SIQIAN)
  expect(await t.count('whistles')).toBe(before)
  // The county sees every township, so it may be told where its incident is.
  const county = await t.post('/api/whistles', { township: LUOYANG, department: 'market', reason: '测试(合成)', incidentId: foreign })
  expect(county.body.error.code).toBe('incident_elsewhere')
})

test('a grid worker\'s summary has no whistle figures (absent, not null), and naming a whistle metric is 403', async () => {
  const summary = await t.json('/api/metrics/summary', {}, worker)
  expect(summary.status).toBe(200)
  for (const m of WHISTLE_METRICS) expect(summary.body.metrics).not.toHaveProperty(m)
  expect(summary.body.metrics).toHaveProperty('sites')
  expect(summary.body.metrics).toHaveProperty('reports')
  const asked = [
    '/api/metrics/breakdown?metric=whistles&by=department',
    '/api/metrics/breakdown?metric=whistleMedianAckMinutes&by=department',
    '/api/metrics/timeseries?metric=whistleAvgRating',
    `/api/metrics/choropleth?level=grid&metric=whistles&township=${LUOYANG}`,
  ]
  for (const path of asked) {
    const res = await t.json(path, {}, worker)
    expect(res.status, path).toBe(403)
    expect(res.body.error.code).toBe('forbidden_metric')
    expect(res.body.error.message).toMatch(/metric "whistle\w*"/)
    expect(res.body.error.message).toMatch(/Grid worker \(grid\)/)
  }
  // An officer reads them all.
  const township = await t.json('/api/metrics/summary', {}, officer)
  for (const m of WHISTLE_METRICS) expect(township.body.metrics).toHaveProperty(m)
})

test('principals who may not act are offered no actions: a wall reads records with an empty allowedActions', async () => {
  const wall = await t.token('wall')
  const paths = [
    `/api/incidents/${await insertIncident(t.store, { reportedAt: t.clock.now - 1000 })}`,
    `/api/disputes/${await insertDispute(t.store, { acceptedAt: t.clock.now - 1000 })}`,
    // Closed: the calling side's 评哨 is what the leader may do on a call.
    `/api/whistles/${await insertWhistle(t.store, { whistledAt: t.clock.now - 1000, township: LUOYANG, status: 'closed' })}`,
  ]
  for (const path of paths) {
    expect((await t.json(path)).body.allowedActions.length, path).toBeGreaterThan(0)
    const seen = await t.json(path, {}, wall)
    expect(seen.status).toBe(200)
    expect(seen.body.allowedActions, path).toEqual([])
  }
})

test('/api/audit?limit=5001 is refused as its message says (1 to 1000), and the map lists refuse above their cap', async () => {
  const audit = await t.json('/api/audit?limit=5001', { headers: { Cookie: adminCookie } }, null)
  expect(audit.status).toBe(400)
  expect(audit.body.error.message).toMatch(/from 1 to 1000/)
  expect((await t.json('/api/audit?limit=1000', { headers: { Cookie: adminCookie } }, null)).status).toBe(200)
  const list = await t.json('/api/disputes?limit=5001')
  expect(list.status).toBe(400)
  expect(list.body.error.message).toMatch(/from 1 to 5000/)
})

test('a malformed cursor is 400 on every paginated route, with a message that says what a cursor is', async () => {
  const lists = ['/api/incidents', '/api/disputes', '/api/sites', '/api/whistles', '/api/audit']
  for (const list of lists) {
    for (const cursor of ['nonsense', '', '-1', 'MTIzLjQ1Ng', '%E4%B8%AD']) {
      const res = await t.json(`${list}?cursor=${cursor}`, list === '/api/audit' ? { headers: { Cookie: adminCookie } } : {}, list === '/api/audit' ? null : t.leader)
      // MTIzLjQ1Ng is base64url of a real keyset (123.456), a valid cursor of the map lists; the audit's are ids.
      if (cursor === 'MTIzLjQ1Ng' && list !== '/api/audit') { expect(res.status, list).toBe(200); continue }
      expect(res.status, `${list}?cursor=${cursor}`).toBe(400)
      expect(res.body.error.code).toBe('invalid_cursor')
      expect(res.body.error.message).toMatch(/`next`/)
    }
  }
})

test('who am I says which metrics the role may read, so the web asks for no other', async () => {
  expect((await t.json('/api/auth/me', {}, worker)).body.user.metrics).not.toContain('whistles')
  expect((await t.json('/api/auth/me', {}, worker)).body.user.metrics).toContain('sitesOverdueInspection')
  expect((await t.json('/api/auth/me', {}, officer)).body.user.metrics).toContain('whistleAvgRating')
})
