// `within=`: a drawn selection on every list, figure and tile route that takes `scope`. Each answer is held
// against a recomputation from the raw rows with turf's booleanPointInPolygon (edges included, as the store
// decides them); a township officer's selection is cut to their township; every refusal has its message.
import { booleanPointInPolygon } from '@turf/turf'
import type { Polygon } from 'geojson'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { seedStore } from '../../api/seed/seed-store'
import { loadRegions } from '../../api/services/regions'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'

const NOW = Date.parse('2026-11-27T02:00:00Z')
const LUOYANG = '330329100'

/** A regular n-gon around a centre (degrees), closed. */
function ngon(n: number, [x, y]: [number, number], r: number): Polygon {
  const ring = Array.from({ length: n }, (_, i): [number, number] => {
    const a = (2 * Math.PI * i) / n
    return [Math.round((x + r * Math.cos(a)) * 1e6) / 1e6, Math.round((y + r * Math.sin(a)) * 1e6) / 1e6]
  })
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] }
}

// Around a corner of 罗阳镇's boundary, so that it takes in parts of its neighbours too.
const luoyang = loadRegions().townships.features.find((f) => f.properties.id === LUOYANG)!.geometry as Polygon
const corner = luoyang.coordinates[0]![0]! as [number, number]
const SELECTION = ngon(9, corner, 0.06)
const within = (p: Polygon) => `within=${encodeURIComponent(JSON.stringify(p))}`

let t: TestApp
let period: string
let rows: { id: number; lng: number; lat: number; township: string; reportedAt: number }[]

beforeAll(async () => {
  t = await testApp(NOW)
  const seeded = await seedStore(t.store, { preset: 'demo', now: NOW, incidents: 3000 })
  period = `from=${new Date(seeded.period.from).toISOString()}&to=${new Date(NOW + 1).toISOString()}`
  rows = await t.store.sql.all('SELECT id, lng, lat, township, reported_at AS reportedAt FROM incidents ORDER BY id')
}, 180_000)
afterAll(async () => await t.close())

const inside = (p: Polygon) => (r: { lng: number; lat: number }) => booleanPointInPolygon([r.lng, r.lat], p)

/** Every feature of a list, following its `next` links. */
async function all(path: string, as?: string): Promise<{ id: number }[]> {
  const out: { id: number }[] = []
  let next: string | null = path
  while (next) {
    const res = await t.json(next, {}, as)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    out.push(...res.body.features.map((f: { id: number; properties: { id: number } }) => ({ id: f.properties?.id ?? f.id })))
    next = /<([^>]+)>; rel="next"/.exec(res.headers.get('Link') ?? '')?.[1] ?? null
  }
  return out
}
const ids = (list: { id: number }[]) => list.map((r) => r.id).sort((a, b) => a - b)

describe('lists', () => {
  test('incidents: exactly the rows whose point lies in the selection', async () => {
    const expected = rows.filter(inside(SELECTION)).map((r) => r.id)
    expect(expected.length).toBeGreaterThan(20)
    expect(expected.length).toBeLessThan(rows.length)
    expect(ids(await all(`/api/incidents?${within(SELECTION)}&limit=500`))).toEqual(expected)
    expect(ids(await all(`/api/incidents?${within(SELECTION)}&fields=map`))).toEqual(expected)
  })

  test('a selection smaller than a city block (its box read through the spatial index) selects the same way', async () => {
    const target = rows[Math.floor(rows.length / 2)]!
    const tiny = ngon(8, [target.lng, target.lat], 0.0004)
    const expected = rows.filter(inside(tiny)).map((r) => r.id)
    expect(expected).toContain(target.id)
    expect(ids(await all(`/api/incidents?${within(tiny)}`))).toEqual(expected)
  })

  test('disputes and sites: the rows whose point lies in the selection', async () => {
    for (const [table, path] of [['disputes', '/api/disputes'], ['sites', '/api/sites']] as const) {
      const raw = await t.store.sql.all<{ id: number; lng: number; lat: number }>(`SELECT id, lng, lat FROM ${table} ORDER BY id`)
      const expected = raw.filter(inside(SELECTION)).map((r) => r.id)
      expect(expected.length, table).toBeGreaterThan(0)
      expect(ids(await all(`${path}?${within(SELECTION)}`)), table).toEqual(expected)
    }
  })

  test('whistles: the calls whose linked incident lies in the selection (a call without one is in none)', async () => {
    const raw = await t.store.sql.all<{ id: number; lng: number | null; lat: number | null }>(
      'SELECT w.id, i.lng, i.lat FROM whistles w LEFT JOIN incidents i ON i.id = w.incident_id ORDER BY w.id')
    const expected = raw.filter((r) => r.lng !== null && inside(SELECTION)(r as { lng: number; lat: number })).map((r) => r.id)
    expect(raw.some((r) => r.lng === null)).toBe(true)
    expect(ids(await all(`/api/whistles?${within(SELECTION)}`))).toEqual(expected)
  })
})

describe('figures', () => {
  const inPeriod = (r: { reportedAt: number }, from: number) => r.reportedAt >= from && r.reportedAt <= NOW

  test('summary: reports are the raw rows in the selection and the period; the parts add up to it', async () => {
    const summary = await t.json(`/api/metrics/summary?${period}&${within(SELECTION)}`)
    expect(summary.status).toBe(200)
    const from = Date.parse(summary.body.from)
    expect(summary.body.metrics.reports).toBe(rows.filter((r) => inside(SELECTION)(r) && inPeriod(r, from)).length)
    const whole = await t.json(`/api/metrics/summary?${period}`)
    expect(summary.body.metrics.reports).toBeLessThan(whole.body.metrics.reports)

    // By township, by grid (breakdown and choropleth) and by day: each sums to the summary.
    const byTownship = await t.json(`/api/metrics/breakdown?metric=reports&by=township&${period}&${within(SELECTION)}`)
    const sum = (values: (number | null)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0)
    expect(sum(byTownship.body.items.map((i: { value: number }) => i.value))).toBe(summary.body.metrics.reports)
    expect(byTownship.body.items.length).toBeGreaterThan(1)
    const grids = await t.json(`/api/metrics/choropleth?level=grid&metric=reports&${period}&${within(SELECTION)}`)
    expect(sum(Object.values(grids.body.values))).toBe(summary.body.metrics.reports)
    for (const metric of ['open', 'disputes', 'sites', 'whistles'] as const) {
      const parts = await t.json(`/api/metrics/choropleth?level=township&metric=${metric}&${period}&${within(SELECTION)}`)
      expect(sum(Object.values(parts.body.values)), metric).toBe(summary.body.metrics[metric])
    }
    const series = await t.json(`/api/metrics/timeseries?metric=reports&interval=month&${period}&${within(SELECTION)}`)
    expect(sum(series.body.points.map((p: { value: number }) => p.value))).toBe(summary.body.metrics.reports)
  })

  test('summary: open incidents, disputes, sites and whistles in the selection match the raw rows', async () => {
    const summary = await t.json(`/api/metrics/summary?${period}&${within(SELECTION)}`)
    const from = Date.parse(summary.body.from)
    const open = await t.store.sql.all<{ lng: number; lat: number }>(
      "SELECT lng, lat FROM incidents WHERE status NOT IN ('resolved', 'archived', 'returned')")
    expect(summary.body.metrics.open).toBe(open.filter(inside(SELECTION)).length)
    const disputes = await t.store.sql.all<{ lng: number; lat: number }>('SELECT lng, lat FROM disputes WHERE accepted_at >= ? AND accepted_at <= ?', [from, NOW])
    expect(summary.body.metrics.disputes).toBe(disputes.filter(inside(SELECTION)).length)
    const sites = await t.store.sql.all<{ lng: number; lat: number }>('SELECT lng, lat FROM sites WHERE registered_at <= ?', [NOW])
    expect(summary.body.metrics.sites).toBe(sites.filter(inside(SELECTION)).length)
    const whistles = await t.store.sql.all<{ lng: number; lat: number }>(
      'SELECT i.lng, i.lat FROM whistles w JOIN incidents i ON i.id = w.incident_id WHERE w.whistled_at >= ? AND w.whistled_at <= ?', [from, NOW])
    expect(summary.body.metrics.whistles).toBe(whistles.filter(inside(SELECTION)).length)
  })

  test('a different selection is a different memo entry', async () => {
    const small = ngon(6, corner, 0.02)
    const a = await t.json(`/api/metrics/summary?${period}&${within(SELECTION)}`)
    const b = await t.json(`/api/metrics/summary?${period}&${within(small)}`)
    expect(b.body.metrics.reports).toBe(rows.filter((r) => inside(small)(r) && r.reportedAt >= Date.parse(b.body.from)).length)
    expect(b.body.metrics.reports).toBeLessThan(a.body.metrics.reports)
  })
})

describe('tiles', () => {
  test('the TileJSON counts the incidents in the selection, and its tiles carry the parameter', async () => {
    const res = await t.json(`/api/tiles/incidents.json?${within(SELECTION)}`)
    expect(res.status).toBe(200)
    expect(res.body.count).toBe(rows.filter(inside(SELECTION)).length)
    expect(res.body.tiles[0]).toContain('within=')
    const whole = await t.json('/api/tiles/incidents.json')
    expect(whole.body.count).toBe(rows.length)
  })
})

describe('the caller\'s area', () => {
  test('a township officer\'s selection is cut to their township', async () => {
    const officer = await t.token('township', { township: LUOYANG })
    const spread = new Set(rows.filter(inside(SELECTION)).map((r) => r.township))
    expect(spread.size).toBeGreaterThan(1)
    const expected = rows.filter((r) => r.township === LUOYANG && inside(SELECTION)(r)).map((r) => r.id)
    expect(ids(await all(`/api/incidents?${within(SELECTION)}`, officer))).toEqual(expected)
    // Scoped to the county, the cut still holds (and the county scope itself is refused as outside).
    const summary = await t.json(`/api/metrics/summary?${period}&${within(SELECTION)}`, {}, officer)
    expect(summary.body.metrics.reports).toBe(rows.filter((r) => r.township === LUOYANG && inside(SELECTION)(r) &&
      r.reportedAt >= Date.parse(summary.body.from)).length)
  })

  test('a grid worker\'s selection is cut to their grids', async () => {
    const raw = await t.store.sql.all<{ id: number; lng: number; lat: number; grid: string }>('SELECT id, lng, lat, grid FROM incidents ORDER BY id')
    const counts = new Map<string, number>()
    for (const r of raw.filter(inside(SELECTION))) counts.set(r.grid, (counts.get(r.grid) ?? 0) + 1)
    const busiest = [...counts].filter(([g]) => g.startsWith(LUOYANG)).sort((a, b) => b[1] - a[1])[0]![0]
    const elsewhere = raw.find((r) => r.grid.startsWith(LUOYANG) && !counts.has(r.grid))!.grid
    const mine = [busiest, elsewhere]
    const worker = await t.token('grid', { township: LUOYANG, grids: mine })
    const expected = raw.filter((r) => r.grid === mine[0] && inside(SELECTION)(r)).map((r) => r.id)
    expect(expected.length).toBeGreaterThan(0)
    expect(ids(await all(`/api/incidents?scope=${mine[0]}&${within(SELECTION)}`, worker))).toEqual(expected)
    // Scoped to their other grid, which the selection misses: an empty page, not a refusal (it meets their area).
    expect(await all(`/api/incidents?scope=${mine[1]}&${within(SELECTION)}`, worker)).toEqual([])
  })
})

describe('refusals', () => {
  const refused = async (query: string, as?: string) => {
    const res = await t.json(`/api/incidents?${query}`, {}, as)
    return { status: res.status, ...res.body.error }
  }

  test.each([
    ['bad JSON', 'within=%7B', /^within is not JSON: send a GeoJSON Polygon geometry/],
    ['not a polygon', `within=${encodeURIComponent('{"type":"Point","coordinates":[119.7,27.5]}')}`, /^within is a Point: send a GeoJSON Polygon geometry/],
    ['more than 200 vertices', within(ngon(201, [119.708, 27.5596], 0.05)), /^within has 201 vertices \(the closing position not counted\); at most 200: simplify the outline$/],
    ['self-intersecting', within({ type: 'Polygon', coordinates: [[[119.7, 27.5], [119.8, 27.6], [119.8, 27.5], [119.7, 27.6], [119.7, 27.5]]] }),
      /^within's outline crosses or touches itself \(edges 1 and 3\): draw it without crossing its own line$/],
    ['outside the county', within(ngon(5, [121.0, 30.0], 0.1)), /^within lies wholly outside 泰顺县: draw the selection on the county/],
    ['a number beyond a double', `within=${encodeURIComponent('{"type":"Polygon","coordinates":[[[1e400,27.5],[119.8,27.5],[119.8,27.6]]]}')}`, /^within's position 1 is not \[lng, lat\]/],
    ['deep nesting', `within=${encodeURIComponent(`{"type":"Polygon","coordinates":${'['.repeat(2000)}${']'.repeat(2000)}}`)}`, /^within's position 1 is not \[lng, lat\]|^within has/],
    ['a prototype key', `within=${encodeURIComponent('{"__proto__":{"type":"Polygon"},"coordinates":[]}')}`, /^within is not a GeoJSON geometry/],
  ])('422 for %s, naming the problem and the fix', async (_, query, message) => {
    const res = await refused(query)
    expect(res).toMatchObject({ status: 422, code: 'invalid_within' })
    expect(res.message).toMatch(message)
  })

  test('the same 422 on every route that takes within', async () => {
    for (const path of ['/api/disputes?', '/api/sites?', '/api/whistles?', '/api/metrics/summary?', '/api/metrics/timeseries?metric=reports&',
      '/api/metrics/breakdown?metric=reports&by=township&', '/api/metrics/choropleth?metric=reports&', '/api/tiles/incidents.json?',
      '/api/tiles/incidents/10/857/421.mvt?']) {
      const res = await t.json(`${path}within=%7B`)
      expect([path, res.status, res.body.error.code]).toEqual([path, 422, 'invalid_within'])
    }
  })

  test('no selection gives a 500: random outlines across the county\'s edge and a township\'s, for a leader and an officer', async () => {
    const officer = await t.token('township', { township: LUOYANG })
    const county = loadRegions().county.features[0]!.geometry as Polygon
    const anchors = [corner, county.coordinates[0]![0] as [number, number], county.coordinates[0]![300] as [number, number]]
    const selection = fc.tuple(fc.constantFrom(...anchors), fc.array(fc.tuple(fc.double({ min: -0.08, max: 0.08, noNaN: true }),
      fc.double({ min: -0.08, max: 0.08, noNaN: true })), { minLength: 3, maxLength: 12 }))
      .map(([[x, y], offsets]) => ({ type: 'Polygon', coordinates: [offsets.map(([dx, dy]) => [x + dx, y + dy])] }))
    await fc.assert(fc.asyncProperty(selection, fc.boolean(), async (polygon, asOfficer) => {
      const res = await t.json(`/api/metrics/summary?within=${encodeURIComponent(JSON.stringify(polygon))}`, {}, asOfficer ? officer : undefined)
      expect([200, 403, 422], JSON.stringify(res.body)).toContain(res.status)
    }), { seed: 5, numRuns: 60 })
  }, 120_000)

  test('403 for a selection in the county but wholly outside a township officer\'s township', async () => {
    const officer = await t.token('township', { township: LUOYANG })
    // 司前畲族镇, far from 罗阳镇.
    const far = rows.find((r) => r.township === '330329101')!
    const res = await refused(within(ngon(6, [far.lng, far.lat], 0.005)), officer)
    expect(res).toEqual({ status: 403, code: 'forbidden_scope', message: `the selection (within) is outside your area (township ${LUOYANG}); ask for your own area` })
  })
})
