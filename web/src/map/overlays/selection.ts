// The area selected on the map: a light fill and a bright outline, and the rest of the world dimmed, so the eye
// goes to what every figure now counts. Above the regions' colours, under the records (the records outside are
// not loaded anyway) and under the labels.
import type { Polygon } from 'geojson'
import type { Overlay } from '../overlay'
import { emptyCollection, perFeature } from '../overlay'

export const SELECTION_COLOR = '#ffe27a'

export const selectionOverlay: Overlay = {
  id: 'selection',
  order: 40,
  toggle: null,
  sources: {
    selection: { type: 'geojson', data: emptyCollection() },
    'selection-mask': { type: 'geojson', data: emptyCollection() },
  },
  layers: [
    { id: 'selection-mask', type: 'fill', source: 'selection-mask', paint: { 'fill-color': perFeature('#020812'), 'fill-opacity': perFeature(0.6), 'fill-antialias': false } },
    { id: 'selection-fill', type: 'fill', source: 'selection', paint: { 'fill-color': perFeature(SELECTION_COLOR), 'fill-opacity': perFeature(0.08), 'fill-antialias': false } },
    { id: 'selection-glow', type: 'line', source: 'selection', paint: { 'line-color': perFeature(SELECTION_COLOR), 'line-width': perFeature(8), 'line-opacity': perFeature(0.25), 'line-blur': 4 } },
    { id: 'selection-line', type: 'line', source: 'selection', paint: { 'line-color': perFeature(SELECTION_COLOR), 'line-width': perFeature(2.5), 'line-opacity': perFeature(1) } },
  ],
  clickable: [],
}

/** Far beyond the county on every side: the dimmed world the selection is cut out of. */
const WORLD: GeoJSON.Position[] = [[100, 10], [140, 10], [140, 45], [100, 45], [100, 10]]

/** The selection's features: itself, and the world with it as a hole. Empty collections when nothing is selected. */
export function selectionFeatures(polygon: Polygon | null): { selection: GeoJSON.FeatureCollection; mask: GeoJSON.FeatureCollection } {
  if (!polygon) return { selection: emptyCollection(), mask: emptyCollection() }
  const ring = polygon.coordinates[0] ?? []
  return {
    selection: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: polygon }] },
    mask: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [WORLD, [...ring].reverse()] } }] },
  }
}
