import { expect, test } from 'vitest'
import { createLocator } from '../../api/services/locator'
import { loadRegions } from '../../api/services/regions'

// The indexed locator answers most points from a stored per-cell answer, so these points aim at where a stored
// answer could go wrong: on edges and vertices, a hair either side of an edge, and outside the county.
test('the spatial index assigns exactly the grid the naive loop does, inside, on and near edges and outside the county', () => {
  const grids = loadRegions().grids
  const locator = createLocator(grids)
  const points: [number, number][] = []
  // A deterministic sweep of a box larger than the county's.
  for (let i = 0; i < 6000; i++) points.push([119.55 + ((i * 7919) % 6000) / 6000 * 0.8, 27.2 + ((i * 104729) % 6000) / 6000 * 0.7])
  // Every vertex of every grid (points on shared edges), each edge's midpoint, and points just off the midpoint on
  // both sides at distances around the float noise (1e-12), the index's margin (1e-7) and a lattice cell (1e-4).
  let edges = 0
  for (const f of grids.features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : []
    for (const ring of polys.flat()) {
      for (let k = 1; k < ring.length; k++) {
        const [x0, y0] = ring[k - 1] as [number, number]
        const [x1, y1] = ring[k] as [number, number]
        points.push([x0, y0])
        if (k % 3 !== 0) continue // every third edge keeps the test quick; vertices are all covered
        edges++
        const mx = (x0 + x1) / 2, my = (y0 + y1) / 2
        const len = Math.hypot(x1 - x0, y1 - y0) || 1
        const nx = -(y1 - y0) / len, ny = (x1 - x0) / len
        points.push([mx, my])
        for (const d of [1e-12, 1e-9, 1e-7, 2e-7, 1e-6, 1e-4]) points.push([mx + nx * d, my + ny * d], [mx - nx * d, my - ny * d])
      }
    }
  }
  expect(edges).toBeGreaterThan(1000)
  let inside = 0
  const mismatches: string[] = []
  for (const [lng, lat] of points) {
    const fast = locator.locate(lng, lat)?.grid ?? null
    const naive = locator.locateNaive(lng, lat)?.grid ?? null
    if (fast !== naive) mismatches.push(`${lng},${lat}: index ${fast}, naive ${naive}`)
    if (fast) inside++
  }
  expect(mismatches.slice(0, 5)).toEqual([])
  expect(inside).toBeGreaterThan(points.length / 2)
  expect(inside).toBeLessThan(points.length) // the sweep reaches outside the county
  expect(locator.locate(121, 28)).toBeNull()
  expect(locator.locate(Number.NaN, 27.5)).toBeNull()
})

test('a point inside a grid gets that grid, its village and its township', () => {
  const grids = loadRegions().grids
  const locator = createLocator(grids)
  const f = grids.features[10]!
  // The vertex mean of its outer ring (inside for the compact grids of Taishun).
  const ring = (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : (f.geometry as { coordinates: number[][][][] }).coordinates[0]![0])!
  const cx = ring.reduce((a, p) => a + p[0]! / ring.length, 0)
  const cy = ring.reduce((a, p) => a + p[1]! / ring.length, 0)
  const found = locator.locateNaive(cx, cy)
  expect(locator.locate(cx, cy)).toEqual(found)
  expect(found).not.toBeNull()
  expect(found!.grid.startsWith(found!.village) && found!.village.startsWith(found!.township)).toBe(true)
})
