// Which engine a test run's stores use: the embedded SQLite (the vitest project "sqlite") or PostgreSQL + PostGIS
// (the project "postgres": ONEMAP_TEST_ENGINE=postgres, and its global setup test/postgres-setup.ts starts a
// throw-away cluster). Each store gets a place of its own: a temporary SQLite file, or a PostgreSQL database
// copied from the run's migrated template (test/support/postgres-db.ts), so test files run in parallel without
// seeing each other's rows.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Engine } from '../../api/store/sql'
import { freshDatabase } from './postgres-db'

export const ENGINE: Engine = process.env.ONEMAP_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite'

export interface StorePlace {
  /** What openStore takes: a file path or a postgres:// URL. */
  location: string
  /** Removes the file or the database (after the store is closed). */
  drop(): Promise<void>
}

/**
 * A superuser URL of the run's cluster (its postgres database), for tests that create databases or roles of their
 * own: set by test/postgres-setup.ts, so only in the project "postgres".
 */
export function testPostgresUrl(): string {
  const url = process.env.ONEMAP_TEST_PG_URL
  if (!url) throw new Error('ONEMAP_TEST_PG_URL is not set: PostgreSQL tests run in the vitest project "postgres", whose global setup starts the cluster')
  return url
}

/** A new, empty place for a store on the run's engine. */
export async function freshStorePlace(engine: Engine = ENGINE): Promise<StorePlace> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'onemap-test-'))
    return { location: join(dir, 'test.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const db = await freshDatabase()
  return { location: db.url, drop: db.drop }
}
