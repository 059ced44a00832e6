// A throw-away PostgreSQL cluster for the crash script: initdb in a temporary directory, started on one port
// with durability as a production server has it (fsync, synchronous_commit and full_page_writes on — the
// defaults, stated so no local configuration can turn them off), PostGIS and citext in template1 so every
// database made from it can hold the app. initdb and pg_ctl refuse to run as root: as root they run as the
// postgres user, in a directory it owns.
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'

export interface Cluster {
  /** The URL of a database on the cluster, as the superuser postgres. */
  url(database: string): string
  createDatabase(name: string): Promise<string>
  /** A crash of PostgreSQL itself: every server process stops at once, no checkpoint; the next start replays WAL. */
  crash(): void
  start(): void
  stop(): void
}

/** The PostgreSQL server programs: PG_BIN, else pg_config's, else the newest under /usr/lib/postgresql. */
function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim()
    if (existsSync(join(dir, 'initdb'))) return dir
  } catch { /* no pg_config on PATH */ }
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : []
  const found = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => existsSync(join(d, 'initdb')))
  if (!found) throw new Error('initdb not found: install the PostgreSQL server (Debian: postgresql-15 and postgresql-15-postgis-3), or set PG_BIN')
  return found
}

export async function startCluster(port: number): Promise<Cluster> {
  const bin = binDir()
  const root = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), 'onemap-crash-pg-'))
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
    chownSync(dir, uid, gid)
  }
  const data = join(dir, 'data')
  const pg = (program: string, args: string[]) => {
    const [command, argv] = root ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args]
    execFileSync(command, argv, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
  }
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on`
  const start = () => pg('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale', 'C.UTF-8'])
  start()
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`
  const admin = postgres(url('template1'), { max: 1, onnotice: () => {} })
  try {
    await admin`CREATE EXTENSION IF NOT EXISTS postgis`
    await admin`CREATE EXTENSION IF NOT EXISTS citext`
  } finally {
    await admin.end()
  }
  return {
    url,
    async createDatabase(name) {
      const sql = postgres(url('postgres'), { max: 1, onnotice: () => {} })
      try {
        await sql.unsafe(`CREATE DATABASE "${name}"`)
      } finally {
        await sql.end()
      }
      return url(name)
    },
    crash: () => pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']),
    start,
    stop() {
      try {
        pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
