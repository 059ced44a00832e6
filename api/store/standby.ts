// Reads from a PostgreSQL hot standby (DATABASE_READ_URL) beside the primary (DATABASE_URL).
//
// The routed Sql sends a statement to the standby only when three things hold: the caller asked for it (a read
// route runs inside `readsFromStandby`), the statement is a read (`all`, `get`) outside a transaction, and the
// standby is not known to be down. Everything else — every write, every transaction, sign-in and session checks —
// goes to the primary. A standby that refuses a statement (gone, or cancelled by a conflict with the WAL it is
// replaying) is set aside for DOWN_MS and the statement runs on the primary instead: a read never fails because
// of the standby.
//
// Reading one's own writes: a write answers with the primary's WAL position after its commit (the caller passes
// it back on its next reads, api/http/read-your-writes.ts); a read whose position the standby has not replayed
// yet goes to the primary. Live events wait for the standby too (`caughtUp`): a client told of a change rereads
// and must find it, whichever database answers.
import { AsyncLocalStorage } from 'node:async_hooks'
import type postgres from 'postgres'
import type { Params, Row, Sql } from './sql'
import { isDatabaseOutage } from './unavailable'

/** How long a standby that failed a statement is left out before it is tried again. */
export const DOWN_MS = 5_000
/** How long a live event waits for the standby to replay the change it announces, at most. */
export const CATCH_UP_MS = 2_000
/** A statement that only reads (an INSERT … RETURNING read through `get` is a write). */
const READ = /^\s*(SELECT|WITH)\b/i
/** How often the standby's replay position is asked for, at most (it is shared by every request meanwhile). */
const REPLAY_POLL_MS = 25

/** A WAL position ('16/B374D848') as a number, to compare. */
export function lsnValue(lsn: string): bigint | null {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn)
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null
}

export interface Standby {
  /** The primary's Sql with reads routed to the standby where allowed (see above). */
  readonly sql: Sql
  /** Runs fn with its reads allowed on the standby. */
  readsFromStandby<T>(fn: () => Promise<T>): Promise<T>
  /** The primary's current WAL position (after a commit: a position that includes it). */
  primaryPosition(): Promise<string>
  /** Whether the standby has replayed `lsn` (false when it is down or the position unreadable). */
  hasReplayed(lsn: string): Promise<boolean>
  /** Waits until the standby has replayed what the primary has committed now, for at most `ms`; whether it did. */
  caughtUp(ms?: number): Promise<boolean>
  /** Whether the standby is in use now (not set aside after a failure). */
  readonly up: boolean
  close(): Promise<void>
}

export function withStandby(primary: Sql, primaryClient: postgres.Sql, standby: Sql, standbyClient: postgres.Sql,
  log: (line: string) => void = (line) => console.warn(line)): Standby {
  const allowed = new AsyncLocalStorage<true>()
  let downUntil = 0
  let replay: { at: number; value: Promise<bigint | null> } | null = null

  const usable = () => Date.now() >= downUntil
  function setAside(err: unknown) {
    if (usable()) log(`standby: set aside for ${DOWN_MS / 1000} s, reads go to the primary (${(err as Error).message})`)
    downUntil = Date.now() + DOWN_MS
    replay = null
  }

  async function read<R>(method: 'all' | 'get', text: string, params: Params | undefined): Promise<R> {
    if (allowed.getStore() && !primary.inTransaction() && usable() && READ.test(text)) {
      try {
        return await standby[method]<Row>(text, params) as R
      } catch (err) {
        // A statement that is wrong is wrong on the primary too: only the standby's own failures fall back.
        if (!standbyFailure(err)) throw err
        setAside(err)
      }
    }
    return await primary[method]<Row>(text, params) as R
  }

  function replayed(): Promise<bigint | null> {
    if (replay && Date.now() - replay.at < REPLAY_POLL_MS) return replay.value
    const value = standbyClient`SELECT pg_last_wal_replay_lsn()::text AS lsn`
      .then((rows) => lsnValue(String(rows[0]?.lsn ?? '')))
      .catch((err: unknown) => { setAside(err); return null })
    replay = { at: Date.now(), value }
    return value
  }

  // The insert position, not pg_current_wal_lsn (the position written out so far): with synchronous_commit off a
  // commit returns while its record may still sit in the WAL buffers, behind the written position.
  const primaryPosition = async () => String((await primaryClient`SELECT pg_current_wal_insert_lsn()::text AS lsn`)[0]!.lsn)

  const sql: Sql = {
    ...primary,
    all: <R = Row>(text: string, params?: Params) => read<R[]>('all', text, params),
    get: <R = Row>(text: string, params?: Params) => read<R | undefined>('get', text, params),
    async close() {
      await standby.close()
      await primary.close()
    },
  }

  return {
    sql,
    readsFromStandby: (fn) => allowed.run(true, fn),
    primaryPosition,
    async hasReplayed(lsn) {
      const wanted = lsnValue(lsn)
      if (wanted === null || !usable()) return false
      const at = await replayed()
      return at !== null && at >= wanted
    },
    async caughtUp(ms = CATCH_UP_MS) {
      if (!usable()) return false
      const wanted = lsnValue(await primaryPosition())
      const deadline = Date.now() + ms
      while (usable()) {
        const at = await replayed()
        if (at !== null && wanted !== null && at >= wanted) return true
        if (Date.now() >= deadline) return false
        await new Promise((resolve) => setTimeout(resolve, REPLAY_POLL_MS))
      }
      return false
    },
    get up() { return usable() },
    close: () => sql.close(),
  }
}

/**
 * A failure of the standby itself: out of reach (unavailable.ts), a statement cancelled by recovery (40001), or a
 * write that slipped through as a read (25006, read-only transaction).
 */
function standbyFailure(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? ''
  return code === '40001' || code === '25006' || isDatabaseOutage(err)
}
