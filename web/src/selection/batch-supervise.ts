// 督办 on a map selection: which overdue open incidents lie inside it (the list route with within= and overdue=true,
// followed page by page), the levels the signed-in role may order, and the order sent in batches the API takes,
// storing the good ones and reporting the refused ones with their reasons.
import type { Actor } from '../../../domain/actor'
import { defaultSupervisionLevel, supervisionLevels } from '../../../domain/incident-sides'
import type { SupervisionLevel } from '../../../domain/incident-sides'
import type { Role } from '../../../domain/roles'
import { getJson, postJson } from '../api/client'

/** The API's cap on one batch (domain/schemas.ts IncidentSuperviseBatch); a larger selection goes in several. */
const BATCH = 500
/** The list's page for `fields=map` ids; the cursor brings the rest. */
const PAGE = 5000

/** The levels a role may order, the role's own first (a leader's 县级督办, an officer's 乡镇督办); none: no button. */
export function batchLevels(role: string | undefined): SupervisionLevel[] {
  if (role !== 'leader' && role !== 'township') return []
  // Only the role decides the levels; the rest of the actor is the server's business (it judges each incident).
  const actor: Actor = { role: role as Role, township: null, grids: [], department: null }
  const own = defaultSupervisionLevel(actor)
  return [own, ...supervisionLevels(actor).filter((l) => l !== own)]
}

/** The ids of the overdue open incidents inside the selection, in the page's scope, whenever reported (as the 超期 card). */
export async function overdueIdsWithin(scope: string, within: string, signal?: AbortSignal): Promise<number[]> {
  const ids: number[] = []
  let cursor: string | null = null
  do {
    const page: Awaited<ReturnType<typeof getJson<'/api/incidents'>>> = await getJson('/api/incidents', {
      query: { scope, within, overdue: 'true', fields: 'map', limit: PAGE, cursor }, signal,
    })
    for (const f of page.features) {
      const id: unknown = f.id ?? (f.properties as { id?: unknown }).id
      if (typeof id === 'number') ids.push(id)
    }
    cursor = page.next
  } while (cursor)
  return ids
}

export interface Refusal { id: number; code: string; message: string }
export interface BatchOutcome { supervised: number; refused: Refusal[] }

/** Sends the order with `partial: true`, BATCH ids at a time: every incident that may take it is supervised. */
export async function superviseBatch(ids: readonly number[], note: string, level: SupervisionLevel): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { supervised: 0, refused: [] }
  for (let i = 0; i < ids.length; i += BATCH) {
    const answer = await postJson('/api/incidents/supervise', { ids: ids.slice(i, i + BATCH), note, level, partial: true })
    if (!answer) continue
    outcome.supervised += answer.supervised
    for (const r of answer.results) if (!r.ok) outcome.refused.push({ id: r.id, code: r.code ?? '', message: r.message ?? '' })
  }
  return outcome
}
