// The audit log: one row per write request, accepted or refused, per read of unmasked personal data, and per
// minute and address for refused anonymous writes (api/auth/audit.ts decides which; GET /api/audit reads it).
// Rows are only ever appended, each chained to the one before it by hash (audit-chain.ts), except for an explicit
// prune of the oldest rows (`npm run audit -- prune`), which leaves an anchor the chain continues from.
//
// Every append is one transaction that takes the chain's lock (Sql.exclusive; on SQLite the transaction's write
// lock, taken at BEGIN) before it reads the last row's id and hash and inserts the next row, so two writers —
// two API processes, or the server and a CLI — cannot both chain onto the same row.
import { GENESIS, rowHash, verifyChain } from './audit-chain'
import type { Anchor, ChainReport, ChainRow } from './audit-chain'
import { addRefusal, minuteOf, summaryEntry } from './audit-summary'
import type { PendingSummary } from './audit-summary'
import type { Sql } from './sql'

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

function auditWhere(filter: AuditFilter): { text: string; args: (string | number)[] } {
  const where: string[] = []
  const args: (string | number)[] = []
  if (filter.actor !== undefined) { where.push('actor = ?'); args.push(filter.actor) }
  if (filter.from !== undefined) { where.push('at >= ?'); args.push(filter.from) }
  if (filter.to !== undefined) { where.push('at < ?'); args.push(filter.to) }
  if (filter.before !== undefined) { where.push('id < ?'); args.push(filter.before) }
  return { text: where.length ? `WHERE ${where.join(' AND ')}` : '', args }
}

export function auditQueries(db: Sql) {
  const anchor = async () => (await db.get<Anchor>('SELECT last_id AS lastId, hash FROM audit_anchor WHERE one = 1')) ?? null

  /** Inserts the next row of the chain. Call inside a chained transaction. */
  async function chain(e: AuditEntry, count: number): Promise<number> {
    const last = await db.get<{ id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1')
    const a = last ? null : await anchor()
    const id = (last?.id ?? a?.lastId ?? 0) + 1
    const prev = last?.hash ?? a?.hash ?? GENESIS
    const row = { id, at: e.at, actor: e.actor, actor_kind: e.actorKind, role: e.role, method: e.method, path: e.path, target: e.target, detail: e.detail, status: e.status, remote: e.remote, count }
    await db.run(`INSERT INTO audit_log (id, at, actor, actor_kind, role, method, path, target, detail, status, remote, count, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, e.at, e.actor, e.actorKind, e.role, e.method, e.path, e.target, e.detail, e.status, e.remote, count, prev, rowHash(row, prev)])
    return id
  }

  /** Chains the summaries whose minute has closed by `at`, oldest first. Call inside a chained transaction. */
  async function chainClosedSummaries(at: number) {
    for (const raw of await db.all<RawPending>('SELECT * FROM audit_pending WHERE minute < ? ORDER BY minute, remote', [minuteOf(at)])) {
      const s = summaryEntry(pendingOf(raw))
      await chain(s, s.count)
      await db.run('DELETE FROM audit_pending WHERE remote = ? AND minute = ?', [raw.remote, raw.minute])
    }
  }

  /** One transaction holding the chain's lock. */
  const chained = <T>(fn: () => Promise<T>) => db.transaction(async () => { await db.exclusive('audit'); return fn() })

  return {
    /** Appends one row (count 1) to the chain, after any summaries whose minute has closed. */
    append: (e: AuditEntry): Promise<number> => chained(async () => { await chainClosedSummaries(e.at); return chain(e, 1) }),
    /** Counts a refused anonymous write into its address and minute's summary (chained once the minute closes). */
    refuse: (e: AuditEntry): Promise<void> => chained(async () => {
      await chainClosedSummaries(e.at)
      const raw = await db.get<RawPending>('SELECT * FROM audit_pending WHERE remote = ? AND minute = ?', [e.remote ?? '', minuteOf(e.at)])
      const next = addRefusal(raw ? pendingOf(raw) : null, e)
      await db.run(`INSERT INTO audit_pending (remote, minute, at, count, method, path, statuses, logins)
        VALUES (@remote, @minute, @at, @count, @method, @path, @statuses, @logins)
        ON CONFLICT (remote, minute) DO UPDATE SET at = excluded.at, count = excluded.count, method = excluded.method,
          path = excluded.path, statuses = excluded.statuses, logins = excluded.logins`,
      { ...next, statuses: JSON.stringify(next.statuses), logins: JSON.stringify(next.logins) })
    }),
    /**
     * Removes the rows written before `before` (a prefix of the chain), keeps the last one's hash as the anchor the
     * chain continues from, and appends the row `record` makes, all in one transaction. Returns how many went.
     */
    prune: (before: number, at: number, record: (removed: number, lastId: number | null) => AuditEntry): Promise<number> => chained(async () => {
      const keep = (await db.get<{ id: number | null }>('SELECT min(id) AS id FROM audit_log WHERE at >= ?', [before]))!
      // A prefix by id: the chain must stay one unbroken run. Rows are nearly in time order; the few older rows
      // after the first newer one (a minute's summary chained late) stay.
      const last = await db.get<{ id: number; hash: string }>(`SELECT id, hash FROM audit_log ${keep.id === null ? '' : 'WHERE id < ?'} ORDER BY id DESC LIMIT 1`,
        keep.id === null ? [] : [keep.id])
      let removed = 0
      if (last) {
        removed = await db.run('DELETE FROM audit_log WHERE id <= ?', [last.id])
        await db.run(`INSERT INTO audit_anchor (one, last_id, hash, pruned_at) VALUES (1, ?, ?, ?)
          ON CONFLICT (one) DO UPDATE SET last_id = excluded.last_id, hash = excluded.hash, pruned_at = excluded.pruned_at`, [last.id, last.hash, at])
      }
      const e = record(removed, last?.id ?? null)
      await chainClosedSummaries(e.at)
      await chain(e, 1)
      return removed
    }),
    /** The whole chain, checked row by row from the anchor. */
    verify: (): Promise<ChainReport> =>
      // One transaction: the anchor and the rows of the same snapshot, whatever a prune does meanwhile.
      db.transaction(async () => verifyChain(await db.all<ChainRow>('SELECT * FROM audit_log ORDER BY id'), await anchor())),
    anchor,
    /** Summaries of minutes not yet chained (the running one, and closed ones until the next audit row). */
    pending: async (): Promise<PendingSummary[]> =>
      (await db.all<RawPending>('SELECT * FROM audit_pending ORDER BY minute DESC, remote')).map(pendingOf),
    /** How many entries the filter holds (an export counts before it starts). */
    async count(filter: AuditFilter): Promise<number> {
      const { text, args } = auditWhere(filter)
      return Number((await db.get<{ n: number }>(`SELECT count(*) AS n FROM audit_log ${text}`, args))!.n)
    },
    /** Newest first; `before` is the id to continue below (keyset paging). */
    async list(filter: AuditFilter, limit: number): Promise<AuditRow[]> {
      const { text, args } = auditWhere(filter)
      return (await db.all<ChainRow>(`SELECT * FROM audit_log ${text} ORDER BY id DESC LIMIT ?`, [...args, limit])).map((r) => ({
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
export function chainExistingAuditRows(db: Sql): Promise<number> {
  return db.transaction(async () => {
    await db.exclusive('audit')
    const ends = (await db.get<{ first: string | null; last: string | null }>('SELECT (SELECT hash FROM audit_log ORDER BY id LIMIT 1) AS first, (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS last'))!
    if (ends.first !== null || ends.last !== null) return 0
    const rows = await db.all<ChainRow>('SELECT * FROM audit_log ORDER BY id')
    let prev = GENESIS
    for (const r of rows) {
      const hash = rowHash(r, prev)
      await db.run('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?', [prev, hash, r.id])
      prev = hash
    }
    return rows.length
  })
}
