// The change feed. A write appends its event inside its own transaction, so an event exists exactly when the
// change does; ids are SQLite rowids with AUTOINCREMENT, monotonic across restarts, so a client that reconnects
// with Last-Event-ID gets precisely what it missed.
import type { LiveEventKind } from '../../domain/live-events'
import type { Db } from './db'

export interface StoredEvent {
  id: number
  at: number
  kind: string
  entityId: number | null
  township: string | null
  /** The grid of a record that has one (incidents, disputes, sites); null for township-level records. */
  grid: string | null
  payload: string
}

interface EventRow { id: number; at: number; kind: string; entity_id: number | null; township: string | null; grid: string | null; payload: string }

const toEvent = (r: EventRow): StoredEvent =>
  ({ id: r.id, at: r.at, kind: r.kind, entityId: r.entity_id, township: r.township, grid: r.grid, payload: r.payload })

export function eventQueries(db: Db) {
  const insert = db.prepare('INSERT INTO events (at, kind, entity_id, township, grid, payload) VALUES (?, ?, ?, ?, ?, ?)')
  const after = db.prepare('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?')
  const last = db.prepare('SELECT coalesce(max(id), 0) AS id FROM events')
  const prune = db.prepare('DELETE FROM events WHERE at < ?')
  return {
    append(at: number, kind: LiveEventKind, entityId: number | null, township: string | null, payload: unknown, grid: string | null = null): number {
      return Number(insert.run(at, kind, entityId, township, grid, JSON.stringify(payload)).lastInsertRowid)
    },
    after(id: number, limit: number): StoredEvent[] {
      return (after.all(id, limit) as EventRow[]).map(toEvent)
    },
    lastId: () => (last.get() as { id: number }).id,
    prune: (before: number) => prune.run(before).changes,
  }
}
export type EventQueries = ReturnType<typeof eventQueries>
