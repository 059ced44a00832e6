// The audit log's hash chain: editing, deleting or inserting a row anywhere but at the very end shows. A row's
// hash is the lowercase hex SHA-256 of the UTF-8 bytes of
//
//   JSON.stringify([id, at, actor, actor_kind, role, method, path, target, detail, status, remote, count, prev_hash])
//
// (integers as decimal, null as null, strings JSON-escaped, no spaces), where prev_hash is the hash of the row
// before it — or, after a prune, the hash of the last row pruned (the anchor), or GENESIS for the first row ever.
// The id is inside the hash, so renumbering rows to make room for an inserted one changes every hash after it.
// The chain proves order and integrity, not authorship: whoever can write the file can recompute it, so keep the
// last id and hash `npm run audit -- verify` prints somewhere else (see docs/audit.md).
import { createHash } from 'node:crypto'

export const GENESIS = '0'.repeat(64)

/** A stored row as the chain sees it (the columns' names). */
export interface ChainRow {
  id: number; at: number; actor: string | null; actor_kind: string | null; role: string | null
  method: string; path: string; target: string | null; detail: string | null; status: number
  remote: string | null; count: number; prev_hash: string | null; hash: string | null
}

export function rowHash(r: Omit<ChainRow, 'prev_hash' | 'hash'>, prevHash: string): string {
  const fields = [r.id, r.at, r.actor, r.actor_kind, r.role, r.method, r.path, r.target, r.detail, r.status, r.remote, r.count, prevHash]
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex')
}

/** Where the chain starts: after the last pruned row, or at the beginning. */
export interface Anchor { lastId: number; hash: string }

export interface ChainReport {
  rows: number
  firstId: number | null
  lastId: number | null
  lastHash: string | null
  /** The first row that does not verify, and why; null when the chain is intact (lastHash means something then). */
  broken: { id: number; reason: string } | null
}

/** Walks the rows in id order; the first that does not follow from the one before it is `broken` (counting goes on). */
export function verifyChain(rows: Iterable<ChainRow>, anchor: Anchor | null): ChainReport {
  const report: ChainReport = { rows: 0, firstId: null, lastId: null, lastHash: null, broken: null }
  let prevId = anchor?.lastId ?? null
  let prevHash = anchor?.hash ?? GENESIS
  for (const r of rows) {
    report.rows++
    report.firstId ??= r.id
    report.lastId = r.id
    report.lastHash = r.hash
    if (report.broken) continue
    const reason = problemOf(r, prevId, prevHash, anchor !== null && report.rows === 1)
    if (reason) report.broken = { id: r.id, reason }
    prevId = r.id
    prevHash = r.hash ?? ''
  }
  return report
}

function problemOf(r: ChainRow, prevId: number | null, prevHash: string, afterAnchor: boolean): string | null {
  if (r.hash === null || r.prev_hash === null) return 'it has no hash: it was written outside the server, after the chain began'
  if (r.prev_hash !== prevHash) {
    const after = prevId === null ? 'the start of the log (genesis)' : afterAnchor ? `the prune anchor (row ${prevId})` : `row ${prevId}`
    const gap = prevId !== null && r.id > prevId + 1 ? `row${r.id - prevId > 2 ? `s ${prevId + 1}–${r.id - 1} are` : ` ${prevId + 1} is`} missing` : 'a row before it was changed, removed or inserted'
    return `its prev_hash is not the hash of ${after}: ${gap}`
  }
  if (rowHash(r, r.prev_hash) !== r.hash) return 'its fields do not match its hash: the row was changed'
  return null
}
