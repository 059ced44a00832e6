// Incidents: clusters that show their status mix as nested discs whose areas are proportional to the closed,
// open and overdue shares (clusterProperties sums them), points coloured by status and sized by severity, and a
// heatmap switch. Property `g` (0 closed, 1 open, 2 overdue) is set when features are ingested.
//
// Live changes go to a small unclustered source drawn on top (`incidents-live`, ringed in white: new or changed
// since the last fold) and are folded into the clustered source in batches (web/src/map/live-incidents.ts):
// any change to a clustered source re-clusters all of it, which at 50,000 points costs as much as replacing it.
import type { ExpressionSpecification } from 'maplibre-gl'
import { INCIDENT_CLUSTER_MAX_ZOOM } from '../../../../domain/incident-tiles'
import { STATUS_COLORS } from '../colors'
import type { Overlay } from '../overlay'
import { LABEL_FONT, emptyCollection, perFeature } from '../overlay'

/** The small unclustered source of incidents changed since the last fold (web/src/map/live-incidents.ts). */
export const LIVE_SOURCE = 'incidents-live'

const count: ExpressionSpecification = ['get', 'point_count']
const radius: ExpressionSpecification = ['step', count, 13, 20, 17, 100, 22, 500, 28, 2000, 34]
const share = (expr: ExpressionSpecification): ExpressionSpecification => ['*', radius, ['sqrt', ['/', expr, count]]]
/** A point: coloured by status group, sized by severity (the clustered source's points and the live ones alike). */
const pointRadius: ExpressionSpecification = ['match', ['get', 'severity'], 'critical', 8, 'urgent', 6, 4.5]
const pointColor: ExpressionSpecification = ['match', ['get', 'g'], 2, STATUS_COLORS.overdue, 1, STATUS_COLORS.open, STATUS_COLORS.closed]
const stroke = (color: string, width: number) => ({ 'circle-stroke-color': perFeature(color), 'circle-stroke-width': perFeature(width) })

export const incidentsOverlay: Overlay = {
  id: 'incidents',
  order: 60,
  toggle: 'incidents',
  sources: {
    incidents: {
      type: 'geojson', data: emptyCollection(), cluster: true, clusterRadius: 45, clusterMaxZoom: INCIDENT_CLUSTER_MAX_ZOOM,
      clusterProperties: {
        open: ['+', ['case', ['==', ['get', 'g'], 1], 1, 0]],
        overdue: ['+', ['case', ['==', ['get', 'g'], 2], 1, 0]],
      },
    },
    [LIVE_SOURCE]: { type: 'geojson', data: emptyCollection() },
  },
  layers: [
    { id: 'incidents-cluster', type: 'circle', source: 'incidents', filter: ['has', 'point_count'],
      paint: { 'circle-radius': radius, 'circle-color': perFeature(STATUS_COLORS.closed), 'circle-opacity': 0.85, ...stroke('#06111f', 1) } },
    { id: 'incidents-cluster-open', type: 'circle', source: 'incidents', filter: ['has', 'point_count'],
      paint: { 'circle-radius': share(['+', ['get', 'open'], ['get', 'overdue']]), 'circle-color': perFeature(STATUS_COLORS.open), 'circle-opacity': 0.95, ...stroke('#06111f', 0) } },
    { id: 'incidents-cluster-overdue', type: 'circle', source: 'incidents', filter: ['has', 'point_count'],
      paint: { 'circle-radius': share(['get', 'overdue']), 'circle-color': perFeature(STATUS_COLORS.overdue), ...stroke('#06111f', 0) } },
    { id: 'incidents-cluster-count', type: 'symbol', source: 'incidents', filter: ['has', 'point_count'],
      // Counts sit on their discs and must never push township names off the map.
      layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': LABEL_FONT, 'text-size': 12, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#ffffff', 'text-halo-color': '#06111f', 'text-halo-width': 1.4 } },
    { id: 'incidents-point', type: 'circle', source: 'incidents', filter: ['!', ['has', 'point_count']],
      paint: { 'circle-radius': pointRadius, 'circle-color': pointColor, ...stroke('#06111f', 1) } },
    { id: 'incidents-live-point', type: 'circle', source: LIVE_SOURCE,
      // A little larger, with a thick white ring: a change must stand out among the clusters and site points.
      paint: { 'circle-radius': ['+', pointRadius, 2], 'circle-color': pointColor, ...stroke('#ffffff', 2.5) } },
  ],
  clickable: ['incidents-cluster', 'incidents-point', 'incidents-live-point'],
}

/**
 * Above the tile threshold these layers read the API's incident tiles (source layer `incidents`), whose cells
 * carry the same point_count / open / overdue properties as the GeoJSON clusters, so they draw the same.
 */
export const INCIDENT_TILE_SOURCE = 'incidents-tiles'
export const INCIDENT_TILE_LAYERS: Record<string, string> = {
  'incidents-cluster': 'incidents', 'incidents-cluster-open': 'incidents', 'incidents-cluster-overdue': 'incidents',
  'incidents-cluster-count': 'incidents', 'incidents-point': 'incidents', 'heatmap-layer': 'heatmap',
}
const severityWeight: ExpressionSpecification = ['match', ['get', 'severity'], 'critical', 1, 'urgent', 0.7, 0.4]
/** Heatmap weights: per incident from GeoJSON; from tiles a cell weighs as its incidents would, up to a cap. */
export const HEATMAP_WEIGHT = {
  geojson: { 'heatmap-layer': { 'heatmap-weight': severityWeight } },
  tiles: { 'heatmap-layer': { 'heatmap-weight': ['case', ['has', 'point_count'], ['min', 4, ['*', 0.4, ['get', 'point_count']]], severityWeight] } },
}

/**
 * How many incidents the heatmap's colours were set for: a week of the county (~1,300), where the seats of 罗阳镇,
 * 雅阳镇 and 泗溪镇 glow and the rest grades from blue. Density adds up, so a month painted half the county red and
 * a year all of it. With more points the heatmap is turned down in proportion and shows where incidents gather
 * in any range; with fewer it is not turned up, or one report would glow like a hot spot.
 */
const HEAT_REFERENCE_POINTS = 1500

/** The heatmap's intensity for this many points drawn from GeoJSON (tiles weigh their cells with a cap instead). */
export const heatmapIntensity = (points: number) => Math.min(1, HEAT_REFERENCE_POINTS / Math.max(1, points))

/** The heatmap reads an unclustered copy of the incidents. */
export const heatmapOverlay: Overlay = {
  id: 'heatmap',
  order: 50,
  toggle: 'heatmap',
  sources: { heatmap: { type: 'geojson', data: emptyCollection() } },
  layers: [{
    id: 'heatmap-layer', type: 'heatmap', source: 'heatmap',
    paint: {
      'heatmap-weight': severityWeight,
      'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 8, 10, 12, 24],
      'heatmap-opacity': 0.8,
      'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'], 0, 'rgba(0,0,0,0)', 0.2, '#1f6fb2', 0.45, '#2bb3d9', 0.7, '#f5c04a', 1, '#ff5a4f'],
    },
  }],
  clickable: [],
}
