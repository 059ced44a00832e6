// What `within=` costs a summary on SQLite: a 200-vertex selection over three adjacent grids of the busiest
// township, beside the same summary without it (which the day rollup answers for whole days) and beside the
// same summary scoped to one of those grids. Requests go through the real app as a county leader, one after
// another; `to` moves by 1 ms per request, so every request computes (the summary memo would answer a repeat).
// Not a timed test: read the figures beside their baseline, on the same machine.
//
//   node --import tsx bench/within.ts --db /tmp/onemap-bench/demo-1000000.db [--runs 50]
// The database is opened and migrated in place: point it at a copy of a shared one.
import { parseArgs } from 'node:util'
import { along, convex, featureCollection, length, union } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { createApp } from '../api/app'
import { loadRegions } from '../api/services/regions'
import { openStore } from '../api/store'
import { WITHIN_MAX_VERTICES, parseWithin } from '../domain/within'
import { quantile } from './stats'

const DAY = 86_400_000

/** The hull of the grids, with its outline resampled to exactly `n` vertices at equal steps. */
function outlineOf(grids: Feature<Polygon | MultiPolygon>[], n: number): Polygon {
  const merged = union(featureCollection(grids))!
  const hull = convex(merged)!
  const line = { type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: hull.geometry.coordinates[0]! } }
  const total = length(line)
  const ring = Array.from({ length: n }, (_, i) => along(line, (total * i) / n).geometry.coordinates.map((c) => Math.round(c * 1e6) / 1e6) as [number, number])
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] }
}

async function main() {
  const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string' } } })
  const path = values.db ?? '/tmp/onemap-bench/demo-1000000.db'
  const runs = Number(values.runs ?? 50)
  const store = await openStore(path)
  const now = (await store.sql.get<{ t: number }>('SELECT max(reported_at) AS t FROM incidents'))!.t + 1
  const regions = loadRegions()
  const { app, accounts } = await createApp({ regions, store, now: () => now })
  const auth = { Authorization: `Bearer ${(await accounts.createToken({ name: 'bench within leader', role: 'leader' }, null)).secret}` }

  // Three grids of one village of the busiest township, the busiest first.
  const busiest = await store.sql.all<{ grid: string; n: number }>(
    'SELECT grid, count(*) AS n FROM incidents GROUP BY grid ORDER BY n DESC LIMIT 1')
  const village = busiest[0]!.grid.slice(0, 12)
  const grids = regions.grids.features.filter((f) => String(f.properties.id).startsWith(village)).slice(0, 3) as Feature<Polygon | MultiPolygon>[]
  const polygon = outlineOf(grids, WITHIN_MAX_VERTICES)
  const checked = parseWithin(JSON.stringify(polygon))
  if (!checked.ok) throw new Error(`the bench's own selection is refused: ${checked.message}`)
  const within = `within=${encodeURIComponent(JSON.stringify(polygon))}`
  const grid = grids[0]!.properties!.id as string
  const inside = (await store.sql.all<{ lng: number; lat: number }>('SELECT lng, lat FROM incidents WHERE grid IN (?, ?, ?)', grids.map((g) => g.properties!.id))).length

  const from = new Date(now - 30 * DAY).toISOString()
  const cases = [
    ['summary county (30 d)', ''],
    [`summary county (30 d), within= ${WITHIN_MAX_VERTICES} vertices over 3 grids`, `&${within}`],
    [`summary grid ${grid} (30 d)`, `&scope=${grid}`],
    [`summary grid ${grid} (30 d), same within=`, `&scope=${grid}&${within}`],
  ] as const
  const rows = []
  for (const [name, query] of cases) {
    const times: number[] = []
    for (let i = 0; i < runs + 5; i++) {
      const to = new Date(now + 1 + i).toISOString()
      const t0 = performance.now()
      const res = await app.request(`/api/metrics/summary?from=${from}&to=${to}${query}`, { headers: auth })
      const text = await res.text()
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${text}`)
      if (i >= 5) times.push(performance.now() - t0)
    }
    rows.push({ case: name, 'p50 ms': quantile(times, 0.5).toFixed(1), 'p95 ms': quantile(times, 0.95).toFixed(1) })
  }
  const total = (await store.sql.get<{ n: number }>('SELECT count(*) AS n FROM incidents'))!.n
  console.log(`${path}: ${total} incidents; the 3 grids (${grids.map((g) => g.properties!.id).join(', ')}) hold ${inside}; ${runs} runs per case after 5 warm-up`)
  console.table(rows)
  await store.close()
}

await main()
