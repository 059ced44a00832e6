import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Feature, FeatureCollection, Position } from 'geojson'
import { RESERVE_CODE } from './codes'
import type { Areal } from './projection'

export const OUTLINE_FILE = 'taishun_330329_outline_wgs84.geojson'
const TOWNSHIPS_FILE = 'taishun_townships_nbs2023_with_seats.csv'
const VILLAGES_FILE = 'taishun_villages_nbs2023.csv'

export interface TownshipRow {
  code: string
  name: string
  kind: '镇' | '乡'
  /** WGS84 seat (a geocoded landmark, see SOURCES.md §4), [lng, lat]. */
  seat: Position
}

export interface VillageRow {
  code: string
  /** Name exactly as in the NBS list, e.g. 西内村委会. */
  nbsName: string
  township: string
}

export interface Sources {
  outline: Areal
  townships: TownshipRow[]
  villages: VillageRow[]
}

export function readSources(dir: string): Sources {
  return {
    outline: readOutline(join(dir, OUTLINE_FILE)),
    townships: readTownships(join(dir, TOWNSHIPS_FILE)),
    villages: readVillages(join(dir, VILLAGES_FILE)),
  }
}

function readOutline(file: string): Areal {
  const fc = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection
  const feature: Feature | undefined = fc.features[0]
  if (fc.features.length !== 1 || !feature) throw new Error(`${file}: expected exactly 1 feature`)
  const g = feature.geometry
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') throw new Error(`${file}: not a polygon`)
  return g
}

function readTownships(file: string): TownshipRow[] {
  const rows = readCsv(file)
  return rows
    .filter((r) => field(r, 'code') !== RESERVE_CODE)
    .map((r): TownshipRow => {
      const kind = field(r, 'kind')
      if (kind !== '镇' && kind !== '乡') throw new Error(`${file}: unexpected kind ${kind}`)
      return {
        code: field(r, 'code'),
        name: field(r, 'name'),
        kind,
        seat: [Number(field(r, 'wgs84_lng')), Number(field(r, 'wgs84_lat'))],
      }
    })
    .sort((a, b) => compare(a.code, b.code))
}

function readVillages(file: string): VillageRow[] {
  return readCsv(file)
    .filter((r) => field(r, 'streetCode') !== RESERVE_CODE)
    .map((r) => ({ code: field(r, 'code'), nbsName: field(r, 'name'), township: field(r, 'streetCode') }))
    .sort((a, b) => compare(a.code, b.code))
}

type CsvRow = Map<string, string>

/** The source CSVs have no quoted fields (checked here), so a plain split is exact. */
function readCsv(file: string): CsvRow[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  if (text.includes('"')) throw new Error(`${file}: quoted CSV fields are not supported`)
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== '')
  if (!header) throw new Error(`${file}: empty`)
  const names = header.split(',')
  return lines.map((line) => {
    const cells = line.split(',')
    if (cells.length !== names.length) throw new Error(`${file}: bad row ${line}`)
    return new Map(names.map((n, i) => [n, cells[i] ?? '']))
  })
}

function field(row: CsvRow, name: string): string {
  const v = row.get(name)
  if (v === undefined) throw new Error(`missing column ${name}`)
  return v
}

/** Plain code-unit comparison: deterministic, unlike localeCompare. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
