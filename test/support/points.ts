// A real point inside a grid, for intake through the API (which places points with the locator).
import { loadRegions } from '../../api/services/regions'
import type { Locator } from '../../api/services/locator'

/** The mean of the grid's ring corners (the cells are convex), checked with the app's own locator. */
export function pointInGrid(locator: Locator, grid: string): { lng: number; lat: number } {
  const f = loadRegions().grids.features.find((g) => g.properties.id === grid)
  const ring = (f?.geometry as { coordinates: number[][][] } | undefined)?.coordinates[0]?.slice(0, -1) ?? []
  const mean = (i: number) => Math.round((ring.reduce((a, c) => a + c[i]!, 0) / ring.length) * 1e6) / 1e6
  const point = { lng: mean(0), lat: mean(1) }
  if (locator.locate(point.lng, point.lat)?.grid !== grid) throw new Error(`the mean of grid ${grid}'s corners is not inside it`)
  return point
}
