// domain/within.ts: what a drawn selection may be, and the message for each way it may not.
import { booleanPointInPolygon, kinks, polygon as turfPolygon } from '@turf/turf'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WITHIN_MAX_VERTICES, checkWithin, parseWithin, vertexCount } from '../../domain/within'
import { areaBbox, areaContains } from '../../domain/area-contains'

const ring = (...p: [number, number][]) => JSON.stringify({ type: 'Polygon', coordinates: [p] })
const SQUARE: [number, number][] = [[119.7, 27.5], [119.8, 27.5], [119.8, 27.6], [119.7, 27.6]]

/** A regular n-gon (open: no closing position). */
const ngon = (n: number): [number, number][] =>
  Array.from({ length: n }, (_, i) => [119.75 + 0.05 * Math.cos((2 * Math.PI * i) / n), 27.55 + 0.05 * Math.sin((2 * Math.PI * i) / n)])

function refusal(text: string) {
  const r = parseWithin(text)
  if (r.ok) throw new Error('accepted')
  return r
}

describe('parseWithin', () => {
  it('accepts a closed polygon and answers it closed', () => {
    const r = parseWithin(ring(...SQUARE, SQUARE[0]!))
    expect(r).toEqual({ ok: true, polygon: { type: 'Polygon', coordinates: [[...SQUARE, SQUARE[0]]] } })
  })

  it('closes an open ring and drops repeated consecutive positions', () => {
    const r = parseWithin(ring(SQUARE[0]!, SQUARE[1]!, SQUARE[1]!, SQUARE[2]!, SQUARE[3]!))
    expect(r).toEqual({ ok: true, polygon: { type: 'Polygon', coordinates: [[...SQUARE, SQUARE[0]]] } })
  })

  it('counts corners, not the closing position: 200 corners pass closed or open, 201 do not', () => {
    const p200 = ngon(WITHIN_MAX_VERTICES)
    expect(vertexCount([...p200, p200[0]!])).toBe(200)
    expect(vertexCount(p200)).toBe(200)
    expect(parseWithin(ring(...p200, p200[0]!)).ok).toBe(true)
    expect(parseWithin(ring(...p200)).ok).toBe(true)
    const p201 = ngon(WITHIN_MAX_VERTICES + 1)
    const r = refusal(ring(...p201, p201[0]!))
    expect(r.problem).toBe('too_many_vertices')
    expect(r.message).toBe('within has 201 vertices (the closing position not counted); at most 200: simplify the outline')
  })

  it.each([
    ['not JSON', '{"type":"Polygon",', 'not_json', /^within is not JSON: send a GeoJSON Polygon geometry/],
    ['a Point', '{"type":"Point","coordinates":[119.7,27.5]}', 'not_polygon', /^within is a Point: send a GeoJSON Polygon geometry/],
    ['a Feature', JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [SQUARE] } }), 'not_polygon', /Feature: send its geometry/],
    ['a number', '42', 'not_polygon', /^within is not a GeoJSON geometry/],
    ['holes', JSON.stringify({ type: 'Polygon', coordinates: [SQUARE, SQUARE] }), 'holes', /^within has 2 rings: give one ring \(the outline\), without holes$/],
    ['no ring', JSON.stringify({ type: 'Polygon', coordinates: [] }), 'holes', /no ring/],
    ['a string position', JSON.stringify({ type: 'Polygon', coordinates: [[['119.7', 27.5], ...SQUARE]] }), 'bad_position', /^within's position 1 is not \[lng, lat\]/],
    ['an altitude', JSON.stringify({ type: 'Polygon', coordinates: [[[119.7, 27.5, 10], ...SQUARE.slice(1)]] }), 'bad_position', /no altitude/],
    ['lat first', ring([27.5, 119.7], [27.5, 119.8], [27.6, 119.8]), 'out_of_range', /longitude first/],
    ['two corners', ring([119.7, 27.5], [119.8, 27.5], [119.7, 27.5]), 'too_few_vertices', /^within has 2 distinct vertices: a polygon needs at least 3$/],
    ['a line', ring([119.7, 27.5], [119.8, 27.5], [119.9, 27.5]), 'self_intersecting', /crosses or touches itself/],
    ['a bow tie', ring([119.7, 27.5], [119.8, 27.6], [119.8, 27.5], [119.7, 27.6]), 'self_intersecting', /crosses or touches itself \(edges 1 and 3\)/],
    ['a ring touching itself at a corner', ring([0, 0], [4, 0], [4, 4], [2, 0], [0, 4]), 'self_intersecting', /crosses or touches itself/],
    ['a spike folding back', ring([0, 0], [4, 0], [4, 4], [4, 2], [0, 4]), 'self_intersecting', /crosses or touches itself/],
    ['too long', 'x'.repeat(20_001), 'too_long', /^within is 20001 characters long/],
  ])('refuses %s', (_, text, problem, message) => {
    const r = refusal(text)
    expect(r.problem).toBe(problem)
    expect(r.message).toMatch(message)
  })

  it('refuses NaN and Infinity (not JSON numbers) and a non-finite value in a parsed drawing', () => {
    expect(refusal('{"type":"Polygon","coordinates":[[[NaN,1],[2,2],[3,1]]]}').problem).toBe('not_json')
    const r = checkWithin({ type: 'Polygon', coordinates: [[[Infinity, 1], [2, 2], [3, 1]]] })
    expect(r.ok ? null : r.problem).toBe('bad_position')
  })

  it('agrees with turf kinks on random small rings (a ring with a kink is refused; one without is not, unless it touches)', () => {
    const coord = fc.integer({ min: 0, max: 6 })
    fc.assert(fc.property(fc.array(fc.tuple(coord, coord), { minLength: 3, maxLength: 7 }), (pts) => {
      const r = checkWithin({ type: 'Polygon', coordinates: [pts] })
      const distinct = pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1]![0] || p[1] !== pts[i - 1]![1])
      if (distinct.length > 1 && distinct[0]![0] === distinct.at(-1)![0] && distinct[0]![1] === distinct.at(-1)![1]) distinct.pop()
      if (distinct.length < 3) return
      const closed = [...distinct, distinct[0]!]
      const crossing = kinks(turfPolygon([closed])).features.length > 0
      // turf's kinks reports proper crossings; touching and folding back are refused here as well.
      if (crossing) expect(r.ok).toBe(false)
    }), { seed: 7, numRuns: 2000 })
  })
})

describe('areaContains', () => {
  const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]] }
  const holed = { type: 'Polygon' as const, coordinates: [square.coordinates[0]!, [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]] }

  it('counts edges and vertices as inside, a hole\'s inside as outside and its edge as inside', () => {
    expect([[2, 2], [0, 0], [2, 0], [4, 4], [0, 2]].map(([x, y]) => areaContains(square, x!, y!))).toEqual([true, true, true, true, true])
    expect([[5, 2], [-0.001, 2], [2, 4.001]].map(([x, y]) => areaContains(square, x!, y!))).toEqual([false, false, false])
    expect([[2, 2], [1, 2], [0.5, 2], [1, 1]].map(([x, y]) => areaContains(holed, x!, y!))).toEqual([false, true, true, true])
  })

  it('reads a MultiPolygon as the union of its parts', () => {
    const two = { type: 'MultiPolygon' as const, coordinates: [square.coordinates, [[[10, 0], [12, 0], [12, 2], [10, 0]]]] }
    expect([[2, 2], [11.5, 1], [7, 1]].map(([x, y]) => areaContains(two, x!, y!))).toEqual([true, true, false])
    expect(areaBbox(two)).toEqual([0, 0, 12, 4])
  })

  it('agrees with turf booleanPointInPolygon (edges included) on a binary grid, where both are exact', () => {
    const c = fc.integer({ min: 0, max: 16 }).map((n) => n / 8)
    fc.assert(fc.property(fc.array(fc.tuple(c, c), { minLength: 3, maxLength: 8 }), fc.array(fc.tuple(c, c), { minLength: 1, maxLength: 20 }), (pts, probes) => {
      const r = checkWithin({ type: 'Polygon', coordinates: [pts] })
      if (!r.ok) return
      for (const [x, y] of probes) {
        expect(areaContains(r.polygon, x, y)).toBe(booleanPointInPolygon([x, y], r.polygon))
      }
    }), { seed: 11, numRuns: 1000 })
  })
})
