// An incident as a GeoReport v2 service request, for anyone who asks: the public part only. No reporter, no
// description or notes (free text names people and places beyond the point), no history; what is left is what the
// county would print on a public board: what, where (the point and its township and village), how far along,
// who is responsible and by when.
import type { Assignee } from '../../domain/assignee'
import { assigneeLabel, defaultAssignee, storedAssignee } from '../../domain/assignee'
import { isoLocal } from '../../domain/calendar'
import { getIncidentType } from '../../domain/catalogue'
import type { IncidentStatus } from '../../domain/incident'
import { INCIDENT_STATUSES } from '../../domain/incident'
import { open311Status } from '../../domain/open311'
import type { Open311Request } from '../../domain/answers/open311'
import { COUNTY_NAME } from '../../domain/regions'
import type { IncidentRow } from '../store/incidents'

type Row = Pick<IncidentRow, 'id' | 'type' | 'department' | 'onList' | 'township' | 'village' | 'status' | 'reportedAt' |
  'updatedAt' | 'resolveBy' | 'lng' | 'lat' | 'assigneeKind' | 'assigneeCode'>

/** Who answers for the request: its assignee once 交办, before that whom the type's routing would hand it to. */
export function responsibleFor(row: Pick<Row, 'township' | 'onList' | 'department' | 'assigneeKind' | 'assigneeCode'>): Assignee {
  return storedAssignee(row.assigneeKind, row.assigneeCode) ?? defaultAssignee({ township: row.township, onList: row.onList === 1, department: row.department })
}

export function requestView(row: Row, placeName: (code: string) => string): Open311Request {
  const status = row.status as IncidentStatus
  const label = INCIDENT_STATUSES.find((s) => s.id === status)
  return {
    service_request_id: String(row.id),
    status: open311Status(status),
    status_notes: label ? `${label.name} (${label.nameEn})` : status,
    service_name: getIncidentType(row.type)?.name ?? row.type,
    service_code: row.type,
    description: null,
    agency_responsible: assigneeLabel(responsibleFor(row), placeName).name,
    service_notice: null,
    requested_datetime: isoLocal(row.reportedAt),
    updated_datetime: isoLocal(row.updatedAt),
    expected_datetime: isoLocal(row.resolveBy),
    address: `${COUNTY_NAME.name}${placeName(row.township)}${placeName(row.village)}`,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lng,
    media_url: null,
  }
}
