// /api/disputes: list (map features, keyset-paginated), detail with history (parties masked on ?masked=true),
// intake, transitions (start, succeed, fail, refer, escalate).
import { Hono } from 'hono'
import { DISPUTE_LEVEL_IDS, DISPUTE_METHOD_IDS, DISPUTE_STATUS_IDS, DISPUTE_TYPE_IDS, RISK_IDS } from '../../domain/dispute'
import { DisputeCreate, DisputeTransitionRequest } from '../../domain/schemas'
import { createOnce } from '../http/idempotency'
import { limitBody, readJson } from '../http/json-body'
import { MAP_PAGE, sendPage } from '../http/page'
import { parseBool, parseId, parseLimit, parseList, parseRange, parseScope } from '../http/query'
import type { DisputeService } from '../services/disputes'
import type { Store } from '../store'

export function disputeRoutes(service: DisputeService, store: Store, now: () => number) {
  return new Hono()
    .get('/', (c) => {
      const { from, to } = parseRange(c)
      const overdue = parseBool(c, 'overdue')
      return sendPage(c, service.list({
        scope: parseScope(c), from, to,
        status: parseList(c, 'status', DISPUTE_STATUS_IDS),
        type: parseList(c, 'type', DISPUTE_TYPE_IDS),
        level: parseList(c, 'level', DISPUTE_LEVEL_IDS),
        method: parseList(c, 'method', DISPUTE_METHOD_IDS),
        risk: parseList(c, 'risk', RISK_IDS),
        ...(overdue === undefined ? {} : { overdue: { now: now(), value: overdue } }),
      }, parseLimit(c, MAP_PAGE.default, MAP_PAGE.cap), c.req.query('cursor')))
    })
    .get('/:id', (c) => c.json(service.get(parseId(c.req.param('id'), 'dispute'), parseBool(c, 'masked') ?? false)))
    .post('/', limitBody, async (c) => {
      const input = await readJson(c, DisputeCreate)
      return createOnce(c, store, 'POST /api/disputes', input, now(), () => {
        const record = service.create(input)
        return { body: record, location: `/api/disputes/${record.id}` }
      })
    })
    .post('/:id/transitions', limitBody, async (c) => {
      const id = parseId(c.req.param('id'), 'dispute')
      const req = await readJson(c, DisputeTransitionRequest)
      return c.json(service.transition(id, req))
    })
}
