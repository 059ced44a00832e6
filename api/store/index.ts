// The store: every SQL statement the API runs lives below this folder, written once for both engines (sql.ts).
// `openStore` picks the engine from where the data lives: a postgres:// URL is PostgreSQL + PostGIS, anything
// else the path of the embedded SQLite file.
import type { Database as Db } from 'better-sqlite3'
import type postgres from 'postgres'
import { accountQueries } from './accounts'
import { alertInputQueries } from './alert-inputs'
import { alertQueries } from './alerts'
import { auditQueries, chainExistingAuditRows } from './audit'
import { boundaryQueries } from './boundaries'
import { briefingQueries } from './briefings'
import { callbackQueries } from './callbacks'
import { caseMergeQueries } from './case-merges'
import { openDatabase } from './db'
import { disputeQueries } from './disputes'
import { EVENTS_CHANNEL, eventQueries } from './events'
import { idempotencyQueries } from './idempotency'
import { importBatchQueries } from './import-batches'
import { incidentTileQueries } from './incident-tiles'
import { incidentQueries } from './incidents'
import { metaQueries } from './meta'
import { metricQueries } from './metrics'
import { open311Queries } from './open311'
import { asOfQueries } from './as-of'
import { isPostgresUrl, openPostgres, openPostgresStandby } from './postgres-db'
import type { Following } from './postgres-follow'
import { holdLease } from './postgres-lease'
import type { Lease } from './postgres-lease'
import { secondFactorQueries } from './second-factors'
import { siteQueries } from './sites'
import type { Sql } from './sql'
import { DatabaseUnavailable } from './unavailable'
import { sqliteSql } from './sqlite-engine'
import type { Standby } from './standby'
import { withStandby } from './standby'
import { queueQueries } from './queue'
import { recordImportQueries } from './record-imports'
import { scoreboardQueries } from './scoreboard'
import { whistleQueries } from './whistles'

/** The engine's own handle, for the few tools that speak one engine only (the seed's bulk load, backups). */
export type NativeHandle = { engine: 'sqlite'; db: Db } | { engine: 'postgres'; client: postgres.Sql; url: string }

/**
 * `standby`: a hot standby the read routes may read from (standby.ts); `sql` is then its routed Sql. Commit
 * listeners wait (bounded) until the standby has replayed the commit: whoever hears of a change and rereads finds it.
 */
export function createStore(sql: Sql, native: NativeHandle, standby: Standby | null = null) {
  const commitListeners = new Set<() => void | Promise<void>>()
  const runCommitListeners = async () => {
    if (standby) await standby.caughtUp()
    for (const listener of commitListeners) await listener()
  }
  let following: Following | null = null
  return {
    sql,
    native,
    /** The hot standby, when DATABASE_READ_URL names one. */
    standby,
    meta: metaQueries(sql),
    incidents: incidentQueries(sql),
    callbacks: callbackQueries(sql),
    caseMerges: caseMergeQueries(sql),
    incidentTiles: incidentTileQueries(sql),
    disputes: disputeQueries(sql),
    sites: siteQueries(sql),
    whistles: whistleQueries(sql),
    alerts: alertQueries(sql),
    alertInputs: alertInputQueries(sql),
    queue: queueQueries(sql),
    open311: open311Queries(sql),
    events: eventQueries(sql),
    idempotency: idempotencyQueries(sql),
    metrics: metricQueries(sql),
    asOf: asOfQueries(sql),
    scoreboard: scoreboardQueries(sql),
    accounts: accountQueries(sql),
    secondFactors: secondFactorQueries(sql),
    audit: auditQueries(sql),
    briefings: briefingQueries(sql),
    importBatches: importBatchQueries(sql),
    recordImports: recordImportQueries(sql),
    boundaries: boundaryQueries(sql),
    /**
     * Runs fn in one transaction: all of its writes land, or none do. Nested calls join the outer transaction;
     * commit listeners run once the outermost one has committed, so nobody hears of a change that rolled back, and
     * the write returns after they have: a client answered 201 then finds its change in the live feed and tiles.
     */
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (sql.inTransaction()) return fn()
      const result = await sql.transaction(fn)
      await runCommitListeners()
      return result
    },
    onCommit(listener: () => void | Promise<void>): () => void {
      commitListeners.add(listener)
      return () => commitListeners.delete(listener)
    },
    /**
     * Runs the commit listeners for the commits of every other process sharing the database too (API replicas
     * over one PostgreSQL): their live clients get those events, their memo of figures is cleared by them. A
     * server calls it once; the command-line tools, which keep no live state, never do.
     */
    async followOtherProcesses(): Promise<void> {
      following ??= await sql.follow(EVENTS_CHANNEL, () => {
        runCommitListeners().catch((err: unknown) => console.error('store: a commit listener failed on a commit elsewhere', err))
      })
    },
    /**
     * Runs `start` in one process at a time among those sharing the database, and the function it returned when
     * this process stops holding the lease (postgres-lease.ts). SQLite has one process: it runs here, at once.
     */
    lease(name: string, start: () => () => void): Lease {
      if (native.engine === 'postgres') return holdLease(native.url, name, start)
      let stopWork: (() => void) | null = start()
      return {
        get held() { return stopWork !== null },
        stop: async () => { stopWork?.(); stopWork = null },
      }
    },
    /** Whether commits elsewhere are being heard now (false while the listening connection is being re-made). */
    get followingOthers() { return following?.listening ?? false },
    async close() {
      await following?.stop()
      await sql.close()
    },
  }
}
export type Store = ReturnType<typeof createStore>

/**
 * A store over `location`: a postgres:// URL (DATABASE_URL) or the path of the SQLite file (DB_PATH). `pool`: the
 * connections kept to PostgreSQL (DATABASE_POOL; SQLite has its one).
 */
export async function openStore(location: string, options: { pool?: number; readLocation?: string | null } = {}): Promise<Store> {
  if (isPostgresUrl(location)) {
    const { sql, client } = await openPostgres(location, { max: options.pool })
    if (!options.readLocation) return createStore(sql, { engine: 'postgres', client, url: location })
    const read = await openPostgresStandby(options.readLocation, { max: options.pool }).catch(async (err: unknown) => {
      await sql.close()
      throw err
    })
    const standby = withStandby(sql, client, read.sql, read.client)
    return createStore(standby.sql, { engine: 'postgres', client, url: location }, standby)
  }
  if (options.readLocation) throw new DatabaseUnavailable('DATABASE_READ_URL names a PostgreSQL standby, which needs DATABASE_URL (the primary) to be PostgreSQL too: set DATABASE_URL, or unset DATABASE_READ_URL')
  const db = openDatabase(location)
  const sql = sqliteSql(db)
  // A migration is SQL only; the hash chain over rows written before it existed is computed here, once.
  await chainExistingAuditRows(sql)
  return createStore(sql, { engine: 'sqlite', db })
}
