// Supervised high-risk sites: colour by risk grade. Sites with an open warning or an overdue inspection also pulse
// (DOM markers, see pulse.ts).
import { GRADE_COLORS } from '../colors'
import type { Overlay } from '../overlay'
import { emptyCollection, perFeature } from '../overlay'

const gradeColor = ['match', ['get', 'grade'], 'red', GRADE_COLORS.red, 'orange', GRADE_COLORS.orange, 'yellow', GRADE_COLORS.yellow, GRADE_COLORS.blue]

export const sitesOverlay: Overlay = {
  id: 'sites',
  order: 80,
  toggle: 'sites',
  sources: { sites: { type: 'geojson', data: emptyCollection() } },
  layers: [
    { id: 'sites-point', type: 'circle', source: 'sites',
      paint: { 'circle-radius': perFeature(5), 'circle-color': gradeColor as never, 'circle-stroke-color': perFeature('#ffffff'), 'circle-stroke-width': perFeature(1.2) } },
  ],
  clickable: ['sites-point'],
}
