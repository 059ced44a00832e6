// The query of GET requests.json|.xml: service_request_id (a comma list: the other terms are then ignored),
// service_code (one or a comma list), start_date and end_date (ISO 8601; at most 90 days apart, the last 90 days
// when both are left out), status (open, closed or both). Newest first, at most 1,000.
import type { Context } from 'hono'
import { INCIDENT_TYPE_IDS } from '../../domain/catalogue'
import { OPEN311_MAX_REQUESTS, OPEN311_STATUS_IDS, requestWindow, statusesOf } from '../../domain/open311'
import { badRequest } from '../errors'
import { parseInstant, parseList } from '../http/query'
import type { RequestFilter } from '../store/open311'

export function parseRequestQuery(c: Context, now: number): RequestFilter {
  const ids = c.req.query('service_request_id')
  if (ids !== undefined && ids !== '') {
    const list = ids.split(',').map((s) => s.trim())
    const bad = list.find((s) => !/^[1-9]\d{0,14}$/.test(s))
    if (bad !== undefined) throw badRequest(`service_request_id "${bad}" is not a request id: send the ids as digits, separated by commas`, 'invalid_id')
    if (list.length > OPEN311_MAX_REQUESTS) throw badRequest(`at most ${OPEN311_MAX_REQUESTS} service_request_id at a time`, 'too_many_ids')
    return { ids: [...new Set(list.map(Number))], limit: OPEN311_MAX_REQUESTS }
  }
  const start = c.req.query('start_date')
  const end = c.req.query('end_date')
  const window = requestWindow(start ? parseInstant(start, 'start_date') : undefined, end ? parseInstant(end, 'end_date') : undefined, now)
  if (typeof window === 'string') throw badRequest(window, 'invalid_range')
  const types = parseList(c, 'service_code', INCIDENT_TYPE_IDS)
  const statuses = parseList(c, 'status', OPEN311_STATUS_IDS)?.flatMap(statusesOf)
  return { from: window.from, to: window.to, types, statuses, limit: OPEN311_MAX_REQUESTS }
}
