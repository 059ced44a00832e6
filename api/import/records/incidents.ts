// Incidents from a county's register: each row through the API's IncidentCreate schema and intake's own row
// (type routing, place, deadlines), reported at the row's reportedAt.
import { IncidentCreate } from '../../../domain/schemas'
import { newIncidentRow } from '../../services/incidents'
import { INCIDENT_EVENT_COLUMNS } from '../../store/incidents'
import { actorFields } from '../../services/record-view'
import type { Cells } from './cells'
import { instantCell, numberCell } from './cells'
import type { ParseContext, RecordKind } from './kind'
import { asRejection, validated } from './rejection'

export const incidentKind: RecordKind = {
  id: 'incidents',
  fields: ['externalId', 'type', 'lng', 'lat', 'crs', 'description', 'source', 'severity', 'reporterName', 'reporterPhone', 'reportedAt'],
  required: ['externalId', 'type', 'lng', 'lat', 'description', 'source', 'reportedAt'],
  written: ['type', 'category', 'module', 'department', 'onList', 'listItem', 'source', 'severity', 'lng', 'lat', 'crsIn',
    'county', 'township', 'village', 'grid', 'description', 'reporterName', 'reporterPhone', 'reportedAt', 'acceptBy', 'resolveBy'],
  activity: ['status'],
  parse(c: Cells, ctx: ParseContext) {
    const reporter = c.reporterName !== undefined || c.reporterPhone !== undefined ? { name: c.reporterName, phone: c.reporterPhone } : undefined
    const input = validated(IncidentCreate, {
      type: c.type, point: { lng: numberCell(c.lng), lat: numberCell(c.lat), crs: c.crs ?? ctx.crs },
      description: c.description, source: c.source, severity: c.severity, reporter,
    })
    const reportedAt = instantCell(c.reportedAt, 'reportedAt', ctx.now)
    return asRejection(() => newIncidentRow(input, reportedAt, ctx.locatorAt(reportedAt), false))
  },
  // Intake's deadlines and the report itself are what a file may correct; once somebody has acted on the case, the
  // app's history is the record.
  movedOn: (e) => e.status === 'reported' ? null : `incident ${e.id} has moved on since it was imported (now ${String(e.status)}): change it in the app`,
  history: {
    table: 'incident_events',
    columns: INCIDENT_EVENT_COLUMNS,
    row: (id, row) => ({
      incidentId: id, at: row.reportedAt, action: 'report', fromStatus: null, toStatus: 'reported', note: null, ...actorFields(null), detail: null,
    }),
  },
}
