// Remembers the response to a write sent with an Idempotency-Key, so a client that retries after a timeout gets
// the first result instead of a duplicate record.
import type { Db } from './db'

export interface StoredResponse { requestHash: string; status: number; body: string; location: string | null }

export function idempotencyQueries(db: Db) {
  const find = db.prepare(`SELECT request_hash AS requestHash, status, body, location FROM idempotency
    WHERE key = ? AND route = ?`)
  const save = db.prepare(`INSERT INTO idempotency (key, route, request_hash, status, body, location, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)
  return {
    find: (key: string, route: string) => find.get(key, route) as StoredResponse | undefined,
    save(key: string, route: string, r: StoredResponse, at: number) {
      save.run(key, route, r.requestHash, r.status, r.body, r.location, at)
    },
  }
}
