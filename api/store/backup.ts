// Online backup with SQLite's backup API (better-sqlite3's db.backup) from a separate read-only connection, so
// the server keeps writing while it runs. The copy is one consistent snapshot: SQLite restarts the copy if
// another connection writes mid-way, so every step after the first copies all remaining pages at once, making
// the snapshot a single read of the WAL (which writers never block) and bounding the restarts under a steady
// write stream. The result is checked with integrity_check before it is reported as a backup.
import { existsSync, renameSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'

export interface BackupResult { pages: number; ms: number; incidents: number }

export async function backupDatabase(source: string, destination: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`)
  const started = Date.now()
  const partial = `${destination}.partial`
  rmSync(partial, { force: true })
  const db = new Database(source, { readonly: true, fileMustExist: true })
  let pages = 0
  try {
    db.pragma('busy_timeout = 5000')
    await db.backup(partial, { progress: ({ totalPages }) => { pages = totalPages; return 1_000_000_000 } })
  } finally {
    db.close()
  }
  const copy = new Database(partial)
  try {
    const check = copy.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new Error(`the backup failed integrity_check: ${String(check)}`)
    // A standalone file: no -wal beside it, so it can be copied or restored as is.
    copy.pragma('journal_mode = DELETE')
    const incidents = (copy.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n
    copy.close()
    // Only a complete, checked copy takes the destination's name.
    renameSync(partial, destination)
    return { pages, ms: Date.now() - started, incidents }
  } catch (err) {
    copy.close()
    rmSync(partial, { force: true })
    throw err
  }
}
