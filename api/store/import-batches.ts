// SQL of import batches: one row per import run, one per record the run added or changed, and what an undo needs
// to take a run back (api/import/batches.ts decides, this only reads and writes).
import { insertValues } from './rows'
import type { Sql } from './sql'

/**
 * What an undo must know of each table a batch may write: the history table whose rows go with a removed record,
 * the tables whose rows point at a record (which then cannot be removed), and the column that says what the record
 * is now (for the message when it has moved on). Names here only: never from the batch's rows.
 */
export interface UndoableTable {
  history: { table: string; column: string } | null
  refs: readonly { table: string; column: string }[]
  state: string | null
  /**
   * The state a record starts in, when a batch may move it on (a reported incident a file closes): a record put
   * back to it keeps only the history steps that left it there, the later ones were the batch's.
   */
  firstState: string | null
}
export const UNDOABLE_TABLES: Readonly<Record<string, UndoableTable>> = {
  incidents: {
    history: { table: 'incident_events', column: 'incident_id' },
    refs: [
      { table: 'whistles', column: 'incident_id' }, { table: 'callbacks', column: 'incident_id' },
      // A merged incident has moved on (an undone merge too: its rows keep the record of what was merged).
      { table: 'case_members', column: 'incident_id' },
    ],
    state: 'status',
    firstState: 'reported',
  },
  disputes: { history: { table: 'dispute_events', column: 'dispute_id' }, refs: [], state: 'status', firstState: null },
  sites: { history: null, refs: [{ table: 'inspections', column: 'site_id' }, { table: 'site_warnings', column: 'site_id' }], state: null, firstState: null },
}

export interface BatchRow {
  id: number; kind: string; source: string; command: string; actor: string
  startedAt: number; finishedAt: number | null
  added: number; changed: number; unchanged: number; rejected: number
  undoneAt: number | null
}

/** A record a batch added or changed and has not been taken back, with what its table holds now. */
export interface PendingRecord {
  id: number; recordTable: string; recordId: number; action: 'added' | 'changed'; before: string | null; leftAt: number
  /** The record's updated_at now; null when it no longer exists. */
  currentAt: number | null
  /** The record's state column now (UndoableTable.state), when it has one. */
  state: string | null
}

const BATCH = `SELECT id, kind, source, command, actor, started_at AS startedAt, finished_at AS finishedAt, added, changed,
  unchanged, rejected, undone_at AS undoneAt FROM import_batches`

const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)

function undoable(table: string): UndoableTable {
  const t = UNDOABLE_TABLES[table]
  if (!t) throw new Error(`import batches cannot undo rows of "${table}": add it to UNDOABLE_TABLES`)
  return t
}

export function importBatchQueries(db: Sql) {
  return {
    async create(b: { kind: string; source: string; command: string; actor: string; startedAt: number }): Promise<number> {
      return (await db.get<{ id: number }>('INSERT INTO import_batches (kind, source, command, actor, started_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
        [b.kind, b.source, b.command, b.actor, b.startedAt]))!.id
    },
    get: (id: number) => db.get<BatchRow>(`${BATCH} WHERE id = ?`, [id]),
    list: (limit: number) => db.all<BatchRow>(`${BATCH} ORDER BY id DESC LIMIT ?`, [limit]),
    note: (r: { batchId: number; table: string; recordId: number; action: 'added' | 'changed'; before: string | null; leftAt: number }) =>
      db.run('INSERT INTO import_batch_rows (batch_id, record_table, record_id, action, before, left_at) VALUES (?, ?, ?, ?, ?, ?)',
        [r.batchId, r.table, r.recordId, r.action, r.before, r.leftAt]),
    noteAdded: (batchId: number, table: string, records: readonly { recordId: number; leftAt: number }[]) =>
      insertValues(db, 'import_batch_rows', ['batch_id', 'record_table', 'record_id', 'action', 'left_at'],
        records.map((r) => ({ batchId, recordTable: table, recordId: r.recordId, action: 'added', leftAt: r.leftAt }))),
    finish: (id: number, c: { added: number; changed: number; unchanged: number; rejected: number }, at: number) =>
      db.run('UPDATE import_batches SET finished_at = ?, added = ?, changed = ?, unchanged = ?, rejected = ? WHERE id = ?',
        [at, c.added, c.changed, c.unchanged, c.rejected, id]),
    /** The tables a batch's pending records are in. */
    tables: async (batchId: number) => (await db.all<{ t: string }>(
      'SELECT DISTINCT record_table AS t FROM import_batch_rows WHERE batch_id = ? AND undone_at IS NULL', [batchId])).map((r) => r.t),
    /** A page of the batch's pending records of `table`, newest first (an undo goes back in the order they were made). */
    pending(batchId: number, table: string, limit: number, beforeId: number | null): Promise<PendingRecord[]> {
      const state = undoable(table).state
      return db.all<PendingRecord>(`SELECT r.id, r.record_table AS recordTable, r.record_id AS recordId, r.action, r.before,
          r.left_at AS leftAt, t.updated_at AS currentAt, ${state ? `t.${state}` : 'NULL'} AS state
        FROM import_batch_rows r LEFT JOIN ${table} t ON t.id = r.record_id
        WHERE r.batch_id = @batchId AND r.record_table = @table AND r.undone_at IS NULL ${beforeId === null ? '' : 'AND r.id < @beforeId'}
        ORDER BY r.id DESC LIMIT ${Math.trunc(limit)}`, { batchId, table, beforeId })
    },
    /** Of `ids` in `table`, those another table's rows point at (they cannot be removed without those). */
    async referenced(table: string, ids: readonly number[]): Promise<Map<number, string>> {
      const found = new Map<number, string>()
      if (!ids.length) return found
      for (const ref of undoable(table).refs) {
        const rows = await db.all<{ id: number }>(`SELECT DISTINCT ${ref.column} AS id FROM ${ref.table} WHERE ${db.dialect.inJsonArray(ref.column, 'ids', 'integer')}`,
          { ids: JSON.stringify(ids) })
        for (const r of rows) if (!found.has(Number(r.id))) found.set(Number(r.id), ref.table)
      }
      return found
    },
    /** The newest later batch that changed the record and is not undone, if any (an undo must go back through it first). */
    async laterBatch(table: string, recordId: number, batchId: number): Promise<number | null> {
      const row = await db.get<{ b: number }>(`SELECT max(batch_id) AS b FROM import_batch_rows
        WHERE record_table = ? AND record_id = ? AND batch_id > ? AND undone_at IS NULL`, [table, recordId, batchId])
      return row?.b == null ? null : Number(row.b)
    },
    /** Removes records a batch added, with their history rows. */
    async remove(table: string, ids: readonly number[]): Promise<void> {
      if (!ids.length) return
      const { history } = undoable(table)
      const params = { ids: JSON.stringify(ids) }
      if (history) await db.run(`DELETE FROM ${history.table} WHERE ${db.dialect.inJsonArray(history.column, 'ids', 'integer')}`, params)
      await db.run(`DELETE FROM ${table} WHERE ${db.dialect.inJsonArray('id', 'ids', 'integer')}`, params)
    },
    /** Puts back a record's columns as a batch found them (`before`: camelCased, updatedAt among them). */
    async restore(table: string, id: number, before: Record<string, unknown>): Promise<void> {
      const { history, state, firstState } = undoable(table)
      const keys = Object.keys(before)
      await db.run(`UPDATE ${table} SET ${keys.map((k) => `${snake(k)} = @${k}`).join(', ')} WHERE id = @id`, { ...before, id })
      if (history && state && firstState && before[state] === firstState) {
        await db.run(`DELETE FROM ${history.table} WHERE ${history.column} = ? AND to_status <> ?`, [id, firstState])
      }
    },
    markUndone: (rowIds: readonly number[], at: number) => rowIds.length
      ? db.run(`UPDATE import_batch_rows SET undone_at = @at WHERE ${db.dialect.inJsonArray('id', 'ids', 'integer')}`, { at, ids: JSON.stringify(rowIds) })
      : Promise.resolve(0),
    async markBatchUndone(batchId: number, at: number): Promise<void> {
      const left = await db.get<{ n: number | string }>('SELECT count(*) AS n FROM import_batch_rows WHERE batch_id = ? AND undone_at IS NULL', [batchId])
      if (Number(left!.n) === 0) await db.run('UPDATE import_batches SET undone_at = ? WHERE id = ?', [at, batchId])
    },
  }
}
export type ImportBatchQueries = ReturnType<typeof importBatchQueries>
