// The database's own facts: which preset seeded it, and settings kept with the data (the call-back shares).
import type { Sql } from './sql'

export function metaQueries(db: Sql) {
  const value = async (key: string): Promise<string | null> =>
    (await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]))?.value ?? null
  return {
    /** The preset an earlier start seeded this database with, or null when it is empty. */
    preset: () => value('preset'),
    /** A setting's stored text, or null when none is stored (the caller then uses its default). */
    value,
    /**
     * The first and the latest report time of the stored incidents (null, null when there are none): where the
     * data begins and ends, so a view of data that ended in the past opens on its own period. Each an index end.
     */
    async dataSpan(): Promise<{ first: number | null; last: number | null }> {
      const row = await db.get<{ first: number | null; last: number | null }>(
        'SELECT (SELECT min(reported_at) FROM incidents) AS first, (SELECT max(reported_at) FROM incidents) AS last')
      return { first: row?.first ?? null, last: row?.last ?? null }
    },
    /** Stores a setting, replacing what was there. */
    async set(key: string, text: string): Promise<void> {
      await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, text])
    },
  }
}
