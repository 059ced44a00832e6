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
