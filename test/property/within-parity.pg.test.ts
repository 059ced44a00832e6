// Property test (fast-check): a selection picks the same records on both engines, edges and vertices included.
// PostgreSQL decides with PostGIS's ST_Intersects; SQLite with the box and domain/area-contains.ts. Points lie on
// a binary grid (multiples of 1/64 degree), and so do most selections' corners, so that many points fall exactly
// on an edge or a vertex and every side test is exact; a second property takes arbitrary doubles.
//
// Runs in the postgres project only (it needs both engines), and fails (never skips) without its cluster.
import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openStore } from '../../api/store'
import type { Store } from '../../api/store'
import { addArea, sql, where } from '../../api/store/where'
import { areaBbox, areaContains, ringSide } from '../../domain/area-contains'
import type { AreaGeometry } from '../../domain/area-contains'
import { checkWithin } from '../../domain/within'
import { T0 } from '../support/app'
import { freshStorePlace, testPostgresUrl } from '../support/engine'
import type { StorePlace } from '../support/engine'
import { insertIncident } from '../support/fixtures'

const SEED = 20261207
const SIDE = 33 // points per row and column of the grid
const X0 = 119.5
const Y0 = 27.25
const STEP = 1 / 64
const at = (i: number, j: number): [number, number] => [X0 + i * STEP, Y0 + j * STEP]

let places: StorePlace[] = []
let stores: Store[] = []
let points: [number, number][] = []

beforeAll(async () => {
  testPostgresUrl()
  places = await Promise.all([freshStorePlace('sqlite'), freshStorePlace('postgres')])
  stores = await Promise.all(places.map((p) => openStore(p.location)))
  points = Array.from({ length: SIDE * SIDE }, (_, k) => at(k % SIDE, Math.floor(k / SIDE)))
  // A few off the grid, anywhere in it.
  points.push(...fc.sample(fc.tuple(fc.double({ min: X0, max: X0 + 0.5, noNaN: true }), fc.double({ min: Y0, max: Y0 + 0.5, noNaN: true })), { numRuns: 300, seed: SEED }))
  for (const store of stores) {
    await store.sql.transaction(async () => {
      for (const [k, [lng, lat]] of points.entries()) {
        const id = await insertIncident(store, { reportedAt: T0 })
        expect(id).toBe(k + 1)
        await store.sql.run('UPDATE incidents SET lng = ?, lat = ? WHERE id = ?', [lng, lat, id])
      }
    })
  }
}, 120_000)

afterAll(async () => {
  for (const s of stores) await s.close()
  for (const p of places) await p.drop()
})

/** The ids each engine selects, and those domain/area-contains.ts selects from the same points. */
async function selected(g: AreaGeometry): Promise<{ sqlite: number[]; postgres: number[]; ts: number[] }> {
  const [sqlite, postgres] = await Promise.all(stores.map(async (store) => {
    const w = where()
    addArea(w, store.sql.dialect, { geojson: JSON.stringify(g), bbox: areaBbox(g) })
    return (await store.sql.all<{ id: number }>(`SELECT id FROM incidents ${sql(w)} ORDER BY id`, w.params)).map((r) => r.id)
  }))
  const ts = points.flatMap(([x, y], k) => (areaContains(g, x, y) ? [k + 1] : []))
  return { sqlite: sqlite!, postgres: postgres!, ts }
}

const gridCorner = fc.tuple(fc.integer({ min: -2, max: SIDE + 1 }), fc.integer({ min: -2, max: SIDE + 1 })).map(([i, j]) => at(i, j))
/** A valid selection (domain/within.ts) from random corners, or nothing. */
const validRing = (corner: fc.Arbitrary<[number, number]>) =>
  fc.array(corner, { minLength: 3, maxLength: 12 }).map((ring) => {
    const r = checkWithin({ type: 'Polygon', coordinates: [ring] })
    return r.ok ? r.polygon : null
  }).filter((p) => p !== null)

test('on the grid (edges and vertices hit exactly), both engines select what the TypeScript rule selects', async () => {
  let onEdges = 0
  await fc.assert(fc.asyncProperty(validRing(gridCorner), async (polygon) => {
    const got = await selected(polygon)
    expect(got.sqlite).toEqual(got.ts)
    expect(got.postgres).toEqual(got.ts)
    // How often a point lies on the boundary: it must be often, or the property tests little.
    onEdges += points.filter(([x, y]) => ringSide(polygon.coordinates[0], x, y) === 0).length
  }), { seed: SEED, numRuns: 150 })
  expect(onEdges).toBeGreaterThan(500)
}, 120_000)

test('a MultiPolygon (what a cut to the caller\'s area may give) selects the same on both engines', async () => {
  const left = fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: SIDE - 1 })).map(([i, j]) => at(i, j))
  const right = fc.tuple(fc.integer({ min: 17, max: SIDE - 1 }), fc.integer({ min: 0, max: SIDE - 1 })).map(([i, j]) => at(i, j))
  await fc.assert(fc.asyncProperty(validRing(left), validRing(right), async (a, b) => {
    const got = await selected({ type: 'MultiPolygon', coordinates: [a.coordinates, b.coordinates] })
    expect(got.sqlite).toEqual(got.ts)
    expect(got.postgres).toEqual(got.ts)
  }), { seed: SEED + 1, numRuns: 60 })
}, 120_000)

test('arbitrary doubles: both engines agree', async () => {
  const anywhere = fc.tuple(fc.double({ min: X0 - 0.05, max: X0 + 0.55, noNaN: true }), fc.double({ min: Y0 - 0.05, max: Y0 + 0.55, noNaN: true }))
  await fc.assert(fc.asyncProperty(validRing(anywhere), async (polygon) => {
    const got = await selected(polygon)
    expect(got.sqlite).toEqual(got.ts)
    expect(got.postgres).toEqual(got.ts)
  }), { seed: SEED + 2, numRuns: 100 })
}, 120_000)
