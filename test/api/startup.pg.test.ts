// Why a server on PostgreSQL will not start, in one line that says what is wrong and how to fix it: nothing
// listening, no such database, PostGIS absent and the user unable to enable it, a schema newer than the code.
// openStore throws DatabaseUnavailable with that line (the server prints it and exits 2); openCliStore prints it
// and exits 1. Runs when ONEMAP_TEST_PG_URL names a database whose user may create roles and databases.
import { testPostgresUrl } from '../support/engine'
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openCliStore } from '../../api/cli-store'
import { openStore } from '../../api/store'
import { MIGRATIONS } from '../../api/store/migrations'
import { DatabaseUnavailable } from '../../api/store/unavailable'
import { freshStorePlace } from '../support/engine'
import type { StorePlace } from '../support/engine'

const adminUrl = testPostgresUrl()
const suffix = randomBytes(4).toString('hex')
const role = `no_postgis_${suffix}`
const database = `no_postgis_${suffix}`

/** The test server's URL with another user, password and database. */
function urlAs(user: string, db: string, password = ''): string {
  const u = new URL(adminUrl!)
  u.username = user
  u.password = password
  u.pathname = `/${db}`
  u.search = ''
  return u.toString()
}

/** The message openStore fails with; it must be a DatabaseUnavailable and one line. */
async function refusal(location: string): Promise<string> {
  const err = await openStore(location).then(async (store) => { await store.close(); return null }, (e: unknown) => e)
  expect(err).toBeInstanceOf(DatabaseUnavailable)
  const message = (err as Error).message
  expect(message).not.toContain('\n')
  return message
}

describe('a PostgreSQL server that cannot be reached', () => {
  it('says nothing is listening, and how to fix it, without the password', async () => {
    const message = await refusal('postgres://onemap:s3cret@127.0.0.1:9/onemap')
    expect(message).toMatch(/^cannot open PostgreSQL at postgres:\/\/onemap:\*\*\*@127\.0\.0\.1:9\/onemap: nothing is listening there \(is PostgreSQL running, on that host and port\?\)\. Set DATABASE_URL to a reachable database/)
    expect(message).not.toContain('s3cret')
  })

  it('openCliStore prints the same line and exits 1', async () => {
    const errors: string[] = []
    const error = vi.spyOn(console, 'error').mockImplementation((line: string) => { errors.push(line) })
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => { throw new Error(`exit ${code}`) }) as never)
    try {
      await expect(openCliStore({ DATABASE_URL: 'postgres://onemap@127.0.0.1:9/onemap' })).rejects.toThrow('exit 1')
    } finally {
      error.mockRestore()
      exit.mockRestore()
    }
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^cannot open PostgreSQL at .*: nothing is listening there/)
  })
})

describe('a PostgreSQL database the server cannot use', () => {
  const places: StorePlace[] = []

  beforeAll(async () => {
    // A role that may log in and owns its database, but is no superuser: PostGIS is not a trusted extension, so
    // it cannot create it. template0 holds no extension, whatever an operator put in template1.
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} })
    try {
      await admin.unsafe(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`)
      await admin.unsafe(`CREATE DATABASE ${database} OWNER ${role} TEMPLATE template0`)
    } finally {
      await admin.end()
    }
  })

  afterAll(async () => {
    for (const p of places) await p.drop()
    if (!adminUrl) return
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      await admin.unsafe(`DROP ROLE IF EXISTS ${role}`)
    } finally {
      await admin.end()
    }
  })

  it('no such database: says to create it', async () => {
    const message = await refusal(urlAs(role, `missing_${suffix}`))
    expect(message).toMatch(/: the database does not exist \(create it: createdb, or CREATE DATABASE\)/)
  })

  it('without PostGIS, and a user who cannot enable it: names the package and the statement a superuser runs', async () => {
    const message = await refusal(urlAs(role, database))
    expect(message).toMatch(new RegExp(`^PostGIS is not enabled in postgres://${role}@.*/${database} and this user cannot enable it \\(permission denied to create extension "postgis"`))
    expect(message).toMatch(/Install the package \(Debian: postgresql-15-postgis-3\) and run CREATE EXTENSION postgis; in that database as a superuser\.$/)
    // Nothing was created: the database is as the operator left it.
    const sql = postgres(urlAs(role, database), { max: 1, onnotice: () => {} })
    try {
      expect((await sql`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)[0]!.n).toBe(0)
    } finally {
      await sql.end()
    }
  })

  it('a schema newer than the code: says to run the newer server or restore a backup, and changes nothing', async () => {
    const place = await freshStorePlace('postgres')
    places.push(place)
    await (await openStore(place.location)).close()
    const sql = postgres(place.location, { max: 1, onnotice: () => {} })
    try {
      await sql`UPDATE schema_version SET version = ${MIGRATIONS.length + 1}`
      const message = await refusal(place.location)
      expect(message).toBe(`the database's schema is version ${MIGRATIONS.length + 1}, newer than this server knows (${MIGRATIONS.length}): run the newer server, or restore a backup made for this one`)
      expect((await sql`SELECT version FROM schema_version`)[0]!.version).toBe(MIGRATIONS.length + 1)
    } finally {
      await sql.end()
    }
  })
})
