// copyToPostgres brings every row across unchanged (NULLs, tabs, newlines, backslashes, Chinese, doubles to the
// last bit), keeps ids and the rollup as they are, and leaves identities and triggers ready for the next write.
import Database from 'better-sqlite3'
import type postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyToPostgres } from '../../api/seed/copy-to-postgres'
import { MIGRATIONS } from '../../api/store/migrations'
import { freshPostgresSchema, applyPostgresMigrations, type TestSchema } from '../support/postgres'

const AWKWARD = 'tab\there, line\nbreak, return\r, back\\slash \\N, 泰顺县 罗阳镇'
const T0 = Date.UTC(2024, 2, 1, 2)

function incident(id: number, over: Record<string, unknown> = {}) {
  return {
    id, type: 'road', category: 'city', module: 'm', department: 'd', on_list: 1, list_item: null, source: 'app',
    severity: 'normal', lng: 119.71234567890123, lat: 27.557, crs_in: 'EPSG:4326', township: '330329100',
    village: '330329100201', grid: '330329100201001', description: AWKWARD, reporter_name: null,
    reporter_phone: '13800000000', status: 'reported', reported_at: T0 + id, accepted_at: null, dispatched_at: null,
    started_at: null, resolved_at: null, verified_at: null, returned_at: null, supervised_at: null,
    accept_by: T0 + 3_600_000, resolve_by: T0 + 86_400_000, synthetic: 0, updated_at: T0 + id, ...over,
  }
}

function insert(db: Database.Database, table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row)
  db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row)
}

/** A small database that touches most tables and every awkward value. */
function sourceDatabase(): Database.Database {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  for (const migration of MIGRATIONS) db.exec(migration.sqlite)
  insert(db, 'meta', { key: 'preset', value: AWKWARD })
  insert(db, 'incidents', incident(7))
  insert(db, 'incidents', incident(8, { status: 'resolved', resolved_at: T0 + 7_200_000, list_item: '\\' }))
  insert(db, 'incidents', incident(500, { on_list: 0, reporter_phone: null, description: '' }))
  insert(db, 'incident_events', { incident_id: 8, at: T0, action: 'resolve', from_status: null, to_status: 'resolved', note: AWKWARD })
  insert(db, 'sites', { id: 3, category: 'food', name: '泰顺\t食堂', grade: 'A', department: 'd', lng: 119.7, lat: 27.5,
    township: '330329100', village: 'v', grid: 'g', registered_at: T0, last_inspection_at: null, next_inspection_due: T0, updated_at: T0 })
  insert(db, 'inspections', { site_id: 3, at: T0, result: 'ok', mobile: 1, off_site: 0, note: null, penalty_yuan: 2000 })
  insert(db, 'whistles', { township: '330329100', department: 'd', incident_id: 8, kind: 'joint', reason: '吹哨\n报到',
    urgent: 1, status: 'closed', whistled_at: T0, rating: null, updated_at: T0 })
  insert(db, 'indicators', { id: 'online', scope: '330329', period_from: T0, period_to: T0 + 1, value: 0.1 + 0.2, source: 's' })
  insert(db, 'indicators', { id: 'tiny', scope: '330329', period_from: T0, period_to: T0 + 1, value: 1e-7, source: 's' })
  insert(db, 'users', { id: 2, login: 'Admin', name: '管理员', role: 'admin', township: null, password: 'scrypt$x', created_at: T0, updated_at: T0 })
  insert(db, 'api_tokens', { id: 4, name: 'wall', role: 'wall', secret_hash: 'h', created_by: 2, created_at: T0 })
  insert(db, 'sessions', { id_hash: 'a', user_id: 2, token_id: null, created_at: T0, last_seen_at: T0, expires_at: T0, absolute_at: T0 })
  insert(db, 'sessions', { id_hash: 'b', user_id: null, token_id: 4, created_at: T0, last_seen_at: T0, expires_at: T0, absolute_at: T0 })
  insert(db, 'second_factors', { user_id: 2, secret: 'plain:ABC', last_step: null, enrolled_at: T0 })
  insert(db, 'recovery_codes', { user_id: 2, code_hash: 'c1', used_at: null })
  insert(db, 'audit_log', { id: 1, at: T0, actor: 'Admin', actor_kind: 'user', role: 'admin', method: 'POST', path: '/api/x',
    status: 201, count: 1, prev_hash: null, hash: 'h1' })
  insert(db, 'audit_pending', { remote: '', minute: 28_000_000, at: T0, count: 2, method: 'POST', path: '/', statuses: '{"401":2}', logins: '[]' })
  // The change feed was pruned empty: its next id must still be above every id it ever gave.
  for (let i = 0; i < 3; i++) insert(db, 'events', { at: T0, kind: 'incident.created', entity_id: 7, township: null, payload: '{}' })
  db.exec('DELETE FROM events')
  return db
}

const tablesOf = (db: Database.Database) =>
  db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'`).pluck().all() as string[]

/** A table's rows as sorted JSON lines, numbers as numbers (postgres.js gives bigint as a string). */
function normalised(rows: Record<string, unknown>[], numeric: Set<string>): string[] {
  return rows.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => (v !== null && numeric.has(k) ? Number(v) : v)))).sort()
}

const ROLLBACK = new Error('rollback')
/** Writes that the other tests must not see: the transaction is undone (identities stay advanced). */
async function rolledBack(pg: TestSchema, writes: (tx: postgres.TransactionSql) => Promise<void>) {
  await pg.sql.begin(async (tx) => { await writes(tx); throw ROLLBACK }).catch((e: unknown) => { if (e !== ROLLBACK) throw e })
}

describe('copyToPostgres', () => {
  let pg: TestSchema
  const source = sourceDatabase()
  const reported: string[] = []
  let copied: Map<string, number>
  beforeAll(async () => {
    pg = await freshPostgresSchema()
    await applyPostgresMigrations(pg.sql)
    copied = await copyToPostgres(source, pg.sql, { onTable: (table) => reported.push(table) })
  })
  afterAll(async () => { await pg?.drop() })

  it('copies every table row for row', async () => {
    const tables = tablesOf(source)
    expect(reported.sort()).toEqual([...tables].sort())
    for (const table of tables) {
      const info = source.pragma(`table_info("${table}")`) as { name: string; type: string }[]
      const numeric = new Set(info.filter((c) => c.type !== 'TEXT').map((c) => c.name))
      const columns = info.map((c) => c.name)
      const want = normalised(source.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[], numeric)
      const got = normalised(await pg.sql`SELECT ${pg.sql(columns)} FROM ${pg.sql(table)}`, numeric)
      expect(got, table).toEqual(want)
      expect(copied.get(table), table).toBe(want.length)
    }
    expect(copied.get('incident_days')).toBeGreaterThan(0)
  })

  it('computes the points from lng/lat', async () => {
    const [p] = await pg.sql<{ x: number; y: number }[]>`SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM incidents WHERE id = 7`
    expect(p).toEqual({ x: 119.71234567890123, y: 27.557 })
  })

  it('gives new rows ids above the copied ones and keeps the rollup triggers on', async () => {
    await rolledBack(pg, async (tx) => {
      const { id: _, ...fields } = incident(0)
      const [row] = await tx<{ id: string }[]>`INSERT INTO incidents ${tx(fields)} RETURNING id`
      expect(Number(row!.id)).toBe(501)
      const [event] = await tx<{ id: string }[]>`INSERT INTO events (at, kind, payload) VALUES (${T0}, 'x', '{}') RETURNING id`
      expect(Number(event!.id)).toBe(4)
      const [user] = await tx<{ id: string }[]>`INSERT INTO users (login, name, role, password, created_at, updated_at)
        VALUES ('second', 'b', 'viewer', 'p', ${T0}, ${T0}) RETURNING id`
      expect(Number(user!.id)).toBe(3)
      const [days] = await tx<{ n: string }[]>`SELECT sum(n) AS n FROM incident_days`
      expect(Number(days!.n)).toBe(4)
    })
  })

  it('fails with the server\'s reason and changes nothing when a row is refused', async () => {
    const before = await pg.sql`SELECT count(*)::int AS n FROM incidents`
    await expect(copyToPostgres(source, pg.sql)).rejects.toThrow(/duplicate key/)
    expect(await pg.sql`SELECT count(*)::int AS n FROM incidents`).toEqual(before)
  })
})
