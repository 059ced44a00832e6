// Writes seed rows through prepared statements with positional parameters (the fastest way through
// better-sqlite3), inside explicit transactions: one for the whole seed when it is small, so a crash on first
// start leaves an empty database rather than half a history, and one per `batchRows` rows for the million-row
// benchmark build, where a single transaction would hold gigabytes of journal.
import type { Db } from '../store/db'

export type SqlValue = string | number | null

export type Insert = (values: SqlValue[]) => void

export class SeedWriter {
  readonly counts = new Map<string, number>()
  private pending = 0
  private open = false

  /** `batchRows`: commit after this many rows (Infinity: one transaction for everything). */
  constructor(private readonly db: Db, private readonly batchRows: number) {}

  /** An inserter for one table; values in the order of `columns`. */
  into(table: string, columns: readonly string[]): Insert {
    const stmt = this.db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
    this.counts.set(table, this.counts.get(table) ?? 0)
    return (values) => {
      if (!this.open) this.begin()
      stmt.run(values)
      this.counts.set(table, (this.counts.get(table) ?? 0) + 1)
      if (++this.pending >= this.batchRows) this.commit()
    }
  }

  /**
   * Runs `load` with the tables' indexes dropped and then rebuilds them from their own CREATE statements (as
   * read from sqlite_master, so the migrations stay the one definition). Building an index once over sorted
   * data is several times cheaper than maintaining it row by row, most of all with triggers on the table:
   * SQLite then re-seeks every index cursor on each insert. Triggers stay, so what they maintain stays right.
   */
  withoutIndexes(tables: readonly string[], load: () => void): void {
    const marks = tables.map(() => '?').join(', ')
    const indexes = this.db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
      AND tbl_name IN (${marks}) ORDER BY name`).all(...tables) as { name: string; sql: string }[]
    if (!this.open) this.begin()
    for (const { name } of indexes) this.db.exec(`DROP INDEX "${name}"`)
    load()
    if (!this.open) this.begin()
    for (const { sql } of indexes) this.db.exec(sql)
    if (this.batchRows !== Infinity) this.commit()
  }

  /** Queries made while seeding (e.g. linking a whistle to an incident) see the rows written so far. */
  get database(): Db {
    return this.db
  }

  commit(): void {
    if (this.open) this.db.exec('COMMIT')
    this.open = false
    this.pending = 0
  }

  rollback(): void {
    if (this.open && this.db.inTransaction) this.db.exec('ROLLBACK')
    this.open = false
  }

  private begin(): void {
    this.db.exec('BEGIN')
    this.open = true
  }
}

export interface PragmaState {
  restore(): void
}

/**
 * Bulk-load settings. synchronous=OFF always (a seed that dies is rerun, not recovered); for large builds also
 * journal_mode=OFF, so hundreds of megabytes are written once rather than through the WAL and a checkpoint, and
 * foreign-key lookups off (the generator only references ids it has just written). Everything is put back
 * afterwards: WAL and the server's synchronous level are what it relies on for durable writes.
 */
export function bulkPragmas(db: Db, large: boolean): PragmaState {
  const before = {
    journal: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    foreignKeys: Number(db.pragma('foreign_keys', { simple: true })),
    cacheSize: Number(db.pragma('cache_size', { simple: true })),
  }
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144') // 256 MiB: rebuilding the indexes over a million rows sorts in memory
  if (large) {
    db.pragma('foreign_keys = OFF')
    db.pragma('journal_mode = OFF')
  }
  return {
    restore() {
      if (db.inTransaction) db.exec('ROLLBACK')
      db.pragma(`journal_mode = ${before.journal}`)
      db.pragma(`synchronous = ${before.synchronous}`)
      db.pragma(`foreign_keys = ${before.foreignKeys}`)
      db.pragma(`cache_size = ${before.cacheSize}`)
    },
  }
}
