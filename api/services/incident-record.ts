// What the API says about an incident: the stored row in the API's words, with ISO times and the derived SLA
// state (overdue, due time) computed for `now`, never stored. Personal data is masked for wall screens.
import type { IncidentStatus, Severity } from '../../domain/incident'
import { allowedIncidentActions } from '../../domain/incident'
import type { IncidentFeature, IncidentMapFeature, IncidentRecord, IncidentStep } from '../../domain/answers/incident'
import { maskName, maskPhone } from '../../domain/mask'
import { incidentDueAt, isIncidentOverdue } from '../../domain/sla'
import type { IncidentEventRow, IncidentFeatureRow, IncidentRow } from '../store/incidents'
import type { ViewOptions } from './record-view'
import { freeText, iso } from './record-view'

export function incidentRecord(row: IncidentRow, { now, masked }: ViewOptions): IncidentRecord {
  const clock = { status: row.status as IncidentStatus, severity: row.severity as Severity, reportedAt: row.reportedAt }
  const overdue = isIncidentOverdue(clock, now)
  const reporter = row.reporterName === null && row.reporterPhone === null ? null : {
    name: row.reporterName === null ? null : masked ? maskName(row.reporterName) : row.reporterName,
    phone: row.reporterPhone === null ? null : masked ? maskPhone(row.reporterPhone) : row.reporterPhone,
  }
  return {
    id: row.id,
    type: row.type, category: row.category, module: row.module, department: row.department,
    onList: row.onList === 1, listItem: row.listItem,
    source: row.source, severity: row.severity,
    point: [row.lng, row.lat] as [number, number], crsIn: row.crsIn,
    township: row.township, village: row.village, grid: row.grid,
    description: freeText(row.description, masked),
    reporter,
    status: row.status,
    overdue,
    dueAt: iso(incidentDueAt(clock)),
    allowedActions: allowedIncidentActions(clock.status, { onList: row.onList === 1, overdue }),
    reportedAt: iso(row.reportedAt), acceptedAt: iso(row.acceptedAt), dispatchedAt: iso(row.dispatchedAt),
    startedAt: iso(row.startedAt), resolvedAt: iso(row.resolvedAt), verifiedAt: iso(row.verifiedAt),
    returnedAt: iso(row.returnedAt), supervisedAt: iso(row.supervisedAt),
    acceptBy: iso(row.acceptBy), resolveBy: iso(row.resolveBy),
    updatedAt: iso(row.updatedAt),
    synthetic: row.synthetic === 1,
  }
}

/** A map feature: the point as geometry, a lean set of properties (the drawer fetches the rest by id). */
export function incidentFeature(row: IncidentFeatureRow, now: number): IncidentFeature {
  const clock = { status: row.status as IncidentStatus, severity: row.severity as Severity, reportedAt: row.reportedAt }
  return {
    type: 'Feature',
    id: row.id,
    geometry: { type: 'Point', coordinates: [row.lng, row.lat] },
    properties: {
      id: row.id, type: row.type, category: row.category, module: row.module, department: row.department,
      onList: row.onList === 1, source: row.source, severity: row.severity, status: row.status,
      overdue: isIncidentOverdue(clock, now), dueAt: iso(incidentDueAt(clock)), township: row.township, grid: row.grid,
      reportedAt: iso(row.reportedAt),
    },
  }
}

/**
 * What the map draws of an incident and no more (`?fields=map`): its status colour, severity size and id for a
 * click. Under half the bytes of a list feature (~180 against ~420), so a month of the county travels in one request.
 * An incident still within its deadline carries the deadline too: the map turns it overdue when the time comes,
 * without loading the range again (web/src/map/deadline-watch.ts).
 */
export function incidentMapFeature(row: IncidentFeatureRow, now: number): IncidentMapFeature {
  const feature = incidentFeature(row, now)
  const { id, severity, status, overdue, dueAt } = feature.properties
  return { ...feature, properties: { id, severity, status, overdue, ...(dueAt !== null && !overdue ? { dueAt } : {}) } }
}

export function incidentHistory(events: IncidentEventRow[], masked = false): IncidentStep[] {
  return events.map((e) => ({ at: iso(e.at), action: e.action, from: e.fromStatus, to: e.toStatus, note: freeText(e.note, masked) }))
}
