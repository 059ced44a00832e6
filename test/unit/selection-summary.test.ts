// The selection chip's figures (web/src/selection/selection-summary.ts): grids counted only when the area covers
// a real part of them, so a picked grid (simplified, straying a few metres over its neighbours) is one grid.
import type { Feature, Polygon } from 'geojson'
import { expect, test } from 'vitest'
import { summarizeSelection } from '../../web/src/selection/selection-summary'

const square = (x: number, y: number, size = 0.01): Polygon =>
  ({ type: 'Polygon', coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] })
const grid = (id: string, x: number, y: number): Feature => ({ type: 'Feature', properties: { id }, geometry: square(x, y) })
/** A row of three grids side by side, and one far away. */
const GRIDS = [grid('a', 119.7, 27.5), grid('b', 119.71, 27.5), grid('c', 119.72, 27.5), grid('far', 119.9, 27.7)]

test('a grid picked and slightly widened by simplification is one grid, not its neighbours too', () => {
  const e = 0.00002
  const picked: Polygon = { type: 'Polygon', coordinates: [[[119.71 - e, 27.5 - e], [119.72 + e, 27.5 - e], [119.72 + e, 27.51 + e], [119.71 - e, 27.51 + e], [119.71 - e, 27.5 - e]]] }
  expect(summarizeSelection(picked, GRIDS).grids).toBe(1)
})

test('an area across the row counts the three grids and its own size', () => {
  const across: Polygon = { type: 'Polygon', coordinates: [[[119.705, 27.502], [119.725, 27.502], [119.725, 27.508], [119.705, 27.508], [119.705, 27.502]]] }
  const s = summarizeSelection(across, GRIDS)
  expect(s.grids).toBe(3)
  // 0.02° × 0.006° at 27.5° N: about 1.97 km × 0.67 km.
  expect(s.km2).toBeGreaterThan(1.2)
  expect(s.km2).toBeLessThan(1.4)
})
