// Migration 6 on a database that already holds records: every regional row gets its county, nothing is rewritten
// by hand, and from then on a row's county must be its township's. SQLite as the server opens it (foreign keys
// on); PostgreSQL when ONEMAP_TEST_PG_URL is set. And a seeded database has the county on every regional row, on
// both engines (PostgreSQL's seed is a copy of a SQLite one, into a database whose migration listed the county).
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../../api/store/db'
import { MIGRATIONS } from '../../api/store/migrations'
import { POSTGRES_MIGRATIONS } from '../../api/store/migrations-postgres'
import { seedStore } from '../../api/seed/seed-store'
import { openStore } from '../../api/store'
import { NOW, seeded } from '../seed/helpers'
import { ENGINE, freshStorePlace } from '../support/engine'
import { freshPostgresSchema, type TestSchema } from '../support/postgres'

const COUNTY_VERSION = 6
const T0 = Date.UTC(2026, 0, 5, 2)
/** Every table that holds regional records, and the column its county is read from. */
const REGIONAL: Record<string, string> = {
  incidents: 'township', disputes: 'township', sites: 'township', whistles: 'township',
  stationed_staff: 'township', flexible_posts: 'township', service_points: 'township', indicators: 'scope',
}

/** Rows in every regional table (and a history row, so foreign keys point at the tables being altered). */
const ROWS_BEFORE = `
  INSERT INTO incidents (id, type, category, module, department, on_list, source, severity, lng, lat, crs_in,
    township, village, grid, description, status, reported_at, accept_by, resolve_by, updated_at)
  VALUES (1, 'road-occupation', 'enforcement', 'm', 'd', 1, 'patrol', 'normal', 119.708, 27.559, 'wgs84',
    '330329100', '330329100201', '33032910020101', '旧记录', 'reported', ${T0}, ${T0 + 1}, ${T0 + 2}, ${T0});
  INSERT INTO incident_events (incident_id, at, action, to_status) VALUES (1, ${T0}, 'report', 'reported');
  INSERT INTO disputes (id, type, level, method, risk, cross_region, mediator, lng, lat, crs_in, township, village, grid,
    summary, parties, status, accepted_at, level_accepted_at, deadline, updated_at)
  VALUES (1, 'land-forest', 'village', 'sweep', 'low', 0, 'village-committee', 119.708, 27.559, 'wgs84', '330329100',
    '330329100201', '33032910020101', '旧', '[]', 'accepted', ${T0}, ${T0}, ${T0 + 1}, ${T0});
  INSERT INTO sites (id, category, name, grade, department, lng, lat, township, village, grid, registered_at,
    next_inspection_due, updated_at)
  VALUES (1, 'food', '食堂', 'A', 'market', 119.708, 27.559, '330329111', '330329111201', '33032911120101', ${T0}, ${T0}, ${T0});
  INSERT INTO whistles (id, township, department, kind, reason, urgent, status, whistled_at, updated_at)
  VALUES (1, '330329111', 'enforcement', 'joint-enforcement', '旧', 0, 'whistled', ${T0}, ${T0});
  INSERT INTO stationed_staff (township, domain, staff) VALUES ('330329100', 'safety', 3);
  INSERT INTO flexible_posts (township, posts) VALUES ('330329106', 2);
  INSERT INTO service_points (id, kind, name, lng, lat, township) VALUES (1, 'party-centre', '中心', 119.7, 27.5, '330329104');
  INSERT INTO indicators (id, scope, period_from, period_to, value, source) VALUES ('online', '330329', ${T0}, ${T0 + 1}, 0.8, 'article');
`

describe('SQLite migration 6 over existing rows', () => {
  let db: Database.Database
  beforeAll(() => {
    db = new Database(':memory:')
    db.pragma('foreign_keys = ON') // as openDatabase runs the migrations
    for (const m of MIGRATIONS.slice(0, COUNTY_VERSION - 1)) db.exec(m.sqlite)
    db.pragma(`user_version = ${COUNTY_VERSION - 1}`)
    db.exec(ROWS_BEFORE)
    migrate(db)
  })
  afterAll(() => db.close())

  it('reaches version 6 and fills the county of every row', () => {
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(COUNTY_VERSION)
    for (const table of Object.keys(REGIONAL)) {
      expect(db.prepare(`SELECT county FROM ${table}`).pluck().all(), table).toEqual(['330329'])
    }
    expect(db.prepare('SELECT code, name FROM counties').all()).toEqual([{ code: '330329', name: '泰顺县' }])
    expect(db.pragma('foreign_key_check')).toEqual([])
  })

  it('refuses a county that is not the township\'s, in every regional table', () => {
    for (const [table, from] of Object.entries(REGIONAL)) {
      expect(() => db.prepare(`UPDATE ${table} SET county = '330328'`).run(), table).toThrow(/CHECK constraint failed/)
      expect(() => db.prepare(`UPDATE ${table} SET ${from} = '330328100'`).run(), table).toThrow(/CHECK constraint failed/)
    }
  })
})

describe('a seeded database', () => {
  it('has the county on every regional row, from the seed itself', () => {
    const db = seeded({ preset: 'demo', incidents: 400 })
    try {
      for (const [table, from] of Object.entries(REGIONAL)) {
        const rows = db.prepare(`SELECT county, count(*) AS n, sum(county <> substr(${from}, 1, 6)) AS wrong FROM ${table} GROUP BY county`).all()
        expect(rows, table).toEqual([{ county: '330329', n: expect.any(Number), wrong: 0 }])
        expect((rows[0] as { n: number }).n, table).toBeGreaterThan(0)
      }
    } finally {
      db.close()
    }
  })
})

describe.runIf(ENGINE === 'postgres')('PostgreSQL migration 6 over existing rows', () => {
  let pg: TestSchema
  beforeAll(async () => {
    pg = await freshPostgresSchema()
    for (const m of POSTGRES_MIGRATIONS.slice(0, COUNTY_VERSION - 1)) if (m) await pg.sql.begin((tx) => tx.unsafe(m).simple())
    await pg.sql.begin((tx) => tx.unsafe(ROWS_BEFORE).simple())
    await pg.sql.begin((tx) => tx.unsafe(POSTGRES_MIGRATIONS[COUNTY_VERSION - 1]!).simple())
  })
  afterAll(async () => { await pg?.drop() })

  it('fills the county of every row', async () => {
    for (const table of Object.keys(REGIONAL)) {
      expect((await pg.sql.unsafe(`SELECT county FROM ${table}`)).map((r) => r.county), table).toEqual(['330329'])
    }
    expect([...await pg.sql`SELECT code, name FROM counties`]).toEqual([{ code: '330329', name: '泰顺县' }])
  })

  it('refuses a county that is not the township\'s, in every regional table', async () => {
    for (const table of Object.keys(REGIONAL)) {
      await expect(pg.sql.unsafe(`UPDATE ${table} SET county = '330328'`), table).rejects.toThrow(/county_of_(township|scope)/)
    }
  })
})

describe.runIf(ENGINE === 'postgres')('a seeded PostgreSQL store', () => {
  it('holds the seed\'s counties and the county on every regional row', async () => {
    const place = await freshStorePlace('postgres')
    const store = await openStore(place.location)
    try {
      await seedStore(store, { preset: 'demo', incidents: 400, now: NOW })
      expect(await store.sql.all('SELECT code, name FROM counties')).toEqual([{ code: '330329', name: '泰顺县' }])
      for (const [table, from] of Object.entries(REGIONAL)) {
        const rows = await store.sql.all<{ county: string; wrong: number }>(
          `SELECT county, count(*) FILTER (WHERE county <> substr(${from}, 1, 6)) AS wrong FROM ${table} GROUP BY county`)
        expect(rows, table).toEqual([{ county: '330329', wrong: 0 }])
      }
    } finally {
      await store.close()
      await place.drop()
    }
  })
})
