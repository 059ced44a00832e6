// OGC API – Features (/ogc) against the JSON API it stands beside, on both engines: the same records in the same
// order page by page, bbox/datetime/crs filters equal to the JSON list's own, EPSG:4490 answered latitude first,
// the reach and masking of the JSON lists per role, and every bad parameter a 4xx OGC exception.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ROUTES } from '../../api/auth/policy'
import { CGCS2000, CRS84 } from '../../api/ogc/crs'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertDispute, insertSite, insertWhistle } from '../support/fixtures'
import { pointInGrid } from '../support/points'

let t: TestApp
let officer: string
let wall: string
let gridWorker: string
const ids: Record<string, number[]> = { luoyangA: [], luoyangB: [], siqian: [] }
const LUOYANG = '330329100'
const SIQIAN = '330329101'
const HOUR = 3_600_000
/** Reports from 2026-09-01 on, every 37 hours, in three grids of two townships: past two month ends. */
const START = Date.parse('2026-09-01T00:00:00Z')

type Feature = { id: number | string; geometry: { type: string; coordinates: number[] } | null; properties: Record<string, unknown> }
type Page = { features: Feature[]; numberMatched?: number; numberReturned: number; links: { rel: string; href: string; type: string }[] }

/** Every feature of an items URL, following next links to the end; each page's numberMatched and numberReturned checked. */
async function walk(path: string, as?: string): Promise<Feature[]> {
  const all: Feature[] = []
  let url: string | null = path
  let matched: number | undefined
  while (url) {
    const { status, body } = await t.json(url, {}, as)
    expect(status, `${url}: ${JSON.stringify(body)}`).toBe(200)
    const page = body as Page
    expect(page.numberReturned).toBe(page.features.length)
    if (matched === undefined) matched = page.numberMatched
    else expect(page.numberMatched).toBe(matched)
    all.push(...page.features)
    const next = page.links.find((l) => l.rel === 'next')
    url = next ? next.href.replace(/^http:\/\/[^/]+/, '') : null
  }
  if (matched !== undefined) expect(all.length).toBe(matched)
  return all
}

/** The JSON list's ids, newest first (one page: the fixtures are few). */
async function listIds(path: string, as?: string): Promise<number[]> {
  const { status, body } = await t.json(path, {}, as)
  expect(status, JSON.stringify(body)).toBe(200)
  expect(body.next).toBeNull()
  return (body.features as Feature[]).map((f) => Number(f.id))
}

beforeAll(async () => {
  t = await testApp()
  officer = await t.token('township', { township: LUOYANG })
  wall = await t.token('wall')
  gridWorker = await t.token('grid', { township: LUOYANG, grids: [GRIDS.luoyangA] })
  const grids = { luoyangA: GRIDS.luoyangA, luoyangB: GRIDS.luoyangB, siqian: GRIDS.siqian } as const
  const keys = Object.keys(grids) as (keyof typeof grids)[]
  const saved = t.clock.now
  for (let i = 0; i < 36; i++) {
    const key = keys[i % 3]!
    t.clock.now = START + i * 37 * HOUR
    const res = await t.post('/api/incidents', {
      type: 'road-occupation', point: pointInGrid(t.locator, grids[key]), source: 'patrol',
      description: `OGC 测试 ${i}:联系 13812345678`, reporter: { name: '王小明', phone: '13912345678' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    ids[key]!.push(res.body.id as number)
  }
  t.clock.now = saved
  await insertDispute(t.store, { acceptedAt: saved - 2 * HOUR })
  await insertDispute(t.store, { acceptedAt: saved - 3 * HOUR, grid: GRIDS.siqian })
  await insertSite(t.store, { registeredAt: saved - 86_400_000, nextInspectionDue: saved + 86_400_000 })
  await insertWhistle(t.store, { whistledAt: saved - HOUR })
  await insertWhistle(t.store, { whistledAt: saved - 2 * HOUR, township: SIQIAN })
})
afterAll(async () => await t.close())

test('landing page, conformance and the OpenAPI document link up, and the document has every /ogc route of the policy table', async () => {
  const landing = await t.json('/ogc', {}, null)
  expect(landing.status).toBe(200)
  const rels = (landing.body.links as { rel: string }[]).map((l) => l.rel)
  expect(rels).toEqual(expect.arrayContaining(['self', 'alternate', 'service-desc', 'service-doc', 'conformance', 'data']))
  const conformance = await t.json('/ogc/conformance', {}, null)
  expect(conformance.body.conformsTo).toEqual(expect.arrayContaining([
    'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
    'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  ]))
  const api = await t.app.request('/ogc/api')
  expect(api.headers.get('Content-Type')).toBe('application/vnd.oai.openapi+json;version=3.0')
  const doc = await api.json() as { openapi: string; paths: Record<string, object> }
  expect(doc.openapi).toMatch(/^3\.0\./)
  const documented = Object.keys(doc.paths).map((p) => p.replace('{featureId}', ':fid')).sort()
  expect(documented).toEqual(ROUTES.filter((r) => r.path.startsWith('/ogc')).map((r) => r.path).sort())
})

test('the collections list shows each caller the collections it may read, with CRS84 and EPSG:4490', async () => {
  const idsOf = async (as: string | null) => ((await t.json('/ogc/collections', {}, as)).body.collections as { id: string }[]).map((c) => c.id)
  expect(await idsOf(null)).toEqual(['townships', 'villages', 'grids'])
  expect(await idsOf(t.leader)).toEqual(['townships', 'villages', 'grids', 'incidents', 'disputes', 'sites', 'whistles', 'alerts'])
  expect(await idsOf(gridWorker)).toEqual(['townships', 'villages', 'grids', 'incidents', 'disputes', 'sites', 'alerts'])
  const { body } = await t.json('/ogc/collections/incidents')
  expect(body.crs).toEqual([CRS84, CGCS2000])
  expect(body.storageCrs).toBe(CRS84)
  expect(body.extent.temporal.interval).toEqual([[null, null]])
  expect(body.links.map((l: { rel: string }) => l.rel)).toEqual(expect.arrayContaining(['self', 'items']))
})

test('a paging walk of the incidents equals the JSON list, feature for feature and in order', async () => {
  const json = (await t.json('/api/incidents?limit=5000')).body.features as Feature[]
  expect(json.length).toBe(36)
  const walked = await walk('/ogc/collections/incidents/items?limit=7')
  expect(walked.map((f) => f.id)).toEqual(json.map((f) => f.id))
  expect(walked).toEqual(json)
  const other = await walk('/ogc/collections/incidents/items?limit=5&township=330329100&status=reported')
  expect(other.map((f) => f.id)).toEqual(await listIds('/api/incidents?scope=330329100&status=reported'))
  const first = await t.json('/ogc/collections/incidents/items')
  expect(first.body.numberReturned).toBe(36) // the default page (100) holds them all
  expect(first.headers.get('Content-Type')).toBe('application/geo+json')
  expect(first.headers.get('Content-Crs')).toBe(`<${CRS84}>`)
})

test('bbox (CRS84 and bbox-crs EPSG:4490) and datetime filter as the JSON list\'s bbox, from and to', async () => {
  const a = pointInGrid(t.locator, GRIDS.luoyangA)
  const box = [a.lng - 0.0005, a.lat - 0.0005, a.lng + 0.0005, a.lat + 0.0005]
  const expected = await listIds(`/api/incidents?bbox=${box.join(',')}`)
  expect(expected.sort()).toEqual([...ids.luoyangA!].sort())
  const byBox = await walk(`/ogc/collections/incidents/items?limit=5&bbox=${box.join(',')}`)
  expect(byBox.map((f) => Number(f.id))).toEqual(await listIds(`/api/incidents?bbox=${box.join(',')}`))
  const latFirst = [box[1], box[0], box[3], box[2]].join(',')
  const by4490 = await walk(`/ogc/collections/incidents/items?bbox=${latFirst}&bbox-crs=${encodeURIComponent(CGCS2000)}`)
  expect(by4490.map((f) => f.id)).toEqual(byBox.map((f) => f.id))

  // An interval is closed: its end is in, as an instant is.
  const closed = await walk('/ogc/collections/incidents/items?datetime=2026-09-01T00:00:00Z/2026-09-30T23:59:59.999Z')
  expect(closed.map((f) => Number(f.id))).toEqual(await listIds('/api/incidents?from=2026-09-01T00:00:00Z&to=2026-10-01T00:00:00Z'))
  expect(closed.length).toBeGreaterThan(5)
  const openStart = await walk('/ogc/collections/incidents/items?datetime=../2026-10-01T00:00:00Z')
  expect(openStart.map((f) => f.id)).toEqual(closed.map((f) => f.id))
  const openEnd = await walk('/ogc/collections/incidents/items?datetime=2026-10-01T00:00:00Z/..')
  expect(openEnd.length + closed.length).toBe(36)
  const instant = await walk(`/ogc/collections/incidents/items?datetime=${new Date(START + 37 * HOUR).toISOString()}`)
  expect(instant.map((f) => Number(f.id))).toEqual([ids.luoyangB![0]])
  const bareDay = await walk('/ogc/collections/incidents/items?datetime=2026-09-01')
  expect(bareDay.map((f) => Number(f.id))).toEqual(await listIds('/api/incidents?from=2026-09-01&to=2026-09-02'))
})

test('crs=EPSG:4490 answers latitude first, on items, one item and boundaries; Content-Crs says which', async () => {
  const crs = encodeURIComponent(CGCS2000)
  const plain = await t.json('/ogc/collections/incidents/items?limit=3')
  const swapped = await t.json(`/ogc/collections/incidents/items?limit=3&crs=${crs}`)
  expect(swapped.headers.get('Content-Crs')).toBe(`<${CGCS2000}>`)
  const [lng, lat] = (plain.body.features[0] as Feature).geometry!.coordinates
  expect((swapped.body.features[0] as Feature).geometry!.coordinates).toEqual([lat, lng])
  expect(lat).toBeGreaterThan(27)
  expect(lng).toBeGreaterThan(119)
  const id = plain.body.features[0].id as number
  const one = await t.json(`/ogc/collections/incidents/items/${id}?crs=${crs}`)
  expect(one.status).toBe(200)
  expect(one.body.geometry.coordinates).toEqual([lat, lng])
  expect(one.body.properties).toEqual(plain.body.features[0].properties)
  const township = await t.json(`/ogc/collections/townships/items/330329100?crs=${crs}`, {}, null)
  const ring = township.body.geometry.coordinates[0] as number[][]
  expect(ring[0]![0]).toBeGreaterThan(27)
  expect(ring[0]![0]).toBeLessThan(28)
  expect(ring[0]![1]).toBeGreaterThan(119)
})

test('scope and masking per role: an officer reads its township only, a wall what a leader reads, and no feature carries personal data', async () => {
  const own = await walk('/ogc/collections/incidents/items?limit=10', officer)
  expect(own.map((f) => Number(f.id))).toEqual(await listIds('/api/incidents', officer))
  expect(new Set(own.map((f) => f.properties.township))).toEqual(new Set([LUOYANG]))
  for (const q of [`township=${SIQIAN}`, 'scope=330329', `grid=${GRIDS.siqian}`]) {
    const { status, body } = await t.json(`/ogc/collections/incidents/items?${q}`, {}, officer)
    expect(status, q).toBe(403)
    expect(body.code).toBe('forbidden_scope')
    expect(typeof body.description).toBe('string')
  }
  const foreign = await t.json(`/ogc/collections/incidents/items/${ids.siqian![0]}`, {}, officer)
  const unknown = await t.json('/ogc/collections/incidents/items/99999999', {}, officer)
  expect(foreign.status).toBe(404)
  expect(foreign.body.description).toBe(`no incident with id ${ids.siqian![0]}`)
  expect(unknown.status).toBe(404)
  expect((await t.json('/ogc/collections/whistles/items', {}, gridWorker)).status).toBe(403)
  expect((await t.json('/ogc/collections/incidents/items', {}, null)).status).toBe(401)

  const byWall = await walk('/ogc/collections/incidents/items?limit=50', wall)
  const byLeader = await walk('/ogc/collections/incidents/items?limit=50')
  expect(byWall).toEqual(byLeader)
  const text = JSON.stringify(byLeader)
  for (const personal of ['王小明', '13912345678', '13812345678', 'OGC 测试']) expect(text).not.toContain(personal)
  const item = JSON.stringify((await t.json(`/ogc/collections/incidents/items/${ids.luoyangA![0]}`)).body)
  for (const personal of ['王小明', '13912345678', 'description', 'reporter']) expect(item).not.toContain(personal)
})

test('disputes, sites, whistles and alerts read as their JSON lists; boundaries page in code order', async () => {
  for (const [kind, scope] of [['disputes', ''], ['sites', ''], ['whistles', ''], ['alerts', '']] as const) {
    const walked = await walk(`/ogc/collections/${kind}/items?limit=1${scope}`)
    expect(walked.map((f) => Number(f.id)), kind).toEqual(await listIds(`/api/${kind}?limit=5000`))
  }
  const disputes = await walk(`/ogc/collections/disputes/items?township=${SIQIAN}`)
  expect(disputes.length).toBe(1)
  const townships = await walk('/ogc/collections/townships/items?limit=4')
  expect(townships.length).toBe(19)
  expect(townships.map((f) => f.id)).toEqual([...townships.map((f) => f.id)].sort())
  const villages = await walk(`/ogc/collections/villages/items?township=${LUOYANG}&limit=10`)
  expect(villages.length).toBeGreaterThan(5)
  expect(villages.every((f) => f.properties.township === LUOYANG)).toBe(true)
  const a = pointInGrid(t.locator, GRIDS.luoyangA)
  const grids = await walk(`/ogc/collections/grids/items?bbox=${a.lng},${a.lat},${a.lng},${a.lat}`)
  expect(grids.map((f) => f.id)).toContain(GRIDS.luoyangA)
})

test('bbox on disputes (the drawn-selection filter) and on alerts (each page cut to the box, numberMatched left out)', async () => {
  // The dispute fixtures stand at 119.7, 27.55 whatever their grid.
  const near = await t.json('/ogc/collections/disputes/items?bbox=119.699,27.549,119.701,27.551')
  expect(near.body.numberMatched).toBe(2)
  expect(near.body.features.length).toBe(2)
  const far = await t.json('/ogc/collections/disputes/items?bbox=119.8,27.4,119.9,27.45')
  expect(far.body.numberMatched).toBe(0)

  const a = pointInGrid(t.locator, GRIDS.luoyangA)
  const raise = (grid: string) => t.store.alerts.insert({
    rule: 'spike', level: 'red', status: 'new', subject: `spike|${grid}|ogc`, county: '330329', township: grid.slice(0, 9), grid,
    lng: null, lat: null, evidence: JSON.stringify({ recordKind: 'incident', recordIds: [], count: 0 }), paramsVersion: 0,
    raisedAt: t.clock.now - HOUR, lastSeenAt: t.clock.now, closedAt: null, closeReason: null, updatedAt: t.clock.now,
  })
  const here = await raise(GRIDS.luoyangA)
  await raise(GRIDS.siqian)
  const all = await t.json('/ogc/collections/alerts/items')
  expect(all.body.numberMatched).toBe(2)
  const boxed = await t.json(`/ogc/collections/alerts/items?bbox=${a.lng},${a.lat},${a.lng},${a.lat}`)
  expect(boxed.body.features.map((f: Feature) => f.id)).toEqual([here])
  expect(boxed.body.numberMatched).toBeUndefined()
  expect(boxed.body.numberReturned).toBe(1)
})

test('HTML pages for the landing page, collections, items and one item: no script, values escaped', async () => {
  await t.post('/api/incidents', { type: 'road-occupation', point: pointInGrid(t.locator, GRIDS.luoyangA), source: 'patrol', description: '<script>alert(1)</script>' })
  for (const path of ['/ogc', '/ogc/conformance', '/ogc/api?f=html', '/ogc/collections', '/ogc/collections/incidents', '/ogc/collections/incidents/items?limit=3',
    `/ogc/collections/incidents/items/${ids.luoyangA![0]}`, '/ogc/collections/townships/items/330329100']) {
    const res = await t.app.request(path, { headers: { ...t.auth, Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } })
    const html = await res.text()
    expect(res.status, path).toBe(200)
    expect(res.headers.get('Content-Type'), path).toMatch(/^text\/html/)
    expect(html, path).not.toMatch(/<script|<style|\son[a-z]+=/i)
    expect(res.headers.get('Content-Security-Policy'), path).toContain("script-src 'self'")
  }
  const json = await t.app.request('/ogc/collections?f=json', { headers: { Accept: 'text/html' } })
  expect(json.headers.get('Content-Type')).toBe('application/json')
  for (const path of ['/ogc', '/ogc/collections/townships/items', '/ogc/collections/incidents/items']) {
    expect((await t.app.request(path, { headers: t.auth })).headers.get('Vary'), path).toMatch(/\bAccept\b/)
  }
})

test('every bad parameter is a 400 OGC exception naming the fix, and unknown paths a 404 one', async () => {
  const bad = [
    'bbox=1,2,3', 'bbox=a,b,c,d', 'bbox=120,27,119,28', 'bbox=119,27,120,91', `bbox=1,2,3,4&bbox-crs=${encodeURIComponent('EPSG:4326')}`,
    'crs=EPSG:4490', `crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/4326')}`,
    'datetime=yesterday', 'datetime=2026-10-01T00:00:00Z/2026-09-01T00:00:00Z', 'datetime=a/b/c', 'datetime=2026-02-30',
    'limit=0', 'limit=-1', 'limit=abc', 'limit=1.5', 'f=xml', 'cursor=nonsense', 'status=lost', 'category=%00',
    `township=${LUOYANG}&grid=${GRIDS.siqian}`, 'township=12', 'grid=330329100', 'scope=99',
  ]
  const wrong: string[] = []
  for (const q of bad) {
    const { status, body } = await t.json(`/ogc/collections/incidents/items?${q}`)
    if (status !== 400 || typeof body?.code !== 'string' || !(body.description?.length > 15)) wrong.push(`${q}: ${status} ${JSON.stringify(body)}`)
  }
  expect(wrong).toEqual([])
  expect((await t.json('/ogc/collections/sites/items?datetime=2026-09-01')).status).toBe(400)
  expect((await t.json('/ogc/collections/townships/items?datetime=2026-09-01', {}, null)).status).toBe(400)
  expect((await t.json('/ogc/collections/incidents/items?limit=50000')).status).toBe(200) // cut to the maximum, as OGC asks
  for (const path of ['/ogc/collections/nope', '/ogc/collections/incidents/items/abc', '/ogc/collections/townships/items/1', '/ogc/nothing']) {
    const { status, body } = await t.json(path)
    expect(status, path).toBe(404)
    expect(body.code, path).toBe('not_found')
  }
})
