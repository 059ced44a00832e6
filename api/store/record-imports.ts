// SQL of the records import: records found by the county's own id (external_id), inserted with it, changed in the
// columns a file gives. The table and column names come from the import's kinds (api/import/records/), never from
// a file: a file's headers only choose among them.
import { INSERT_COLUMNS as DISPUTE_COLUMNS } from './disputes'
import { INSERT_COLUMNS as INCIDENT_COLUMNS } from './incidents'
import { insertRow, insertText, insertValues, patchRow } from './rows'
import { INSERT_COLUMNS as SITE_COLUMNS } from './sites'
import type { Sql } from './sql'

/** The record tables an import writes, with the columns a new row of each is inserted with. */
export const IMPORT_TABLES = {
  // signed_at: an imported closed case was signed for when it was started (the state machine's start implies it).
  incidents: [...INCIDENT_COLUMNS, 'signed_at', 'external_id'],
  disputes: [...DISPUTE_COLUMNS, 'external_id'],
  sites: [...SITE_COLUMNS, 'external_id'],
} as const
export type ImportTable = keyof typeof IMPORT_TABLES

const camel = (column: string) => column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())

/** A stored record as the import compares it: its id, external id, updated_at and the asked columns, camelCased. */
export type ExistingRecord = { id: number; externalId: string; updatedAt: number } & Record<string, unknown>

export function recordImportQueries(db: Sql) {
  const inserts = Object.fromEntries(Object.entries(IMPORT_TABLES).map(([t, cols]) => [t, insertText(t, cols)])) as Record<ImportTable, string>
  return {
    /**
     * The records of `table` whose external ids are among `ids`, with `columns` (snake_case) and `extra` (SELECT
     * expressions already aliased, e.g. a count of later activity).
     */
    byExternalIds(table: ImportTable, columns: readonly string[], extra: readonly string[], ids: readonly string[]): Promise<ExistingRecord[]> {
      if (!ids.length) return Promise.resolve([])
      const select = ['id', 'external_id AS externalId', 'updated_at AS updatedAt', ...columns.map((c) => `${c} AS ${camel(c)}`), ...extra]
      return db.all<ExistingRecord>(`SELECT ${select.join(', ')} FROM ${table} WHERE ${db.dialect.inJsonArray('external_id', 'ids')}`,
        { ids: JSON.stringify(ids) })
    },
    /** Inserts a camelCased row (externalId among its keys); its new id. */
    insert: (table: ImportTable, row: object): Promise<number> => insertRow(db, inserts[table], row),
    /**
     * Inserts camelCased rows (externalId among their keys) in one statement; each new id by its external id
     * (RETURNING promises no order on either engine).
     */
    async insertMany(table: ImportTable, rows: readonly Record<string, unknown>[]): Promise<Map<string, number>> {
      if (!rows.length) return new Map()
      const columns = IMPORT_TABLES[table]
      const keys = columns.map(camel)
      const values = rows.flatMap((r) => keys.map((k) => r[k] ?? null))
      const tuples = rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')
      const out = await db.all<{ id: number; externalId: string }>(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples} RETURNING id, external_id AS externalId`, values)
      return new Map(out.map((r) => [r.externalId, Number(r.id)]))
    },
    /** Rows of a history table (its snake_case columns, the rows camelCased) in one statement. */
    addHistory: (table: 'incident_events' | 'dispute_events', columns: readonly string[], rows: readonly Record<string, unknown>[]) =>
      insertValues(db, table, columns, rows),
    /** Sets the camelCased fields and updated_at of one record. */
    update: (table: ImportTable, id: number, patch: Record<string, unknown>, at: number) => patchRow(db, table, id, patch, at),
  }
}
export type RecordImportQueries = ReturnType<typeof recordImportQueries>
