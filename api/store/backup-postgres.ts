// Backup of a PostgreSQL store with the server's own tool: pg_dump in its custom format (-Fc: compressed, and
// pg_restore can restore it whole or in part, into this database or a new one). pg_dump reads one consistent
// snapshot and does not block the server's writes. The dump is written beside the destination as .partial,
// read back with `pg_restore --list` (a truncated or corrupt archive fails there), flushed to disk and only
// then renamed, so the destination's name never holds half a backup.
import { execFile } from 'node:child_process'
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs'
import { accessSync, constants } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { redactUrl } from './postgres-db'

const run = promisify(execFile)

export class BackupToolMissing extends Error {}

export interface PostgresBackupResult {
  /** Tables whose rows the archive holds (TABLE DATA entries of its list). */
  tables: number
  bytes: number
  ms: number
  /** The command that restores it, the password left out (pg_restore asks for it, or reads PGPASSWORD). */
  restore: string
}

/** Where a PostgreSQL client program is on PATH, or a message naming the package that has it. */
export function findPgTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const path = join(dir, name)
    try {
      accessSync(path, constants.X_OK)
      return path
    } catch { /* not in this directory */ }
  }
  throw new BackupToolMissing(`${name} is not installed (or not on PATH): install the PostgreSQL client programs of the server's major version or newer ` +
    '(Debian/Ubuntu: apt-get install postgresql-client, or postgresql-client-15 for PostgreSQL 15)')
}

/**
 * The URL for the PostgreSQL programs, and their environment: the password goes in PGPASSWORD, not on the
 * command line where any user of the machine could read it in the process list.
 */
function connection(url: string, env: NodeJS.ProcessEnv): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url)
  const password = decodeURIComponent(u.password)
  u.password = ''
  return { dbname: u.toString(), env: password ? { ...env, PGPASSWORD: password } : env }
}

/** What the program said on stderr, in one line, for the error message. */
const said = (err: unknown) => String((err as { stderr?: string }).stderr || (err as Error).message).trim().replace(/\s*\n\s*/g, '; ')

export async function backupPostgres(url: string, destination: string, env: NodeJS.ProcessEnv = process.env): Promise<PostgresBackupResult> {
  const pgDump = findPgTool('pg_dump', env)
  const pgRestore = findPgTool('pg_restore', env)
  const started = Date.now()
  const partial = `${destination}.partial`
  rmSync(partial, { force: true })
  const target = connection(url, env)
  try {
    try {
      await run(pgDump, ['--format=custom', '--file', partial, '--dbname', target.dbname], { env: target.env, maxBuffer: 16 << 20 })
    } catch (err) {
      throw new Error(`pg_dump of ${redactUrl(url)} failed: ${said(err)}`)
    }
    let list: string
    try {
      list = (await run(pgRestore, ['--list', partial], { env, maxBuffer: 64 << 20 })).stdout
    } catch (err) {
      throw new Error(`the dump does not read back (pg_restore --list): ${said(err)}`)
    }
    const tables = list.split('\n').filter((line) => / TABLE DATA /.test(line)).length
    if (tables === 0) throw new Error('the dump holds no table data: is this the app\'s database?')
    flush(partial)
    renameSync(partial, destination)
    flush(dirname(destination))
    const shown = redactUrl(url).replace(':***@', '@')
    return {
      tables, bytes: statSync(destination).size, ms: Date.now() - started,
      restore: `pg_restore --clean --if-exists --no-owner --dbname '${shown}' '${destination}'`,
    }
  } catch (err) {
    rmSync(partial, { force: true })
    throw err
  }
}

/** fsync of a file or a directory: the renamed backup survives a power cut of the machine, not only of the process. */
function flush(path: string) {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
