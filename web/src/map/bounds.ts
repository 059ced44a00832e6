// The bounding box of a region's geometry, without pulling turf into the initial bundle.
import type { Geometry } from 'geojson'

export function geometryBounds(g: Geometry): [[number, number], [number, number]] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number]
      minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y)
    } else if (Array.isArray(c)) c.forEach(visit)
  }
  if (g.type !== 'GeometryCollection') visit(g.coordinates)
  return [[minX, minY], [maxX, maxY]]
}
