// The county outline: a soft glow line that frames the map.
import type { Overlay } from '../overlay'
import { emptyCollection } from '../overlay'

export const countyOverlay: Overlay = {
  id: 'county',
  order: 10,
  toggle: null,
  sources: { county: { type: 'geojson', data: emptyCollection() } },
  layers: [
    // No fill antialiasing here nor on the townships and grids: their line layers draw the edges, and the outline
    // pass is one more shader and draw per frame (real time with WebGL on the CPU).
    { id: 'county-fill', type: 'fill', source: 'county', paint: { 'fill-color': '#0b2a4a', 'fill-opacity': 0.9, 'fill-antialias': false } },
    { id: 'county-glow', type: 'line', source: 'county', paint: { 'line-color': '#36c6ff', 'line-width': 8, 'line-opacity': 0.18, 'line-blur': 6 } },
    { id: 'county-line', type: 'line', source: 'county', paint: { 'line-color': '#5fd4ff', 'line-width': 2 } },
  ],
  clickable: [],
}
