import { gunzipSync } from 'node:zlib'
import { booleanPointInPolygon } from '@turf/turf'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'

let t: TestApp
let app: TestApp['app']
beforeAll(async () => { t = await testApp(); app = t.app })
afterAll(async () => await t.close())

test('county and townships are RFC 7946 FeatureCollections with ETags', async () => {
  const county = await app.request('/api/regions/county')
  expect(county.status).toBe(200)
  expect(county.headers.get('content-type')).toMatch(/application\/geo\+json/)
  expect((await county.json()).features).toHaveLength(1)

  const res = await app.request('/api/regions/townships')
  const body = await res.json()
  expect(body.type).toBe('FeatureCollection')
  expect(body.features).toHaveLength(19)
  const etag = res.headers.get('etag')
  expect(etag).toBeTruthy()
  const again = await app.request('/api/regions/townships', { headers: { 'If-None-Match': etag! } })
  expect(again.status).toBe(304)
})

test('each township and grid says where its name goes: a point inside it, away from a seat that is off-centre', async () => {
  const grids = await (await app.request('/api/regions/grids')).json()
  const body = await (await app.request('/api/regions/townships')).json()
  expect(grids.features.length).toBeGreaterThan(700)
  for (const f of [...body.features, ...grids.features]) {
    expect(booleanPointInPolygon(f.properties.labelAt, f), f.properties.name).toBe(true)
  }
  // The seats bunch up in the middle of the county; the label points are their areas' centres, not the seats.
  expect(body.features.filter((f: { properties: { labelAt: number[]; seat: number[] } }) => f.properties.labelAt.join() !== f.properties.seat.join()).length).toBe(19)
})

test('responses are compressed when the client accepts it: the same body, the same ETag', async () => {
  const plain = await app.request('/api/regions/grids')
  expect(plain.headers.get('content-encoding')).toBeNull()
  const res = await app.request('/api/regions/grids', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
  expect(res.headers.get('content-encoding')).toBe('gzip')
  expect(res.headers.get('vary')).toMatch(/Accept-Encoding/)
  expect(res.headers.get('etag')).toBe(plain.headers.get('etag'))
  const zipped = Buffer.from(await res.arrayBuffer())
  expect(gunzipSync(zipped).toString('utf8')).toBe(await plain.text())
  // Refused by quality 0: the plain body.
  const refused = await app.request('/api/regions/grids', { headers: { 'Accept-Encoding': 'gzip;q=0, identity' } })
  expect(refused.headers.get('content-encoding')).toBeNull()
})

test('a copy is current by weak comparison: a weakened ETag, a list or * answer 304, another ETag the body', async () => {
  const etag = (await app.request('/api/regions/county')).headers.get('etag')!
  for (const sent of [`W/${etag}`, `"other", ${etag}`, '*']) {
    expect((await app.request('/api/regions/county', { headers: { 'If-None-Match': sent } })).status, sent).toBe(304)
  }
  expect((await app.request('/api/regions/county', { headers: { 'If-None-Match': '"other"' } })).status).toBe(200)
})

test('villages and grids filter by township and village', async () => {
  const villages = await (await app.request('/api/regions/villages?township=330329100')).json()
  expect(villages.features.length).toBe(70)
  expect(villages.features.every((f: { properties: { township: string } }) => f.properties.township === '330329100')).toBe(true)
  const grids = await (await app.request('/api/regions/grids?village=330329100005')).json()
  expect(grids.features.length).toBeGreaterThanOrEqual(1)
  expect(grids.features.every((f: { properties: { village: string } }) => f.properties.village === '330329100005')).toBe(true)
})

test('an unknown township or village is a 422 that says where to find valid codes', async () => {
  const res = await app.request('/api/regions/villages?township=330329999')
  expect(res.status).toBe(422)
  const body = await res.json()
  expect(body.error.code).toBe('unknown_region')
  expect(body.error.message).toMatch(/330329999.*\/api\/regions\/townships/)
})

test('an unknown API path is a JSON 404 to a signed-in principal, and 401 to anyone else (the API is not mapped for strangers)', async () => {
  const res = await app.request('/api/nope', { headers: t.auth })
  expect(res.status).toBe(404)
  expect((await res.json()).error.code).toBe('not_found')
  const anonymous = await app.request('/api/nope')
  expect(anonymous.status).toBe(401)
  expect((await anonymous.json()).error.code).toBe('unauthenticated')
})

test('grid heads and workers leave the server masked', async () => {
  const body = await (await app.request('/api/regions/grids?village=330329100005')).json()
  for (const f of body.features) {
    expect(f.properties.gridHead.name).toMatch(/^.\*+$/)
    expect(f.properties.gridHead.phone).toMatch(/^\d{3}\*{4}\d{4}$/)
    expect(f.properties.gridWorker.phone).toMatch(/^\d{3}\*{4}\d{4}$/)
  }
})
