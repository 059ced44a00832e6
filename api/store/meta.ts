// The database's own facts: which preset seeded it.
import type { Sql } from './sql'

export function metaQueries(db: Sql) {
  return {
    /** The preset an earlier start seeded this database with, or null when it is empty. */
    preset: async (): Promise<string | null> =>
      (await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', ['preset']))?.value ?? null,
  }
}
