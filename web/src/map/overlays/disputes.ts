// Disputes under mediation: colour by level (村/乡/县), a red ring for high risk.
import { LEVEL_COLORS } from '../colors'
import type { Overlay } from '../overlay'
import { emptyCollection } from '../overlay'

export const disputesOverlay: Overlay = {
  id: 'disputes',
  order: 70,
  toggle: 'disputes',
  sources: { disputes: { type: 'geojson', data: emptyCollection() } },
  layers: [{
    id: 'disputes-point', type: 'circle', source: 'disputes',
    paint: {
      'circle-radius': ['match', ['get', 'risk'], 'high', 8, 'medium', 6.5, 5],
      'circle-color': ['match', ['get', 'level'], 'county', LEVEL_COLORS.county, 'township', LEVEL_COLORS.township, LEVEL_COLORS.village],
      'circle-stroke-color': ['match', ['get', 'risk'], 'high', '#ff2d2d', '#06111f'],
      'circle-stroke-width': ['match', ['get', 'risk'], 'high', 2.5, 1],
    },
  }],
  clickable: ['disputes-point'],
}
