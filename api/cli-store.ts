// The store of the server's data for the command-line tools (`npm run user`, `npm run audit`): the same
// DATABASE_URL / DB_PATH the server reads, and the same plain message when the database cannot be opened.
import { databaseLocation, parseDatabaseUrl } from './config'
import { openStore } from './store'
import type { Store } from './store'
import { DatabaseUnavailable } from './store/unavailable'

export async function openCliStore(env: Record<string, string | undefined> = process.env): Promise<Store> {
  const location = databaseLocation({ dbPath: env.DB_PATH || 'data/onemap.db', databaseUrl: parseDatabaseUrl(env.DATABASE_URL) })
  try {
    return await openStore(location)
  } catch (err) {
    if (err instanceof DatabaseUnavailable) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
}
