// Which engine a test run's stores use: the embedded SQLite (the default) or PostgreSQL + PostGIS, when the run
// is the PostgreSQL project of vitest (ONEMAP_TEST_ENGINE=postgres; the global setup starts a throw-away cluster
// and sets ONEMAP_TEST_PG_URL). Each store gets a place of its own: a temporary SQLite file, or a PostgreSQL
// schema of its own in the one test database (first on the search path; the extensions stay in public), so
// test files run in parallel without seeing each other's rows.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import type { Engine } from '../../api/store/sql'

export const ENGINE: Engine = process.env.ONEMAP_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite'

export interface StorePlace {
  /** What openStore takes: a file path or a postgres:// URL. */
  location: string
  /** Removes the file or the schema (after the store is closed). */
  drop(): Promise<void>
}

export function testPostgresUrl(): string {
  const url = process.env.ONEMAP_TEST_PG_URL
  if (!url) throw new Error('ONEMAP_TEST_PG_URL is not set: the PostgreSQL tests run as the vitest project "postgres", whose global setup starts a cluster')
  return url
}

/** A new, empty place for a store on the run's engine. */
export async function freshStorePlace(engine: Engine = ENGINE): Promise<StorePlace> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'onemap-test-'))
    return { location: join(dir, 'test.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const url = testPostgresUrl()
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`CREATE SCHEMA ${schema}`)
  } finally {
    await admin.end()
  }
  const place = new URL(url)
  // postgres.js passes unknown URL parameters to the server as run-time settings.
  place.searchParams.set('search_path', `${schema},public`)
  return {
    location: place.toString(),
    async drop() {
      const sql = postgres(url, { max: 1, onnotice: () => {} })
      try {
        await sql.unsafe(`DROP SCHEMA ${schema} CASCADE`)
      } finally {
        await sql.end()
      }
    },
  }
}
