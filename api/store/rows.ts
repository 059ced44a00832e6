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
