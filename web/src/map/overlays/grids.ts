// Villages and grids: shown once a township is selected or the map is zoomed in; grids carry the same
// choropleth as townships. The map view narrows them to the selected township with a filter.
import type { ExpressionSpecification } from 'maplibre-gl'
import { rampExpression } from '../colors'
import type { Overlay } from '../overlay'
import { LABEL_FONT, emptyCollection, perFeature } from '../overlay'

/** Below this zoom, grids appear only inside a selected township. */
export const GRID_MIN_ZOOM = 10.5

export const gridsOverlay: Overlay = {
  id: 'grids',
  order: 30,
  toggle: 'grids',
  sources: {
    grids: { type: 'geojson', data: emptyCollection(), promoteId: 'id' },
    'grids-villages': { type: 'geojson', data: emptyCollection(), promoteId: 'id' },
    // One point per grid, where its name goes (the API's labelAt): labelled as polygons, a grid's name showed once
    // per tile it crosses.
    'grids-labels': { type: 'geojson', data: emptyCollection() },
  },
  layers: [
    {
      id: 'grids-fill', type: 'fill', source: 'grids',
      paint: { 'fill-antialias': false, 'fill-color': rampExpression() as ExpressionSpecification, 'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.85, 0.55] },
    },
    { id: 'grids-line', type: 'line', source: 'grids', paint: { 'line-color': perFeature('#9fd8ff'), 'line-width': perFeature(0.6), 'line-opacity': perFeature(0.7) } },
    { id: 'grids-village-line', type: 'line', source: 'grids-villages', paint: { 'line-color': perFeature('#d6ecff'), 'line-width': perFeature(1.4), 'line-opacity': perFeature(0.8) } },
    {
      id: 'grids-selected', type: 'line', source: 'grids', filter: ['==', ['get', 'id'], ''],
      paint: { 'line-color': perFeature('#ffe27a'), 'line-width': perFeature(3), 'line-opacity': perFeature(1) },
    },
  ],
  labels: [
    {
      id: 'grids-label', type: 'symbol', source: 'grids-labels', minzoom: 11.5,
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 11 },
      paint: { 'text-color': '#d6ecff', 'text-halo-color': '#06111f', 'text-halo-width': 1.2 },
    },
  ],
  clickable: ['grids-fill'],
}
