// SQL for case merges (一件事): the merge rows and their members (migration 12 says why a member table). A member
// row is live while its undone_at is NULL; the partial unique index case_members_live keeps an incident in one
// live case at most, so two merges racing for the same report cannot both commit.
import type { ActorFields } from './rows'
import { insertRow, insertText } from './rows'
import type { Sql } from './sql'

export interface CaseMergeRow extends ActorFields {
  id: number
  primaryId: number
  township: string
  category: string
  note: string | null
  mergedAt: number
  undoneAt: number | null
  undoNote: string | null
  undoneBy: string | null; undoneByName: string | null; undoneByRole: string | null
}
export type NewCaseMergeRow = Omit<CaseMergeRow, 'id' | 'undoneAt' | 'undoNote' | 'undoneBy' | 'undoneByName' | 'undoneByRole'>

/** A live link of an incident to its case. */
export interface LiveLinkRow { incidentId: number; mergeId: number }

const COLUMNS = `id, primary_id AS primaryId, township, category, note, merged_at AS mergedAt, actor, actor_name AS actorName,
  actor_role AS actorRole, undone_at AS undoneAt, undo_note AS undoNote, undone_by AS undoneBy, undone_by_name AS undoneByName,
  undone_by_role AS undoneByRole`

export function caseMergeQueries(db: Sql) {
  const insertMerge = insertText('case_merges', ['primary_id', 'township', 'category', 'note', 'merged_at', 'actor', 'actor_name', 'actor_role'])
  return {
    insert: (row: NewCaseMergeRow) => insertRow(db, insertMerge, row),
    /** The merge's incidents, the primary first (is_primary = 1), then by id. */
    addMember: (mergeId: number, incidentId: number, isPrimary: boolean, at: number) =>
      db.run('INSERT INTO case_members (merge_id, incident_id, is_primary, merged_at) VALUES (?, ?, ?, ?)', [mergeId, incidentId, isPrimary ? 1 : 0, at]),
    get: (id: number) => db.get<CaseMergeRow>(`SELECT ${COLUMNS} FROM case_merges WHERE id = ?`, [id]),
    /** The merge row, locked until the calling transaction ends: an undo racing another waits and finds it undone. */
    getForUpdate: (id: number) => db.get<CaseMergeRow>(`SELECT ${COLUMNS} FROM case_merges WHERE id = ?${db.dialect.forUpdate}`, [id]),
    /** The incidents of a merge, the primary first. */
    members: async (mergeId: number): Promise<number[]> =>
      (await db.all<{ id: number }>('SELECT incident_id AS id FROM case_members WHERE merge_id = ? ORDER BY is_primary DESC, incident_id', [mergeId]))
        .map((r) => Number(r.id)),
    /** The live case of each of these incidents that is in one. */
    liveLinks: (ids: readonly number[]) =>
      ids.length === 0 ? Promise.resolve([] as LiveLinkRow[]) : db.all<LiveLinkRow>(
        `SELECT incident_id AS incidentId, merge_id AS mergeId FROM case_members WHERE undone_at IS NULL AND ${db.dialect.inJsonArray('incident_id', 'ids', 'integer')}`,
        { ids: JSON.stringify(ids) }),
    /** Ends the merge: the merge row and every member row get the same undone_at. */
    async undo(id: number, at: number, note: string | null, by: ActorFields) {
      await db.run(`UPDATE case_merges SET undone_at = @at, undo_note = @note, undone_by = @actor, undone_by_name = @actorName,
        undone_by_role = @actorRole WHERE id = @id`, { id, at, note, ...by })
      await db.run('UPDATE case_members SET undone_at = @at WHERE merge_id = @id', { id, at })
    },
  }
}
export type CaseMergeQueries = ReturnType<typeof caseMergeQueries>
