// The points tiles PostgreSQL encodes itself (ST_AsMVT) carry the same features as the process's encoder: the
// same seeded incidents in SQLite and in PostgreSQL, every zoom-14 tile with data built each way and decoded —
// same layer, same ids, same properties, each point within one pixel. The bounding box, spelt differently by the
// two engines (BETWEEN on SQLite, the GiST `&&` on PostgreSQL), selects the very same incidents.
// Runs on PostgreSQL only, and fails (never skips) without ONEMAP_TEST_PG_URL.
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { seedStore } from '../../api/seed/seed-store'
import type { Store } from '../../api/store'
import { openStore } from '../../api/store'
import type { PointsEncoder } from '../../api/tiles/incident-tiles'
import { INCIDENT_LAYER, buildPointsTile } from '../../api/tiles/incident-tiles'
import type { TileId } from '../../api/tiles/tile-math'
import { tileBbox, tileOf } from '../../api/tiles/tile-math'
import { INCIDENT_TILE_MAX_ZOOM } from '../../domain/incident-tiles'
import { freshStorePlace, testPostgresUrl, type StorePlace } from '../support/engine'

const NOW = Date.UTC(2026, 10, 1)
const SEED = { preset: 'demo', now: NOW, incidents: 8000 } as const

let places: StorePlace[] = []
let sqlite: Store
let pg: Store

beforeAll(async () => {
  testPostgresUrl()
  const [s, p] = await Promise.all([freshStorePlace('sqlite'), freshStorePlace('postgres')])
  places = [s, p]
  sqlite = await openStore(s.location)
  pg = await openStore(p.location)
  await seedStore(sqlite, SEED)
  await seedStore(pg, SEED)
}, 240_000)

afterAll(async () => {
  await sqlite?.close()
  await pg?.close()
  for (const place of places) await place.drop()
})

interface Drawn { props: Record<string, unknown>; x: number; y: number }

function decode(bytes: Uint8Array): Map<number, Drawn> {
  const layers = new VectorTile(new PbfReader(bytes)).layers
  expect(Object.keys(layers).filter((name) => name !== INCIDENT_LAYER)).toEqual([])
  const layer = layers[INCIDENT_LAYER]
  const features = new Map<number, Drawn>()
  if (!layer) return features
  expect(layer.extent).toBe(4096)
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i)
    const p = f.loadGeometry()[0]![0]!
    features.set(Number(f.id), { props: f.properties, x: p.x, y: p.y })
  }
  return features
}

async function tile(store: Store, t: TileId, encoder: PointsEncoder) {
  const built = await buildPointsTile(store.incidentTiles, { bbox: tileBbox(t) }, t, NOW, encoder)
  return built && decode(built.bytes)
}

test('ST_AsMVT gives the features of the process encoder, tile for tile', async () => {
  const rows = await pg.sql.all<{ lng: number; lat: number }>('SELECT lng, lat FROM incidents')
  const tiles = new Map<string, TileId>()
  for (const r of rows) { const t = tileOf(r.lng, r.lat, INCIDENT_TILE_MAX_ZOOM); tiles.set(`${t.x}/${t.y}`, t) }
  expect(tiles.size).toBeGreaterThan(50)
  let compared = 0
  for (const t of tiles.values()) {
    const reference = await tile(sqlite, t, 'process')
    const database = await tile(pg, t, 'database')
    const processOnPg = await tile(pg, t, 'process')
    expect(!!database, `tile ${t.x}/${t.y}: too many points on one side only`).toBe(!!reference)
    if (!reference || !database || !processOnPg) continue
    compared += reference.size
    expect([...database.keys()].sort(), `tile ${t.x}/${t.y}`).toEqual([...reference.keys()].sort())
    expect([...processOnPg.keys()].sort()).toEqual([...reference.keys()].sort())
    for (const [id, want] of reference) {
      const got = database.get(id)!
      expect(got.props, `incident ${id}`).toEqual(want.props)
      expect(Math.abs(got.x - want.x), `incident ${id} x`).toBeLessThanOrEqual(1)
      expect(Math.abs(got.y - want.y), `incident ${id} y`).toBeLessThanOrEqual(1)
    }
  }
  expect(compared).toBeGreaterThan(1000)
}, 240_000)

test('a box selects the same incidents on both engines, at its edges too', async () => {
  // Boxes whose edges run through incidents: the GiST `&&` alone compares float4 boxes and takes neighbours.
  const edges = await pg.sql.all<{ lng: number; lat: number }>('SELECT lng, lat FROM incidents ORDER BY id LIMIT 20')
  for (const e of edges) {
    for (const bbox of [[e.lng, e.lat, e.lng + 0.02, e.lat + 0.02], [e.lng - 0.02, e.lat - 0.02, e.lng, e.lat]] as [number, number, number, number][]) {
      const ids = async (store: Store) => (await store.incidents.list({ bbox }, 5000)).map((r) => r.id).sort((a, b) => a - b)
      expect(await ids(pg)).toEqual(await ids(sqlite))
      expect(await pg.incidents.count({ bbox })).toBe(await sqlite.incidents.count({ bbox }))
    }
  }
})
