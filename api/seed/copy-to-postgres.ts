// Copies a SQLite database into an empty PostgreSQL one that POSTGRES_MIGRATIONS has brought to the same schema
// version: every table, in one transaction, through COPY FROM STDIN in text format, parents before children so
// the foreign keys hold row by row. Rows stream out of SQLite and go out in chunks of ~64 KB, so a million rows
// never sit in memory at once. Ids are kept; each identity is then moved past the ids copied.
import { FILLED_BY_MIGRATIONS } from '../store/migrations'
import type { Writable } from 'node:stream'
import type { Database as Db } from 'better-sqlite3'
import type postgres from 'postgres'

export interface CopyOptions {
  /** Called after each table: its name, the rows copied and the milliseconds it took. */
  onTable?: (table: string, rows: number, ms: number) => void
}

const CHUNK_CHARS = 64 * 1024


/** Copies every table of `source` into `target`; answers the rows copied per table. */
export async function copyToPostgres(source: Db, target: postgres.Sql, options: CopyOptions = {}): Promise<Map<string, number>> {
  const tables = tablesInDependencyOrder(source)
  const copied = new Map<string, number>()
  // One read transaction: a running server may go on writing (WAL), and every table is read as of one moment, so
  // no child copied late can point at a parent written after its table was copied.
  source.exec('BEGIN')
  try {
    await target.begin(async (tx) => {
      for (const table of tables) {
        const started = performance.now()
        const rows = await copyTable(source, tx, table)
        copied.set(table, rows)
        options.onTable?.(table, rows, performance.now() - started)
      }
      await moveIdentities(source, tx, tables)
    })
  } finally {
    source.exec('COMMIT')
  }
  return copied
}

/** Streams one table's rows (its SQLite columns: PostgreSQL computes geom itself); answers how many. */
async function copyTable(source: Db, tx: postgres.TransactionSql, table: string): Promise<number> {
  const columns = (source.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name)
  const select = source.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`)
  const rows = select.raw(true).safeIntegers(true).iterate() as IterableIterator<unknown[]>
  const tally = { rows: 0 }
  // What a trigger derives (incident_days from incidents) is copied as the source has it, not derived again.
  await tx`ALTER TABLE ${tx(table)} DISABLE TRIGGER USER`
  if (FILLED_BY_MIGRATIONS.has(table)) await tx`DELETE FROM ${tx(table)}`
  await copyRows(tx, table, columns, textChunks(rows, tally))
  await tx`ALTER TABLE ${tx(table)} ENABLE TRIGGER USER`
  return tally.rows
}

/** User tables, each after the tables its foreign keys reference (SQLite's own sqlite_* tables are left out). */
function tablesInDependencyOrder(source: Db): string[] {
  const names = (source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
    ORDER BY rowid`).pluck().all() as string[])
  const parents = new Map(names.map((t) => [t, new Set(
    (source.pragma(`foreign_key_list("${t}")`) as { table: string }[]).map((fk) => fk.table).filter((p) => p !== t))]))
  const ordered: string[] = []
  while (ordered.length < names.length) {
    const ready = names.filter((t) => !ordered.includes(t) && [...parents.get(t)!].every((p) => ordered.includes(p)))
    if (ready.length === 0) throw new Error('the foreign keys of the SQLite schema form a cycle')
    ordered.push(...ready)
  }
  return ordered
}

/** Rows in COPY's text format, joined into chunks of about CHUNK_CHARS characters; counts them in `tally`. */
function* textChunks(rows: Iterable<unknown[]>, tally: { rows: number }): Generator<string> {
  let chunk = ''
  for (const row of rows) {
    tally.rows++
    chunk += row.map(field).join('\t') + '\n'
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk
      chunk = ''
    }
  }
  if (chunk) yield chunk
}

const SPECIAL = /[\\\t\n\r]/
const SPECIALS = /[\\\t\n\r]/g
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/** One value in COPY's text format. Integers arrive as BigInt (safeIntegers), so none loses digits. */
function field(value: unknown): string {
  if (value === null) return '\\N'
  if (typeof value === 'string') return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPED[c]!) : value
  if (typeof value === 'bigint' || typeof value === 'number') return String(value)
  throw new Error(`cannot copy a value of type ${typeof value}`) // BLOB: the schema has none
}

/**
 * Streams chunks into `COPY table (columns) FROM STDIN`, one chunk in flight at a time (backpressure).
 * postgres.js 3.4.9 never settles the COPY stream when the server refuses the data after the end of the copy
 * (a foreign key, a duplicate, a malformed value found late): the query is resolved already and its rejection
 * is dropped. So the server's error is caught where the driver hands it to that query, and a query queued
 * behind the COPY tells whether it went through: it answers either way, and fails if the COPY did.
 */
async function copyRows(tx: postgres.TransactionSql, table: string, columns: string[], chunks: Iterable<string>): Promise<void> {
  const query = tx`COPY ${tx(table)} (${tx(columns)}) FROM STDIN`
  let serverError: unknown
  const driven = query as unknown as { reject: (error: unknown) => void }
  const reject = driven.reject
  driven.reject = (error) => { serverError = error; reject(error) }
  const stream = await query.writable()
  stream.on('error', (error) => { serverError ??= error })
  try {
    for (const chunk of chunks) await write(stream, chunk)
    // Every chunk has reached the socket, so end() sends CopyDone at once and the next query may follow it.
    stream.end()
    await tx`SELECT 1`
  } catch (error) {
    throw serverError ?? error
  }
}

const write = (stream: Writable, chunk: string) =>
  new Promise<void>((resolve, reject) => { stream.write(chunk, (error) => (error ? reject(error) : resolve())) })

/**
 * Sets each identity so the next row gets an id above every copied one, and above every id SQLite ever gave
 * (sqlite_sequence: AUTOINCREMENT ids are never reused, even after the newest rows were pruned).
 * setval is not undone by a rollback; a failed copy leaves empty tables whose identities merely start higher.
 */
async function moveIdentities(source: Db, tx: postgres.TransactionSql, tables: string[]): Promise<void> {
  const hasSequence = source.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get() !== undefined
  const issued = new Map<string, number>(hasSequence
    ? (source.prepare('SELECT name, seq FROM sqlite_sequence').raw(true).all() as [string, number][])
    : [])
  const identities = await tx<{ table: string; column: string }[]>`
    SELECT c.relname AS table, a.attname AS column
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE a.attidentity <> '' AND NOT a.attisdropped AND c.oid = ANY(${tables}::regclass[])`
  for (const { table, column } of identities) {
    await tx`SELECT setval(pg_get_serial_sequence(${table}, ${column}),
      greatest(coalesce(max(${tx(column)}), 0), ${issued.get(table) ?? 0}) + 1, false) FROM ${tx(table)}`
  }
}
