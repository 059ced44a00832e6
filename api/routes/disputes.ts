// /api/disputes: list (map features, keyset-paginated), detail with history (parties masked on ?masked=true),
// intake, transitions (start, succeed, fail, refer, escalate).
import { Hono } from 'hono'
import { DISPUTE_LEVEL_IDS, DISPUTE_METHOD_IDS, DISPUTE_STATUS_IDS, DISPUTE_TYPE_IDS, RISK_IDS } from '../../domain/dispute'
import { DisputeCreate, DisputeTransitionRequest } from '../../domain/schemas'
import { createOnce } from '../http/idempotency'
import { limitBody, readJson } from '../http/json-body'
import { MAP_PAGE, sendPage } from '../http/page'
import { parseBool, parseId, parseLimit, parseList, parseRange } from '../http/query'
import type { DisputeService } from '../services/disputes'
import type { Store } from '../store'
import { auditDetail, maskFor, requireRecord, scopeOf } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { notFound } from '../errors'
import type { Context } from 'hono'

export function disputeRoutes(service: DisputeService, store: Store, now: () => number) {
  /** 404 for an unknown id, then 403 for a record outside the caller's area (api/auth/policy.ts). */
  const guard = (c: Context, id: number) => {
    const row = store.disputes.get(id)
    if (!row) throw notFound(`no dispute with id ${id}`)
    requireRecord(c, `dispute ${id}`, row)
  }
  return new Hono<AuthEnv>()
    .get('/', (c) => {
      const { from, to } = parseRange(c)
      const overdue = parseBool(c, 'overdue')
      return sendPage(c, service.list({
        scope: scopeOf(c), from, to,
        status: parseList(c, 'status', DISPUTE_STATUS_IDS),
        type: parseList(c, 'type', DISPUTE_TYPE_IDS),
        level: parseList(c, 'level', DISPUTE_LEVEL_IDS),
        method: parseList(c, 'method', DISPUTE_METHOD_IDS),
        risk: parseList(c, 'risk', RISK_IDS),
        ...(overdue === undefined ? {} : { overdue: { now: now(), value: overdue } }),
      }, parseLimit(c, MAP_PAGE.default, MAP_PAGE.cap), c.req.query('cursor')))
    })
    .get('/:id', (c) => {
      const id = parseId(c.req.param('id'), 'dispute')
      guard(c, id)
      return c.json(service.get(id, maskFor(c)))
    })
    .post('/', limitBody, async (c) => {
      const input = await readJson(c, DisputeCreate)
      return createOnce(c, store, 'POST /api/disputes', input, now(), () => {
        const record = service.create(input, { authorize: (place) => requireRecord(c, 'the point', place) })
        return { body: record, location: `/api/disputes/${record.id}` }
      })
    })
    .post('/:id/transitions', limitBody, async (c) => {
      const id = parseId(c.req.param('id'), 'dispute')
      const req = await readJson(c, DisputeTransitionRequest)
      auditDetail(c, req.action)
      guard(c, id)
      return c.json(service.transition(id, req))
    })
}
