// 合并为一件事 as the screens call it: merge reports into one case under a primary, and undo a merge.
import { postJson } from './client'
import type { Answer } from './client'

/** A case as GET /api/incident-merges/{id} answers it (the merge's 201 answers the same). */
export type CaseMerge = Answer<'/api/incident-merges/{id}'>

export async function mergeIncidents(primary: number, members: readonly number[], note?: string): Promise<CaseMerge | null> {
  return (await postJson('/api/incident-merges', { primary, members: [...members], ...(note ? { note } : {}) })) as CaseMerge | null
}

export async function undoMerge(id: number, note?: string) {
  return await postJson('/api/incident-merges/{id}/undo', note ? { note } : {}, { id })
}
