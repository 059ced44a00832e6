// The queue's requests, through the one HTTP client: the department's queue and a transition of one of its items.
import { getJson, postJson } from '../api/client'
import type { Answer, Fits } from '../api/client'
import type { ItemAction, QueueAnswer, QueueItem } from './queue-item'
import type { TransitionBody } from './queue-actions'

// Read as the queue's own types (a point as a pair, not a list), checked to be an answer the document allows.
export const fetchQueue = (signal?: AbortSignal) =>
  getJson('/api/queue', { signal }) as Promise<unknown> as Promise<Fits<QueueAnswer, Answer<'/api/queue'>>>

/** What a transition answers of the record: enough to show the step at once, before the queue is asked again. */
export interface TransitionAnswer { status: string; allowedActions: readonly ItemAction[]; updatedAt: string; dueAt: string | null; overdue?: boolean }

export async function sendTransition(item: QueueItem, body: TransitionBody): Promise<TransitionAnswer | null> {
  const answer = item.kind === 'incident'
    ? await postJson('/api/incidents/{id}/transitions'.replace('{id}', String(item.id)) as '/api/incidents/{id}/transitions', body as never)
    : await postJson('/api/whistles/{id}/transitions'.replace('{id}', String(item.id)) as '/api/whistles/{id}/transitions', body as never)
  return answer as TransitionAnswer | null
}
