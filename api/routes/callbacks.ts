// Call-backs (回访): GET /api/callbacks (the tasks in the caller's area, newest verification first, keyset pages),
// POST /api/incidents/{id}/callback (the resident's answer: the owner side only), GET and PUT
// /api/settings/callback (the shares of verified cases drawn; administrators set them). api/services/callbacks.ts.
import { Hono } from 'hono'
import type { CallbackStatus } from '../../domain/callback'
import { CALLBACK_STATUS_IDS } from '../../domain/callback'
import { CallbackRecordRequest, CallbackSettingsUpdate } from '../../domain/schemas'
import { actor, auditDetail, recordInReach, scopeOf } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { badRequest } from '../errors'
import { limitBody, readJson } from '../http/json-body'
import { parseId, parseLimit, parseRange } from '../http/query'
import type { CallbackService } from '../services/callbacks'
import type { IncidentService } from '../services/incidents'
import { CALLBACK_EXPORT } from '../exports/columns/callbacks'
import { parseExportFormat } from '../exports/format'
import type { ExportSettings } from '../exports/send-export'
import { sendExport } from '../exports/send-export'

/** Page sizes of the call-back list (a township's tasks of a month fit in one page). */
export const CALLBACK_PAGE = { default: 100, cap: 1000 }

function parseStatus(raw: string | undefined): CallbackStatus | undefined {
  if (raw === undefined || raw === '') return undefined
  if ((CALLBACK_STATUS_IDS as readonly string[]).includes(raw)) return raw as CallbackStatus
  throw badRequest(`status="${raw}": use ${CALLBACK_STATUS_IDS.join(', ')} (late = awaited and past its due time), or leave it out for all`)
}

export function callbackRoutes(service: CallbackService, exports: ExportSettings) {
  return new Hono<AuthEnv>().get('/', async (c) => {
    const { from, to } = parseRange(c)
    const filter = { scope: scopeOf(c), status: parseStatus(c.req.query('status')), from, to }
    const format = parseExportFormat(c)
    if (format) {
      return sendExport(c, exports, format, CALLBACK_EXPORT, {
        count: () => service.count(filter),
        page: async (cursor, limit) => { const p = await service.list(filter, limit, cursor, actor(c)); return { items: p.items, next: p.next } },
      })
    }
    return c.json(await service.list(filter, parseLimit(c, CALLBACK_PAGE.default, CALLBACK_PAGE.cap), c.req.query('cursor'), actor(c)))
  })
}

/** POST /api/incidents/{id}/callback, mounted beside the incident routes. */
export function incidentCallbackRoutes(service: CallbackService, incidents: IncidentService) {
  return new Hono<AuthEnv>().post('/:id/callback', limitBody, async (c) => {
    const id = parseId(c.req.param('id'), 'incident')
    const req = await readJson(c, CallbackRecordRequest)
    auditDetail(c, `callback ${req.result}`)
    // 404 for an unknown id and for one outside the caller's area alike (api/auth/policy.ts).
    recordInReach(c, 'incident', id, await incidents.placeOf(id))
    return c.json(await service.record(id, req, actor(c)))
  })
}

export function callbackSettingsRoutes(service: CallbackService) {
  return new Hono<AuthEnv>()
    .get('/callback', async (c) => c.json(await service.settings()))
    .put('/callback', limitBody, async (c) => {
      const update = await readJson(c, CallbackSettingsUpdate)
      auditDetail(c, `callback shares citizen ${update.citizenShare}% other ${update.otherShare}%`)
      return c.json(await service.setSettings(update))
    })
}
