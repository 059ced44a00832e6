// `npm run seed` on both engines: it seeds a SQLite file or a PostgreSQL database (--db URL or DATABASE_URL),
// prints the same summary, refuses a database that holds data, and with --force starts again from empty tables
// without dropping the schema or the extensions. Each vitest project runs it on its engine.
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { runSeedCommand } from '../../api/seed/seed-command'
import type { Engine } from '../../api/store/sql'
import { ENGINE, freshStorePlace } from '../support/engine'
import type { StorePlace } from '../support/engine'

const NOW = '2026-11-27T15:30:00+08:00'
const places: StorePlace[] = []
afterAll(async () => { for (const p of places) await p.drop() })

async function command(args: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = []
  const err: string[] = []
  const code = await runSeedCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, env)
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** Runs one query against the place (a SQLite file is read through the same driver the place names). */
async function query<T>(location: string, text: string): Promise<T[]> {
  if (!location.startsWith('postgres')) {
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(location, { readonly: true })
    try { return db.prepare(text).all() as T[] } finally { db.close() }
  }
  const sql = postgres(location, { max: 1, onnotice: () => {}, types: { bigint: postgres.BigInt } })
  try { return [...await sql.unsafe(text)] as T[] } finally { await sql.end() }
}

const count = async (location: string, table: string) =>
  Number((await query<{ n: number | bigint }>(location, `SELECT count(*) AS n FROM ${table}`))[0]!.n)

const engines: Engine[] = [ENGINE]

describe.each(engines)('npm run seed on %s', (engine) => {
  it('seeds, prints the summary, refuses to seed again, and starts again from empty tables with --force', async () => {
    const place = await freshStorePlace(engine)
    places.push(place)
    const db = place.location
    const first = await command(['--db', db, '--incidents', '1_000', '--seed', '3', '--now', NOW])
    expect(first.err).toBe('')
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/^seeding .* with the demo preset \(now 2026-11-27T07:30:00.000Z\)…/)
    expect(first.out).toMatch(/incidents\s+1,000/)
    expect(first.out).toMatch(/done in [\d.]+ s; .* is [\d.]+ MB/)
    expect(await count(db, 'incidents')).toBe(1000)

    const again = await command(['--db', db])
    expect(again.code).toBe(2)
    expect(again.err).toMatch(/already holds the "demo" preset; pass --force/)
    expect(await count(db, 'incidents')).toBe(1000)

    const forced = await command(['--db', db, '--incidents', '500', '--force', '--now', NOW])
    expect(forced.err).toBe('')
    expect(forced.code).toBe(0)
    expect(forced.out).toMatch(/incidents\s+500/)
    expect(await count(db, 'incidents')).toBe(500)
    // The ids start again at 1: the same seed gives the same rows as a first seed would.
    expect(Number((await query<{ n: number }>(db, 'SELECT min(id) AS n FROM incidents'))[0]!.n)).toBe(1)
    if (engine === 'postgres') {
      expect(forced.out).toMatch(/^emptied \d+ tables of .* \(--force\)/)
      const extensions = await query<{ extname: string }>(db, "SELECT extname FROM pg_extension WHERE extname IN ('postgis', 'citext') ORDER BY 1")
      expect(extensions.map((e) => e.extname)).toEqual(['citext', 'postgis'])
      expect(await count(db, 'spatial_ref_sys')).toBeGreaterThan(0)
      expect(await count(db, 'schema_version')).toBe(1)
    }
  })

  it('refuses a database with rows but no preset, naming what it holds', async () => {
    const place = await freshStorePlace(engine)
    places.push(place)
    const seeded = await command(['--db', place.location, '--incidents', '200', '--now', NOW])
    expect(seeded.code).toBe(0)
    if (engine === 'postgres') {
      const sql = postgres(place.location, { max: 1, onnotice: () => {} })
      await sql`DELETE FROM meta`
      await sql.end()
    } else {
      const { default: Database } = await import('better-sqlite3')
      const db = new Database(place.location)
      db.exec('DELETE FROM meta')
      db.close()
    }
    const refused = await command(['--db', place.location])
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/already holds data/)
  })
})

describe.runIf(ENGINE === 'postgres')('npm run seed: where the PostgreSQL database comes from', () => {
  it('reads DATABASE_URL when --db is absent, and --db wins over it', async () => {
    const place = await freshStorePlace('postgres')
    places.push(place)
    const fromEnv = await command(['--incidents', '100', '--now', NOW], { DATABASE_URL: place.location })
    expect(fromEnv.err).toBe('')
    expect(fromEnv.code).toBe(0)
    expect(await count(place.location, 'incidents')).toBe(100)
    const other = await freshStorePlace('sqlite')
    places.push(other)
    const flagged = await command(['--db', other.location, '--incidents', '100', '--now', NOW], { DATABASE_URL: place.location })
    expect(flagged.code).toBe(0)
    expect(flagged.out).toContain(other.location)
  })

  it('says in one line why it cannot open the database, hiding the password', async () => {
    const r = await command(['--db', 'postgres://onemap:s3cret@127.0.0.1:9/onemap', '--incidents', '10'])
    expect(r.code).toBe(1)
    expect(r.err.split('\n')).toHaveLength(1)
    expect(r.err).toMatch(/^seed: cannot open PostgreSQL at postgres:\/\/onemap:\*\*\*@127\.0\.0\.1:9\/onemap: nothing is listening there/)
    expect(r.err).not.toContain('s3cret')
  })
})

describe('npm run seed: flags', () => {
  it('explains a missing database and a malformed DATABASE_URL', async () => {
    const none = await command(['--preset', 'demo'])
    expect(none.code).toBe(2)
    expect(none.err).toMatch(/--db PATH is required \(or a postgres:\/\/ URL, or DATABASE_URL set\)/)
    const bad = await command([], { DATABASE_URL: 'mysql://x' })
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/DATABASE_URL must be a PostgreSQL URL/)
  })
})
