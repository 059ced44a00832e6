import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { LngLat } from '../../domain/crs'
import { CRS_IDS, distanceMeters, fromWgs84, toWgs84 } from '../../domain/crs'

// Township seats with the same point in all three systems (geodata/sources/SOURCES.md §4).
const csvPath = fileURLToPath(new URL('../../geodata/sources/taishun_townships_nbs2023_with_seats.csv', import.meta.url))
const [header = '', ...lines] = readFileSync(csvPath, 'utf8').trim().split(/\r?\n/)
const columns = header.split(',')
const rows = lines.map((line) => {
  const cells = line.split(',')
  const num = (name: string) => Number(cells[columns.indexOf(name)])
  const pt = (crs: string): LngLat => [num(`${crs}_lng`), num(`${crs}_lat`)]
  return { name: cells[columns.indexOf('name')] ?? '', wgs84: pt('wgs84'), gcj02: pt('gcj02'), bd09: pt('bd09') }
})

describe('CRS conversion against the township seats CSV', () => {
  it('reads all 20 rows', () => {
    expect(rows).toHaveLength(20)
    for (const r of rows) for (const v of [...r.wgs84, ...r.gcj02, ...r.bd09]) expect(Number.isFinite(v)).toBe(true)
  })

  it.each(rows)('$name: GCJ-02 and BD-09 land within 1 m of the WGS84 column', (r) => {
    expect(distanceMeters(toWgs84(r.gcj02, 'gcj02'), r.wgs84)).toBeLessThan(1)
    expect(distanceMeters(toWgs84(r.bd09, 'bd09'), r.wgs84)).toBeLessThan(1)
  })

  // The CSV was derived with these same formulas and rounded to 6 decimals (≈ 0.1 m), so a much
  // tighter bound holds; it catches a wrong constant that the 1 m bound would let through.
  it('all conversions agree with the CSV to 0.25 m', () => {
    const worst = Math.max(
      ...rows.flatMap((r) => [
        distanceMeters(toWgs84(r.gcj02, 'gcj02'), r.wgs84),
        distanceMeters(toWgs84(r.bd09, 'bd09'), r.wgs84),
        distanceMeters(fromWgs84(r.wgs84, 'bd09'), r.bd09),
      ]),
    )
    expect(worst).toBeLessThan(0.25)
  })

  it.each(rows)('$name: WGS84 converts out to within 1 m of the GCJ-02 and BD-09 columns', (r) => {
    expect(distanceMeters(fromWgs84(r.wgs84, 'gcj02'), r.gcj02)).toBeLessThan(1)
    expect(distanceMeters(fromWgs84(r.wgs84, 'bd09'), r.bd09)).toBeLessThan(1)
  })

  it.each(rows)('$name: round trips stay within 1 m (GCJ-02 within 1 cm)', (r) => {
    for (const crs of CRS_IDS) {
      expect(distanceMeters(toWgs84(fromWgs84(r.wgs84, crs), crs), r.wgs84)).toBeLessThan(1)
      expect(distanceMeters(fromWgs84(toWgs84(r[crs], crs), crs), r[crs])).toBeLessThan(1)
    }
    expect(distanceMeters(toWgs84(fromWgs84(r.wgs84, 'gcj02'), 'gcj02'), r.wgs84)).toBeLessThan(0.01)
  })

  it('the GCJ-02 shift here is a few hundred metres, so the tests above are not vacuous', () => {
    const seat = rows[0]
    expect(seat?.name).toBe('罗阳镇')
    if (seat) expect(distanceMeters(seat.gcj02, seat.wgs84)).toBeGreaterThan(300)
  })

  it('leaves points outside China unshifted', () => {
    const london: LngLat = [-0.1276, 51.5072]
    expect(toWgs84(london, 'gcj02')).toEqual(london)
    expect(fromWgs84(london, 'gcj02')).toEqual(london)
  })
})
