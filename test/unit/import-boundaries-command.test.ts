// The command's own answers, before any file is read: each usage mistake exits 2 with what to change and writes
// nothing; a missing file or a missing GDAL is a message, exit 1, not a stack trace. And a dry run through the
// command (today's villages against today's townships) prints a clean report and writes nothing.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { fromWgs84 } from '../../domain/crs'
import { parseCodeMap, readFeatures } from '../../api/import/boundaries/features'
import { GDAL_MISSING, layersOf } from '../../api/import/boundaries/gdal'
import type { RawCollection } from '../../api/import/boundaries/gdal'
import { run } from '../../scripts/import/boundaries'

const GEODATA = join(import.meta.dirname, '..', '..', 'geodata')
const dir = mkdtempSync(join(tmpdir(), 'onemap-boundaries-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function command(args: string[]) {
  const out: string[] = [], err: string[] = []
  const code = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, { DB_PATH: join(dir, 'cli.db') })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

test.each([
  [['--file', 'x.zip'], '--level must be one of township, village, grid'],
  [['--level', 'county', '--file', 'x.zip'], '--level must be one of'],
  [['--level', 'township'], '--file is required'],
  [['--level', 'township', '--file', 'x.zip', '--crs', 'bd09'], '--crs takes only gcj02'],
  [['--level', 'township', '--file', 'x.zip', '--from', '2026-02-30'], '--from must be a date YYYY-MM-DD, not "2026-02-30"'],
  [['--level', 'township', '--file', 'x.zip', '--tolerance', 'lots'], '--tolerance must be a per cent'],
  [['--level', 'township', '--file', 'x.zip', '--yes'], '--yes answers --reassign'],
  [['--level', 'township', '--file', 'x.zip', '--colour', 'red'], "Unknown option '--colour'"],
])('%j is a usage mistake', async (args, message) => {
  const r = await command(args)
  expect(r.code).toBe(2)
  expect(r.err).toContain(message)
})

test('a file that is not there is named', async () => {
  const r = await command(['--level', 'township', '--file', join(dir, 'nowhere.zip')])
  expect(r.code).toBe(1)
  expect(r.err).toBe(`no file at ${join(dir, 'nowhere.zip')}: check the path given to --file`)
})

test('a Shapefile without its .prj is refused, and a GeoPackage of several layers asks which', async () => {
  const county = join(GEODATA, 'county.geojson')
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-a_srs', 'None', '-lco', 'ENCODING=UTF-8', join(dir, 'noprj.shp.zip'), county])
  const noPrj = await command(['--level', 'township', '--file', join(dir, 'noprj.shp.zip')])
  expect(noPrj.code).toBe(1)
  expect(noPrj.err).toContain('does not say its coordinate system (a Shapefile needs its .prj beside it in the zip)')
  execFileSync('ogr2ogr', ['-f', 'GPKG', '-nln', 'county', join(dir, 'two.gpkg'), county])
  execFileSync('ogr2ogr', ['-f', 'GPKG', '-update', '-nln', 'outline', join(dir, 'two.gpkg'), county])
  const two = await command(['--level', 'township', '--file', join(dir, 'two.gpkg')])
  expect(two.code).toBe(1)
  expect(two.err).toBe(`${join(dir, 'two.gpkg')} has 2 layers (county, outline): choose one with --layer`)
})

test('without GDAL the message gives the line that installs it', async () => {
  const path = process.env.PATH
  process.env.PATH = dir
  try {
    await expect(layersOf(join(GEODATA, 'county.geojson'))).rejects.toThrow(GDAL_MISSING)
  } finally {
    process.env.PATH = path
  }
})

test('a dry run of today\'s villages prints a clean report and stores nothing', async () => {
  const r = await command(['--level', 'village', '--file', join(GEODATA, 'villages.geojson'), '--from', '2026-01-01', '--dry-run'])
  expect(r.err).toBe('')
  expect(r.code).toBe(0)
  expect(r.out).toContain('289 village feature(s) read; codes: 289 matched the villages in force, 0 new, 0 in force but not in the file')
  expect(r.out).toContain('cover of the townships in force')
  expect(r.out.split('\n').slice(-2)).toEqual(['valid', 'dry run: nothing written'])
})

test('--crs gcj02 undoes the GCJ-02 shift to within 0.1 m', () => {
  const county = JSON.parse(readFileSync(join(GEODATA, 'county.geojson'), 'utf8')) as RawCollection
  const ring = (county.features[0]!.geometry as { coordinates: number[][][] }).coordinates[0]!
  const shifted = structuredClone(county)
  ;(shifted.features[0]!.geometry as { coordinates: number[][][] }).coordinates[0] = ring.map(([x, y]) => [...fromWgs84([x!, y!], 'gcj02')])
  const [back] = readFeatures(shifted, { crs: 'gcj02' }).features
  const backRing = (back!.geometry as { coordinates: number[][][] }).coordinates[0]!
  backRing.forEach(([x, y], i) => { expect(Math.abs(x! - ring[i]![0]!)).toBeLessThanOrEqual(1.01e-6); expect(Math.abs(y! - ring[i]![1]!)).toBeLessThanOrEqual(1.01e-6) })
})

test('--code-map turns the county\'s own codes into NBS codes, from JSON or two columns', () => {
  expect(parseCodeMap('{ "LY": "330329100", "SQ": 330329101 }')).toEqual(new Map([['LY', '330329100'], ['SQ', '330329101']]))
  expect(parseCodeMap('乡镇代码,统计代码\r\nLY,330329100\nSQ;330329101\n')).toEqual(new Map([['LY', '330329100'], ['SQ', '330329101']]))
  const square = { type: 'Polygon' as const, coordinates: [[[119.7, 27.5], [119.71, 27.5], [119.71, 27.51], [119.7, 27.5]]] }
  const raw: RawCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { XZQDM: 'LY', XZQMC: '罗阳镇' }, geometry: square }] }
  expect(readFeatures(raw, { codeMap: parseCodeMap('LY,330329100') }).features).toEqual([{ index: 1, code: '330329100', name: '罗阳镇', geometry: square }])
})
