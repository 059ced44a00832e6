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

/** Applies POSTGRES_MIGRATIONS as the server would: each non-empty one in a transaction of its own. */
export async function migratePostgres(sql: postgres.Sql): Promise<void> {
  for (const migration of POSTGRES_MIGRATIONS) {
    if (migration) await sql.begin((tx) => tx.unsafe(migration).simple())
  }
}
