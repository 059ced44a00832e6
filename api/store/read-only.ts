// A second, read-only store over the database another store already opened and migrated: for work that only
// reads and runs off the API's main thread (the full alert evaluation in a worker thread). SQLite: a second
// connection to the same file, opened read-only, which in WAL mode reads a consistent snapshot beside the
// writing connection and never takes its lock. PostgreSQL: a small pool of its own whose sessions refuse writes.
// Nothing is migrated here and nothing is written: the store that opened the database first did both.
import Database from 'better-sqlite3'
import { createStore } from './index'
import type { Store } from './index'
import { isPostgresUrl } from './postgres-db'
import { connectPostgres, postgresSql } from './postgres-engine'
import { sqliteSql } from './sqlite-engine'

/** Where another process or thread can open the same data: the SQLite file's path or the PostgreSQL URL; null for an in-memory SQLite database. */
export function storeLocation(store: Store): string | null {
  if (store.native.engine === 'postgres') return store.native.url
  const name = store.native.db.name
  return store.native.db.memory || name === '' || name === ':memory:' ? null : name
}

export async function openReadOnlyStore(location: string, options: { pool?: number; applicationName?: string } = {}): Promise<Store> {
  if (isPostgresUrl(location)) {
    const client = connectPostgres(location, { max: options.pool ?? 2, readOnly: true, applicationName: options.applicationName })
    try {
      await client`SELECT 1`
    } catch (err) {
      await client.end({ timeout: 1 })
      throw err
    }
    return createStore(postgresSql(client), { engine: 'postgres', client, url: location })
  }
  const db = new Database(location, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  db.pragma('temp_store = MEMORY')
  return createStore(sqliteSql(db), { engine: 'sqlite', db })
}
