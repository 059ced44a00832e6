// Townships: indicative cells coloured by the chosen metric (feature-state `t`, set by the map view), with name
// and value at the area's label point (where they go is label-layout.ts's).
import type { ExpressionSpecification } from 'maplibre-gl'
import { rampExpression } from '../colors'
import { LINE_HEIGHT } from '../label-layout'
import type { Overlay } from '../overlay'
import { LABEL_FONT, emptyCollection, perFeature } from '../overlay'

/** The townships' names and values: clicked, counted and kept clear of site pulses by id. */
export const TOWNSHIP_LABEL_LAYER = 'townships-label'
/** Their text size in CSS pixels, before a wall scales it. */
export const TOWNSHIP_LABEL_SIZE = 14

export const townshipsOverlay: Overlay = {
  id: 'townships',
  order: 20,
  toggle: 'townships',
  sources: {
    townships: { type: 'geojson', data: emptyCollection(), promoteId: 'id' },
    'townships-labels': { type: 'geojson', data: emptyCollection(), promoteId: 'id' },
  },
  layers: [
    {
      id: 'townships-fill', type: 'fill', source: 'townships',
      paint: {
        'fill-antialias': false,
        'fill-color': rampExpression() as ExpressionSpecification,
        'fill-opacity': ['case', ['boolean', ['feature-state', 'dim'], false], 0.25, ['boolean', ['feature-state', 'hover'], false], 0.85, 0.6],
      },
    },
    { id: 'townships-line', type: 'line', source: 'townships', paint: { 'line-color': '#7cc4ff', 'line-width': 1, 'line-dasharray': [3, 2], 'line-opacity': 0.8 } },
    {
      id: 'townships-selected', type: 'line', source: 'townships',
      filter: ['==', ['get', 'id'], ''],
      paint: { 'line-color': perFeature('#ffe27a'), 'line-width': perFeature(3), 'line-opacity': perFeature(1) },
    },
  ],
  labels: [
    {
      id: TOWNSHIP_LABEL_LAYER, type: 'symbol', source: 'townships-labels',
      layout: {
        'text-field': ['get', 'label'],
        'text-font': LABEL_FONT,
        'text-size': TOWNSHIP_LABEL_SIZE,
        'text-line-height': LINE_HEIGHT,
        // Township names are the map's geography: always drawn, never hidden by a record layer's label. Kept
        // apart by a layout of our own (label-layout.ts, set per label by bind-regions.ts).
        'text-allow-overlap': true,
        'text-anchor': ['to-string', ['coalesce', ['get', 'anchor'], 'center']] as never,
        'text-offset': ['array', 'number', 2, ['coalesce', ['get', 'offset'], ['literal', [0, 0]]]] as never,
      },
      // A wide dark halo: the county seat's name and figure sit among dozens of site and incident dots.
      paint: { 'text-color': '#f0f7ff', 'text-halo-color': '#06111f', 'text-halo-width': 2.4 },
    },
  ],
  clickable: ['townships-fill', TOWNSHIP_LABEL_LAYER],
}
