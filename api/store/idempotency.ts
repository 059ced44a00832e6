// Remembers the response to a write sent with an Idempotency-Key, so a client that retries after a timeout gets
// the first result instead of a duplicate record.
import type { Sql } from './sql'

export interface StoredResponse { requestHash: string; status: number; body: string; location: string | null }

export function idempotencyQueries(db: Sql) {
  const find = `SELECT request_hash AS requestHash, status, body, location FROM idempotency WHERE key = ? AND route = ?`
  const save = `INSERT INTO idempotency (key, route, request_hash, status, body, location, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`
  return {
    /**
     * Inside the write's transaction, before `find`: a second request with the same key (a client that gave up
     * waiting and sent again while the first still runs, on this replica or another) waits here until the first
     * commits or rolls back, then finds its answer (or none) — instead of both making the record and the second
     * failing on the key's primary key. Held until the transaction ends.
     */
    hold: (key: string, route: string) => db.exclusive(`idempotency ${route} ${key}`),
    find: (key: string, route: string) => db.get<StoredResponse>(find, [key, route]),
    async save(key: string, route: string, r: StoredResponse, at: number): Promise<void> {
      await db.run(save, [key, route, r.requestHash, r.status, r.body, r.location, at])
    },
  }
}
