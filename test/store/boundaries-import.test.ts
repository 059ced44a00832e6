// npm run import -- boundaries, end to end on the run's engine: today's townships written as a zipped Shapefile in
// CGCS2000 / 3° Gauss-Krüger CM 120°E (EPSG:4549: Taishun's 119.6–120.2°E lies in the zone of 118.5–121.5°E) come
// back through GDAL with every area within 0.1 %; a file with a ring that crosses itself and a township pulled in
// from its neighbours is refused with both named and nothing stored; a dry run stores nothing; a stored version
// places new records from its valid_from on, and --reassign moves the records dated after it (and their call-back tasks).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { area } from '@turf/turf'
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApp } from '../../api/app'
import { importBoundaries } from '../../api/import/boundaries/import'
import type { BoundaryImportOptions } from '../../api/import/boundaries/import'
import { DEFAULT_TOLERANCE_PCT } from '../../api/import/boundaries/tolerance'
import { GEODATA_DIR, loadRegions } from '../../api/services/regions'
import { localDaySql } from '../../api/store/local-time-sql'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'

type Townships = FeatureCollection<Polygon | MultiPolygon, { id: string; name: string }>
const DAY = 86_400_000
const ORIGINAL = JSON.parse(readFileSync(join(GEODATA_DIR, 'townships.geojson'), 'utf8')) as Townships
const LUOYANG = { lng: 119.708034, lat: 27.559551, crs: 'wgs84' as const } // 罗阳镇's seat

let t: TestApp
let dir: string
const options = (file: string, over: Partial<BoundaryImportOptions> = {}): BoundaryImportOptions => ({
  level: 'township', file, validFrom: T0 - 10 * DAY, tolerancePct: DEFAULT_TOLERANCE_PCT, now: T0, actor: 'cli:test', dryRun: false, ...over,
})
const written = async () => ({ versions: await t.count('boundary_versions'), audit: await t.count('audit_log') })

/** A copy of today's townships with `change` applied, as a GeoJSON file (id and name only). */
function variant(name: string, change: (fc: Townships) => void): string {
  const fc = structuredClone(ORIGINAL)
  for (const f of fc.features) { delete f.id; f.properties = { id: f.properties.id, name: f.properties.name } }
  change(fc)
  const file = join(dir, `${name}.geojson`)
  writeFileSync(file, JSON.stringify(fc))
  return file
}
const outerRing = (f: Feature<Polygon | MultiPolygon>): Position[] => f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]! : f.geometry.coordinates[0]![0]!
const byId = (fc: Townships, id: string) => fc.features.find((f) => f.properties.id === id)!

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onemap-boundaries-'))
  t = await testApp(T0)
  // GDAL writes a .shp.zip with the .shp, .shx, .dbf, .prj (and .cpg: names in UTF-8) inside.
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-t_srs', 'EPSG:4549', '-select', 'id,name', '-lco', 'ENCODING=UTF-8',
    join(dir, 'townships.shp.zip'), join(GEODATA_DIR, 'townships.geojson')])
})
afterAll(async () => { await t?.close(); rmSync(dir, { recursive: true, force: true }) })

describe('a Gauss-Krüger Shapefile of today\'s townships', () => {
  test('a dry run reports it clean and writes nothing', async () => {
    const before = await written()
    const r = await importBoundaries(t.store, options(join(dir, 'townships.shp.zip'), { dryRun: true }))
    expect(r.report.reasons).toEqual([])
    expect(r.stored).toBe(false)
    expect(await written()).toEqual(before)
  })

  test('is stored with every township\'s area within 0.1 % of the original', async () => {
    const r = await importBoundaries(t.store, options(join(dir, 'townships.shp.zip')))
    expect(r.report.reasons).toEqual([])
    expect(r.report.codes).toMatchObject({ matched: 19, added: [], dropped: [] })
    expect(r.report.coverage.gapKm2 + r.report.coverage.overlapKm2 + r.report.coverage.outsideKm2).toBeLessThan(0.01)
    expect(r.lines.at(-1)).toBe('valid')
    const [stored] = await t.store.boundaries.all()
    expect(stored).toMatchObject({ level: 'township', validFrom: T0 - 10 * DAY, features: 19 })
    const imported = JSON.parse(stored!.geojson) as Townships
    for (const f of ORIGINAL.features) {
      const back = byId(imported, f.properties.id)
      expect(back.properties.name).toBe(f.properties.name)
      expect(Math.abs(area(back) / area(f) - 1)).toBeLessThan(0.001)
    }
    expect(await t.count('audit_log')).toBe(1)
  })
})

test('a file with a ring that crosses itself and a gap is refused with both named, storing nothing', async () => {
  const file = variant('broken', (fc) => {
    // 筱村镇: two neighbouring vertices swapped, so the edges either side of them cross.
    const ring = outerRing(byId(fc, '330329103'))
    ;[ring[1], ring[2]] = [ring[2]!, ring[1]!]
    // 罗阳镇: its edge pulled 3 % towards its seat, leaving a band uncovered between it and its neighbours.
    const luoyang = byId(fc, '330329100')
    const rings = luoyang.geometry.type === 'Polygon' ? luoyang.geometry.coordinates : luoyang.geometry.coordinates.flat()
    for (const r of rings) for (const p of r) { p[0] = LUOYANG.lng + (p[0]! - LUOYANG.lng) * 0.97; p[1] = LUOYANG.lat + (p[1]! - LUOYANG.lat) * 0.97 }
  })
  const before = await written()
  const r = await importBoundaries(t.store, options(file, { validFrom: T0 - DAY }))
  expect(r.stored).toBe(false)
  expect(r.report.reasons.find((s) => s.includes('crosses itself'))).toContain('筱村镇 (330329103)')
  const gaps = r.report.reasons.find((s) => s.startsWith('gaps of'))
  expect(gaps).toContain('罗阳镇 (330329100)')
  expect(r.report.coverage.gapKm2).toBeGreaterThan(1)
  expect(r.lines).toContain('REFUSED — nothing written:')
  expect(await written()).toEqual(before)
})

describe('a version in force', () => {
  // 罗阳镇 and 司前畲族镇 swap codes from a day before T0: the seat of 罗阳 falls in township 330329101 from then on.
  const swapped = () => variant('swapped', (fc) => {
    const a = byId(fc, '330329100'), b = byId(fc, '330329101')
    ;[a.properties, b.properties] = [b.properties, a.properties]
  })
  let first: number

  test('--reassign counts the records it would move and writes nothing', async () => {
    first = (await t.services.incidents.create({ type: 'road-occupation', severity: 'normal', source: 'patrol', point: LUOYANG, description: '占道经营' })).id
    expect((await t.store.incidents.get(first))!.township).toBe('330329100')
    const before = await written()
    const r = await importBoundaries(t.store, options(swapped(), { validFrom: T0 - DAY, reassign: 'count' }))
    expect(r.report.reasons).toEqual([])
    expect(r.reassign!.moves.incidents).toEqual([expect.objectContaining({ id: first, township: '330329101' })])
    expect(await written()).toEqual(before)
    expect((await t.store.incidents.get(first))!.township).toBe('330329100')
  })

  test('--reassign --yes stores the version and moves them; the daily rollup and the call-back task follow', async () => {
    // A call-back task carries its incident's township (the call-back figures filter on it).
    await t.store.sql.run(`INSERT INTO callbacks (incident_id, county, township, owner, created_at, due_by, updated_at)
      VALUES (?, '330329', '330329100', 'township', ?, ?, ?)`, [first, T0, T0 + DAY, T0])
    const r = await importBoundaries(t.store, options(swapped(), { validFrom: T0 - DAY, reassign: 'apply' }))
    expect(r.stored).toBe(true)
    expect((await t.store.incidents.get(first))!.township).toBe('330329101')
    expect(await t.store.sql.all('SELECT township FROM callbacks WHERE incident_id = ?', [first])).toEqual([{ township: '330329101' }])
    const rollup = await t.store.sql.all(`SELECT day, township, status, n FROM incident_days WHERE n > 0 ORDER BY 1, 2, 3`)
    const raw = await t.store.sql.all(`SELECT ${localDaySql('reported_at')} AS day, township, status, count(*) AS n FROM incidents GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
    expect(rollup).toEqual(raw)
  })

  test('a server serves the version in force and places each record by the version of its time', async () => {
    const clock = { now: T0 }
    const app = await createApp({ regions: loadRegions(), store: t.store, now: () => clock.now })
    // The map's 330329101 is 罗阳's polygon now.
    expect(app.regions.townships.features.find((f) => f.properties.id === '330329101')!.properties.area_km2).toBeCloseTo(248.88, 1)
    const report = () => app.services.incidents.create({ type: 'road-occupation', severity: 'normal', source: 'patrol', point: LUOYANG, description: '占道经营' })
    expect((await report()).township).toBe('330329101')
    clock.now = T0 - 2 * DAY // before the swap, after the Shapefile's version: today's codes
    expect((await report()).township).toBe('330329100')
    clock.now = T0 - 20 * DAY // before any version: the built files
    expect((await report()).township).toBe('330329100')
  })
})
