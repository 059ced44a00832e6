// Townships: indicative cells with their names at the seats (the seat is always inside its Voronoi cell, so the
// label never lands in a neighbour).
import type { Overlay } from '../overlay'
import { emptyCollection } from '../overlay'

export const LABEL_FONT = ['Noto Sans CJK SC']

export const townshipsOverlay: Overlay = {
  id: 'townships',
  order: 20,
  sources: {
    townships: { type: 'geojson', data: emptyCollection(), promoteId: 'id' },
    'townships-labels': { type: 'geojson', data: emptyCollection(), promoteId: 'id' },
  },
  layers: [
    {
      id: 'townships-fill', type: 'fill', source: 'townships',
      paint: {
        'fill-color': ['case', ['boolean', ['feature-state', 'hover'], false], '#1f5f96', '#123d66'],
        'fill-opacity': 0.55,
      },
    },
    { id: 'townships-line', type: 'line', source: 'townships', paint: { 'line-color': '#4f9bd9', 'line-width': 1, 'line-dasharray': [3, 2] } },
    {
      id: 'townships-label', type: 'symbol', source: 'townships-labels',
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': 14,
        'text-allow-overlap': false,
      },
      paint: { 'text-color': '#e6f1ff', 'text-halo-color': '#06111f', 'text-halo-width': 1.5 },
    },
  ],
  clickable: ['townships-fill'],
}
