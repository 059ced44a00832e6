// Remembers the response to a write sent with an Idempotency-Key, so a client that retries after a timeout gets
// the first result instead of a duplicate record.
import type { Sql } from './sql'

export interface StoredResponse { requestHash: string; status: number; body: string; location: string | null }

export function idempotencyQueries(db: Sql) {
  const find = `SELECT request_hash AS requestHash, status, body, location FROM idempotency WHERE key = ? AND route = ?`
  const save = `INSERT INTO idempotency (key, route, request_hash, status, body, location, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`
  return {
    find: (key: string, route: string) => db.get<StoredResponse>(find, [key, route]),
    async save(key: string, route: string, r: StoredResponse, at: number): Promise<void> {
      await db.run(save, [key, route, r.requestHash, r.status, r.body, r.location, at])
    },
  }
}
