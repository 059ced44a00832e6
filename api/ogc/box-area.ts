// A bbox as the area filter the lists already take for a drawn selection (`within=`): the box as a polygon, so
// disputes and sites are cut by the same SQL fragment (PostGIS ST_Intersects; SQLite's box and point-in-area).
import type { AreaFilter } from '../store/where'
import type { LngLatBox } from './bbox'

export function boxArea(box: LngLatBox): AreaFilter {
  const [w, s, e, n] = box
  return { geojson: JSON.stringify({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] }), bbox: [w, s, e, n] }
}
