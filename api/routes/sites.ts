// /api/sites: supervised high-risk sites (registered by the seed or an import, so there is no create): list (map
// features, soonest inspection due first), detail with inspections and warnings, recording an inspection, and
// raising and clearing warnings.
import { Hono } from 'hono'
import { DEPARTMENT_IDS } from '../../domain/departments'
import { SiteInspectionCreate, SiteWarningCreate } from '../../domain/schemas'
import { SITE_CATEGORY_IDS, SITE_GRADE_IDS } from '../../domain/sites'
import { createOnce } from '../http/idempotency'
import type { IdempotencyLedger } from '../http/idempotency'
import { limitBody, readJson } from '../http/json-body'
import { MAP_PAGE, sendPage } from '../http/page'
import { parseAsOf, parseBool, parseId, parseLimit, parseList } from '../http/query'
import type { SiteService } from '../services/sites'
import { actor, maskFor, recordInReach, scopeOf } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { withinOf } from '../auth/within-area'
import type { SelectionAreas } from '../services/selection-area'
import type { Context } from 'hono'
import { SITE_EXPORT } from '../exports/columns/sites'
import { parseExportFormat } from '../exports/format'
import type { ExportSettings } from '../exports/send-export'
import { sendExport } from '../exports/send-export'

export function siteRoutes(service: SiteService, ledger: IdempotencyLedger, now: () => number, areas: SelectionAreas, exports: ExportSettings) {
  /** The site id of the path: 404 when unknown and outside the caller's area alike (api/auth/policy.ts). */
  const siteId = async (c: Context) => {
    const id = parseId(c.req.param('id') ?? '', 'site')
    recordInReach(c, 'supervised site', id, await service.placeOf(id))
    return id
  }
  return new Hono<AuthEnv>()
    .get('/', async (c) => {
      const overdue = parseBool(c, 'overdue')
      const warning = parseBool(c, 'warning')
      const filter = {
        scope: scopeOf(c), within: withinOf(c, areas),
        category: parseList(c, 'category', SITE_CATEGORY_IDS),
        grade: parseList(c, 'grade', SITE_GRADE_IDS),
        department: parseList(c, 'department', DEPARTMENT_IDS),
        ...(overdue === undefined ? {} : { overdue: { now: now(), value: overdue } }),
        ...(warning === undefined ? {} : { warning }),
      }
      const format = parseExportFormat(c)
      if (format) {
        // The rows the JSON list gives for the same asOf (parsed once: every page reads the same instant).
        const asOf = parseAsOf(c)
        return sendExport(c, exports, format, SITE_EXPORT, {
          count: () => service.countAsOf(filter, asOf),
          page: async (cursor, limit) => { const p = await service.list(filter, limit, cursor, asOf); return { items: p.features, next: p.next } },
        })
      }
      return sendPage(c, await service.list(filter, parseLimit(c, MAP_PAGE.default, MAP_PAGE.cap), c.req.query('cursor'), parseAsOf(c)))
    })
    .get('/:id', async (c) => c.json(await service.get(await siteId(c), maskFor(c))))
    .get('/:id/inspections/:iid', async (c) =>
      c.json(await service.inspection(await siteId(c), parseId(c.req.param('iid'), 'inspection'), maskFor(c))))
    .post('/:id/inspections', limitBody, async (c) => {
      const id = await siteId(c)
      const input = await readJson(c, SiteInspectionCreate)
      // The site id is part of the idempotency route: the same key and body for another site is another inspection.
      return createOnce(c, ledger, `POST /api/sites/${id}/inspections`, input, now(), async () => {
        const created = await service.inspect(id, input, { actor: actor(c) })
        return { body: created, location: `/api/sites/${id}/inspections/${created.inspection.id}` }
      })
    })
    .get('/:id/warnings/:wid', async (c) =>
      c.json(await service.warning(await siteId(c), parseId(c.req.param('wid'), 'warning'), maskFor(c))))
    .post('/:id/warnings', limitBody, async (c) => {
      const id = await siteId(c)
      const input = await readJson(c, SiteWarningCreate)
      return createOnce(c, ledger, `POST /api/sites/${id}/warnings`, input, now(), async () => {
        const created = await service.raiseWarning(id, input, actor(c))
        return { body: created, location: `/api/sites/${id}/warnings/${created.warning.id}` }
      })
    })
    // No body: clearing says everything in its URL, and a repeat is a 409, so a retry is harmless.
    .post('/:id/warnings/:wid/clear', async (c) =>
      c.json(await service.clearWarning(await siteId(c), parseId(c.req.param('wid'), 'warning'), actor(c))))
}
