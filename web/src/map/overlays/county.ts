// The county outline: a soft glow line that frames the map.
import type { Overlay } from '../overlay'
import { emptyCollection, perFeature } from '../overlay'

export const countyOverlay: Overlay = {
  id: 'county',
  order: 10,
  toggle: null,
  sources: { county: { type: 'geojson', data: emptyCollection() } },
  layers: [
    // No fill antialiasing here nor on the townships and grids: their line layers draw the edges, and the outline
    // pass is one more shader and draw per frame (real time with WebGL on the CPU).
    { id: 'county-fill', type: 'fill', source: 'county', paint: { 'fill-color': perFeature('#0b2a4a'), 'fill-opacity': perFeature(0.9), 'fill-antialias': false } },
    { id: 'county-glow', type: 'line', source: 'county', paint: { 'line-color': perFeature('#36c6ff'), 'line-width': perFeature(8), 'line-opacity': perFeature(0.18), 'line-blur': 6 } },
    { id: 'county-line', type: 'line', source: 'county', paint: { 'line-color': perFeature('#5fd4ff'), 'line-width': perFeature(2), 'line-opacity': perFeature(1) } },
  ],
  clickable: [],
}
