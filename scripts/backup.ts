// `npm run backup -- <destination>`: an online backup of the server's database while the server keeps running
// and writing. With DATABASE_URL set (PostgreSQL) it is a pg_dump archive (custom format), restored with
// pg_restore; otherwise a copy of the SQLite file at DB_PATH (default data/onemap.db). Restore, SQLite: stop the
// server, put the file at DB_PATH (delete any DB_PATH-wal and DB_PATH-shm beside the old one), start the server.
// PostgreSQL: the command it prints. See README "Trust" and docs/postgres.md.
import { ConfigError, parseDatabaseUrl } from '../api/config'
import { backupDatabase } from '../api/store/backup'
import { BackupToolMissing, backupPostgres } from '../api/store/backup-postgres'
import { redactUrl } from '../api/store/postgres-db'

const destination = process.argv[2]
if (!destination) {
  console.error('usage: npm run backup -- <destination>   (reads DATABASE_URL for PostgreSQL, else DB_PATH, default data/onemap.db)')
  process.exit(2)
}
let url: string | null
try {
  url = parseDatabaseUrl(process.env.DATABASE_URL)
} catch (err) {
  if (!(err instanceof ConfigError)) throw err
  console.error(`backup: ${err.message}`)
  process.exit(2)
}
try {
  if (url) {
    const r = await backupPostgres(url, destination)
    console.log(`backed up ${redactUrl(url)} → ${destination}: pg_dump custom format, ${(r.bytes / 1e6).toFixed(1)} MB, ` +
      `${r.tables} tables, readable by pg_restore, ${r.ms} ms`)
    console.log(`restore (stop the server first; into a new database: createdb it, then name it here):\n  ${r.restore}`)
  } else {
    const source = process.env.DB_PATH || 'data/onemap.db'
    const r = await backupDatabase(source, destination)
    console.log(`backed up ${source} → ${destination}: ${r.pages} pages, ${r.incidents} incidents, integrity ok, ${r.ms} ms`)
  }
} catch (err) {
  console.error(`backup failed: ${(err as Error).message}`)
  process.exit(err instanceof BackupToolMissing ? 2 : 1)
}
