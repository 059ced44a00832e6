// What the API says about an incident: the stored row in the API's words, with ISO times and the derived SLA
// state (overdue, due time) computed for `now`, never stored. Personal data is masked for wall screens.
import type { Actor } from '../../domain/actor'
import type { IncidentContext, IncidentStatus } from '../../domain/incident'
import { allowedIncidentActions } from '../../domain/incident'
import type { IncidentFeature, IncidentMapFeature, IncidentRecord, IncidentStep } from '../../domain/answers/incident'
import { storedAssignee } from '../../domain/assignee'
import type { SidedIncident } from '../../domain/incident-sides'
import { actionsOnSides } from '../../domain/incident-sides'
import { maskName, maskPhone } from '../../domain/mask'
import type { IncidentClock } from '../../domain/sla'
import { incidentDueAt, isIncidentOverdue } from '../../domain/sla'
import type { IncidentEventRow, IncidentFeatureRow, IncidentRow } from '../store/incidents'
import type { ViewOptions } from './record-view'
import { recordFeature } from './record-feature'
import { freeText, iso, stepBy } from './record-view'

/** The SLA clock of a stored row: its status and its stored deadlines (an approved extension moved resolveBy). */
export const clockOf = (row: Pick<IncidentRow, 'status' | 'acceptBy' | 'resolveBy'>): IncidentClock =>
  ({ status: row.status as IncidentStatus, acceptBy: row.acceptBy, resolveBy: row.resolveBy })

/** What the state machine reads of a stored row at `now`. */
export const contextOf = (row: IncidentRow, now: number): IncidentContext => ({
  onList: row.onList === 1, overdue: isIncidentOverdue(clockOf(row), now),
  signed: row.signedAt !== null, extensionPending: row.extensionRequestedAt !== null,
})

/** What the sides read of a stored row. */
export const sidedOf = (row: IncidentRow): SidedIncident =>
  ({ township: row.township, grid: row.grid, assignee: storedAssignee(row.assigneeKind, row.assigneeCode) })

/**
 * The record. `actor`: who asks; allowedActions is then what the state allows and the actor's sides hold
 * (domain/incident-sides.ts). Without one (the system's own callers) it is what the state allows.
 */
export function incidentRecord(row: IncidentRow, { now, masked }: ViewOptions, actor: Actor | null = null): IncidentRecord {
  const clock = clockOf(row)
  const overdue = isIncidentOverdue(clock, now)
  const allowed = allowedIncidentActions(clock.status, contextOf(row, now))
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
    allowedActions: actor === null ? allowed : actionsOnSides(actor, sidedOf(row), allowed),
    reportedAt: iso(row.reportedAt), acceptedAt: iso(row.acceptedAt), dispatchedAt: iso(row.dispatchedAt),
    startedAt: iso(row.startedAt), resolvedAt: iso(row.resolvedAt), verifiedAt: iso(row.verifiedAt),
    returnedAt: iso(row.returnedAt), supervisedAt: iso(row.supervisedAt),
    acceptBy: iso(row.acceptBy), resolveBy: iso(row.resolveBy),
    updatedAt: iso(row.updatedAt),
    synthetic: row.synthetic === 1,
    assignee: storedAssignee(row.assigneeKind, row.assigneeCode),
    signedAt: iso(row.signedAt),
    extension: row.extensionRequestedAt === null || row.extensionUntil === null ? null : {
      until: iso(row.extensionUntil), note: freeText(row.extensionNote ?? '', masked), requestedAt: iso(row.extensionRequestedAt),
    },
  }
}

/** A map feature: the point as geometry, a lean set of properties (the drawer fetches the rest by id). */
export function incidentFeature(row: IncidentFeatureRow, now: number): IncidentFeature {
  const clock = clockOf(row)
  return recordFeature(row.id, [row.lng, row.lat], {
    type: row.type, category: row.category, module: row.module, department: row.department,
    onList: row.onList === 1, source: row.source, severity: row.severity, status: row.status,
    overdue: isIncidentOverdue(clock, now), dueAt: iso(incidentDueAt(clock)), township: row.township, grid: row.grid,
    reportedAt: iso(row.reportedAt),
  })
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
  return events.map((e) => ({
    at: iso(e.at), action: e.action, from: e.fromStatus, to: e.toStatus,
    detail: e.detail === null ? null : JSON.parse(e.detail) as IncidentStep['detail'],
    note: freeText(e.note, masked), by: stepBy(e, masked),
  }))
}
