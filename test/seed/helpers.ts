// Shared by the seed tests: a fixed clock, seeded in-memory databases, and per-table content hashes.
import { createHash } from 'node:crypto'
import type { SeedOptions } from '../../api/seed/seed'
import { seedDatabase } from '../../api/seed/seed'
import type { Db } from '../../api/store/db'
import { openDatabase } from '../../api/store/db'

/** A fixed `now` (a Friday afternoon in Taishun), so every run sees the same data. */
export const NOW = Date.parse('2026-11-27T15:30:00+08:00')

export function seeded(opts: Omit<SeedOptions, 'now'> & { now?: number }): Db {
  const db = openDatabase(':memory:')
  seedDatabase(db, { now: NOW, ...opts })
  return db
}

export function tables(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[])
}

/** SHA-256 of every row in primary-key order (rowid tables by rowid, the others by their declared key). */
export function tableHash(db: Db, table: string): string {
  const key = (db.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).pluck().all(table) as string[])
  const order = key.length > 0 ? key.map((k) => `"${k}"`).join(', ') : 'rowid'
  const hash = createHash('sha256')
  for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().iterate()) hash.update(JSON.stringify(row)).update('\n')
  return hash.digest('hex')
}

export function count(db: Db, sql: string, ...params: unknown[]): number {
  return Number(db.prepare(sql).pluck().get(...params))
}
