// An empty PostgreSQL database of its own for a test of the schema itself (the extensions only, no migration),
// copied from the run's empty template (test/postgres-setup.ts). Only in the vitest project "postgres".
import postgres from 'postgres'
import { inject } from 'vitest'
import { POSTGRES_MIGRATIONS } from '../../api/store/migrations-postgres'
import { freshDatabase } from './postgres-db'

export interface TestSchema {
  sql: postgres.Sql
  drop(): Promise<void>
}

export async function freshPostgresSchema(): Promise<TestSchema> {
  const db = await freshDatabase(inject('postgresEmptyUrl'))
  const sql = postgres(db.url, { onnotice: () => {}, max: 1 })
  return {
    sql,
    async drop() {
      await sql.end()
      await db.drop()
    },
  }
}

/**
 * Applies the PostgreSQL texts of the migrations, each non-empty one in a transaction of its own: the schema alone,
 * without the server's bookkeeping (schema_version, the migration lock: api/store/postgres-db.ts migratePostgres),
 * for the tests that compare or build on the schema itself.
 */
export async function applyPostgresMigrations(sql: postgres.Sql): Promise<void> {
  for (const migration of POSTGRES_MIGRATIONS) {
    if (migration) await sql.begin((tx) => tx.unsafe(migration).simple())
  }
}
