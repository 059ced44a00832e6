// Label points for townships: their seats, so a name sits where the town actually is.
import type { Feature, FeatureCollection, Point } from 'geojson'
import type { RegionCollection } from '../api/client'

export function townshipLabelPoints(townships: RegionCollection): FeatureCollection<Point> {
  const features: Feature<Point>[] = townships.features.map((f) => ({
    type: 'Feature',
    properties: { id: f.properties.id, name: f.properties.name },
    geometry: { type: 'Point', coordinates: f.properties.seat as [number, number] },
  }))
  return { type: 'FeatureCollection', features }
}
