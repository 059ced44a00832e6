// /api/incidents: list (map features, keyset-paginated), detail with history (reporter masked on ?masked=true),
// intake one at a time or in batches (grid workers' apps syncing an offline queue), transitions.
import { Hono } from 'hono'
import { INCIDENT_BATCH_MAX, IncidentBatchCreate, IncidentCreate, IncidentSuperviseBatch, IncidentTransitionRequest } from '../../domain/schemas'
import { createOnce } from '../http/idempotency'
import type { IdempotencyLedger } from '../http/idempotency'
import { parseIncidentFilters } from '../http/incident-filters'
import { limitBody, limitBodyTo, readJson } from '../http/json-body'
import { LEAN_MAP_PAGE, MAP_PAGE, sendPage } from '../http/page'
import { parseAsOf, parseBbox, parseBool, parseId, parseLimit, parseRange } from '../http/query'
import type { IncidentService } from '../services/incidents'
import { actor, auditDetail, maskFor, offeredTo, reaches, recordInReach, requirePlace, scopeOf } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { withinOf } from '../auth/within-area'
import type { SelectionAreas } from '../services/selection-area'
import { ApiError, badRequest } from '../errors'
import type { Context } from 'hono'
import { INCIDENT_EXPORT } from '../exports/columns/incidents'
import { parseExportFormat } from '../exports/format'
import type { ExportSettings } from '../exports/send-export'
import { sendExport } from '../exports/send-export'

/** A batch body: up to INCIDENT_BATCH_MAX incidents of a few KB each (a description is ≤ 2,000 characters). */
const BATCH_BODY_BYTES = 2 * 1024 * 1024
const limitBatchBody = limitBodyTo(BATCH_BODY_BYTES, `split the batch (at most ${INCIDENT_BATCH_MAX} incidents)`)

/** `fields=map`: only what the map draws; absent: the list feature. */
function parseFields(c: Context): 'all' | 'map' {
  const raw = c.req.query('fields')
  if (raw === undefined || raw === '') return 'all'
  if (raw === 'map') return 'map'
  throw badRequest(`fields="${raw}": use fields=map for what the map draws (id, status, overdue, severity, dueAt), or leave it out for the list feature`)
}

export function incidentRoutes(service: IncidentService, ledger: IdempotencyLedger, now: () => number, areas: SelectionAreas, exports: ExportSettings) {
  /** 404 for an unknown id and for one outside the caller's area alike (api/auth/policy.ts). */
  const guard = async (c: Context, id: number) => recordInReach(c, 'incident', id, await service.placeOf(id))
  return new Hono<AuthEnv>()
    .get('/', async (c) => {
      const { from, to } = parseRange(c)
      const overdue = parseBool(c, 'overdue')
      const fields = parseFields(c)
      const size = fields === 'map' ? LEAN_MAP_PAGE : MAP_PAGE
      const filter = {
        scope: scopeOf(c), bbox: parseBbox(c), within: withinOf(c, areas), from, to, ...parseIncidentFilters(c),
        ...(overdue === undefined ? {} : { overdue: { now: now(), value: overdue } }),
      }
      const format = parseExportFormat(c)
      if (format) {
        // The rows the JSON list gives for the same asOf (parsed once: every page reads the same instant).
        const asOf = parseAsOf(c)
        const masked = maskFor(c)
        return sendExport(c, exports, format, INCIDENT_EXPORT, {
          count: () => service.countAsOf(filter, asOf),
          page: async (cursor, limit) => { const p = await service.recordPage(filter, limit, cursor, masked, asOf); return { items: p.features, next: p.next } },
        })
      }
      return sendPage(c, await service.list(filter, parseLimit(c, size.default, size.cap), c.req.query('cursor'), fields, parseAsOf(c)))
    })
    // ?masked=true: the reporter's name and phone masked by the server, as on dispute detail; always for walls.
    .get('/:id', async (c) => {
      const id = parseId(c.req.param('id'), 'incident')
      await guard(c, id)
      return c.json(offeredTo(c, `/api/incidents/${id}/transitions`, await service.get(id, maskFor(c), actor(c))))
    })
    .post('/', limitBody, async (c) => {
      const input = await readJson(c, IncidentCreate)
      return createOnce(c, ledger, 'POST /api/incidents', input, now(), async () => {
        const record = await service.create(input, { authorize: (place) => requirePlace(c, 'the point', place), actor: actor(c) })
        return { body: record, location: `/api/incidents/${record.id}` }
      })
    })
    // All or nothing: 201 with the stored records in the order sent, or a 4xx naming the first bad item and
    // nothing stored. With an Idempotency-Key, a retry of the same batch gets the first answer back.
    .post('/batch', limitBatchBody, async (c) => {
      const input = await readJson(c, IncidentBatchCreate)
      return createOnce(c, ledger, 'POST /api/incidents/batch', input, now(), async () =>
        ({ body: { incidents: await service.createMany(input.incidents, { authorize: (place) => requirePlace(c, 'the point', place), actor: actor(c) }) }, location: null }))
    })
    // 督办 on many incidents (a selection on the map): 200 with each one's result, or, when one is refused and
    // `partial` is not set, 409 batch_refused with the results and nothing stored.
    .post('/supervise', limitBody, async (c) => {
      const input = await readJson(c, IncidentSuperviseBatch)
      auditDetail(c, `supervise ${input.ids.length}`)
      const { stored, results } = await service.superviseMany(input, actor(c), (place) => reaches(c, place))
      const refused = results.filter((r) => !r.ok)
      if (!stored) {
        throw new ApiError(409, 'batch_refused', `${refused.length} of ${results.length} incidents refused the order (first: #${refused[0]!.id}: ` +
          `${refused[0]!.message}); nothing was stored. Leave them out, or send partial: true to store the rest`, {}, { results })
      }
      return c.json({ supervised: results.length - refused.length, results })
    })
    .post('/:id/transitions', limitBody, async (c) => {
      const id = parseId(c.req.param('id'), 'incident')
      const req = await readJson(c, IncidentTransitionRequest)
      auditDetail(c, req.action)
      await guard(c, id)
      return c.json(await service.transition(id, req, actor(c)))
    })
}
