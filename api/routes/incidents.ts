// /api/incidents: list (map features, keyset-paginated), detail with history (reporter masked on ?masked=true),
// intake, transitions.
import { Hono } from 'hono'
import { IncidentCreate, IncidentTransitionRequest } from '../../domain/schemas'
import { createOnce } from '../http/idempotency'
import { parseIncidentFilters } from '../http/incident-filters'
import { limitBody, readJson } from '../http/json-body'
import { MAP_PAGE, sendPage } from '../http/page'
import { parseBbox, parseBool, parseId, parseLimit, parseRange, parseScope } from '../http/query'
import type { Store } from '../store'
import type { IncidentService } from '../services/incidents'

export function incidentRoutes(service: IncidentService, store: Store, now: () => number) {
  return new Hono()
    .get('/', (c) => {
      const { from, to } = parseRange(c)
      const overdue = parseBool(c, 'overdue')
      const page = service.list({
        scope: parseScope(c), bbox: parseBbox(c), from, to, ...parseIncidentFilters(c),
        ...(overdue === undefined ? {} : { overdue: { now: now(), value: overdue } }),
      }, parseLimit(c, MAP_PAGE.default, MAP_PAGE.cap), c.req.query('cursor'))
      return sendPage(c, page)
    })
    // ?masked=true: the reporter's name and phone masked by the server (wall screens), as on dispute detail.
    .get('/:id', (c) => c.json(service.get(parseId(c.req.param('id'), 'incident'), parseBool(c, 'masked') ?? false)))
    .post('/', limitBody, async (c) => {
      const input = await readJson(c, IncidentCreate)
      return createOnce(c, store, 'POST /api/incidents', input, now(), () => {
        const record = service.create(input)
        return { body: record, location: `/api/incidents/${record.id}` }
      })
    })
    .post('/:id/transitions', limitBody, async (c) => {
      const id = parseId(c.req.param('id'), 'incident')
      const req = await readJson(c, IncidentTransitionRequest)
      return c.json(service.transition(id, req))
    })
}
