// A PostgreSQL schema of its own for one test file, in the database ONEMAP_TEST_PG_URL names: test files run in
// parallel against one database, and each sees only its own tables (its schema is first on the search path, the
// extensions stay in public). Without the variable the PostgreSQL tests are skipped.
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { POSTGRES_MIGRATIONS } from '../../api/store/migrations-postgres'

export const testPostgresUrl = process.env.ONEMAP_TEST_PG_URL

export interface TestSchema {
  sql: postgres.Sql
  drop(): Promise<void>
}

export async function freshPostgresSchema(): Promise<TestSchema> {
  if (!testPostgresUrl) throw new Error('ONEMAP_TEST_PG_URL is not set')
  const quiet = { onnotice: () => {}, max: 1 }
  const admin = postgres(testPostgresUrl, quiet)
  const schema = `test_${randomBytes(6).toString('hex')}`
  // The server requires PostGIS to be installed by the operator; a test database gets it here. The advisory lock
  // keeps two test files from creating an extension at the same moment.
  await admin.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(5433)`
    await tx`CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public`
    await tx`CREATE EXTENSION IF NOT EXISTS citext SCHEMA public`
    await tx`CREATE SCHEMA ${tx(schema)}`
  })
  const sql = postgres(testPostgresUrl, { ...quiet, connection: { search_path: `${schema}, public` } })
  return {
    sql,
    async drop() {
      await sql.end()
      await admin`DROP SCHEMA ${admin(schema)} CASCADE`
      await admin.end()
    },
  }
}

/** Applies POSTGRES_MIGRATIONS as the server would: each non-empty one in a transaction of its own. */
export async function migratePostgres(sql: postgres.Sql): Promise<void> {
  for (const migration of POSTGRES_MIGRATIONS) {
    if (migration) await sql.begin((tx) => tx.unsafe(migration).simple())
  }
}
