// PostgreSQL's incident_days triggers keep the rollup as SQLite's do: after each write below, the rollup equals a
// GROUP BY over the raw incidents, and equals SQLite's rollup after the same statements, row for row (groups
// emptied by a change stay with n = 0 in both).
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../api/store/migrations'
import { freshPostgresSchema, applyPostgresMigrations, type TestSchema } from '../support/postgres'

const DAY = 86_400_000
const HOUR = 3_600_000
/** 2024-03-01 00:00 in UTC+8, the local day the rollup counts in. */
const LOCAL_MIDNIGHT = Date.UTC(2024, 1, 29, 16)

/** An INSERT with every required column; literal values, so SQLite and PostgreSQL run the very same text. */
function insertIncident(id: number, reportedAt: number, township: string, status: string, onList: 0 | 1, resolvedAt: number | null): string {
  return `INSERT INTO incidents (id, type, category, module, department, on_list, source, severity, lng, lat, crs_in,
    township, village, grid, description, status, reported_at, resolved_at, accept_by, resolve_by, updated_at)
    VALUES (${id}, 't', 'c', 'm', 'd', ${onList}, 's', 'normal', 119.7, 27.55, 'EPSG:4326',
    '${township}', '${township}201', '${township}201001', 'x', '${status}', ${reportedAt}, ${resolvedAt ?? 'NULL'},
    ${reportedAt + HOUR}, ${reportedAt + DAY}, ${reportedAt})`
}

const STEPS: [string, string][] = [
  ['inserts, on both sides of a local midnight', [
    insertIncident(1, LOCAL_MIDNIGHT - 1, '330329100', 'reported', 1, null),
    insertIncident(2, LOCAL_MIDNIGHT, '330329100', 'reported', 1, null),
    insertIncident(3, LOCAL_MIDNIGHT + 2 * HOUR, '330329100', 'resolved', 1, LOCAL_MIDNIGHT + 5 * HOUR),
    insertIncident(4, LOCAL_MIDNIGHT + 3 * HOUR, '330329100', 'resolved', 0, LOCAL_MIDNIGHT + 4 * HOUR),
    insertIncident(5, LOCAL_MIDNIGHT + DAY, '330329101', 'handling', 0, null),
    insertIncident(6, LOCAL_MIDNIGHT + DAY + HOUR, '330329101', 'resolved', 0, LOCAL_MIDNIGHT + 3 * DAY),
  ].join(';\n')],
  ['a status change that resolves', `UPDATE incidents SET status = 'resolved', resolved_at = ${LOCAL_MIDNIGHT + 9 * HOUR} WHERE id = 2`],
  ['a move to another day and township', `UPDATE incidents SET reported_at = ${LOCAL_MIDNIGHT + DAY}, township = '330329101' WHERE id = 1`],
  ['a corrected resolution time alone', `UPDATE incidents SET resolved_at = ${LOCAL_MIDNIGHT + 7 * HOUR} WHERE id = 3`],
  ['an update of no counted column', `UPDATE incidents SET description = 'y' WHERE id = 3`],
  ['a change of several rows', `UPDATE incidents SET on_list = 1 - on_list WHERE township = '330329101'`],
  ['a reopening', `UPDATE incidents SET status = 'handling', resolved_at = NULL WHERE id = 6`],
  ['a delete', 'DELETE FROM incidents WHERE id = 4'],
]

const ROLLUP = 'SELECT day, township, status, on_list, n, handled, handling_ms FROM incident_days'
const FROM_RAW = `SELECT reported_at - (reported_at + 28800000) % 86400000 AS day, township, status, on_list,
  count(*) AS n, count(resolved_at) AS handled, sum(coalesce(resolved_at - reported_at, 0)) AS handling_ms
  FROM incidents GROUP BY 1, 2, 3, 4`

/** Rows as sorted lines: postgres.js gives bigint and sums as strings, SQLite numbers. */
const lines = (rows: Record<string, unknown>[]) =>
  rows.map((r) => [r.day, r.township, r.status, r.on_list, r.n, r.handled, r.handling_ms]
    .map((v) => (typeof v === 'string' && !/^-?\d+$/.test(v) ? v : Number(v))).join(' ')).sort()

describe('incident_days in PostgreSQL', () => {
  let pg: TestSchema
  const sqlite = new Database(':memory:')
  beforeAll(async () => {
    pg = await freshPostgresSchema()
    await applyPostgresMigrations(pg.sql)
    for (const migration of MIGRATIONS) sqlite.exec(migration.sqlite)
  })
  afterAll(async () => { await pg?.drop() })

  it('stays a GROUP BY over the raw rows, equal to SQLite\'s, after each write', async () => {
    for (const [step, statements] of STEPS) {
      sqlite.exec(statements)
      await pg.sql.unsafe(statements).simple()
      const rollup = lines(await pg.sql.unsafe(ROLLUP))
      expect(rollup, step).toEqual(lines(sqlite.prepare(ROLLUP).all() as Record<string, unknown>[]))
      expect(lines(await pg.sql.unsafe(`${ROLLUP} WHERE n <> 0`)), step).toEqual(lines(await pg.sql.unsafe(FROM_RAW)))
    }
    const [totals] = await pg.sql<{ n: string; groups: string }[]>`SELECT sum(n) AS n, count(*) AS groups FROM incident_days`
    expect(Number(totals!.n)).toBe(5)
    expect(Number(totals!.groups)).toBeGreaterThan(5) // emptied groups are kept
  })
})
