// The queue's requests, through the one HTTP client: the department's queue and a transition of one of its items.
import { getJson, postJson } from '../api/client'
import type { QueueAnswer, QueueItem } from './queue-item'
import type { TransitionBody } from './queue-actions'

// Until GET /api/queue is in the OpenAPI document (the department role's branch), it is called untyped.
export const fetchQueue = (signal?: AbortSignal) =>
  (getJson as unknown as (path: string, o: { signal?: AbortSignal }) => Promise<unknown>)('/api/queue', { signal }) as Promise<QueueAnswer>

/** What a transition answers of the record: enough to show the step at once, before the queue is asked again. */
export interface TransitionAnswer { status: string; allowedActions: readonly string[]; updatedAt: string; dueAt: string | null; overdue?: boolean }

export async function sendTransition(item: QueueItem, body: TransitionBody): Promise<TransitionAnswer | null> {
  const answer = item.kind === 'incident'
    ? await postJson('/api/incidents/{id}/transitions'.replace('{id}', String(item.id)) as '/api/incidents/{id}/transitions', body as never)
    : await postJson('/api/whistles/{id}/transitions'.replace('{id}', String(item.id)) as '/api/whistles/{id}/transitions', body as never)
  return answer as TransitionAnswer | null
}
