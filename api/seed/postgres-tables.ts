// The app's tables in a PostgreSQL database, for the seed command: how many rows they hold, and emptying them for
// --force. "The app's tables" are those of the schema the store migrated (the first on the search path), less
// the tables an extension owns (PostGIS keeps spatial_ref_sys in public) and schema_version, which records the
// schema itself: emptied, the next start would run every migration again over tables that already exist.
// Nothing here drops a table, the schema or an extension: an operator's grants and extensions stay as they were.
import type postgres from 'postgres'
import { FILLED_BY_MIGRATIONS } from '../store/migrations'

export async function appTables(client: postgres.Sql): Promise<string[]> {
  const rows = await client<{ name: string }[]>`
    SELECT c.relname AS name
    FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_version'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY c.relname`
  return rows.map((r) => r.name)
}

/** Tables that hold at least one row, with their row count; the reference rows the migrations write do not count. */
export async function tablesWithRows(client: postgres.Sql): Promise<Array<{ table: string; rows: number }>> {
  const held: Array<{ table: string; rows: number }> = []
  for (const table of await appTables(client)) {
    if (FILLED_BY_MIGRATIONS.has(table)) continue
    const [row] = await client<{ n: number }[]>`SELECT count(*)::int AS n FROM ${client(table)}`
    if (row!.n > 0) held.push({ table, rows: row!.n })
  }
  return held
}

/** Empties every app table in one statement (foreign keys among them need not be ordered) and resets the ids. */
export async function emptyAppTables(client: postgres.Sql): Promise<string[]> {
  const tables = await appTables(client)
  if (tables.length) await client`TRUNCATE ${client(tables)} RESTART IDENTITY CASCADE`
  return tables
}
