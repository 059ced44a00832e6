// What a new version of a level is checked against: the level as it stands at the new version's valid_from (the
// built file or an earlier import), and the level above it, which the new polygons must cover.
import { area } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { COUNTY_NAME } from '../../../domain/regions'
import type { BoundaryLevel } from '../../store/boundaries'
import { LAYER_OF } from '../../services/boundary-timeline'
import type { BoundaryTimeline } from '../../services/boundary-timeline'
import type { RegionCollection } from '../../services/regions'
import type { LevelInForce } from './validate'

const geometries = (fc: RegionCollection) => fc.features.map((f) => f.geometry as Polygon | MultiPolygon)

export function levelInForce(timeline: BoundaryTimeline, level: BoundaryLevel, at: number): LevelInForce & { layer: RegionCollection } {
  const regions = timeline.regionsAt(at)
  const layer = regions[LAYER_OF[level]]
  const known = new Map(layer.features.map((f) => [String(f.properties.id), {
    name: String(f.properties.name ?? ''), km2: area(f as Feature<Polygon | MultiPolygon>) / 1e6,
  }]))
  const above = level === 'township' ? regions.county : level === 'village' ? regions.townships : regions.villages
  return {
    layer, known,
    parentCodes: new Set(above.features.map((f) => String(f.properties.id))),
    parent: geometries(above),
    parentName: level === 'township' ? `${COUNTY_NAME.name}'s outline` : `the ${level === 'village' ? 'township' : 'village'}s in force`,
  }
}
