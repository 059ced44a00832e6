// Whistle calls (吹哨报到): arcs from the calling township to the county department, coloured by SLA state, and
// the departments as a labelled column west of the county (they all sit in the county seat; a column keeps 17
// arcs apart and readable).
import { SLA_COLORS } from '../colors'
import type { Overlay } from '../overlay'
import { LABEL_FONT, emptyCollection, perFeature } from '../overlay'

export const whistlesOverlay: Overlay = {
  id: 'whistles',
  order: 90,
  toggle: 'whistles',
  sources: {
    whistles: { type: 'geojson', data: emptyCollection() },
    'whistles-departments': { type: 'geojson', data: emptyCollection() },
  },
  layers: [
    { id: 'whistles-arc', type: 'line', source: 'whistles',
      layout: { 'line-cap': 'round' },
      paint: {
        'line-color': ['match', ['get', 'sla'], 'breached', SLA_COLORS.breached, 'due-soon', SLA_COLORS['due-soon'], SLA_COLORS.ok],
        // Open calls are what a leader acts on; closed ones stay as a faint trace of who calls whom.
        'line-width': ['case', ['get', 'open'], 2.4, 0.6], 'line-opacity': ['case', ['get', 'open'], 0.95, 0.12],
      } },
    { id: 'whistles-department', type: 'circle', source: 'whistles-departments',
      paint: { 'circle-radius': perFeature(4), 'circle-color': perFeature('#36c6ff'), 'circle-stroke-color': perFeature('#e6f1ff'), 'circle-stroke-width': perFeature(1) } },
    { id: 'whistles-department-label', type: 'symbol', source: 'whistles-departments',
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 11, 'text-anchor': 'right', 'text-offset': [-0.8, 0], 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#9fd0ff', 'text-halo-color': '#06111f', 'text-halo-width': 1.2 } },
  ],
  clickable: ['whistles-arc'],
}
