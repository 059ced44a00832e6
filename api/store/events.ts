// The change feed. A write appends its event inside its own transaction, so an event exists exactly when the
// change does. Ids are monotonic across restarts and, what a reader resuming "after id N" relies on, become
// visible in id order: an append first takes the feed's lock (Sql.exclusive), held until its transaction
// commits, so no transaction can commit id N+1 while N is still in flight. (A PostgreSQL sequence alone hands
// out ids at insert time and concurrent transactions may commit them out of order; SQLite has one writer.)
import type { LiveEventKind } from '../../domain/live-events'
import type { Sql } from './sql'

export interface StoredEvent {
  id: number
  at: number
  kind: string
  entityId: number | null
  township: string | null
  /** The grid of a record that has one (incidents, disputes, sites); null for township-level records. */
  grid: string | null
  /** The department the event's record belongs to (a whistle call's, an incident's assignee department); else null. */
  department: string | null
  payload: string
}

const SELECT = 'SELECT id, at, kind, entity_id AS entityId, township, grid, department, payload FROM events'

export function eventQueries(db: Sql) {
  return {
    append(at: number, kind: LiveEventKind, entityId: number | null, township: string | null, payload: unknown, grid: string | null = null,
      department: string | null = null): Promise<number> {
      return db.transaction(async () => {
        await db.exclusive('events')
        const row = await db.get<{ id: number }>('INSERT INTO events (at, kind, entity_id, township, grid, department, payload) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
          [at, kind, entityId, township, grid, department, JSON.stringify(payload)])
        return row!.id
      })
    },
    after: (id: number, limit: number) => db.all<StoredEvent>(`${SELECT} WHERE id > ? ORDER BY id LIMIT ?`, [id, limit]),
    lastId: async () => (await db.get<{ id: number }>('SELECT coalesce(max(id), 0) AS id FROM events'))!.id,
    prune: (before: number) => db.run('DELETE FROM events WHERE at < ?', [before]),
  }
}
export type EventQueries = ReturnType<typeof eventQueries>
