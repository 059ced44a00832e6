// Geometry for the whistle layer: each county department gets a node in a column west of the county (they all
// sit in the county seat, 罗阳镇, which lies on the west side), and each call becomes a curved arc from its
// township's seat to its department's node.
import type { Feature, FeatureCollection, LineString, Point } from 'geojson'
import { isOneOf } from '../../../domain/label'
import { OPEN_WHISTLE_STATUSES } from '../../../domain/whistle'
import type { PointFeature } from '../api/map-data'

export const DEPARTMENT_COLUMN = { lng: 119.5, north: 27.79, south: 27.32 }

export interface DepartmentLabel { id: string; name: string }

export function departmentNodes(departments: readonly DepartmentLabel[]): FeatureCollection<Point> {
  const step = (DEPARTMENT_COLUMN.north - DEPARTMENT_COLUMN.south) / Math.max(1, departments.length - 1)
  return {
    type: 'FeatureCollection',
    features: departments.map((d, i) => ({
      type: 'Feature',
      properties: { id: d.id, name: d.name },
      geometry: { type: 'Point', coordinates: [DEPARTMENT_COLUMN.lng, DEPARTMENT_COLUMN.north - i * step] },
    })),
  }
}

/** A quadratic Bézier bent to the left of the straight line, by a fifth of its length. */
export function arc(a: [number, number], b: [number, number], segments = 24): [number, number][] {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]]
  const control: [number, number] = [(a[0] + b[0]) / 2 - dy * 0.2, (a[1] + b[1]) / 2 + dx * 0.2]
  const points: [number, number][] = []
  for (let i = 0; i <= segments; i++) {
    const t = i / segments
    const u = 1 - t
    points.push([u * u * a[0] + 2 * u * t * control[0] + t * t * b[0], u * u * a[1] + 2 * u * t * control[1] + t * t * b[1]])
  }
  return points
}

export function whistleArcs(whistles: readonly PointFeature[], nodes: FeatureCollection<Point>): FeatureCollection<LineString> {
  const nodeOf = new Map(nodes.features.map((n) => [String(n.properties?.id), n.geometry.coordinates as [number, number]]))
  const features: Feature<LineString>[] = []
  for (const w of whistles) {
    const to = nodeOf.get(String(w.properties.department))
    if (!to) continue
    features.push({
      type: 'Feature',
      id: w.id,
      properties: { ...w.properties, open: isOneOf(OPEN_WHISTLE_STATUSES, w.properties.status) },
      geometry: { type: 'LineString', coordinates: arc(w.geometry.coordinates as [number, number], to) },
    })
  }
  return { type: 'FeatureCollection', features }
}
