// /api/incident-merges: 合并为一件事 — repeated reports merged into one case under a primary incident, and the
// undo. Who may: the route × role table (leaders, township officers); what: the incidents in the caller's reach
// (an incident outside it is refused as one that does not exist, as a batch 督办 refuses it).
import { Hono } from 'hono'
import { CaseMergeCreate, CaseMergeUndo } from '../../domain/schemas'
import { actor, auditDetail, maskFor, reaches } from '../auth/policy'
import type { AuthEnv } from '../auth/principal'
import { createOnce } from '../http/idempotency'
import type { IdempotencyLedger } from '../http/idempotency'
import { limitBody, readJson } from '../http/json-body'
import { parseId } from '../http/query'
import type { CaseMergeService } from '../services/case-merges'

export function caseMergeRoutes(service: CaseMergeService, ledger: IdempotencyLedger, now: () => number) {
  return new Hono<AuthEnv>()
    // 201 with the case; with an Idempotency-Key a retry gets the first answer back (without one, the repeat is
    // 409 already_merged: its incidents are in the case the first made).
    .post('/', limitBody, async (c) => {
      const input = await readJson(c, CaseMergeCreate)
      auditDetail(c, `merge #${input.primary} + ${input.members.map((m) => `#${m}`).join(' ')}`)
      return createOnce(c, ledger, 'POST /api/incident-merges', input, now(), async () => {
        const merged = await service.merge(input, actor(c), (place) => reaches(c, place))
        return { body: merged, location: `/api/incident-merges/${merged.id}` }
      })
    })
    .get('/:id', async (c) => {
      const id = parseId(c.req.param('id'), 'case merge')
      return c.json(await service.get(id, maskFor(c), (place) => reaches(c, place)))
    })
    .post('/:id/undo', limitBody, async (c) => {
      const id = parseId(c.req.param('id'), 'case merge')
      const input = await readJson(c, CaseMergeUndo)
      auditDetail(c, `undo merge ${id}`)
      return c.json(await service.undo(id, input, actor(c), (place) => reaches(c, place)))
    })
}
