// /api/tiles: every incident tile, decoded, must hold exactly the incidents the store selects for the tile's box
// (clusters by their counts and status mix, points by id), at the zooms of each building path: the cell pyramid
// (≤ 12), the SQL lattice (13) and points (≥ 14). A POSTed incident must show in the tiles that hold it at once.
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { OPEN_INCIDENT_STATUSES } from '../../domain/incident'
import { isOneOf } from '../../domain/label'
import { createApp } from '../../api/app'
import { seedStore } from '../../api/seed/seed-store'
import { loadRegions } from '../../api/services/regions'
import { openStore } from '../../api/store'
import type { Store } from '../../api/store'
import { tileBbox, tileOf } from '../../api/tiles/tile-math'
import type { TileId } from '../../api/tiles/tile-math'
import { freshStorePlace } from '../support/engine'
import type { StorePlace } from '../support/engine'

const NOW = Date.parse('2026-11-27T02:00:00Z')
const LUOYANG = { lng: 119.708034, lat: 27.559551 }
let place: StorePlace
let store: Store
let onemap: Awaited<ReturnType<typeof createApp>>
const range = `from=${new Date(NOW - 90 * 86_400_000).toISOString()}&to=${new Date(NOW + 3_600_000).toISOString()}`

beforeAll(async () => {
  place = await freshStorePlace()
  store = await openStore(place.location)
  await seedStore(store, { preset: 'demo', now: NOW, incidents: 4000 })
  onemap = await createApp({ regions: loadRegions(), store, now: () => NOW })
  leader = (await onemap.accounts.createToken({ name: 'tiles test leader', role: 'leader', township: null, grids: [] }, null)).secret
}, 120_000)
/** As a county leader (every incident in the county is theirs to see); access itself is the access matrix's test. */
let leader: string
const request = async (path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers)
  headers.set('Authorization', `Bearer ${leader}`)
  return onemap.app.request(path, { ...init, headers })
}
afterAll(async () => { await store.close(); await place.drop() })

interface Decoded { id: number | undefined; props: Record<string, unknown> }

async function tile(path: string, headers: Record<string, string> = {}) {
  const res = await request(path, { headers })
  const buf = new Uint8Array(await res.arrayBuffer())
  return { res, buf }
}

function decode(buf: Uint8Array, layer: string): Decoded[] {
  const vt = new VectorTile(new PbfReader(buf))
  const l = vt.layers[layer]
  if (!l) return []
  const out: Decoded[] = []
  for (let i = 0; i < l.length; i++) {
    const f = l.feature(i)
    expect(f.type).toBe(layer === 'incidents' ? 1 : 3)
    out.push({ id: f.id, props: f.properties })
  }
  return out
}

const incidentTile = async (t: TileId, params = range) => decode((await tile(`/api/tiles/incidents/${t.z}/${t.x}/${t.y}.mvt?${params}`)).buf, 'incidents')

/** The store's answer for a tile's box: every incident feature /api/incidents returns, paged. */
async function listed(t: TileId, params = range) {
  const features: { id: number; properties: Record<string, unknown> }[] = []
  let cursor: string | null = null
  do {
    const res = await request(`/api/incidents?${params}&bbox=${tileBbox(t).join(',')}&limit=5000${cursor ? `&cursor=${cursor}` : ''}`)
    const page = await res.json() as { features: typeof features; next: string | null }
    features.push(...page.features)
    cursor = page.next
  } while (cursor)
  return features
}

const group = (p: Record<string, unknown>) => (p.overdue === true ? 2 : isOneOf(OPEN_INCIDENT_STATUSES, p.status) ? 1 : 0)

/** Sums a decoded incident tile: incidents, open (not overdue) and overdue, and the ids of its single points. */
function totals(features: Decoded[]) {
  let n = 0, open = 0, overdue = 0
  const ids: number[] = []
  for (const f of features) {
    if (typeof f.props.point_count === 'number') {
      n += f.props.point_count; open += Number(f.props.open); overdue += Number(f.props.overdue)
      expect(f.props.point_count).toBeGreaterThan(1)
    } else {
      n++; ids.push(Number(f.props.id))
      expect(f.id).toBe(f.props.id)
      if (f.props.g === 1) open++
      if (f.props.g === 2) overdue++
    }
  }
  return { n, open, overdue, ids }
}

async function expectTileMatchesStore(t: TileId, params = range) {
  const [features, rows] = await Promise.all([incidentTile(t, params), listed(t, params)])
  const got = totals(features)
  expect(got.n, `incidents in ${t.z}/${t.x}/${t.y}`).toBe(rows.length)
  expect(got.open).toBe(rows.filter((r) => group(r.properties) === 1).length)
  expect(got.overdue).toBe(rows.filter((r) => group(r.properties) === 2).length)
  const rowIds = new Set(rows.map((r) => r.id))
  for (const id of got.ids) expect(rowIds.has(id)).toBe(true)
  return { got, rows }
}

test('clustered tiles (pyramid zooms 8–12, SQL lattice at 13) hold exactly the store\'s incidents for their box', async () => {
  for (const z of [8, 10, 12, 13]) {
    const { got, rows } = await expectTileMatchesStore(tileOf(LUOYANG.lng, LUOYANG.lat, z))
    expect(rows.length).toBeGreaterThan(0)
    // Never raw points at low zoom: a county view's tile is a handful of discs.
    if (z <= 10) expect(got.ids.length).toBeLessThan(rows.length / 4)
  }
})

test('the tiles of the county at zoom 9 together hold every incident in range, none twice', async () => {
  const a = tileOf(119.44, 27.81, 9), b = tileOf(120.25, 27.29, 9)
  let sum = 0
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) sum += totals(await incidentTile({ z: 9, x, y })).n
  const count = (await (await request(`/api/tiles/incidents.json?${range}`)).json()) as { count: number; tiles: string[] }
  expect(sum).toBe(count.count)
  expect(count.count).toBe(await store.incidents.count({ from: NOW - 90 * 86_400_000, to: NOW + 3_600_000 }))
  expect(count.tiles[0]).toBe(`/api/tiles/incidents/{z}/{x}/{y}.mvt?${range}`)
})

test('from zoom 14 a tile carries the points themselves, with the properties the map and drawer read', async () => {
  const t = tileOf(LUOYANG.lng, LUOYANG.lat, 14)
  const { got, rows } = await expectTileMatchesStore(t)
  expect(got.ids.sort()).toEqual(rows.map((r) => r.id).sort())
  const one = (await incidentTile(t))[0]!
  expect(one.props).toEqual({ id: expect.any(Number), status: expect.any(String), severity: expect.any(String), category: expect.any(String), g: expect.any(Number) })
})

test('filters narrow the tiles as they narrow /api/incidents', async () => {
  const t = tileOf(LUOYANG.lng, LUOYANG.lat, 10)
  const params = `${range}&status=reported,accepted&severity=urgent,critical&scope=330329100`
  const { rows } = await expectTileMatchesStore(t, params)
  expect(rows.length).toBeGreaterThan(0)
  expect(rows.length).toBeLessThan((await listed(t)).length)
})

test('a POSTed incident is in its tiles at once, at every zoom; the ETag changes and the count follows', async () => {
  const tiles = [8, 11, 13, 15].map((z) => tileOf(LUOYANG.lng, LUOYANG.lat, z))
  const before = await Promise.all(tiles.map(async (t) => {
    const { res, buf } = await tile(`/api/tiles/incidents/${t.z}/${t.x}/${t.y}.mvt?${range}`)
    return { etag: res.headers.get('etag'), n: totals(decode(buf, 'incidents')).n }
  }))
  const countBefore = ((await (await request(`/api/tiles/incidents.json?${range}`)).json()) as { count: number }).count
  const created = await request('/api/incidents', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'road-occupation', point: LUOYANG, description: '瓦片测试', source: 'patrol', severity: 'urgent' }),
  })
  expect(created.status).toBe(201)
  const { id } = await created.json() as { id: number }
  for (const [i, t] of tiles.entries()) {
    const { res, buf } = await tile(`/api/tiles/incidents/${t.z}/${t.x}/${t.y}.mvt?${range}`)
    expect(res.headers.get('etag')).not.toBe(before[i]!.etag)
    expect(totals(decode(buf, 'incidents')).n, `zoom ${t.z}`).toBe(before[i]!.n + 1)
  }
  expect(totals(await incidentTile(tiles[3]!)).ids).toContain(id)
  await expectTileMatchesStore(tiles[1]!)
  expect(((await (await request(`/api/tiles/incidents.json?${range}`)).json()) as { count: number }).count).toBe(countBefore + 1)
})

test('tiles are MVT, gzipped when asked, with an ETag that answers 304', async () => {
  const t = tileOf(LUOYANG.lng, LUOYANG.lat, 12)
  const path = `/api/tiles/incidents/${t.z}/${t.x}/${t.y}.mvt?${range}`
  const plain = await tile(path)
  expect(plain.res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile')
  // Private and revalidated: the tile depends on who asks (their area), and a 304 costs little.
  expect(plain.res.headers.get('cache-control')).toBe('private, no-cache')
  const zipped = await tile(path, { 'Accept-Encoding': 'gzip' })
  expect(zipped.res.headers.get('content-encoding')).toBe('gzip')
  expect(Buffer.from(gunzipSync(zipped.buf)).equals(Buffer.from(plain.buf))).toBe(true)
  const again = await request(path, { headers: { 'If-None-Match': plain.res.headers.get('etag')! } })
  expect(again.status).toBe(304)
})

test('grid and village tiles hold the boundaries that cross them, with integer ids equal to the region code', async () => {
  const t = tileOf(LUOYANG.lng, LUOYANG.lat, 13)
  const grids = decode((await tile(`/api/tiles/grids/${t.z}/${t.x}/${t.y}.mvt`)).buf, 'grids')
  expect(grids.length).toBeGreaterThan(0)
  for (const g of grids) {
    expect(String(g.id)).toBe(g.props.id)
    expect(g.props).toMatchObject({ name: expect.any(String), township: expect.stringMatching(/^\d{9}$/) })
  }
  // The grid under 罗阳镇's seat (test/support/fixtures.ts GRIDS.luoyangA) is in the tile that holds the seat.
  expect(grids.map((g) => g.props.id)).toContain('33032910000501')
  const villages = decode((await tile(`/api/tiles/villages/9/${tileOf(LUOYANG.lng, LUOYANG.lat, 9).x}/${tileOf(LUOYANG.lng, LUOYANG.lat, 9).y}.mvt`)).buf, 'villages')
  expect(villages.length).toBeGreaterThan(10)
  // Far from Taishun there is nothing, and that is an empty tile, not an error.
  const empty = await tile('/api/tiles/grids/5/0/0.mvt')
  expect(empty.res.status).toBe(200)
  expect(decode(empty.buf, 'grids')).toEqual([])
})

test('bad tile requests are 4xx with a clear message', async () => {
  const cases: [string, number, string][] = [
    ['/api/tiles/roads/10/852/430.mvt', 404, 'unknown_layer'],
    ['/api/tiles/grids/23/0/0.mvt', 400, 'invalid_tile'],
    ['/api/tiles/grids/3/8/0.mvt', 400, 'invalid_tile'],
    ['/api/tiles/grids/3/0/8.mvt', 400, 'invalid_tile'],
    ['/api/tiles/grids/3/-1/0.mvt', 400, 'invalid_tile'],
    ['/api/tiles/grids/3/0/0.png', 400, 'invalid_tile'],
    ['/api/tiles/grids/x/0/0.mvt', 400, 'invalid_tile'],
    [`/api/tiles/incidents/10/852/430.mvt?from=yesterday`, 400, 'invalid_date'],
    [`/api/tiles/incidents/10/852/430.mvt?${range}&status=lost`, 422, 'unknown_value'],
    [`/api/tiles/incidents/10/852/430.mvt?scope=12`, 400, 'invalid_scope'],
    [`/api/tiles/incidents.json?overdue=maybe`, 400, 'bad_request'],
  ]
  for (const [path, status, code] of cases) {
    const res = await request(path)
    expect(res.status, path).toBe(status)
    const body = await res.json() as { error: { code: string; message: string } }
    expect(body.error.code, path).toBe(code)
    expect(body.error.message.length).toBeGreaterThan(10)
  }
})
