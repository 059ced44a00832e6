// `npm run backup -- <destination.db>`: an online backup of the server's database (DB_PATH, default
// data/onemap.db) while the server keeps running and writing. Restore: stop the server, put the file at DB_PATH
// (delete any DB_PATH-wal and DB_PATH-shm beside the old one), start the server. See README "Trust".
import { backupDatabase } from '../api/store/backup'

const source = process.env.DB_PATH || 'data/onemap.db'
const destination = process.argv[2]
if (!destination) {
  console.error('usage: npm run backup -- <destination.db>   (reads DB_PATH, default data/onemap.db)')
  process.exit(2)
}
try {
  const r = await backupDatabase(source, destination)
  console.log(`backed up ${source} → ${destination}: ${r.pages} pages, ${r.incidents} incidents, integrity ok, ${r.ms} ms`)
} catch (err) {
  console.error(`backup failed: ${(err as Error).message}`)
  process.exit(1)
}
