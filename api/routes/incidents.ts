// /api/incidents: list (map features, keyset-paginated), detail with history, intake, transitions.
import { Hono } from 'hono'
import { CATEGORY_IDS } from '../../domain/catalogue'
import { DEPARTMENT_IDS } from '../../domain/departments'
import { INCIDENT_STATUS_IDS, SEVERITY_IDS, SOURCE_IDS } from '../../domain/incident'
import { MODULE_IDS } from '../../domain/modules'
import { IncidentCreate, IncidentTransitionRequest } from '../../domain/schemas'
import { createOnce } from '../http/idempotency'
import { limitBody, readJson } from '../http/json-body'
import { MAP_PAGE, sendPage } from '../http/page'
import { parseBbox, parseBool, parseId, parseLimit, parseList, parseRange, parseScope } from '../http/query'
import type { Store } from '../store'
import type { IncidentService } from '../services/incidents'

export function incidentRoutes(service: IncidentService, store: Store, now: () => number) {
  return new Hono()
    .get('/', (c) => {
      const { from, to } = parseRange(c)
      const overdue = parseBool(c, 'overdue')
      const onList = parseBool(c, 'onList')
      const page = service.list({
        scope: parseScope(c), bbox: parseBbox(c), from, to,
        status: parseList(c, 'status', INCIDENT_STATUS_IDS),
        category: parseList(c, 'category', CATEGORY_IDS),
        module: parseList(c, 'module', MODULE_IDS),
        department: parseList(c, 'department', DEPARTMENT_IDS),
        source: parseList(c, 'source', SOURCE_IDS),
        severity: parseList(c, 'severity', SEVERITY_IDS),
        ...(onList === undefined ? {} : { onList }),
        ...(overdue === undefined ? {} : { overdue: { now: now(), value: overdue } }),
      }, parseLimit(c, MAP_PAGE.default, MAP_PAGE.cap), c.req.query('cursor'))
      return sendPage(c, page)
    })
    .get('/:id', (c) => c.json(service.get(parseId(c.req.param('id'), 'incident'))))
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
