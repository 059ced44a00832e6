// The audit log: one row per write request, accepted or refused, per read of unmasked personal data, and per
// minute and address for refused anonymous writes (api/auth/audit.ts decides which; GET /api/audit reads it).
// Rows are only ever appended, each chained to the one before it by hash (audit-chain.ts), except for an explicit
// prune of the oldest rows (`npm run audit -- prune`), which leaves an anchor the chain continues from.
//
// Every append is one IMMEDIATE transaction that reads the last row's id and hash and inserts the next row: the
// write lock is taken before the read, so two connections (the server and a CLI) cannot both chain onto the same
// row. better-sqlite3 is synchronous, so within the server appends never interleave either.
import type { Db } from './db'
import { GENESIS, rowHash, verifyChain } from './audit-chain'
import type { Anchor, ChainReport, ChainRow } from './audit-chain'
import { addRefusal, minuteOf, summaryEntry } from './audit-summary'
import type { PendingSummary } from './audit-summary'

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
export interface AuditRow extends AuditEntry { id: number; count: number; prevHash: string | null; hash: string | null }

export interface AuditFilter { actor?: string; from?: number; to?: number; before?: number }

interface RawPending { remote: string; minute: number; at: number; count: number; method: string; path: string; statuses: string; logins: string }
const pendingOf = (r: RawPending): PendingSummary => ({ ...r, statuses: JSON.parse(r.statuses), logins: JSON.parse(r.logins) })

export function auditQueries(db: Db) {
  const insert = db.prepare(`INSERT INTO audit_log (id, at, actor, actor_kind, role, method, path, target, detail, status, remote, count, prev_hash, hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const lastRow = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1')
  const anchorRow = db.prepare('SELECT last_id AS lastId, hash FROM audit_anchor WHERE one = 1')
  const closedPending = db.prepare('SELECT * FROM audit_pending WHERE minute < ? ORDER BY minute, remote')
  const openPending = db.prepare('SELECT * FROM audit_pending WHERE remote = ? AND minute = ?')
  const putPending = db.prepare(`INSERT OR REPLACE INTO audit_pending (remote, minute, at, count, method, path, statuses, logins)
    VALUES (@remote, @minute, @at, @count, @method, @path, @statuses, @logins)`)
  const dropPending = db.prepare('DELETE FROM audit_pending WHERE remote = ? AND minute = ?')

  const anchor = () => (anchorRow.get() as Anchor | undefined) ?? null

  /** Inserts the next row of the chain. Call inside a write transaction. */
  function chain(e: AuditEntry, count: number): number {
    const last = lastRow.get() as { id: number; hash: string } | undefined
    const a = last ? null : anchor()
    const id = (last?.id ?? a?.lastId ?? 0) + 1
    const prev = last?.hash ?? a?.hash ?? GENESIS
    const row = { id, at: e.at, actor: e.actor, actor_kind: e.actorKind, role: e.role, method: e.method, path: e.path, target: e.target, detail: e.detail, status: e.status, remote: e.remote, count }
    insert.run(id, e.at, e.actor, e.actorKind, e.role, e.method, e.path, e.target, e.detail, e.status, e.remote, count, prev, rowHash(row, prev))
    return id
  }

  /** Chains the summaries whose minute has closed by `at`, oldest first. Call inside a write transaction. */
  function chainClosedSummaries(at: number) {
    for (const raw of closedPending.all(minuteOf(at)) as RawPending[]) {
      const s = summaryEntry(pendingOf(raw))
      chain(s, s.count)
      dropPending.run(raw.remote, raw.minute)
    }
  }

  const appendTx = db.transaction((e: AuditEntry) => { chainClosedSummaries(e.at); return chain(e, 1) })
  const refuseTx = db.transaction((e: AuditEntry) => {
    chainClosedSummaries(e.at)
    const raw = openPending.get(e.remote ?? '', minuteOf(e.at)) as RawPending | undefined
    const next = addRefusal(raw ? pendingOf(raw) : null, e)
    putPending.run({ ...next, statuses: JSON.stringify(next.statuses), logins: JSON.stringify(next.logins) })
  })
  const pruneTx = db.transaction((before: number, at: number, record: (removed: number, lastId: number | null) => AuditEntry) => {
    const keep = db.prepare('SELECT min(id) AS id FROM audit_log WHERE at >= ?').get(before) as { id: number | null }
    // A prefix by id: the chain must stay one unbroken run. Rows are nearly in time order; the few older rows
    // after the first newer one (a minute's summary chained late) stay.
    const last = db.prepare(`SELECT id, hash FROM audit_log ${keep.id === null ? '' : 'WHERE id < ?'} ORDER BY id DESC LIMIT 1`)
      .get(...(keep.id === null ? [] : [keep.id])) as { id: number; hash: string } | undefined
    let removed = 0
    if (last) {
      removed = db.prepare('DELETE FROM audit_log WHERE id <= ?').run(last.id).changes
      db.prepare('INSERT OR REPLACE INTO audit_anchor (one, last_id, hash, pruned_at) VALUES (1, ?, ?, ?)').run(last.id, last.hash, at)
    }
    const e = record(removed, last?.id ?? null)
    chainClosedSummaries(e.at)
    chain(e, 1)
    return removed
  })

  return {
    /** Appends one row (count 1) to the chain, after any summaries whose minute has closed. */
    append(e: AuditEntry): number {
      return appendTx.immediate(e)
    },
    /** Counts a refused anonymous write into its address and minute's summary (chained once the minute closes). */
    refuse(e: AuditEntry): void {
      refuseTx.immediate(e)
    },
    /**
     * Removes the rows written before `before` (a prefix of the chain), keeps the last one's hash as the anchor the
     * chain continues from, and appends the row `record` makes, all in one transaction. Returns how many went.
     */
    prune(before: number, at: number, record: (removed: number, lastId: number | null) => AuditEntry): number {
      return pruneTx.immediate(before, at, record)
    },
    /** The whole chain, checked row by row from the anchor. */
    verify(): ChainReport {
      // One read transaction: the anchor and the rows of the same snapshot, whatever a prune does meanwhile.
      return db.transaction(() => verifyChain(db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<ChainRow>, anchor()))()
    },
    anchor,
    /** Summaries of minutes not yet chained (the running one, and closed ones until the next audit row). */
    pending(): PendingSummary[] {
      return (db.prepare('SELECT * FROM audit_pending ORDER BY minute DESC, remote').all() as RawPending[]).map(pendingOf)
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
      return (db.prepare(sql).all(...args, limit) as ChainRow[]).map((r) => ({
        id: r.id, at: r.at, actor: r.actor, actorKind: r.actor_kind as AuditEntry['actorKind'], role: r.role,
        method: r.method, path: r.path, target: r.target, detail: r.detail, status: r.status, remote: r.remote,
        count: r.count, prevHash: r.prev_hash, hash: r.hash,
      }))
    },
  }
}
export type AuditQueries = ReturnType<typeof auditQueries>

/**
 * Chains the rows written before the chain existed, once, right after the migrations: only when no row has a hash
 * yet (a row without one after the chain began is tampering, for `verify` to report, not to adopt). One transaction.
 */
export function chainExistingAuditRows(db: Db): number {
  return db.transaction(() => {
    const ends = db.prepare('SELECT (SELECT hash FROM audit_log ORDER BY id LIMIT 1) AS first, (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS last').get() as { first: string | null; last: string | null }
    if (ends.first !== null || ends.last !== null) return 0
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as ChainRow[]
    const set = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?')
    let prev = GENESIS
    for (const r of rows) {
      const hash = rowHash(r, prev)
      set.run(prev, hash, r.id)
      prev = hash
    }
    return rows.length
  }).immediate()
}
