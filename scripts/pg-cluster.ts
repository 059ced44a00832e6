// A throw-away PostgreSQL 15 + PostGIS 3 cluster on 127.0.0.1 in a temporary directory: one per test run (`fast`,
// in /dev/shm when it has room), and one for a developer or a benchmark through scripts/pg-cluster-cli.ts. Debian's
// packages `postgresql` and `postgresql-15-postgis-3` provide the binaries. initdb and the server refuse to run as
// root, so a root process (CI, these machines) runs them as the `postgres` user through runuser, in a directory that
// user owns.
//
// Every database has PostGIS and citext: they are created in template1 at start, and `postgres` is made again from it.
//
// A cluster never outlives the process that started it: stop() ends it, and handlers for exit, SIGINT, SIGTERM and
// SIGHUP stop every cluster still running, synchronously. A SIGKILL runs no handler: the server goes on (pg_ctl
// detaches it into a session of its own), holding its port, and its directory stays. That directory's name carries
// the pid of the process that made it, so the next start (in any process) stops the server of every such directory
// whose maker is dead and removes the directory before it picks a port.
import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import postgres from 'postgres'

export interface Cluster {
  /** The superuser's URL of the `postgres` database: postgres://postgres@127.0.0.1:PORT/postgres */
  url: string
  port: number
  dir: string
  /** Ends the server and removes its directory; a second call waits for the first. */
  stop(): Promise<void>
  /**
   * CREATE DATABASE name TEMPLATE template (default template1): returns its URL. Nobody may be connected to the
   * template meanwhile. Every database has PostGIS and citext, `postgres` too.
   */
  createDatabase(name: string, template?: string): Promise<string>
  /**
   * Stops the server as a crash would (-m immediate: no checkpoint, connections cut), keeps it down for `downMs`,
   * and starts it again on the same port and files: what `pg_ctl restart -m immediate` does, with the outage
   * stretched so that clients meet it. Resolves once it accepts connections again.
   */
  restart(downMs?: number): Promise<void>
}

export interface ClusterOptions {
  /** Default: the first free port of ONEMAP_PG_PORTS ("55440-55449") when set, else one the system hands out. */
  port?: number
  /**
   * For tests only: no fsync, no synchronous commit, no full-page writes, no autovacuum, and an immediate stop.
   * Autovacuum is off because a worker visiting a template makes CREATE DATABASE end it and wait 100 ms, and test
   * databases live too short to need it.
   */
  fast?: boolean
  /** An absent or empty directory (or one a killed cluster left) to use instead of a new temporary one. */
  dir?: string
  log?: (line: string) => void
}

export const PG_BIN = '/usr/lib/postgresql/15/bin'
export const POSTGIS_CONTROL = '/usr/share/postgresql/15/extension/postgis.control'
const PACKAGES = 'postgresql postgresql-15-postgis-3'
/** Temporary directories are named onemap-pg-cluster-<pid of their maker>-<6 random characters>. */
const PREFIX = 'onemap-pg-cluster-'
/**
 * A fast cluster lives in memory when /dev/shm has room: on these machines' disk (ext4 mounted with discard) copying
 * a database after another was dropped took 90-150 ms, in /dev/shm 12-19 ms.
 */
const MEMORY = '/dev/shm'
const MEMORY_NEEDED = 2 ** 30
/** Written into a directory given as `dir`, so that a later start knows the leftovers in it are a cluster's. */
const MARK = '.onemap-pg-cluster'
const asRoot = process.getuid?.() === 0
/**
 * PostGIS makes every database 15 MB (spatial_ref_sys is 7 MB of it). Copying the files (FILE_COPY) took 13-25 ms
 * here; PostgreSQL 15's default, WAL_LOG, writes all of it to the WAL and took 25-60 ms.
 */
export const STRATEGY = 'STRATEGY FILE_COPY'
/** The WAL is memory too when the cluster is in /dev/shm: it is recycled past 256 MB instead of the default 1 GB. */
const FAST_SETTINGS = 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nautovacuum = off\nmax_wal_size = 256MB\n'

/** Stops with an error naming the packages when PostgreSQL 15 or PostGIS is not installed. */
export function requireBinaries(): void {
  const missing = [join(PG_BIN, 'initdb'), join(PG_BIN, 'pg_ctl'), join(PG_BIN, 'postgres'), POSTGIS_CONTROL]
    .filter((path) => !existsSync(path))
  if (missing.length) {
    throw new Error(`PostgreSQL 15 with PostGIS 3 is not installed (missing ${missing.join(', ')}). ` +
      `Install Debian's packages: apt-get install --no-install-recommends ${PACKAGES}`)
  }
}

/** A PostgreSQL program, run as the postgres user when this process is root. */
function pgCommand(program: string, args: string[]): [string, string[]] {
  const path = join(PG_BIN, program)
  return asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args]
}

function runPg(program: string, args: string[], timeoutMs = 120_000): Promise<string> {
  const [file, argv] = pgCommand(program, args)
  return new Promise((resolve, reject) => {
    execFile(file, argv, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${program} failed: ${(stderr || stdout || error.message).trim()}`))
      else resolve(stdout)
    })
  })
}

function runPgSync(program: string, args: string[]): void {
  const [file, argv] = pgCommand(program, args)
  execFileSync(file, argv, { stdio: 'ignore', timeout: 30_000 })
}

/** Whether 127.0.0.1:port can be bound now (a server on 0.0.0.0 or on 127.0.0.1 makes it busy). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

async function pickPort(): Promise<number> {
  const range = process.env.ONEMAP_PG_PORTS?.match(/^(\d+)-(\d+)$/)
  if (range) {
    for (let port = Number(range[1]); port <= Number(range[2]); port++) if (await portIsFree(port)) return port
    throw new Error(`no free port in ONEMAP_PG_PORTS=${process.env.ONEMAP_PG_PORTS}`)
  }
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether a server runs on `data`. The pid in postmaster.pid counts only when that process works in this very
 * directory (a server's working directory is its data directory): after a reboot the pid may belong to anything.
 */
function serverRuns(data: string): boolean {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
    return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(data)
  } catch {
    return false
  }
}

/** Stops the server on `data` if one runs; a server that is gone by the time pg_ctl looks is no error. */
function stopServerSync(data: string, mode: 'fast' | 'immediate'): void {
  if (!serverRuns(data)) return
  try {
    runPgSync('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop'])
  } catch (error) {
    if (serverRuns(data)) throw error
  }
}

async function stopServer(data: string, mode: 'fast' | 'immediate'): Promise<void> {
  if (!serverRuns(data)) return
  try {
    await runPg('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop'])
  } catch (error) {
    if (serverRuns(data)) throw error
  }
}

/**
 * Stops the server of a cluster directory another process made and removes the directory: for a process that
 * cleans up after a maker that was killed (the cluster's `stop` when its supervisor is gone). Only a directory
 * named as startCluster names them, or marked as one of its own, is touched.
 */
export function removeClusterDirSync(dir: string): void {
  if (!basename(dir).startsWith(PREFIX) && !existsSync(join(dir, MARK))) throw new Error(`${dir} is not a cluster's directory`)
  stopServerSync(join(dir, 'data'), 'fast')
  rmSync(dir, { recursive: true, force: true })
}

function hasRoom(parent: string): boolean {
  try {
    const { bavail, bsize } = statfsSync(parent)
    return bavail * bsize >= MEMORY_NEEDED
  } catch {
    return false
  }
}

/** The directories of clusters, in the folders where startCluster makes them. */
function clusterDirs(): string[] {
  return [...new Set([tmpdir(), MEMORY])].flatMap((parent) => {
    try {
      return readdirSync(parent).filter((name) => name.startsWith(PREFIX)).map((name) => join(parent, name))
    } catch {
      return []
    }
  })
}

/** Removes what killed runs left: their servers and their directories. */
function removeLeftovers(log: (line: string) => void): void {
  for (const dir of clusterDirs()) {
    const maker = basename(dir).slice(PREFIX.length).match(/^(\d+)-[A-Za-z0-9]{6}$/)?.[1]
    if (!maker || alive(Number(maker))) continue
    try {
      stopServerSync(join(dir, 'data'), 'immediate')
      rmSync(dir, { recursive: true, force: true })
      log(`removed the leftovers of a killed run: ${dir}`)
    } catch (error) {
      log(`could not remove the leftovers in ${dir}: ${(error as Error).message}`)
    }
  }
}

function makeDir(given: string | undefined, fast: boolean): string {
  if (given === undefined) {
    const parent = fast && hasRoom(MEMORY) ? MEMORY : tmpdir()
    return mkdtempSync(join(parent, `${PREFIX}${process.pid}-`))
  }
  mkdirSync(given, { recursive: true })
  const entries = readdirSync(given)
  if (entries.length && !entries.includes(MARK)) throw new Error(`${given} is neither empty nor a cluster's directory`)
  stopServerSync(join(given, 'data'), 'immediate')
  rmSync(given, { recursive: true, force: true })
  mkdirSync(given)
  writeFileSync(join(given, MARK), '')
  return given
}

const ms = (since: number) => Math.round(performance.now() - since)
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`
const confString = (value: string) => `'${value.replaceAll("'", "''")}'`
const quiet = () => {}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const log = options.log ?? quiet
  requireBinaries()
  removeLeftovers(log)
  const began = performance.now()
  const dir = makeDir(options.dir, options.fast ?? false)
  const data = join(dir, 'data')
  const stopMode = options.fast ? 'immediate' : 'fast'
  let admin: postgres.Sql | undefined
  let stopping: Promise<void> | undefined

  const handle = {
    stopSync() {
      try { stopServerSync(data, stopMode) } catch { /* nothing more to do while the process ends */ }
      rmSync(dir, { recursive: true, force: true })
    },
  }
  track(handle)

  const cluster: Cluster = {
    url: '', port: 0, dir,
    stop() {
      stopping ??= (async () => {
        await admin?.end({ timeout: 0 })
        await stopServer(data, stopMode)
        rmSync(dir, { recursive: true, force: true })
        untrack(handle)
      })()
      return stopping
    },
    async restart(downMs = 0) {
      await admin?.end({ timeout: 0 })
      admin = undefined
      await stopServer(data, 'immediate')
      await new Promise((resolve) => setTimeout(resolve, downMs))
      await runPg('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'])
    },
    async createDatabase(name, template = 'template1') {
      admin ??= postgres(cluster.url, { max: 1, idle_timeout: 2, onnotice: quiet })
      await admin.unsafe(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)} ${STRATEGY}`)
      return urlOf(cluster.port, name)
    },
  }

  try {
    if (asRoot) chownSync(dir, uidOf('postgres'), gidOf('postgres'))
    await runPg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '-N'])
    const initdbMs = ms(began)
    const conf = readFileSync(join(data, 'postgresql.conf'), 'utf8')
    const startedAt = performance.now()
    // A port picked here may be taken before the server binds it: then the next one is tried.
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? await pickPort()
      if (options.port !== undefined && !(await portIsFree(port))) throw new Error(`port ${port} on 127.0.0.1 is in use`)
      // Settings go into the file, not onto pg_ctl's command line, which pg_ctl hands to a shell.
      writeFileSync(join(data, 'postgresql.conf'), `${conf}
# startCluster
listen_addresses = '127.0.0.1'
port = ${port}
unix_socket_directories = ${confString(dir)}
${options.fast ? FAST_SETTINGS : ''}`)
      try {
        await runPg('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'])
        cluster.port = port
        cluster.url = urlOf(port, 'postgres')
        break
      } catch (error) {
        const serverLog = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : ''
        if (options.port === undefined && attempt < 3 && /could not bind|Address already in use/.test(serverLog)) continue
        throw new Error(`${(error as Error).message}\n${serverLog.split('\n').slice(-15).join('\n')}`)
      }
    }
    const startMs = ms(startedAt)
    const extensionsAt = performance.now()
    const template1 = postgres(urlOf(cluster.port, 'template1'), { max: 1, onnotice: quiet })
    try {
      await template1`CREATE EXTENSION IF NOT EXISTS postgis`
      await template1`CREATE EXTENSION IF NOT EXISTS citext`
      // initdb made the postgres database before template1 had them; made again, it has them too.
      await template1`DROP DATABASE postgres`
      await template1.unsafe(`CREATE DATABASE postgres TEMPLATE template1 ${STRATEGY}`)
    } finally {
      // CREATE DATABASE refuses a template that anyone is connected to.
      await template1.end({ timeout: 0 })
    }
    log(`PostgreSQL on ${cluster.url} (${dir}) in ${ms(began)} ms: initdb ${initdbMs} ms, start ${startMs} ms, ` +
      `extensions ${ms(extensionsAt)} ms`)
    return cluster
  } catch (error) {
    await cluster.stop().catch(() => handle.stopSync())
    throw error
  }
}

export interface StandbyOptions {
  /** Default: as for startCluster. */
  port?: number
  /** The replication slot made on the primary for this standby (default onemap_standby); dropped again by stop(). */
  slot?: string
  log?: (line: string) => void
}

/**
 * A streaming hot standby of `primary` on 127.0.0.1: pg_basebackup -R copies the primary's files and writes the
 * connection to follow (standby.signal, primary_conninfo) and the slot to use, made by the same command (-C), so
 * the primary keeps the WAL the standby has not yet received. It answers read-only queries as it replays. The
 * primary's settings come along in the copy; the standby's own port and socket directory are appended after them.
 * `cluster_name` becomes the application_name it reports, which pg_stat_replication on the primary shows.
 * Stopped and removed like a cluster of startCluster's (on exit and signals too); stop() also drops its slot
 * when the primary still answers.
 */
export async function startStandby(primary: Cluster, options: StandbyOptions = {}): Promise<Cluster> {
  const log = options.log ?? quiet
  const slot = options.slot ?? 'onemap_standby'
  requireBinaries()
  const began = performance.now()
  const dir = makeDir(undefined, false)
  const data = join(dir, 'data')
  let stopping: Promise<void> | undefined
  const handle = {
    stopSync() {
      try { stopServerSync(data, 'fast') } catch { /* nothing more to do while the process ends */ }
      rmSync(dir, { recursive: true, force: true })
    },
  }
  track(handle)
  const standby: Cluster = {
    url: '', port: 0, dir,
    stop() {
      stopping ??= (async () => {
        await stopServer(data, 'fast')
        rmSync(dir, { recursive: true, force: true })
        untrack(handle)
        const admin = postgres(primary.url, { max: 1, onnotice: quiet, connect_timeout: 2 })
        try {
          await admin`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ${slot}`
        } catch { /* the primary is gone: so is the slot */ } finally {
          await admin.end({ timeout: 0 })
        }
      })()
      return stopping
    },
    createDatabase() {
      return Promise.reject(new Error('a standby is read-only: create databases on the primary'))
    },
    restart() {
      return Promise.reject(new Error('restarting a standby is not needed by anything yet'))
    },
  }
  try {
    if (asRoot) chownSync(dir, uidOf('postgres'), gidOf('postgres'))
    await runPg('pg_basebackup', ['-D', data, '-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres',
      '-R', '-C', '-S', slot, '-X', 'stream', '-c', 'fast'])
    const copyMs = ms(began)
    const conf = readFileSync(join(data, 'postgresql.conf'), 'utf8')
    const port = options.port ?? await pickPort()
    writeFileSync(join(data, 'postgresql.conf'), `${conf}
# startStandby
port = ${port}
unix_socket_directories = ${confString(dir)}
hot_standby = on
cluster_name = ${confString(slot)}
`)
    try {
      await runPg('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'])
    } catch (error) {
      const serverLog = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : ''
      throw new Error(`${(error as Error).message}\n${serverLog.split('\n').slice(-15).join('\n')}`)
    }
    standby.port = port
    standby.url = urlOf(port, 'postgres')
    log(`standby of ${primary.url} on ${standby.url} (${dir}) in ${ms(began)} ms: base backup ${copyMs} ms`)
    return standby
  } catch (error) {
    await standby.stop().catch(() => handle.stopSync())
    throw error
  }
}

function urlOf(port: number, database: string): string {
  return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`
}

function idOf(flag: '-u' | '-g', user: string): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim())
}
const uidOf = (user: string) => idOf('-u', user)
const gidOf = (user: string) => idOf('-g', user)

// ── Clusters still running when the process ends ─────────────────────────────────────────────────────────────
interface Tracked { stopSync(): void }
const live = new Set<Tracked>()
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

function stopAll(): void {
  for (const cluster of live) cluster.stopSync()
  live.clear()
}

function onSignal(signal: NodeJS.Signals): void {
  stopAll()
  detach()
  // With no other listener left, the signal does what it would have done without this module: end the process.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
}

function attach(): void {
  process.on('exit', stopAll)
  for (const signal of SIGNALS) process.on(signal, onSignal)
}

function detach(): void {
  process.off('exit', stopAll)
  for (const signal of SIGNALS) process.off(signal, onSignal)
}

function track(cluster: Tracked): void {
  if (live.size === 0) attach()
  live.add(cluster)
}

function untrack(cluster: Tracked): void {
  live.delete(cluster)
  if (live.size === 0) detach()
}
