// Incidents from a county's register: each row through the API's IncidentCreate schema and intake's own row
// (type routing, place, deadlines), reported at the row's reportedAt. A row may say the case is closed (status
// `archived`, 核查归档) with its life-cycle times: it is stored archived, with the steps the state machine takes
// from report to verify, each at its time, so years of closed register rows never count as open or overdue.
import { IncidentCreate } from '../../../domain/schemas'
import { newIncidentRow } from '../../services/incidents'
import { INCIDENT_EVENT_COLUMNS } from '../../store/incidents'
import type { ExistingRecord } from '../../store/record-imports'
import type { Cells } from './cells'
import { numberCell } from './cells'
import { archivedLife, importedSteps, LIFE_FIELDS, lifeOf } from './incident-life'
import type { ParseContext, RecordKind } from './kind'
import { asRejection, validated } from './rejection'

/** What intake sets from a row: compared and corrected whatever the case's status. */
const INTAKE = ['type', 'category', 'module', 'department', 'onList', 'listItem', 'source', 'severity', 'lng', 'lat', 'crsIn',
  'county', 'township', 'village', 'grid', 'description', 'reporterName', 'reporterPhone', 'reportedAt', 'acceptBy', 'resolveBy']

/**
 * True when no one has touched the record since an import left it: a batch that has not been undone left it at its
 * present updated_at (the undo's own test of "moved on"). Only then is its status the file's to judge.
 */
const AS_IMPORTED = `CASE WHEN EXISTS (SELECT 1 FROM import_batch_rows r WHERE r.record_table = 'incidents' AND r.record_id = incidents.id
  AND r.left_at = incidents.updated_at AND r.undone_at IS NULL) THEN 1 ELSE 0 END AS asImported`

const importArchived = (e: ExistingRecord) => e.status === 'archived' && Number(e.asImported) === 1

export const incidentKind: RecordKind = {
  id: 'incidents',
  fields: ['externalId', 'type', 'lng', 'lat', 'crs', 'description', 'source', 'severity', 'reporterName', 'reporterPhone', 'reportedAt',
    'status', 'acceptedAt', 'resolvedAt', 'result', 'verifiedAt'],
  required: ['externalId', 'type', 'lng', 'lat', 'description', 'source', 'reportedAt'],
  written: [...INTAKE, 'status', ...LIFE_FIELDS],
  activity: [AS_IMPORTED],
  parse(c: Cells, ctx: ParseContext) {
    const reporter = c.reporterName !== undefined || c.reporterPhone !== undefined ? { name: c.reporterName, phone: c.reporterPhone } : undefined
    const input = validated(IncidentCreate, {
      type: c.type, point: { lng: numberCell(c.lng), lat: numberCell(c.lat), crs: c.crs ?? ctx.crs },
      description: c.description, source: c.source, severity: c.severity, reporter,
    })
    const life = lifeOf(c, ctx.now)
    const row = asRejection(() => newIncidentRow(input, life.reportedAt, ctx.locatorAt(life.reportedAt), false))
    return life.status === 'archived' ? { ...row, ...archivedLife(life), result: life.result } : { ...row, signedAt: null }
  },
  // A reported row claims nothing of what happened after the report: it is compared on intake alone, unless the
  // stored case was closed by an import (then its status is compared, and going back is refused by movedOn).
  compared: (existing, row) => row.status === 'archived' || importArchived(existing) ? [...INTAKE, 'status', ...LIFE_FIELDS] : INTAKE,
  // Intake's deadlines and the report itself are what a file may correct, and a reported case a file may close;
  // once somebody has acted on the case, the app's history is the record. A case an import closed stays closed,
  // and its life-cycle times stay as imported (its history steps are at them).
  movedOn: (e, row) => {
    if (importArchived(e)) {
      if (row?.status !== 'archived') {
        return `incident ${e.id} was imported closed (archived, 核查归档); a file may not take it back to reported: undo that import or reopen it in the app`
      }
      const moved = LIFE_FIELDS.filter((k) => Number(e[k]) !== Number(row[k]))
      return moved.length
        ? `incident ${e.id} was imported closed with other times (${moved.join(', ')}); its history is at them: undo that import and import again`
        : null
    }
    return e.status === 'reported' ? null : `incident ${e.id} has moved on since it was imported (now ${String(e.status)}): change it in the app`
  },
  history: {
    table: 'incident_events',
    columns: INCIDENT_EVENT_COLUMNS,
    // A new case: every step from the report. A reported case the file closes: the steps after its report.
    rows: (id, row, existing) => existing === null ? importedSteps(id, row)
      : existing.status === 'reported' && row.status === 'archived' ? importedSteps(id, row).slice(1) : [],
  },
}
