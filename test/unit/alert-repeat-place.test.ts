import { expect, test } from 'vitest'
import { findRepeatPlaces, metresBetween } from '../../domain/alerts/repeat-place'
import type { PlacedReport } from '../../domain/alerts/repeat-place'
import { DAY } from '../../domain/time'

const T = Date.parse('2026-11-01T09:00:00+08:00')
/** About 1 m of latitude in degrees. */
const M = 1 / 111_195
let next = 1
const report = (north: number, days: number, over: Partial<PlacedReport> = {}): PlacedReport =>
  ({ id: next++, category: 'enforcement', township: '330329100', lng: 119.7, lat: 27.55 + north * M, at: T + days * DAY, ...over })

test('metres between points a known distance apart', () => {
  expect(metresBetween({ lng: 119.7, lat: 27.55 }, { lng: 119.7, lat: 27.55 + 100 * M })).toBeCloseTo(100, 0)
})

test('three reports of one category within 100 m and 30 days are one candidate; a fourth far away is not in it', () => {
  const places = findRepeatPlaces([report(0, 0), report(60, 3), report(95, 20), report(400, 5)])
  expect(places).toHaveLength(1)
  expect(places[0]!.reports.map((r) => r.id)).toHaveLength(3)
  expect(places[0]!.level).toBe('yellow')
})

test('not a candidate: another category, another township, past 30 days, or only two', () => {
  expect(findRepeatPlaces([report(0, 0), report(10, 1), report(20, 2, { category: 'market' })])).toEqual([])
  expect(findRepeatPlaces([report(0, 0), report(10, 1), report(20, 2, { township: '330329101' })])).toEqual([])
  expect(findRepeatPlaces([report(0, 0), report(10, 1), report(20, 31)])).toEqual([])
  expect(findRepeatPlaces([report(0, 0), report(10, 1)])).toEqual([])
})

test('a chain of reports 90 m apart does not walk a place across the map', () => {
  const chain = Array.from({ length: 6 }, (_, i) => report(90 * i, i))
  const places = findRepeatPlaces(chain)
  // Anchored at 0 m: 0 and 90 join; 180 starts another (0 is 180 m away), and so on: no cluster of 3.
  expect(places).toEqual([])
})

test('six reports of one matter are 橙; each report is in one candidate at most', () => {
  const six = Array.from({ length: 6 }, (_, i) => report(i * 10, i))
  const places = findRepeatPlaces([...six, ...Array.from({ length: 3 }, (_, i) => report(500 + i, i))])
  expect(places.map((p) => p.reports.length)).toEqual([6, 3])
  expect(places[0]!.level).toBe('orange')
  const ids = places.flatMap((p) => p.reports.map((r) => r.id))
  expect(new Set(ids).size).toBe(ids.length)
})

test('the cell lookup finds exactly the clusters a scan of every open cluster finds (random reports, east-west and north-south)', () => {
  // The rule as first written: each report joins the earliest open cluster of its kind within reach, found by
  // scanning them all. The cells must change nothing but the speed.
  const scan = (reports: readonly PlacedReport[], radius: number, span: number) => {
    const clusters: { anchor: PlacedReport; reports: PlacedReport[] }[] = []
    for (const r of [...reports].sort((a, b) => a.at - b.at || a.id - b.id)) {
      const home = clusters.find((c) => c.anchor.category === r.category && c.anchor.township === r.township && r.at - c.anchor.at <= span && metresBetween(c.anchor, r) <= radius)
      if (home) home.reports.push(r)
      else clusters.push({ anchor: r, reports: [r] })
    }
    return clusters.filter((c) => c.reports.length >= 3).map((c) => c.reports.map((r) => r.id).join(',')).sort()
  }
  let seed = 7
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32)
  for (let round = 0; round < 20; round++) {
    const reports = Array.from({ length: 400 }, (_, i): PlacedReport => ({
      id: i + 1, category: rand() < 0.5 ? 'enforcement' : 'market', township: rand() < 0.8 ? '330329100' : '330329101',
      // A 600 m square at 27.55° N (or at 53° N every other round): many pairs within 100 m, many just beyond.
      lng: 119.7 + (rand() * 600) / (111_195 * Math.cos(((round % 2 ? 53 : 27.55) * Math.PI) / 180)), lat: (round % 2 ? 53 : 27.55) + rand() * 600 * M,
      at: T + Math.floor(rand() * 60) * DAY + Math.floor(rand() * 8) * 3_600_000,
    }))
    const found = findRepeatPlaces(reports, { radiusM: 100, days: 30, minReports: 3 }).map((p) => p.reports.map((r) => r.id).join(',')).sort()
    expect(found).toEqual(scan(reports, 100, 30 * DAY))
  }
})
