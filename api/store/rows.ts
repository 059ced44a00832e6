// Statement builders the record stores share. The API speaks camelCase and the schema snake_case: rows come out
// camelCased by each store's SELECT, and these map camelCase keys back to columns for inserts and updates.
import type { Sql } from './sql'
import type { Keyset, SortOrder, Where } from './where'
import { addKeyset, sql as whereSql } from './where'

/** Who acted, on every history row: the principal's key ('user:ID', 'token:ID'), name and role then; null before. */
export interface ActorFields { actor: string | null; actorName: string | null; actorRole: string | null }
export const ACTOR_COLUMNS = ['actor', 'actor_name', 'actor_role'] as const
export const NO_ACTOR: ActorFields = { actor: null, actorName: null, actorRole: null }

const camel = (column: string) => column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())
const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)

/** `INSERT INTO table (a_b, …) VALUES (@aB, …) RETURNING id`: run it with the camelCased row. */
export function insertText(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${camel(c)}`).join(', ')}) RETURNING id`
}

/** Inserts one camelCased row; its new id. */
export async function insertRow(sql: Sql, text: string, row: object): Promise<number> {
  return (await sql.get<{ id: number }>(text, row as Record<string, unknown>))!.id
}

/** Inserts camelCased rows into `columns` (snake_case) of `table` in one statement; how many. */
export async function insertValues(sql: Sql, table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): Promise<number> {
  if (!rows.length) return 0
  const keys = columns.map(camel)
  const tuples = rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')
  return sql.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples}`, rows.flatMap((r) => keys.map((k) => r[k] ?? null)))
}

/** Sets the given camelCased fields (undefined ones are skipped) and updated_at on one row. */
export async function patchRow(sql: Sql, table: string, id: number, patch: Record<string, unknown>, at: number): Promise<void> {
  const keys = Object.keys(patch).filter((k) => patch[k] !== undefined)
  const sets = [...keys.map((k) => `${snake(k)} = @${k}`), 'updated_at = @updatedAt']
  const params = Object.fromEntries(keys.map((k) => [k, patch[k]]))
  await sql.run(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = @id`, { ...params, updatedAt: at, id })
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

export function keysetPage<R>(sql: Sql, q: PageQuery): Promise<R[]> {
  addKeyset(q.where, q.key, q.after, q.order)
  return sql.all<R>(`${q.select} ${whereSql(q.where)} ORDER BY ${q.key} ${q.order}, id ${q.order} LIMIT ${Math.trunc(q.limit)}`, q.where.params)
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
export function recordTable<Row, NewRow, Filter, Patch extends object, ListRow = Row>(sql: Sql, spec: RecordTableSpec<Filter>) {
  const insert = insertText(spec.table, spec.insertColumns)
  const byId = `SELECT ${spec.columns} FROM ${spec.table} WHERE id = ?`
  const select = `SELECT ${spec.list.columns ?? spec.columns} FROM ${spec.table}`
  const selectWhole = `SELECT ${spec.columns} FROM ${spec.table}`
  const { key, order } = spec.list
  return {
    insert: (row: NewRow): Promise<number> => insertRow(sql, insert, row as object),
    get: (id: number) => sql.get<Row>(byId, [id]),
    /** The row, locked until the calling transaction ends (dialect.forUpdate): for a read that decides a write. */
    getForUpdate: (id: number) => sql.get<Row>(byId + sql.dialect.forUpdate, [id]),
    list: (f: Filter, limit: number, after?: Keyset): Promise<ListRow[]> =>
      keysetPage<ListRow>(sql, { select, where: spec.list.where(f), key, order, limit, after }),
    /** The list's page as whole rows (an export shows what the map features leave out: free text, reporter). */
    rows: (f: Filter, limit: number, after?: Keyset): Promise<Row[]> =>
      keysetPage<Row>(sql, { select: selectWhole, where: spec.list.where(f), key, order, limit, after }),
    update: (id: number, patch: Patch, at: number) => patchRow(sql, spec.table, id, patch as Record<string, unknown>, at),
    /** How many rows the list's filter holds (all its pages): OGC API's numberMatched; an export counts before it starts. */
    count: async (f: Filter): Promise<number> => {
      const w = spec.list.where(f)
      // PostgreSQL's count is a bigint, which its driver hands over as text.
      return Number((await sql.get<{ n: number | string }>(`SELECT count(*) AS n FROM ${spec.table} ${whereSql(w)}`, w.params))!.n)
    },
  }
}

/**
 * A record's history: one row per transition in `table`, whose snake_case `columns` (the record's id column
 * first) are read back camelCased, oldest first.
 */
export function historyTable<EventRow>(sql: Sql, table: string, columns: readonly [string, ...string[]]) {
  const insert = insertText(table, columns)
  const select = columns.map((c) => (camel(c) === c ? c : `${c} AS ${camel(c)}`)).join(', ')
  const of = `SELECT id, ${select} FROM ${table} WHERE ${columns[0]} = ? ORDER BY at, id`
  return {
    addEvent: (e: Omit<EventRow, 'id'>): Promise<number> => insertRow(sql, insert, e as object),
    events: (id: number) => sql.all<EventRow>(of, [id]),
  }
}
