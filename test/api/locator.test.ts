import { expect, test } from 'vitest'
import { createLocator } from '../../api/services/locator'
import { loadRegions } from '../../api/services/regions'

test('the spatial index assigns exactly the grid the naive loop does, inside, on edges and outside the county', () => {
  const locator = createLocator(loadRegions().grids)
  // A deterministic sweep of the county's box plus every grid vertex (points on shared edges).
  const points: [number, number][] = []
  for (let i = 0; i < 4000; i++) points.push([119.62 + ((i * 7919) % 4000) / 4000 * 0.63, 27.29 + ((i * 104729) % 4000) / 4000 * 0.53])
  for (const f of loadRegions().grids.features.slice(0, 120)) {
    const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]! : (f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates[0]![0]! : [])
    for (const c of ring) points.push([c[0]!, c[1]!])
  }
  let inside = 0
  for (const [lng, lat] of points) {
    const fast = locator.locate(lng, lat)
    expect(fast?.grid, `${lng},${lat}`).toBe(locator.locateNaive(lng, lat)?.grid)
    if (fast) inside++
  }
  expect(inside).toBeGreaterThan(2000)
  expect(locator.locate(121, 28)).toBeNull()
})
