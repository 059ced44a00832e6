// Alerts (研判预警): each open alert's area (a grid's polygon) washed and outlined in its level's colour, a place's or
// a site's point ringed; above the regions' colours and under the records, so the incidents inside stay readable.
// A new alert also pulses (DOM markers, alert-pulse.ts: nothing runs when there is none). The records an alert's
// evidence lists are ringed on top of every record layer once the leader opens it (`alertRecordsOverlay`).
import type { ExpressionSpecification } from 'maplibre-gl'
import { ALERT_LEVEL_COLORS } from '../colors'
import type { Overlay } from '../overlay'
import { emptyCollection, perFeature } from '../overlay'

const levelColor: ExpressionSpecification = ['match', ['get', 'level'], 'red', ALERT_LEVEL_COLORS.red, 'orange', ALERT_LEVEL_COLORS.orange, ALERT_LEVEL_COLORS.yellow]
const isArea: ExpressionSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false]
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point']
/** Width by level: a red outline reads from across the room, a yellow one does not shout. */
const lineWidth: ExpressionSpecification = ['match', ['get', 'level'], 'red', 3.5, 'orange', 2.5, 2]
/** Ringed records: the evidence's own, drawn in the selection's yellow, so they read as "these" among the rest. */
export const EVIDENCE_COLOR = '#ffe27a'

export const alertsOverlay: Overlay = {
  id: 'alerts',
  order: 45,
  toggle: 'alerts',
  sources: { alerts: { type: 'geojson', data: emptyCollection(), promoteId: 'id' } },
  layers: [
    { id: 'alerts-fill', type: 'fill', source: 'alerts', filter: isArea,
      paint: { 'fill-color': levelColor, 'fill-opacity': ['case', ['boolean', ['feature-state', 'focus'], false], 0.22, 0.14], 'fill-antialias': false } },
    // A dark casing under the outline: the regions' colours run to the same red, and the outline must read on any.
    { id: 'alerts-casing', type: 'line', source: 'alerts', filter: isArea,
      paint: { 'line-color': perFeature('#06111f'), 'line-width': ['+', lineWidth, 3], 'line-opacity': perFeature(0.85) } },
    { id: 'alerts-line', type: 'line', source: 'alerts', filter: isArea,
      paint: { 'line-color': levelColor, 'line-width': ['case', ['boolean', ['feature-state', 'focus'], false], ['+', lineWidth, 1.5], lineWidth], 'line-opacity': perFeature(1) } },
    { id: 'alerts-point', type: 'circle', source: 'alerts', filter: isPoint,
      paint: { 'circle-radius': perFeature(11), 'circle-color': levelColor, 'circle-opacity': 0.25, 'circle-stroke-color': levelColor, 'circle-stroke-width': lineWidth } },
  ],
  clickable: ['alerts-fill', 'alerts-point'],
}

export const alertRecordsOverlay: Overlay = {
  id: 'alert-records',
  order: 95,
  toggle: 'alerts',
  sources: { 'alert-records': { type: 'geojson', data: emptyCollection() } },
  layers: [
    { id: 'alert-records-ring', type: 'circle', source: 'alert-records',
      paint: { 'circle-radius': perFeature(9), 'circle-color': perFeature('rgba(0, 0, 0, 0)'), 'circle-stroke-color': perFeature(EVIDENCE_COLOR), 'circle-stroke-width': perFeature(2.5) } },
  ],
  clickable: [],
}
