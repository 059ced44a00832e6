// /api/whistles: whistle calls (吹哨报到). List (map features at the township seats, keyset-paginated, filterable
// by live SLA state), detail with history and deadlines, blowing a whistle, transitions (acknowledge, arrive,
// close, rate).
import { Hono } from 'hono'
import { DEPARTMENT_IDS } from '../../domain/departments'
import { WhistleCreate, WhistleTransitionRequest } from '../../domain/schemas'
import { WHISTLE_KIND_IDS, WHISTLE_SLA_STATE_IDS, WHISTLE_STATUS_IDS } from '../../domain/whistle'
import { createOnce } from '../http/idempotency'
import type { IdempotencyLedger } from '../http/idempotency'
import { limitBody, readJson } from '../http/json-body'
import { MAP_PAGE, sendPage } from '../http/page'
import { parseId, parseLimit, parseList, parseRange } from '../http/query'
import type { WhistleService } from '../services/whistles'
import { actor, auditDetail, maskFor, offeredTo, reaches, recordInReach, requirePlace, scopeOf } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { withinOf } from '../auth/within-area'
import type { SelectionAreas } from '../services/selection-area'
import type { Context } from 'hono'
import { WHISTLE_EXPORT } from '../exports/columns/whistles'
import { parseExportFormat } from '../exports/format'
import type { ExportSettings } from '../exports/send-export'
import { sendExport } from '../exports/send-export'

export function whistleRoutes(service: WhistleService, ledger: IdempotencyLedger, now: () => number, areas: SelectionAreas, exports: ExportSettings) {
  /** 404 for an unknown id and for a call outside the caller's township alike (api/auth/policy.ts). */
  const guard = async (c: Context, id: number) => recordInReach(c, 'whistle call', id, await service.placeOf(id))
  return new Hono<AuthEnv>()
    .get('/', async (c) => {
      const { from, to } = parseRange(c)
      const sla = parseList(c, 'sla', WHISTLE_SLA_STATE_IDS)
      const filter = {
        scope: scopeOf(c, ['county', 'township']), within: withinOf(c, areas), from, to,
        status: parseList(c, 'status', WHISTLE_STATUS_IDS),
        department: parseList(c, 'department', DEPARTMENT_IDS),
        kind: parseList(c, 'kind', WHISTLE_KIND_IDS),
        ...(sla === undefined ? {} : { sla: { now: now(), values: sla } }),
      }
      const format = parseExportFormat(c)
      if (format) {
        return sendExport(c, exports, format, WHISTLE_EXPORT, {
          count: () => service.count(filter),
          page: async (cursor, limit) => { const p = await service.list(filter, limit, cursor); return { items: p.features, next: p.next } },
        })
      }
      return sendPage(c, await service.list(filter, parseLimit(c, MAP_PAGE.default, MAP_PAGE.cap), c.req.query('cursor')))
    })
    .get('/:id', async (c) => {
      const id = parseId(c.req.param('id'), 'whistle call')
      await guard(c, id)
      return c.json(offeredTo(c, `/api/whistles/${id}/transitions`, await service.get(id, maskFor(c), actor(c))))
    })
    .post('/', limitBody, async (c) => {
      const input = await readJson(c, WhistleCreate)
      // A township whistles for itself; the county may whistle for any township.
      requirePlace(c, `township ${input.township}`, { township: input.township })
      return createOnce(c, ledger, 'POST /api/whistles', input, now(), async () => {
        // A linked incident the caller may not see is refused as one that does not exist.
        const record = await service.create(input, { sees: (place) => reaches(c, place), actor: actor(c) })
        return { body: record, location: `/api/whistles/${record.id}` }
      })
    })
    .post('/:id/transitions', limitBody, async (c) => {
      const id = parseId(c.req.param('id'), 'whistle call')
      const req = await readJson(c, WhistleTransitionRequest)
      auditDetail(c, req.action)
      await guard(c, id)
      return c.json(await service.transition(id, req, actor(c)))
    })
}
