// Opens the SQLite database: WAL, foreign keys, synchronous=FULL so an acknowledged write survives a crash of
// the process or the machine, and the migrations up to the current version.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { MIGRATIONS } from './migrations'

export type { Db }

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // The incident_days triggers use temporary statement tables; in memory they cost a fraction of a temp file.
  db.pragma('temp_store = MEMORY')
  migrate(db)
  return db
}

export function migrate(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this server knows (${MIGRATIONS.length}); upgrade the server`)
  }
  MIGRATIONS.slice(current).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${current + i + 1}`)
    })()
  })
  return MIGRATIONS.length
}

/** The preset an earlier start seeded this database with, or null when it is empty. */
export function seededPreset(db: Db): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get('preset') as { value: string } | undefined
  return row?.value ?? null
}
