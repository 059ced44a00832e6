// Rows of a county's incident register as a CSV file, for the records import's test and benchmark: good rows at
// points spread over the county's grids, with the bad ones the test needs planted at known lines.
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { INCIDENT_TYPE_IDS } from '../../domain/catalogue'
import { SOURCE_IDS } from '../../domain/incident'
import type { RegionCollection } from '../../api/services/regions'
import type { Locator } from '../../api/services/locator'

export const INCIDENT_HEADER = ['编号', 'type', 'lng', 'lat', 'crs', '描述', 'source', 'severity', 'reporterName', 'reporterPhone', '上报时间']
export const INCIDENT_MAP = '编号=externalId,描述=description,上报时间=reportedAt'

/** The kinds of bad row the done-when test plants, each a function of the good row it spoils. */
export const SPOILERS: readonly ((cells: string[]) => void)[] = [
  (c) => { c[10] = '2024-02-30 10:00' }, // a date that does not exist
  (c) => { c[1] = 'no-such-type' }, // an unknown type
  (c) => { c[2] = '121.5'; c[3] = '28.0' }, // a point outside the county
  (c) => { c[5] = '' }, // a missing field
  (c) => { c[4] = 'utm50' }, // a CRS nobody knows
  (c) => { c[2] = 'east' }, // a coordinate that is not a number
  (c) => { c[10] = '2099-01-01' }, // in the future
]

/** Points inside the county, one per grid's corner mean, checked with the locator. */
export function gridPoints(grids: RegionCollection, locator: Locator): [number, number][] {
  const points: [number, number][] = []
  for (const f of grids.features) {
    const ring = (f.geometry as { coordinates: number[][][] }).coordinates[0]!.slice(0, -1)
    const p: [number, number] = [0, 1].map((i) => Math.round(ring.reduce((a, c) => a + c[i]!, 0) / ring.length * 1e6) / 1e6) as [number, number]
    if (locator.locate(p[0], p[1])?.grid === f.properties.id) points.push(p)
  }
  return points
}

const csvCell = (v: string) => /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v

/** The i-th good row: its external id, a type, a point, a time in 2024 (local), a reporter every third row. */
export function incidentCells(i: number, points: readonly [number, number][], id = `TS-${i}`): string[] {
  const [lng, lat] = points[i % points.length]!
  const day = 1 + (i % 360)
  const at = new Date(Date.UTC(2024, 0, day, 1 + (i % 12), i % 60))
  const local = `${at.toISOString().slice(0, 10)} ${String(at.getUTCHours() + 8).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`
  return [id, INCIDENT_TYPE_IDS[i % INCIDENT_TYPE_IDS.length]!, String(lng), String(lat), 'wgs84', `第${i}号事件, "现场"核实`,
    SOURCE_IDS[i % SOURCE_IDS.length]!, i % 10 === 0 ? 'urgent' : 'normal', i % 3 === 0 ? '张三' : '', i % 3 === 0 ? '138 0000 0000' : '', local]
}

/**
 * Writes `rows` rows (plus the header) to `file`; the rows at `bad` (0-based) are spoiled in turn by SPOILERS.
 * Returns the file lines of the bad rows (the header is line 1).
 */
export async function writeIncidentCsv(file: string, rows: number, points: readonly [number, number][], bad: ReadonlySet<number> = new Set()): Promise<number[]> {
  const out = createWriteStream(file)
  const badLines: number[] = []
  let spoiled = 0
  const write = async (cells: string[]) => { if (!out.write(`${cells.map(csvCell).join(',')}\n`)) await once(out, 'drain') }
  await write(INCIDENT_HEADER)
  for (let i = 0; i < rows; i++) {
    const cells = incidentCells(i, points)
    if (bad.has(i)) { SPOILERS[spoiled++ % SPOILERS.length]!(cells); badLines.push(i + 2) }
    await write(cells)
  }
  out.end()
  await once(out, 'finish')
  return badLines
}
