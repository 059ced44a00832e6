// Opens the embedded SQLite database: WAL, foreign keys, and the migrations up to the current version.
// synchronous=NORMAL: in WAL mode a committed transaction survives a crash of the process (what the service
// promises: SIGKILL mid-write loses nothing acknowledged); only a power cut can lose the last commits. FULL would
// add a disk flush to every commit and cap single-record intake at the disk's flush rate (~700/s measured here).
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { MIGRATIONS, newerSchema } from './migrations'
import { DatabaseUnavailable } from './unavailable'

export type { Db }

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // The incident_days triggers use temporary statement tables; in memory they cost a fraction of a temp file.
  db.pragma('temp_store = MEMORY')
  // Checkpoint every 40,000 WAL pages (~160 MB), not SQLite's 1,000. An incident dirties a dozen B-tree pages
  // (the row and its indexes, the daily rollup, the history, the change feed), so at 1,000 a checkpoint ran every
  // ~80 commits, rewrote the same hot pages into the database each time and fsynced: most of a one-row write's
  // cost at 1M incidents. Measured there (bench/intake.ts, in one run under load 5–6): ~1,000/s at 1,000 pages,
  // ~1,500/s at 20,000, ~2,100/s at 40,000. A checkpoint still runs — less often, each a longer pause — and
  // journal_size_limit trims the WAL file back after it. Readers are unaffected: WAL frames are found by hash.
  db.pragma('wal_autocheckpoint = 40000')
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`)
  migrate(db)
  return db
}

export function migrate(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > MIGRATIONS.length) throw new DatabaseUnavailable(newerSchema(current))
  MIGRATIONS.slice(current).forEach(({ sqlite: sql }, i) => {
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${current + i + 1}`)
    })()
  })
  // New indexes have no statistics, and without them SQLite's planner guesses: at 1M incidents it read a
  // township's 500,000 rows through (township, …) for a count the verified_at index answers from 60,000. A full
  // ANALYZE after an upgrade (1.7 s at 1M incidents) gives it the real spread; a new, empty database needs none.
  if (current > 0 && current < MIGRATIONS.length) db.exec('ANALYZE')
  return MIGRATIONS.length
}
