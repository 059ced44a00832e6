// The incident filters shared by /api/incidents and /api/metrics: one parser, so a list and its figures always
// accept the same parameters with the same messages.
import type { Context } from 'hono'
import { CATEGORY_IDS } from '../../domain/catalogue'
import { DEPARTMENT_IDS } from '../../domain/departments'
import { INCIDENT_STATUS_IDS, SEVERITY_IDS, SOURCE_IDS } from '../../domain/incident'
import { MODULE_IDS } from '../../domain/modules'
import type { IncidentFilters } from '../store/incidents'
import { parseBool, parseList } from './query'

/** The query parameters parseIncidentFilters reads. */
export const INCIDENT_FILTER_PARAMS = ['status', 'category', 'module', 'department', 'source', 'severity', 'onList'] as const

export function parseIncidentFilters(c: Context): IncidentFilters {
  const onList = parseBool(c, 'onList')
  return {
    status: parseList(c, 'status', INCIDENT_STATUS_IDS),
    category: parseList(c, 'category', CATEGORY_IDS),
    module: parseList(c, 'module', MODULE_IDS),
    department: parseList(c, 'department', DEPARTMENT_IDS),
    source: parseList(c, 'source', SOURCE_IDS),
    severity: parseList(c, 'severity', SEVERITY_IDS),
    ...(onList === undefined ? {} : { onList }),
  }
}
