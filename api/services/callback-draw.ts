// The call-back draw at 核查归档 (verify): inside the verifying transaction, the stored shares decide whether the
// case is called back (domain/callback.ts drawsCallback, a hash of the id), and a drawn case gets its task row:
// owned by the side that dispatched it, judging the assignee it has at that moment, due in 5 working days.
import type { CallbackShares } from '../../domain/callback'
import { DEFAULT_CALLBACK_SHARES, callbackDueBy, callbackOwner, drawsCallback } from '../../domain/callback'
import { countyOf } from '../../domain/regions'
import type { Store } from '../store'
import type { IncidentRow } from '../store/incidents'

/** Where the shares are kept: the `meta` table, as JSON { citizen, other }. */
export const CALLBACK_SHARES_KEY = 'callback.shares'

/** The stored shares, or the defaults when none were set (or what is stored is not a pair of 0–100 numbers). */
export async function callbackShares(store: Store): Promise<CallbackShares> {
  const text = await store.meta.value(CALLBACK_SHARES_KEY)
  if (text === null) return DEFAULT_CALLBACK_SHARES
  try {
    const { citizen, other } = JSON.parse(text) as Partial<CallbackShares>
    const ok = (n: unknown): n is number => typeof n === 'number' && n >= 0 && n <= 100
    return ok(citizen) && ok(other) ? { citizen, other } : DEFAULT_CALLBACK_SHARES
  } catch {
    return DEFAULT_CALLBACK_SHARES
  }
}

/**
 * Draws a call-back for `row`, just verified at `at`; inside the caller's transaction. The task's id, or null
 * when the case is not drawn. */
export async function drawCallback(store: Store, row: IncidentRow, at: number): Promise<number | null> {
  if (!drawsCallback(row.id, row.source, await callbackShares(store))) return null
  const owner = callbackOwner(await store.callbacks.dispatcherRole(row.id))
  return await store.callbacks.insert({
    incidentId: row.id, county: countyOf(row.township), township: row.township, owner,
    assigneeKind: row.assigneeKind, assigneeCode: row.assigneeCode,
    createdAt: at, dueBy: callbackDueBy(at),
    result: null, note: null, doneAt: null, actor: null, actorName: null, actorRole: null,
    synthetic: row.synthetic, updatedAt: at,
  })
}
