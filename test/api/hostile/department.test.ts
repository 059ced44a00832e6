// A county department account probing beyond its work: every list, figure and tile, whatever parameters it
// sends, is 403 (it has no area to scope them to); walking the ids of records that are not its own (another
// department's, a township's, none's, unknown ones) answers each exactly as an id that does not exist, on reads and
// on transitions whatever the body; asking the queue for another department's work gets its own.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ROUTES } from '../../../api/auth/policy'
import { testApp } from '../../support/app'
import type { TestApp } from '../../support/app'
import { GRIDS, insertDispute, insertIncident, insertSite, insertWhistle } from '../../support/fixtures'

let t: TestApp
let market: string
let own: { incident: number; whistle: number }
let others: { incidents: number[]; whistles: number[]; dispute: number; site: number }

beforeAll(async () => {
  t = await testApp()
  market = await t.token('department', { department: 'market' })
  const at = t.clock.now - 3_600_000
  const incident = (assignee?: { kind: 'department' | 'township' | 'grid'; code: string }) =>
    insertIncident(t.store, { reportedAt: at, status: 'dispatched', grid: GRIDS.luoyangA, ...(assignee ? { assignee } : {}) })
  own = { incident: await incident({ kind: 'department', code: 'market' }), whistle: await insertWhistle(t.store, { whistledAt: at, department: 'market' }) }
  others = {
    incidents: [
      await incident({ kind: 'department', code: 'water' }), await incident({ kind: 'township', code: '330329100' }),
      await incident({ kind: 'grid', code: GRIDS.luoyangA }), await incident(),
      // A department's name on a record that is not assigned to it: the incident type's routing department.
      await insertIncident(t.store, { reportedAt: at, type: 'food-safety', grid: GRIDS.siqian }),
    ],
    whistles: [await insertWhistle(t.store, { whistledAt: at, department: 'water' }), await insertWhistle(t.store, { whistledAt: at, department: 'enforcement', township: '330329101' })],
    dispute: await insertDispute(t.store, { acceptedAt: at }),
    site: await insertSite(t.store, { registeredAt: at, nextInspectionDue: at + 86_400_000 }),
  }
})
afterAll(async () => await t.close())

const send = (path: string, init: RequestInit = {}) =>
  t.app.request(path, { ...init, headers: { Authorization: `Bearer ${market}`, 'Content-Type': 'application/json', ...init.headers } })

test('every list, figure and tile is 403, whatever scope, filter or paging it names', async () => {
  const reads = ROUTES.filter((r) => r.method === 'GET' && Array.isArray(r.access) && !r.access.includes('department'))
  expect(reads.length).toBeGreaterThan(15)
  const queries = ['', '?scope=330329', '?scope=330329100', `?scope=${GRIDS.luoyangA}`, '?department=market', '?scope=330329&department=market&limit=1',
    '?metric=reports&by=department', '?level=township&metric=reports', '?cursor=x', '?scope=%00']
  const wrong: string[] = []
  for (const route of reads) {
    const path = route.path.replace(':id', String(own.incident)).replace(':fid', String(own.incident)).replace(':iid', '1').replace(':wid', '1')
      .replace(':layer/:z/:x/:file', 'incidents/0/0/0.mvt')
    for (const q of queries) {
      const res = await send(`${path}${q}`)
      // The feature service (/ogc) answers the same refusal as an OGC exception: { code, description }.
      const body = await res.json() as { error?: { code: string; message: string }; code?: string; description?: string }
      const error = body.error ?? (body.code === undefined ? undefined : { code: body.code, message: body.description ?? '' })
      if (res.status !== 403 || error?.code !== 'forbidden') wrong.push(`${path}${q}: ${res.status} ${JSON.stringify(body)}`)
      else if (!error.message.startsWith('County department (department) may not GET')) wrong.push(`${path}${q}: ${error.message}`)
    }
  }
  expect(wrong).toEqual([])
})

test('records not its own are 404 exactly as unknown ids, on reads and transitions, whatever the body', async () => {
  const unknown = 9_999_000
  const bodies = ['{"action":"sign"}', '{"action":"start"}', '{"action":"acknowledge"}', '{"action":"close","note":"x"}', '{}']
  const wrong: string[] = []
  const same = async (kind: string, noun: string, id: number) => {
    for (const [method, suffix, body] of [['GET', '', undefined], ...bodies.map((b) => ['POST', '/transitions', b])] as const) {
      const init = method === 'POST' ? { method, body } : {}
      const a = await send(`/api/${kind}/${id}${suffix}`, init)
      const b = await send(`/api/${kind}/${unknown}${suffix}`, init)
      const [ta, tb] = [await a.text(), (await b.text()).replaceAll(String(unknown), String(id))]
      if (a.status !== b.status || ta !== tb) wrong.push(`${method} ${kind}/${id}${suffix} ${body ?? ''}: ${a.status} ${ta} against ${b.status} ${tb}`)
      if (method === 'GET' && a.status !== 404) wrong.push(`GET ${kind}/${id}: ${a.status}`)
      if (method === 'GET' && JSON.parse(ta).error.message !== `no ${noun} with id ${id}`) wrong.push(`GET ${kind}/${id}: ${ta}`)
    }
  }
  for (const id of others.incidents) await same('incidents', 'incident', id)
  for (const id of others.whistles) await same('whistles', 'whistle call', id)
  expect(wrong).toEqual([])
  // Its own are there, which is what makes the others' 404 mean something.
  expect((await send(`/api/incidents/${own.incident}`)).status).toBe(200)
  expect((await send(`/api/whistles/${own.whistle}`)).status).toBe(200)
})

test('other record kinds are not its business at all: 403 by role, the same for any id', async () => {
  for (const path of [`/api/disputes/${others.dispute}`, '/api/disputes/9999000', `/api/sites/${others.site}`, '/api/sites/9999000']) {
    const res = await send(path)
    expect(res.status, path).toBe(403)
  }
  for (const [path, body] of [['/api/incidents', { type: 'food-safety', point: { lng: 119.708034, lat: 27.559551 }, description: '越权(合成)', source: 'patrol' }],
    ['/api/whistles', { township: '330329100', department: 'market', reason: '越权(合成)' }], ['/api/incidents/batch', { incidents: [] }]] as const) {
    const before = await t.count('incidents') + await t.count('whistles')
    expect((await send(path, { method: 'POST', body: JSON.stringify(body) })).status, path).toBe(403)
    expect(await t.count('incidents') + await t.count('whistles')).toBe(before)
  }
})

test('the queue is its own whatever it asks for', async () => {
  for (const q of ['', '?department=water', '?department=water&scope=330329', '?department[]=water', '?as=leader']) {
    const res = await send(`/api/queue${q}`)
    expect(res.status, q).toBe(200)
    const body = await res.json() as { department: string; items: { kind: string; id: number }[] }
    expect(body.department).toBe('market')
    expect(body.items.map((i) => `${i.kind} ${i.id}`).sort()).toEqual([`incident ${own.incident}`, `whistle ${own.whistle}`])
  }
})

test('the scoreboard is its own row whatever it asks for; townships\' rows are refused', async () => {
  for (const q of ['', '?by=department', '?by=department&department=water', '?by=department&unit=water', '?by=department&scope=330329', '?as=leader']) {
    const res = await send(`/api/scoreboard${q}`)
    expect(res.status, q).toBe(200)
    const body = await res.json() as { by: string; rows: { unit: { code: string } }[] }
    expect(body.by, q).toBe('department')
    expect(body.rows.map((r) => r.unit.code), q).toEqual(['market'])
  }
  for (const q of ['?by=township', '?by=township&scope=330329100']) expect((await send(`/api/scoreboard${q}`)).status, q).toBe(403)
})
