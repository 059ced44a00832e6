// Supervised high-risk sites: colour by risk grade; a site with an open warning or an overdue inspection pulses
// (a halo layer whose radius the map view animates; paused when the tab is hidden).
import { GRADE_COLORS } from '../colors'
import type { Overlay } from '../overlay'
import { emptyCollection } from '../overlay'

const gradeColor = ['match', ['get', 'grade'], 'red', GRADE_COLORS.red, 'orange', GRADE_COLORS.orange, 'yellow', GRADE_COLORS.yellow, GRADE_COLORS.blue]

export const PULSE_LAYER = 'sites-pulse'

export const sitesOverlay: Overlay = {
  id: 'sites',
  order: 80,
  toggle: 'sites',
  sources: { sites: { type: 'geojson', data: emptyCollection() } },
  layers: [
    { id: PULSE_LAYER, type: 'circle', source: 'sites', filter: ['any', ['>', ['coalesce', ['get', 'openWarnings'], 0], 0], ['==', ['get', 'inspectionOverdue'], true]],
      // No paint transitions: the pulse sets these every frame, and a transition would keep the map from idling.
      paint: { 'circle-radius': 10, 'circle-radius-transition': { duration: 0 }, 'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': gradeColor as never, 'circle-stroke-width': 2, 'circle-stroke-opacity': 0.8, 'circle-stroke-opacity-transition': { duration: 0 } } },
    { id: 'sites-point', type: 'circle', source: 'sites',
      paint: { 'circle-radius': 5, 'circle-color': gradeColor as never, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.2 } },
  ],
  clickable: ['sites-point'],
}
