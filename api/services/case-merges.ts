// 一件事: merging repeated reports into one case under a primary incident, and undoing it. Each is one transaction
// that locks the incidents it names, writes the merge (store/case-merges.ts), a history row on every incident of
// the case (who, when, which case) and each incident's change-feed event, so every drawer showing one of them
// hears of it. The incidents' own fields and life cycles are left as they are: a merge links, it does not close.
import type { ActingPrincipal } from '../../domain/actor'
import type { CaseMergeAnswer } from '../../domain/answers/case-merge'
import type { MergeCandidate } from '../../domain/case-merge'
import { mergeRefusal } from '../../domain/case-merge'
import type { CaseMergeCreate, CaseMergeUndo } from '../../domain/schemas'
import { ApiError, notFound } from '../errors'
import type { Store } from '../store'
import type { CaseMergeRow } from '../store/case-merges'
import type { IncidentRow } from '../store/incidents'
import { incidentFeature } from './incident-record'
import type { RecordPlace } from './record-place'
import { assignedDepartment, placeOfRow } from './record-place'
import { actorFields, freeText, iso, stepBy } from './record-view'

export function caseMergeService({ store, now }: { store: Store; now: () => number }) {
  /** The history row and the change-feed event of one incident the merge or its undo touched; bumps its updated_at. */
  const touch = async (row: IncidentRow, action: 'merge' | 'unmerge', merge: { id: number; primary: number }, note: string | null,
    actor: ActingPrincipal, at: number) => {
    await store.incidents.update(row.id, {}, at)
    await store.incidents.addEvent({
      incidentId: row.id, at, action, fromStatus: row.status, toStatus: row.status, note,
      ...actorFields(actor), detail: JSON.stringify({ case: merge }),
    })
    const feature = incidentFeature(row, at)
    await store.events.append(at, 'incident.updated', row.id, row.township, feature, row.grid, assignedDepartment(row))
  }

  /** A case lies where its primary does: a grid worker reads the cases whose primary is in his grids. */
  const reachable = async (row: CaseMergeRow, inReach: (place: RecordPlace) => boolean) => {
    const place = placeOfRow(await store.incidents.get(row.primaryId), assignedDepartment)
    return place !== undefined && inReach(place)
  }

  const answer = async (row: CaseMergeRow, masked = false): Promise<CaseMergeAnswer> => {
    const ids = await store.caseMerges.members(row.id)
    return {
      id: row.id, primary: row.primaryId, members: ids.filter((id) => id !== row.primaryId),
      township: row.township, category: row.category, note: row.note === null ? null : freeText(row.note, masked),
      mergedAt: iso(row.mergedAt), mergedBy: stepBy(row, masked),
      undoneAt: iso(row.undoneAt), undoneBy: stepBy({ actor: row.undoneBy, actorName: row.undoneByName, actorRole: row.undoneByRole }, masked),
      undoNote: row.undoNote === null ? null : freeText(row.undoNote, masked),
    }
  }

  return {
    /**
     * Links `members` into one case under `primary`. `inReach`: the caller's reach; an incident outside it is
     * refused as one that does not exist. Refused, nothing is stored: an unknown id (404), one already in a live
     * case (409), another category or township than the primary's (422).
     */
    async merge(req: CaseMergeCreate, actor: ActingPrincipal, inReach: (place: RecordPlace) => boolean): Promise<CaseMergeAnswer> {
      const at = now()
      const row = await store.transaction(async () => {
        // Locked in id order, so two merges naming the same incidents wait for each other instead of deadlocking.
        const ids = [req.primary, ...req.members]
        const rows = new Map<number, IncidentRow>()
        for (const id of [...ids].sort((a, b) => a - b)) {
          const incident = await store.incidents.getForUpdate(id)
          const place = placeOfRow(incident, assignedDepartment)
          if (!incident || !place || !inReach(place)) throw notFound(`no incident with id ${id}`)
          rows.set(id, incident)
        }
        const cases = new Map((await store.caseMerges.liveLinks(ids)).map((l) => [Number(l.incidentId), Number(l.mergeId)]))
        const candidate = (id: number): MergeCandidate => {
          const r = rows.get(id)!
          return { id, category: r.category, township: r.township, caseId: cases.get(id) ?? null }
        }
        const refusal = mergeRefusal(candidate(req.primary), req.members.map(candidate))
        if (refusal) throw new ApiError(refusal.status, refusal.code, refusal.message)
        const primary = rows.get(req.primary)!
        const id = await store.caseMerges.insert({
          primaryId: primary.id, township: primary.township, category: primary.category, note: req.note ?? null, mergedAt: at, ...actorFields(actor),
        })
        for (const incident of ids) await store.caseMerges.addMember(id, incident, incident === req.primary, at)
        for (const incident of ids) await touch(rows.get(incident)!, 'merge', { id, primary: primary.id }, req.note ?? null, actor, at)
        return (await store.caseMerges.get(id))!
      })
      return await answer(row)
    },

    /**
     * Unlinks the case: every incident is on its own again, the merge stays on record (undone, by whom, when).
     * A merge whose primary lies outside the caller's reach is answered as one that does not exist; one already
     * undone is 409.
     */
    async undo(id: number, req: CaseMergeUndo, actor: ActingPrincipal, inReach: (place: RecordPlace) => boolean): Promise<CaseMergeAnswer> {
      const at = now()
      const row = await store.transaction(async () => {
        const merge = await store.caseMerges.getForUpdate(id)
        if (!merge || !await reachable(merge, inReach)) throw notFound(`no case merge with id ${id}`)
        if (merge.undoneAt !== null) {
          throw new ApiError(409, 'already_undone', `case merge ${id} was undone at ${iso(merge.undoneAt)} by ${merge.undoneByName ?? 'someone'}: ` +
            'its incidents are on their own already; merge them again if they are one matter')
        }
        await store.caseMerges.undo(id, at, req.note ?? null, actorFields(actor))
        const ids = await store.caseMerges.members(id)
        for (const incident of [...ids].sort((a, b) => a - b)) {
          const row = await store.incidents.getForUpdate(incident)
          if (row) await touch(row, 'unmerge', { id, primary: merge.primaryId }, req.note ?? null, actor, at)
        }
        return (await store.caseMerges.get(id))!
      })
      return await answer(row)
    },

    /** One merge, live or undone; outside the caller's reach it is answered as one that does not exist. */
    async get(id: number, masked: boolean, inReach: (place: RecordPlace) => boolean): Promise<CaseMergeAnswer> {
      const row = await store.caseMerges.get(id)
      if (!row || !await reachable(row, inReach)) throw notFound(`no case merge with id ${id}`)
      return await answer(row, masked)
    },

    /** The live case an incident is in (primary or member), or null: what its detail shows. */
    async caseOf(incidentId: number, masked = false): Promise<CaseMergeAnswer | null> {
      const link = (await store.caseMerges.liveLinks([incidentId]))[0]
      if (!link) return null
      const row = await store.caseMerges.get(Number(link.mergeId))
      return row ? await answer(row, masked) : null
    },
  }
}
export type CaseMergeService = ReturnType<typeof caseMergeService>
