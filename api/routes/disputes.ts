// /api/disputes: list (map features, keyset-paginated), detail with history (parties masked on ?masked=true),
// intake, transitions (start, succeed, fail, refer, escalate).
import { Hono } from 'hono'
import { DISPUTE_LEVEL_IDS, DISPUTE_METHOD_IDS, DISPUTE_STATUS_IDS, DISPUTE_TYPE_IDS, RISK_IDS } from '../../domain/dispute'
import { DisputeCreate, DisputeTransitionRequest } from '../../domain/schemas'
import { createOnce } from '../http/idempotency'
import type { IdempotencyLedger } from '../http/idempotency'
import { limitBody, readJson } from '../http/json-body'
import { MAP_PAGE, sendPage } from '../http/page'
import { parseAsOf, parseBool, parseId, parseLimit, parseList, parseRange } from '../http/query'
import type { DisputeService } from '../services/disputes'
import { actor, auditDetail, maskFor, offeredTo, recordInReach, requirePlace, scopeOf } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { withinOf } from '../auth/within-area'
import type { SelectionAreas } from '../services/selection-area'
import type { Context } from 'hono'
import { DISPUTE_EXPORT } from '../exports/columns/disputes'
import { parseExportFormat } from '../exports/format'
import type { ExportSettings } from '../exports/send-export'
import { sendExport } from '../exports/send-export'

export function disputeRoutes(service: DisputeService, ledger: IdempotencyLedger, now: () => number, areas: SelectionAreas, exports: ExportSettings) {
  /** 404 for an unknown id and for one outside the caller's area alike (api/auth/policy.ts). */
  const guard = async (c: Context, id: number) => recordInReach(c, 'dispute', id, await service.placeOf(id))
  return new Hono<AuthEnv>()
    .get('/', async (c) => {
      const { from, to } = parseRange(c)
      const overdue = parseBool(c, 'overdue')
      const filter = {
        scope: scopeOf(c), within: withinOf(c, areas), from, to,
        status: parseList(c, 'status', DISPUTE_STATUS_IDS),
        type: parseList(c, 'type', DISPUTE_TYPE_IDS),
        level: parseList(c, 'level', DISPUTE_LEVEL_IDS),
        method: parseList(c, 'method', DISPUTE_METHOD_IDS),
        risk: parseList(c, 'risk', RISK_IDS),
        ...(overdue === undefined ? {} : { overdue: { now: now(), value: overdue } }),
      }
      const format = parseExportFormat(c)
      if (format) {
        // The rows the JSON list gives for the same asOf (parsed once: every page reads the same instant).
        const asOf = parseAsOf(c)
        const masked = maskFor(c)
        return sendExport(c, exports, format, DISPUTE_EXPORT, {
          count: () => service.countAsOf(filter, asOf),
          page: async (cursor, limit) => { const p = await service.recordPage(filter, limit, cursor, masked, asOf); return { items: p.features, next: p.next } },
        })
      }
      return sendPage(c, await service.list(filter, parseLimit(c, MAP_PAGE.default, MAP_PAGE.cap), c.req.query('cursor'), parseAsOf(c)))
    })
    .get('/:id', async (c) => {
      const id = parseId(c.req.param('id'), 'dispute')
      await guard(c, id)
      return c.json(offeredTo(c, `/api/disputes/${id}/transitions`, await service.get(id, maskFor(c))))
    })
    .post('/', limitBody, async (c) => {
      const input = await readJson(c, DisputeCreate)
      return createOnce(c, ledger, 'POST /api/disputes', input, now(), async () => {
        const record = await service.create(input, { authorize: (place) => requirePlace(c, 'the point', place), actor: actor(c) })
        return { body: record, location: `/api/disputes/${record.id}` }
      })
    })
    .post('/:id/transitions', limitBody, async (c) => {
      const id = parseId(c.req.param('id'), 'dispute')
      const req = await readJson(c, DisputeTransitionRequest)
      auditDetail(c, req.action)
      await guard(c, id)
      return c.json(await service.transition(id, req, actor(c)))
    })
}
