// `npm run backup` on PostgreSQL: a pg_dump archive that pg_restore reads, written under its name only when
// complete; restored into a new database it holds the same rows. Without pg_dump the message names the package.
// Runs when ONEMAP_TEST_PG_URL names a database whose user may create databases.
import { testPostgresUrl } from '../support/engine'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedStore } from '../../api/seed/seed-store'
import { openStore } from '../../api/store'
import { BackupToolMissing, backupPostgres, findPgTool } from '../../api/store/backup-postgres'

const run = promisify(execFile)
const adminUrl = testPostgresUrl()
const repo = join(import.meta.dirname, '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'onemap-pg-backup-'))
const suffix = randomBytes(4).toString('hex')
const databases = [`backup_src_${suffix}`, `backup_dst_${suffix}`]
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The URL of another database on the same server as the test database. */
function urlOf(database: string): string {
  const u = new URL(adminUrl!)
  u.pathname = `/${database}`
  u.search = ''
  return u.toString()
}

async function rowCounts(url: string): Promise<Record<string, number>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const tables = await sql<{ name: string }[]>`SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') ORDER BY 1`
    const counts: Record<string, number> = {}
    for (const { name } of tables) counts[name] = (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${sql(name)}`)[0]!.n
    return counts
  } finally {
    await sql.end()
  }
}

describe('findPgTool', () => {
  it('names the Debian package when pg_dump is not on PATH', () => {
    expect(() => findPgTool('pg_dump', { PATH: join(dir, 'nothing-here') })).toThrow(BackupToolMissing)
    expect(() => findPgTool('pg_dump', { PATH: '' })).toThrow(/pg_dump is not installed .*apt-get install postgresql-client/)
  })
})

describe('backupPostgres', () => {
  beforeAll(async () => {
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} })
    try {
      for (const db of databases) await admin.unsafe(`CREATE DATABASE ${db}`)
    } finally {
      await admin.end()
    }
    const store = await openStore(urlOf(databases[0]!))
    try {
      await seedStore(store, { preset: 'demo', now: Date.parse('2026-11-27T15:30:00+08:00'), incidents: 1500 })
    } finally {
      await store.close()
    }
  })

  afterAll(async () => {
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} })
    try {
      for (const db of databases) await admin.unsafe(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
    } finally {
      await admin.end()
    }
  })

  it('dumps, and a restore into a new database holds the same rows', async () => {
    const destination = join(dir, 'onemap.dump')
    const r = await backupPostgres(urlOf(databases[0]!), destination)
    expect(existsSync(destination)).toBe(true)
    expect(existsSync(`${destination}.partial`)).toBe(false)
    expect(r.tables).toBeGreaterThan(20)
    expect(r.restore).toMatch(/^pg_restore --clean --if-exists --no-owner --dbname '.*' '.*onemap\.dump'$/)
    const restore = r.restore.replace(`/${databases[0]}'`, `/${databases[1]}'`)
    await run('sh', ['-c', restore])
    const source = await rowCounts(urlOf(databases[0]!))
    expect(source.incidents).toBe(1500)
    expect(await rowCounts(urlOf(databases[1]!))).toEqual(source)
    // The restored database opens as a store (same schema version), and its next ids come after the copied ones.
    const store = await openStore(urlOf(databases[1]!))
    try {
      expect(await store.meta.preset()).toBe('demo')
      if (store.native.engine !== 'postgres') throw new Error('a postgres:// URL opens PostgreSQL')
      const [row] = await store.native.client<{ next: number; max: number }[]>`
        SELECT nextval(pg_get_serial_sequence('incidents', 'id')) AS next, (SELECT max(id) FROM incidents) AS max`
      expect(row!.next).toBeGreaterThan(row!.max)
    } finally {
      await store.close()
    }
  }, 120_000)

  it('leaves neither the destination nor a .partial when pg_dump fails, and says why', async () => {
    const destination = join(dir, 'never.dump')
    const bad = urlOf(`no_such_db_${suffix}`)
    await expect(backupPostgres(bad, destination)).rejects.toThrow(/pg_dump of .* failed: .*does not exist/)
    expect(existsSync(destination)).toBe(false)
    expect(existsSync(`${destination}.partial`)).toBe(false)
  })

  it('is what npm run backup runs when DATABASE_URL is set, and it prints how to restore', async () => {
    const destination = join(dir, 'cli.dump')
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', destination],
      { cwd: repo, env: { ...process.env, DATABASE_URL: urlOf(databases[0]!) } })
    expect(stdout).toMatch(/^backed up postgres:\/\/.* → .*cli\.dump: pg_dump custom format, [\d.]+ MB, \d+ tables, readable by pg_restore/)
    expect(stdout).toMatch(/\n {2}pg_restore --clean --if-exists --no-owner --dbname /)
    const missing = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', join(dir, 'x.dump')],
      { cwd: repo, env: { ...process.env, PATH: '', DATABASE_URL: urlOf(databases[0]!) } }).catch((err) => err)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/backup failed: pg_dump is not installed .*postgresql-client/)
  }, 60_000)
})
