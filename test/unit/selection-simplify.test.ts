// The selection tool's simplification (web/src/selection/simplify-selection.ts): a drawn or picked area leaves
// with at most 200 corners, as close to its shape as that allows, and passes the domain's own check.
import { area } from '@turf/turf'
import type { Polygon, Position } from 'geojson'
import { expect, test } from 'vitest'
import { checkWithin, vertexCount, WITHIN_MAX_VERTICES } from '../../domain/within'
import { cleanRing, outerPolygon, simplifySelection } from '../../web/src/selection/simplify-selection'
import { checkSelection } from '../../web/src/selection/check-selection'

/** A wobbly circle of `n` corners round a point of Taishun: a grid's boundary has hundreds to thousands. */
function wobbly(n: number, radius = 0.01): Polygon {
  const ring: Position[] = []
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n
    const r = radius * (1 + 0.05 * Math.sin(a * 17))
    ring.push([119.72 + r * Math.cos(a), 27.56 + r * Math.sin(a)])
  }
  ring.push(ring[0]!)
  return { type: 'Polygon', coordinates: [ring] }
}

test('a shape that fits is kept, only rounded to 6 decimals and closed', () => {
  const square: Polygon = { type: 'Polygon', coordinates: [[[119.7000001, 27.5], [119.8, 27.5], [119.8, 27.6], [119.7, 27.6]]] }
  expect(simplifySelection(square).coordinates[0]).toEqual([[119.7, 27.5], [119.8, 27.5], [119.8, 27.6], [119.7, 27.6], [119.7, 27.5]])
})

test('repeated positions in a row (a double click) are dropped', () => {
  expect(cleanRing([[1, 2], [1, 2], [3, 4], [5, 6], [5, 6], [1, 2]])).toEqual([[1, 2], [3, 4], [5, 6], [1, 2]])
})

test.each([201, 500, 3000, 20_000])('%i corners come down to at most 200 and keep the shape', (n) => {
  const shape = wobbly(n)
  const simple = simplifySelection(shape)
  const corners = vertexCount(simple.coordinates[0]!)
  expect(corners).toBeLessThanOrEqual(WITHIN_MAX_VERTICES)
  // The tolerance grows only as far as it must: far more than a square's 4 corners remain.
  expect(corners).toBeGreaterThan(40)
  expect(Math.abs(area(simple) - area(shape)) / area(shape)).toBeLessThan(0.02)
  expect(checkWithin(simple).ok).toBe(true)
})

test('exactly 200 corners are left alone', () => {
  expect(vertexCount(simplifySelection(wobbly(200)).coordinates[0]!)).toBe(200)
})

test('a smaller limit is honoured too', () => {
  expect(vertexCount(simplifySelection(wobbly(1000), 20).coordinates[0]!)).toBeLessThanOrEqual(20)
})

test('a picked grid in parts selects its largest part, its holes dropped', () => {
  const big = wobbly(50).coordinates[0]!
  const hole = wobbly(10, 0.001).coordinates[0]!
  const sliver: Position[] = [[119.9, 27.5], [119.9001, 27.5], [119.9001, 27.5001], [119.9, 27.5]]
  expect(outerPolygon({ type: 'MultiPolygon', coordinates: [[sliver], [big, hole]] })).toEqual({ type: 'Polygon', coordinates: [big] })
  expect(outerPolygon({ type: 'Point', coordinates: [0, 0] })).toBeNull()
})

test('the check names what is wrong: crossing, too few corners, outside the county', () => {
  const county: Polygon = { type: 'Polygon', coordinates: [[[119.6, 27.4], [120, 27.4], [120, 27.8], [119.6, 27.8], [119.6, 27.4]]] }
  const bowtie: Polygon = { type: 'Polygon', coordinates: [[[119.7, 27.5], [119.85, 27.6], [119.8, 27.5], [119.7, 27.6], [119.7, 27.5]]] }
  expect(checkSelection(bowtie, county)).toEqual({ ok: false, problem: 'self_intersecting' })
  const line: Polygon = { type: 'Polygon', coordinates: [[[119.7, 27.5], [119.8, 27.5], [119.7, 27.5]]] }
  expect(checkSelection(line, county)).toEqual({ ok: false, problem: 'too_few_vertices' })
  const far: Polygon = { type: 'Polygon', coordinates: [[[110, 20], [111, 20], [111, 21], [110, 20]]] }
  expect(checkSelection(far, county)).toEqual({ ok: false, problem: 'outside_county' })
  expect(checkSelection(simplifySelection(wobbly(5000)), county).ok).toBe(true)
})
