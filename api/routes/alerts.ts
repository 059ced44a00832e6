// /api/alerts and /api/alert-rules: warnings (研判预警). The list (map features: the grid or township an alert is
// about, or its point; keyset pages, newest first), one alert with its evidence and history, the actions people
// take on one; the rules with the parameters in force, and an administrator setting new ones (a new version).
import { Hono } from 'hono'
import { ALERT_STATUS_IDS } from '../../domain/alerts/alert-status'
import { ALERT_LEVEL_IDS } from '../../domain/alerts/rule'
import { AlertRuleParamsUpdate, AlertTransitionRequest } from '../../domain/schemas'
import type { Context } from 'hono'
import { actor, auditDetail, maskFor, offeredTo, recordInReach, scopeOf } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { limitBody, readJson } from '../http/json-body'
import { MAP_PAGE, sendPage } from '../http/page'
import { parseId, parseLimit, parseList, parseRange } from '../http/query'
import type { AlertService } from '../services/alerts/alerts'
import { ALERT_RULE_IDS } from '../services/alerts/rule-params'
import { ALERT_EXPORT } from '../exports/columns/alerts'
import { parseExportFormat } from '../exports/format'
import type { ExportSettings } from '../exports/send-export'
import { sendExport } from '../exports/send-export'

export function alertRoutes(service: AlertService, exports: ExportSettings) {
  /** 404 for an unknown id and for an alert outside the caller's area alike (api/auth/policy.ts). */
  const guard = async (c: Context, id: number) => recordInReach(c, 'alert', id, await service.placeOf(id))
  return new Hono<AuthEnv>()
    .get('/', async (c) => {
      const { from, to } = parseRange(c)
      const filter = {
        scope: scopeOf(c, ['county', 'township', 'grid']), from, to,
        rule: parseList(c, 'rule', ALERT_RULE_IDS),
        level: parseList(c, 'level', ALERT_LEVEL_IDS),
        status: parseList(c, 'status', ALERT_STATUS_IDS),
      }
      const format = parseExportFormat(c)
      if (format) {
        return sendExport(c, exports, format, ALERT_EXPORT, {
          count: () => service.count(filter),
          page: async (cursor, limit) => { const p = await service.list(filter, limit, cursor); return { items: p.features, next: p.next } },
        })
      }
      return sendPage(c, await service.list(filter, parseLimit(c, MAP_PAGE.default, MAP_PAGE.cap), c.req.query('cursor')))
    })
    .get('/:id', async (c) => {
      const id = parseId(c.req.param('id'), 'alert')
      await guard(c, id)
      return c.json(offeredTo(c, `/api/alerts/${id}/transitions`, await service.get(id, maskFor(c))))
    })
    .post('/:id/transitions', limitBody, async (c) => {
      const id = parseId(c.req.param('id'), 'alert')
      const req = await readJson(c, AlertTransitionRequest)
      auditDetail(c, req.action)
      await guard(c, id)
      return c.json(await service.transition(id, req, actor(c)))
    })
}

export function alertRuleRoutes(service: AlertService) {
  return new Hono<AuthEnv>()
    .get('/', async (c) => c.json({ rules: await service.rules.list() }))
    .post('/:id', limitBody, async (c) => {
      const id = c.req.param('id')
      const req = await readJson(c, AlertRuleParamsUpdate)
      auditDetail(c, `${id} ${JSON.stringify(req.params)}`.slice(0, 500))
      return c.json(await service.rules.set(id, req.params, actor(c), req.ifVersion))
    })
}
