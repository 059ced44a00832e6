// The two engines' schemas must not drift apart: SQLite after MIGRATIONS and PostgreSQL after POSTGRES_MIGRATIONS
// have the same tables, columns (in order, by type class, nullability and default), keys, foreign keys, checks,
// indexes and triggers. Only PostgreSQL's computed geom columns (and their GiST indexes) are its own.
import Database from 'better-sqlite3'
import type postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../api/store/migrations'
import { POSTGRES_MIGRATIONS } from '../../api/store/migrations-postgres'
import { freshPostgresSchema, applyPostgresMigrations, type TestSchema } from '../support/postgres'

const PG_ONLY_COLUMNS = new Set(['geom'])

interface TableShape {
  /** 'name type-class null|not null [default …]' in column order. */
  columns: string[]
  primaryKey: string[]
  unique: string[][]
  /** 'columns -> table(columns)' */
  foreignKeys: string[]
  checks: number
}
interface Shape {
  tables: Record<string, TableShape>
  /** name → 'table(columns)', ' partial' when it has a WHERE. */
  indexes: Record<string, string>
  /** 'name on table' */
  triggers: string[]
}

function typeClass(type: string): string {
  if (/int/i.test(type)) return 'integer'
  if (/real|float|double/i.test(type)) return 'real'
  if (/text|char|clob/i.test(type)) return 'text'
  if (/blob|bytea/i.test(type)) return 'bytes'
  return type
}
/** PostgreSQL writes the type into a constant default ('[]'::text); SQLite does not. */
const plainDefault = (d: string | null) => (d === null ? '' : ` default ${d.replace(/::[a-z ]+$/, '')}`)
const columnLine = (name: string, type: string, notNull: boolean, dflt: string | null) =>
  `${name} ${typeClass(type)} ${notNull ? 'not null' : 'null'}${plainDefault(dflt)}`

function sqliteShape(db: Database.Database): Shape {
  const shape: Shape = { tables: {}, indexes: {}, triggers: [] }
  const tables = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
    .all() as { name: string; sql: string }[]
  for (const { name, sql } of tables) {
    const info = db.pragma(`table_info("${name}")`) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[]
    const indexList = db.pragma(`index_list("${name}")`) as { name: string; origin: string }[]
    const fks = db.pragma(`foreign_key_list("${name}")`) as { id: number; table: string; from: string; to: string }[]
    const fkIds = [...new Set(fks.map((f) => f.id))]
    shape.tables[name] = {
      // A primary key's columns are NOT NULL in a STRICT table (and in PostgreSQL).
      columns: info.map((c) => columnLine(c.name, c.type, c.notnull === 1 || c.pk > 0, c.dflt_value)),
      primaryKey: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      unique: indexList.filter((i) => i.origin === 'u').map((i) => indexColumns(db, i.name)).sort(),
      foreignKeys: fkIds.map((id) => {
        const parts = fks.filter((f) => f.id === id)
        return `${parts.map((f) => f.from).join(',')} -> ${parts[0]!.table}(${parts.map((f) => f.to).join(',')})`
      }).sort(),
      checks: sql.match(/\bCHECK\s*\(/gi)?.length ?? 0,
    }
    for (const index of db.pragma(`index_list("${name}")`) as { name: string; origin: string; partial: number }[]) {
      if (index.origin !== 'c') continue // 'u' and 'pk' are the constraints' own indexes
      shape.indexes[index.name] = `${name}(${indexColumns(db, index.name).join(',')})${index.partial ? ' partial' : ''}`
    }
  }
  shape.triggers = (db.prepare(`SELECT name || ' on ' || tbl_name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]).sort()
  return shape
}

const indexColumns = (db: Database.Database, index: string) =>
  (db.pragma(`index_info("${index}")`) as { seqno: number; name: string }[]).sort((a, b) => a.seqno - b.seqno).map((c) => c.name)

async function postgresShape(sql: postgres.Sql): Promise<Shape> {
  const shape: Shape = { tables: {}, indexes: {}, triggers: [] }
  const columns = await sql<{ table: string; name: string; type: string; not_null: boolean; dflt: string | null }[]>`
    SELECT c.relname AS table, a.attname AS name, t.typname AS type, a.attnotnull AS not_null,
      CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS dflt
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE c.relnamespace = to_regnamespace(current_schema())
      -- PostGIS's own tables (spatial_ref_sys) belong to the extension, not to the schema the migrations make.
      AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid AND e.deptype = 'e') AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`
  const table = (name: string) => (shape.tables[name] ??= { columns: [], primaryKey: [], unique: [], foreignKeys: [], checks: 0 })
  for (const c of columns) {
    if (!PG_ONLY_COLUMNS.has(c.name)) table(c.table).columns.push(columnLine(c.name, c.type, c.not_null, c.dflt))
  }
  const constraints = await sql<{ table: string; type: string; columns: string[]; ref: string | null; ref_columns: string[] }[]>`
    SELECT c.relname AS table, k.contype AS type,
      array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS columns,
      (SELECT relname FROM pg_class WHERE oid = k.confrelid) AS ref,
      array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
        JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS ref_columns
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    WHERE c.relnamespace = to_regnamespace(current_schema())
      -- PostGIS's own tables (spatial_ref_sys) belong to the extension, not to the schema the migrations make.
      AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid AND e.deptype = 'e') AND k.contype IN ('p', 'u', 'f', 'c')`
  for (const k of constraints) {
    const t = table(k.table)
    if (k.type === 'p') t.primaryKey = k.columns
    if (k.type === 'u') t.unique.push(k.columns)
    if (k.type === 'f') t.foreignKeys.push(`${k.columns.join(',')} -> ${k.ref}(${k.ref_columns.join(',')})`)
    if (k.type === 'c') t.checks++
  }
  for (const t of Object.values(shape.tables)) { t.unique.sort(); t.foreignKeys.sort() }
  const indexes = await sql<{ name: string; table: string; columns: string[]; partial: boolean }[]>`
    SELECT i.relname AS name, t.relname AS table, x.indpred IS NOT NULL AS partial,
      array(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY u(n, o)
        JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.n ORDER BY u.o) AS columns
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relnamespace = to_regnamespace(current_schema()) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)`
  for (const i of indexes) {
    if (i.columns.every((c) => PG_ONLY_COLUMNS.has(c))) continue
    shape.indexes[i.name] = `${i.table}(${i.columns.join(',')})${i.partial ? ' partial' : ''}`
  }
  shape.triggers = (await sql<{ line: string }[]>`
    SELECT tgname || ' on ' || c.relname AS line FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
    WHERE c.relnamespace = to_regnamespace(current_schema())
      -- PostGIS's own tables (spatial_ref_sys) belong to the extension, not to the schema the migrations make.
      AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid AND e.deptype = 'e') AND NOT g.tgisinternal`).map((r) => r.line).sort()
  return shape
}

function migratedSqlite(extra?: string): Database.Database {
  const db = new Database(':memory:')
  for (const migration of MIGRATIONS) db.exec(migration.sqlite)
  if (extra) db.exec(extra)
  return db
}

/** Tables and indexes in name order, so a difference shows as one line of the diff. */
const sorted = (s: Shape): Shape => ({
  tables: Object.fromEntries(Object.entries(s.tables).sort(([a], [b]) => a.localeCompare(b))),
  indexes: Object.fromEntries(Object.entries(s.indexes).sort(([a], [b]) => a.localeCompare(b))),
  triggers: s.triggers,
})

describe('PostgreSQL schema parity', () => {
  let pg: TestSchema
  let postgresSide: Shape
  beforeAll(async () => {
    pg = await freshPostgresSchema()
    await applyPostgresMigrations(pg.sql)
    postgresSide = sorted(await postgresShape(pg.sql))
  })
  afterAll(async () => { await pg?.drop() })

  it('has one PostgreSQL migration per SQLite migration', () => {
    expect(POSTGRES_MIGRATIONS).toHaveLength(MIGRATIONS.length)
  })

  it('has the same tables, columns, keys, indexes and triggers as SQLite', () => {
    const sqliteSide = sorted(sqliteShape(migratedSqlite()))
    // The comparison is not of two empty shapes.
    expect(Object.keys(sqliteSide.tables)).toEqual(expect.arrayContaining(['incidents', 'incident_days', 'users', 'audit_log']))
    expect(sqliteSide.triggers).toHaveLength(3)
    expect(postgresSide).toEqual(sqliteSide)
  })

  it('notices a column added to one dialect only', () => {
    const drifted = sorted(sqliteShape(migratedSqlite('ALTER TABLE incidents ADD COLUMN priority INTEGER')))
    expect(postgresSide).not.toEqual(drifted)
  })

  it('gives incidents, disputes and sites a computed point with a GiST index', async () => {
    const rows = await pg.sql<{ table: string; indexdef: string }[]>`
      SELECT tablename AS table, indexdef FROM pg_indexes
      WHERE schemaname = current_schema() AND indexname = tablename || '_geom'`
    expect(rows.map((r) => r.table).sort()).toEqual(['disputes', 'incidents', 'sites'])
    for (const r of rows) expect(r.indexdef).toMatch(/USING gist \(geom\)/)
  })
})
