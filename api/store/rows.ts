// Statement builders the record stores share. The API speaks camelCase and the schema snake_case: rows come out
// camelCased by each store's SELECT, and these map camelCase keys back to columns for inserts and updates.
import type { Db } from './db'
import type { Keyset, SortOrder, Where } from './where'
import { addKeyset, sql } from './where'

const camel = (column: string) => column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())
const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)

/** `INSERT INTO table (a_b, …) VALUES (@aB, …)`: run it with the camelCased row. */
export function insertStatement(db: Db, table: string, columns: readonly string[]) {
  return db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${camel(c)}`).join(', ')})`)
}

/** Sets the given camelCased fields (undefined ones are skipped) and updated_at on one row. */
export function patchRow(db: Db, table: string, id: number, patch: Record<string, unknown>, at: number) {
  const keys = Object.keys(patch).filter((k) => patch[k] !== undefined)
  const sets = [...keys.map((k) => `${snake(k)} = @${k}`), 'updated_at = @updatedAt']
  const params = Object.fromEntries(keys.map((k) => [k, patch[k]]))
  db.prepare(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = @id`).run({ ...params, updatedAt: at, id })
}

export interface PageQuery {
  /** `SELECT … FROM table`, to which the WHERE, ORDER BY and LIMIT are added. */
  select: string
  where: Where
  /** The sort column; `id` breaks ties so the order is total and a keyset cursor is exact. */
  key: string
  order: SortOrder
  limit: number
  after?: Keyset | undefined
}

export function keysetPage<R>(db: Db, q: PageQuery): R[] {
  addKeyset(q.where, q.key, q.after, q.order)
  return db.prepare(`${q.select} ${sql(q.where)} ORDER BY ${q.key} ${q.order}, id ${q.order} LIMIT ${Math.trunc(q.limit)}`)
    .all(q.where.params) as R[]
}

/** What a record kind's store declares once; recordTable builds the statements every kind has from it. */
export interface RecordTableSpec<Filter> {
  table: string
  /** The camelCased SELECT list of one record. */
  columns: string
  /** The snake_case columns an insert writes. */
  insertColumns: readonly string[]
  /** The list: its filter's WHERE, the sort column and direction, and its SELECT list when narrower than `columns`. */
  list: { where: (f: Filter) => Where; key: string; order: SortOrder; columns?: string }
}

/** Insert, one by id, a keyset page of a filter, and an update: the same for every record kind. */
export function recordTable<Row, NewRow, Filter, Patch extends object, ListRow = Row>(db: Db, spec: RecordTableSpec<Filter>) {
  const insert = insertStatement(db, spec.table, spec.insertColumns)
  const byId = db.prepare(`SELECT ${spec.columns} FROM ${spec.table} WHERE id = ?`)
  const select = `SELECT ${spec.list.columns ?? spec.columns} FROM ${spec.table}`
  const { key, order } = spec.list
  return {
    insert: (row: NewRow): number => Number(insert.run(row).lastInsertRowid),
    get: (id: number) => byId.get(id) as Row | undefined,
    list: (f: Filter, limit: number, after?: Keyset): ListRow[] =>
      keysetPage<ListRow>(db, { select, where: spec.list.where(f), key, order, limit, after }),
    update: (id: number, patch: Patch, at: number) => patchRow(db, spec.table, id, patch as Record<string, unknown>, at),
  }
}

/**
 * A record's history: one row per transition in `table`, whose snake_case `columns` (the record's id column
 * first) are read back camelCased, oldest first.
 */
export function historyTable<EventRow>(db: Db, table: string, columns: readonly [string, ...string[]]) {
  const insert = insertStatement(db, table, columns)
  const select = columns.map((c) => (camel(c) === c ? c : `${c} AS ${camel(c)}`)).join(', ')
  const of = db.prepare(`SELECT id, ${select} FROM ${table} WHERE ${columns[0]} = ? ORDER BY at, id`)
  return {
    addEvent: (e: Omit<EventRow, 'id'>) => insert.run(e),
    events: (id: number) => of.all(id) as EventRow[],
  }
}
