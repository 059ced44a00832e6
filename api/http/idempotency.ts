// Idempotency-Key for creating writes: the first response is stored in the same transaction as the record it
// describes, and a retry with the same key and body gets it back (with Idempotent-Replayed: true). The same key
// with a different body is a client bug and is refused rather than guessed at.
import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { ApiError, badRequest } from '../errors'
import type { Store } from '../store'

/** What a creating write answers: its body and, for one record, where that record now lives. */
export interface Created { body: unknown; location: string | null }

/** Where first answers are kept: the store's idempotency table and its transactions. */
export type IdempotencyLedger = Pick<Store, 'transaction' | 'idempotency'>

export async function createOnce(c: Context, store: IdempotencyLedger, route: string, request: unknown, now: number, make: () => Promise<Created>) {
  const key = c.req.header('Idempotency-Key')
  if (key === undefined) {
    const created = await make()
    return c.json(created.body as object, 201, created.location ? { Location: created.location } : {})
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw badRequest('Idempotency-Key must be 1–200 visible ASCII characters (a UUID is a good choice)', 'invalid_idempotency_key')
  }
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('base64url')
  // Keys are per principal: another caller sending the same key and body must not get the first
  // caller's answer back (it would skip their own reach check and read a record that may lie outside their area).
  const principal = (c.var as Record<string, unknown>).principal as { kind?: string; id?: number } | null | undefined
  const keyRoute = principal?.id === undefined ? route : `${route} as ${principal.kind}:${principal.id}`
  return await store.transaction(async () => {
    await store.idempotency.hold(key, keyRoute)
    const seen = await store.idempotency.find(key, keyRoute)
    if (seen) {
      if (seen.requestHash !== requestHash) {
        throw new ApiError(422, 'idempotency_key_reused', `Idempotency-Key "${key}" was already used with a different body; use a new key for a new record`)
      }
      return c.body(seen.body, seen.status as 201, {
        'Content-Type': 'application/json', 'Idempotent-Replayed': 'true', ...(seen.location ? { Location: seen.location } : {}),
      })
    }
    const created = await make()
    const body = JSON.stringify(created.body)
    await store.idempotency.save(key, keyRoute, { requestHash, status: 201, body, location: created.location }, now)
    return c.body(body, 201, { 'Content-Type': 'application/json', ...(created.location ? { Location: created.location } : {}) })
  })
}
