// The queue map's one overlay: the county and its townships as a faint frame with their names, and the
// department's open items as dots coloured by time left (overdue red, due soon amber, else blue). A new item is
// ringed white and the selected one yellow, by feature state, so selecting never re-tiles the points.
import type { ExpressionSpecification } from 'maplibre-gl'
import { SLA_COLORS } from '../map/colors'
import type { Overlay } from '../map/overlay'
import { LABEL_FONT, emptyCollection, perFeature } from '../map/overlay'
import type { QueueItem } from './queue-item'
import { itemKey } from './queue-item'
import type { Urgency } from './queue-order'

export const QUEUE_ITEMS_SOURCE = 'queue-items'
export const QUEUE_ITEMS_LAYER = 'queue-items-dot'

const flag = (name: string): ExpressionSpecification => ['boolean', ['feature-state', name], false]

export const queueOverlay: Overlay = {
  id: 'queue',
  order: 10,
  toggle: null,
  sources: {
    'queue-county': { type: 'geojson', data: emptyCollection() },
    'queue-townships': { type: 'geojson', data: emptyCollection() },
    'queue-township-names': { type: 'geojson', data: emptyCollection() },
    [QUEUE_ITEMS_SOURCE]: { type: 'geojson', data: emptyCollection(), promoteId: 'key' },
  },
  layers: [
    { id: 'queue-county-fill', type: 'fill', source: 'queue-county', paint: { 'fill-color': perFeature('#0b2a4a'), 'fill-opacity': perFeature(0.9), 'fill-antialias': false } },
    { id: 'queue-townships-line', type: 'line', source: 'queue-townships', paint: { 'line-color': perFeature('#3f7fb8'), 'line-width': perFeature(1), 'line-opacity': perFeature(0.8) } },
    { id: 'queue-county-line', type: 'line', source: 'queue-county', paint: { 'line-color': perFeature('#5fd4ff'), 'line-width': perFeature(2), 'line-opacity': perFeature(1) } },
    // Under the dots, not above them as the leader's map draws names: here the items are what is read.
    {
      id: 'queue-township-names', type: 'symbol', source: 'queue-township-names',
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12 },
      paint: { 'text-color': '#9fc4e8', 'text-halo-color': '#06111f', 'text-halo-width': 1.6 },
    },
    {
      id: QUEUE_ITEMS_LAYER, type: 'circle', source: QUEUE_ITEMS_SOURCE,
      paint: {
        'circle-radius': ['case', flag('selected'), 9, flag('fresh'), 8, 6],
        'circle-color': ['match', ['get', 'urgency'], 'overdue', SLA_COLORS.breached, 'due-soon', SLA_COLORS['due-soon'], '#36c6ff'],
        'circle-stroke-color': ['case', flag('selected'), '#ffe27a', flag('fresh'), '#ffffff', '#06111f'],
        'circle-stroke-width': ['case', flag('selected'), 3, flag('fresh'), 3, 1.5],
      },
    },
  ],
  clickable: [QUEUE_ITEMS_LAYER],
}

/** The items with a place, as points keyed like the list's rows. */
export function itemPoints(items: readonly QueueItem[], urgency: (item: QueueItem) => Urgency): GeoJSON.FeatureCollection<GeoJSON.Point> {
  return {
    type: 'FeatureCollection',
    features: items.filter((i) => i.point !== null).map((i) => ({
      type: 'Feature' as const,
      properties: { key: itemKey(i), urgency: urgency(i) },
      geometry: { type: 'Point' as const, coordinates: i.point! },
    })),
  }
}
