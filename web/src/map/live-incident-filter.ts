// Which live incidents the map keeps: exactly those the view's list request would fetch, by the one predicate
// that request's SQL applies (domain/incident-filter.ts), and the area selected on the map (`within`, a point in
// polygon test as the API's). A live event carries the incident as the API's feature.
import { booleanPointInPolygon } from '@turf/turf'
import type { Polygon, Position } from 'geojson'
import type { FilterableIncident, IncidentFilterSet } from '../../../domain/incident-filter'
import { matchesIncidentFilter } from '../../../domain/incident-filter'
import type { ViewState } from '../stores/view-state'

/** The list request's filters and the selected area, if any. */
export type LiveIncidentFilter = IncidentFilterSet & { within?: Polygon | null }

/** The view's incident filters, as stores/map-data.ts sends them with the list request. */
export function viewIncidentFilter(state: Pick<ViewState, 'scope' | 'filters' | 'offList'> & { within?: Polygon | null }, range: { from: number; to: number }): LiveIncidentFilter {
  return { scope: state.scope, from: range.from, to: range.to, ...state.filters, ...(state.offList ? { onList: false } : {}), within: state.within ?? null }
}

/** A feature's properties (api/services/incident-record.ts incidentFeature) as the predicate reads them; null if incomplete. */
export function filterableIncident(p: Record<string, unknown>): FilterableIncident | null {
  const text = ['status', 'category', 'module', 'department', 'source', 'severity', 'grid'] as const
  if (!text.every((k) => typeof p[k] === 'string') || typeof p.onList !== 'boolean') return null
  const reportedAt = Date.parse(String(p.reportedAt))
  if (!Number.isFinite(reportedAt)) return null
  const s = p as Record<(typeof text)[number], string>
  return { status: s.status, category: s.category, module: s.module, department: s.department, source: s.source,
    severity: s.severity, grid: s.grid, onList: p.onList, reportedAt }
}

/**
 * Whether a live incident belongs on the map of this filter set. One the map cannot judge (incomplete, or without
 * a point while an area is selected) does not.
 */
export function liveIncidentMatches(filter: LiveIncidentFilter, properties: Record<string, unknown>, at?: Position | null): boolean {
  const incident = filterableIncident(properties)
  if (incident === null || !matchesIncidentFilter(filter, incident)) return false
  if (!filter.within) return true
  return Boolean(at) && booleanPointInPolygon(at!, filter.within)
}
