// The audit log: one row per write request, accepted or refused (api/auth/audit.ts writes it, GET /api/audit
// reads it). Rows are only ever appended.
import type { Db } from './db'

export interface AuditEntry {
  at: number
  actor: string | null
  actorKind: 'user' | 'token' | null
  role: string | null
  method: string
  path: string
  target: string | null
  detail: string | null
  status: number
  remote: string | null
}
export interface AuditRow extends AuditEntry { id: number }

interface Raw { id: number; at: number; actor: string | null; actor_kind: string | null; role: string | null; method: string; path: string; target: string | null; detail: string | null; status: number; remote: string | null }

export interface AuditFilter { actor?: string; from?: number; to?: number; before?: number }

export function auditQueries(db: Db) {
  const insert = db.prepare(`INSERT INTO audit_log (at, actor, actor_kind, role, method, path, target, detail, status, remote)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  return {
    append(e: AuditEntry) {
      insert.run(e.at, e.actor, e.actorKind, e.role, e.method, e.path, e.target, e.detail, e.status, e.remote)
    },
    /** Newest first; `before` is the id to continue below (keyset paging). */
    list(filter: AuditFilter, limit: number): AuditRow[] {
      const where: string[] = []
      const args: (string | number)[] = []
      if (filter.actor !== undefined) { where.push('actor = ?'); args.push(filter.actor) }
      if (filter.from !== undefined) { where.push('at >= ?'); args.push(filter.from) }
      if (filter.to !== undefined) { where.push('at < ?'); args.push(filter.to) }
      if (filter.before !== undefined) { where.push('id < ?'); args.push(filter.before) }
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`
      return (db.prepare(sql).all(...args, limit) as Raw[]).map((r) => ({
        id: r.id, at: r.at, actor: r.actor, actorKind: r.actor_kind as AuditEntry['actorKind'], role: r.role,
        method: r.method, path: r.path, target: r.target, detail: r.detail, status: r.status, remote: r.remote,
      }))
    },
  }
}
export type AuditQueries = ReturnType<typeof auditQueries>
