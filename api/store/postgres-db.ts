// Opening a PostgreSQL store: reach the server, make sure PostGIS is there, bring the schema up to date, and
// say plainly what is wrong and how to fix it when any of that fails — the server stops on these errors.
import type postgres from 'postgres'
import { chainExistingAuditRows } from './audit'
import { MIGRATIONS, newerSchema } from './migrations'
import { connectPostgres, postgresSql } from './postgres-engine'
import type { Sql } from './sql'
import { DatabaseUnavailable } from './unavailable'

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location)

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'postgres://(unreadable URL)'
  }
}


export async function openPostgres(url: string, options: { max?: number | undefined } = {}): Promise<{ sql: Sql; client: postgres.Sql }> {
  const client = connectPostgres(url, options)
  try {
    await reach(client, url)
    await requirePostgis(client, url)
    const sql = postgresSql(client, url)
    await migratePostgres(sql).catch((err: unknown) => { throw notPermitted(err, url) })
    await chainExistingAuditRows(sql)
    return { sql, client }
  } catch (err) {
    await client.end({ timeout: 1 })
    throw err
  }
}

/**
 * The hot standby named by DATABASE_READ_URL: reachable, or the server stops saying so. Nothing is migrated there
 * (a standby replays the primary's schema). One that is not in recovery (promoted, or a second primary) still
 * serves reads, with a warning: its data may not be the primary's.
 */
export async function openPostgresStandby(url: string, options: { max?: number | undefined } = {}): Promise<{ sql: Sql; client: postgres.Sql }> {
  const client = connectPostgres(url, options)
  try {
    await reach(client, url, 'DATABASE_READ_URL')
    const [row] = await client`SELECT pg_is_in_recovery() AS standby`
    if (!row?.standby) console.warn(`DATABASE_READ_URL ${redactUrl(url)} is not a standby (not in recovery): reads go there anyway`)
    return { sql: postgresSql(client), client }
  } catch (err) {
    await client.end({ timeout: 1 })
    throw err
  }
}

async function reach(client: postgres.Sql, url: string, variable = 'DATABASE_URL') {
  try {
    await client`SELECT 1`
  } catch (err) {
    const e = err as { code?: string; message?: string }
    const why = e.code === 'ECONNREFUSED' ? 'nothing is listening there (is PostgreSQL running, on that host and port?)'
      : e.code === '3D000' ? 'the database does not exist (create it: createdb, or CREATE DATABASE)'
        : e.code === '28P01' || e.code === '28000' ? 'the server refused the user or password'
          : e.message ?? String(err)
    const fix = variable === 'DATABASE_URL' ? 'Set DATABASE_URL to a reachable database, or unset it to use the embedded SQLite (DB_PATH).'
      : `Set ${variable} to a reachable standby, or unset it to read from the primary.`
    const named = variable === 'DATABASE_URL' ? '' : ` (${variable})`
    throw new DatabaseUnavailable(`cannot open PostgreSQL at ${redactUrl(url)}${named}: ${why}. ${fix}`)
  }
}

async function requirePostgis(client: postgres.Sql, url: string) {
  const [row] = await client`SELECT extversion FROM pg_extension WHERE extname = 'postgis'`
  if (row) return
  try {
    await client`CREATE EXTENSION postgis`
  } catch (err) {
    throw new DatabaseUnavailable(`PostGIS is not enabled in ${redactUrl(url)} and this user cannot enable it (${(err as Error).message}). ` +
      'Install the package (Debian: postgresql-15-postgis-3) and run CREATE EXTENSION postgis; in that database as a superuser.')
  }
}

/** A migration this user may not run (no CREATE on the schema, tables another role owns) is the operator's to fix. */
function notPermitted(err: unknown, url: string): unknown {
  if ((err as { code?: string }).code !== '42501') return err
  const user = decodeURIComponent(new URL(url).username) || 'this user'
  return new DatabaseUnavailable(`cannot create or update the app's tables in ${redactUrl(url)}: ${(err as Error).message}. ` +
    `Make ${user} the owner of the database and of its schema (ALTER DATABASE … OWNER TO ${user}; ALTER SCHEMA public OWNER TO ${user};), or start the server once as their owner.`)
}

/** Applies the migrations this database has not had yet, all in one transaction (DDL is transactional in
 * PostgreSQL: a step that fails leaves the database as it was); the version it is now at. */
export async function migratePostgres(sql: Sql): Promise<number> {
  // Several API processes may start at once: the lock makes one migrate and the others find it done.
  return sql.transaction(async () => {
    await sql.exclusive('migrations')
    await sql.exec('CREATE TABLE IF NOT EXISTS schema_version (one integer PRIMARY KEY CHECK (one = 1), version integer NOT NULL)')
    const current = (await sql.get<{ version: number }>('SELECT version FROM schema_version'))?.version ?? 0
    if (current > MIGRATIONS.length) throw new DatabaseUnavailable(newerSchema(current))
    for (let v = current; v < MIGRATIONS.length; v++) {
      if (MIGRATIONS[v]!.postgres.trim()) await sql.exec(MIGRATIONS[v]!.postgres)
      await sql.run(`INSERT INTO schema_version (one, version) VALUES (1, ?) ON CONFLICT (one) DO UPDATE SET version = excluded.version`, [v + 1])
    }
    return MIGRATIONS.length
  })
}
