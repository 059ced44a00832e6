// Open311 GeoReport v2 in this county's terms: which services it offers (the incident types, grouped by category),
// how our statuses read as the spec's two, and which window of requests a query may ask for. Pure: the API's
// open311 routes apply it and the documentation describes it.
import { CATEGORIES, INCIDENT_TYPES, getIncidentType } from './catalogue'
import type { IncidentType } from './catalogue'
import type { IncidentStatus } from './incident'
import { INCIDENT_STATUS_IDS, SEVERITIES, isIncidentOpen } from './incident'
import type { Severity } from './incident'
import { COUNTY_CODE } from './regions'

/** The one jurisdiction this endpoint serves: the county's NBS code. */
export const OPEN311_JURISDICTION = COUNTY_CODE
/** A query's start_date and end_date at most this many days apart; without them, the last this many days. */
export const OPEN311_WINDOW_DAYS = 90
/** Requests in one answer at most, newest first (the spec's default cap). */
export const OPEN311_MAX_REQUESTS = 1000

const DAY_MS = 86_400_000

export type Open311Status = 'open' | 'closed'
export const OPEN311_STATUS_IDS: readonly Open311Status[] = ['open', 'closed']

/**
 * Open while the deadline clock runs (上报 to 处置中); everything after, 办结 included, is closed to the citizen:
 * the work is done or was handed back, and what follows (核查, 回访) is the county's own business.
 */
export const open311Status = (status: IncidentStatus): Open311Status => (isIncidentOpen(status) ? 'open' : 'closed')

/** Our statuses that read as one of the spec's, for a `status=` filter. */
export const statusesOf = (status: Open311Status): IncidentStatus[] => INCIDENT_STATUS_IDS.filter((s) => open311Status(s) === status)

export interface Open311Service {
  service_code: string
  service_name: string
  description: string
  /** Every service has a definition: the optional severity attribute. */
  metadata: boolean
  type: 'realtime'
  keywords: string
  group: string
}

const categoryName = (id: string) => CATEGORIES.find((c) => c.id === id)?.name ?? id

function serviceOf(type: IncidentType): Open311Service {
  const group = categoryName(type.category)
  return {
    service_code: type.id,
    service_name: type.name,
    // The English name, for clients that show one language only; the spec's description is free text.
    description: type.nameEn,
    metadata: true,
    type: 'realtime',
    keywords: [group, type.onList ? '属地管理清单' : '清单外'].join(','),
    group,
  }
}

/** The services, in the catalogue's order. */
export const OPEN311_SERVICES: readonly Open311Service[] = INCIDENT_TYPES.map(serviceOf)

export const open311Service = (code: string): Open311Service | null => {
  const type = getIncidentType(code)
  return type ? serviceOf(type) : null
}

export interface Open311AttributeValue { key: string; name: string }
export interface Open311Attribute {
  variable: boolean
  code: string
  datatype: 'singlevaluelist'
  required: boolean
  datatype_description: string
  order: number
  description: string
  values: Open311AttributeValue[]
}
export interface Open311ServiceDefinition { service_code: string; attributes: Open311Attribute[] }

/** The attribute every service takes: how urgent the report is, which sets its deadlines (normal when absent). */
export const SEVERITY_ATTRIBUTE = 'severity'

export function serviceDefinition(code: string): Open311ServiceDefinition | null {
  if (!getIncidentType(code)) return null
  return {
    service_code: code,
    attributes: [{
      variable: true, code: SEVERITY_ATTRIBUTE, datatype: 'singlevaluelist', required: false, order: 1,
      datatype_description: '一般、紧急或特急，缺省为一般 (normal, urgent or critical; normal when left out)',
      description: '紧急程度 Severity',
      values: SEVERITIES.map((s) => ({ key: s.id, name: `${s.name} ${s.nameEn}` })),
    }],
  }
}

export const isSeverity = (value: string): value is Severity => SEVERITIES.some((s) => s.id === value)

/**
 * The window of reports a query reads, or what is wrong with it. Neither date: the last OPEN311_WINDOW_DAYS days up
 * to `now`; one of them: that many days from the start or up to the end; both: at most that many days apart, the
 * end after the start. `to` is exclusive.
 */
export function requestWindow(start: number | undefined, end: number | undefined, now: number): { from: number; to: number } | string {
  const span = OPEN311_WINDOW_DAYS * DAY_MS
  if (start === undefined && end === undefined) return { from: now - span, to: now + 1 }
  if (start === undefined) return { from: end! - span, to: end! }
  if (end === undefined) return { from: start, to: start + span }
  if (end <= start) return 'end_date must be after start_date'
  if (end - start > span) return `start_date and end_date are more than ${OPEN311_WINDOW_DAYS} days apart: ask for ${OPEN311_WINDOW_DAYS} days or fewer at a time`
  return { from: start, to: end }
}
