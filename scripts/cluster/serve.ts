// Brings up the whole cluster on loopback ports of one machine and keeps it up: a primary PostgreSQL seeded with the
// preset, a streaming hot standby, N API replicas on the primary, HAProxy in front. `stop()` ends what was started,
// in the reverse order; it may be called at any time, also while the start is still under way.
import { execFile } from 'node:child_process'
import { createWriteStream, mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import postgres from 'postgres'
import { portIsFree, startCluster, startStandby } from '../pg-cluster'
import type { Cluster } from '../pg-cluster'
import { serverStates, startHaproxy, writeHaproxyConfig } from './haproxy'
import type { HaproxyProcess } from './haproxy'
import { ensurePrerequisites } from './prerequisites'
import { Replica, waitHealthy } from './replica'
import { processAlive, readState, removeState, writeState } from './state'
import { stopCluster } from './stop'
import type { ClusterState } from './state'
import { buildWebIfStale } from '../../api/web-build'

const REPO = join(import.meta.dirname, '..', '..')
const DATABASE = 'onemap'
const REPLICA_START_MS = 120_000

export interface ServeOptions {
  /** Where the state file, HAProxy's configuration and every log go. */
  dir: string
  /** HAProxy's port on 127.0.0.1. */
  port: number
  replicas?: number
  preset?: string
  /** Demo preset only: how many incidents to seed (default: the preset's own). */
  incidents?: number
  /** The replicas' ports, one each (default: ports the system hands out), for a run confined to a range of ports. */
  replicaPorts?: readonly number[]
  /** HAProxy's limit of connections at once (default 4096): every held event stream is one. */
  maxconn?: number
  /** The environment the replicas start from (default process.env); SIMULATE in it runs the simulator in one of them. */
  env?: NodeJS.ProcessEnv
  log?: (line: string) => void
  /** Aborting it stops the cluster, at once, whether it is still starting or serving. */
  signal?: AbortSignal
  /** A replica died or came back. */
  onReplica?: (event: 'died' | 'restarted' | 'healthy', replica: Replica, detail: string) => void
}

export interface ServingCluster {
  url: string
  replicas: Replica[]
  primary: Cluster
  standby: Cluster
  databaseUrl: string
  haproxySocket: string
  /** Lines to print once serving: the wall's URL through HAProxy, the demo-credentials warning. */
  banner: string[]
  /** Milliseconds each phase of the start took. */
  timings: Record<string, number>
  stop(): Promise<void>
}

export class Stopped extends Error {}

/** The replication the standby reports on the primary: application_name, state (streaming) and replay lag. */
export async function replication(primaryUrl: string): Promise<{ name: string; state: string; replayLagBytes: number }[]> {
  const sql = postgres(primaryUrl, { max: 1, onnotice: () => {} })
  try {
    return await sql<{ name: string; state: string; replayLagBytes: number }[]>`
      SELECT application_name AS name, state,
             coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), -1)::float8 AS "replayLagBytes"
      FROM pg_stat_replication`
  } finally {
    await sql.end({ timeout: 0 })
  }
}

function runSeed(databaseUrl: string, preset: string, incidents: number | undefined, logPath: string): Promise<void> {
  const args = ['--import', 'tsx', join(REPO, 'api', 'seed', 'cli.ts'), '--db', databaseUrl, '--preset', preset]
  if (incidents !== undefined) args.push('--incidents', String(incidents))
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, args, { cwd: REPO, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const log = createWriteStream(logPath, { flags: 'a' })
      log.end(`${stdout}${stderr}`)
      if (error) reject(new Error(`seeding ${preset} failed: ${(stderr || stdout || error.message).trim()}`))
      else resolve()
    })
    void child
  })
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last = ''
  for (;;) {
    try {
      const found = await probe()
      if (found !== null) return found
    } catch (error) {
      last = `: ${(error as Error).message}`
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s${last}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

export async function serveCluster(options: ServeOptions): Promise<ServingCluster> {
  const log = options.log ?? (() => {})
  const count = options.replicas ?? 3
  const preset = options.preset ?? 'demo'
  const baseEnv = options.env ?? process.env
  const { dir, port } = options
  mkdirSync(dir, { recursive: true })
  const previous = readState(dir)
  if (previous && processAlive(previous.supervisor) && previous.supervisor !== process.pid) {
    throw new Error(`a cluster started from ${dir} runs already (pid ${previous.supervisor}): npm run cluster -- stop`)
  }
  // A supervisor that was killed left its parts running (HAProxy would still hold the port): end them first.
  if (previous) for (const line of await stopCluster(dir)) log(line)

  const began = performance.now()
  const timings: Record<string, number> = {}
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const at = performance.now()
    const result = await run()
    timings[name] = Math.round(performance.now() - at)
    return result
  }

  const state: ClusterState = {
    supervisor: process.pid, dir, url: null, serving: false, banner: [], haproxy: null, replicas: [],
    primary: null, standby: null,
  }
  writeState(state)
  const save = () => {
    state.replicas = replicas.map((r) => ({ name: r.name, port: r.port, pid: r.pid ?? null }))
    writeState(state)
  }

  let primary: Cluster | undefined
  let standby: Cluster | undefined
  let haproxy: HaproxyProcess | undefined
  const replicas: Replica[] = []
  let stopping: Promise<void> | undefined
  const stop = () => {
    // Synchronously first: every replica is marked as stopping before anything else can see it end.
    const replicasStopped = Promise.all(replicas.map((r) => r.stop()))
    stopping ??= (async () => {
      const at = performance.now()
      const took: string[] = []
      const step = async (name: string, run: () => Promise<unknown> | undefined) => {
        const from = performance.now()
        await run()
        took.push(`${name} ${Math.round(performance.now() - from)} ms`)
      }
      await step('HAProxy', () => haproxy?.stop())
      await step('replicas', () => replicasStopped)
      await step('standby', () => standby?.stop())
      await step('primary', () => primary?.stop())
      removeState(dir)
      log(`stopped in ${Math.round(performance.now() - at)} ms: ${took.join(', ')}`)
    })()
    return stopping
  }
  const stopped = () => stopping !== undefined
  const check = () => { if (stopped()) throw new Stopped('stopped while starting') }
  options.signal?.addEventListener('abort', () => void stop(), { once: true })

  try {
    ensurePrerequisites(log)
    await phase('web', async () => { buildWebIfStale(log) })
    if (!(await portIsFree(port))) throw new Error(`port ${port} on 127.0.0.1 is in use: choose another with --port`)
    check()

    primary = await phase('primary', () => startCluster({ log }))
    state.primary = { dir: primary.dir, port: primary.port, url: primary.url }
    save()
    check()
    const databaseUrl = await primary.createDatabase(DATABASE)
    // The standby is copied from the empty database, then receives the seed as a stream of WAL: what it shows at
    // the end has been replayed, not copied.
    standby = await phase('standby', () => startStandby(primary!, { log }))
    state.standby = { dir: standby.dir, port: standby.port }
    save()
    check()
    log(`Seeding ${preset}${options.incidents === undefined ? '' : ` (${options.incidents} incidents)`} into ${databaseUrl}…`)
    await phase('seed', () => runSeed(databaseUrl, preset, options.incidents, join(dir, 'seed.log')))
    check()

    const ports: number[] = []
    if (options.replicaPorts) {
      if (options.replicaPorts.length < count) throw new Error(`${count} replicas need ${count} ports, given ${options.replicaPorts.length}`)
      for (const p of options.replicaPorts.slice(0, count)) {
        if (!(await portIsFree(p))) throw new Error(`port ${p} on 127.0.0.1 (for a replica) is in use`)
        ports.push(p)
      }
    }
    for (let i = ports.length; i < count; i++) ports.push(await freePortExcept([port, ...ports]))
    const banner: string[] = []
    // Every replica may run the simulator: a lease lets one at a time (store.lease), and another when it dies.
    // The client's address is the one HAProxy forwards, trusted from HAProxy (on loopback) alone.
    // Reads of figures, lists and tiles go to the standby (DATABASE_READ_URL, api/store/standby.ts).
    const readUrl = standby.url.replace(/\/postgres$/, `/${DATABASE}`)
    const env = (): NodeJS.ProcessEnv => ({ ...baseEnv, DATABASE_URL: databaseUrl, DATABASE_READ_URL: readUrl, PRESET: preset, TRUSTED_PROXIES: '127.0.0.1' })
    for (let i = 0; i < count; i++) {
      const replica = new Replica(`api${i + 1}`, ports[i]!, env(), join(dir, `api${i + 1}.log`), {
        line: (r, line) => {
          if (r.restarts === 0 && r.name === 'api1' && (line.startsWith('Wall screen') || line.startsWith('⚠ DEMO'))) banner.push(line)
        },
        died: (r, how, pauseMs) => {
          options.onReplica?.('died', r, `${how}${pauseMs ? `; restarting in ${pauseMs} ms` : '; restarting'}`)
        },
        restarted: (r) => {
          save()
          options.onReplica?.('restarted', r, `pid ${r.pid}`)
          const at = performance.now()
          waitHealthy(r.url, REPLICA_START_MS, () => (stopped() ? 'stopping' : null)).then(
            () => options.onReplica?.('healthy', r, `${Math.round(performance.now() - at)} ms after its restart`),
            () => {},
          )
        },
      })
      replicas.push(replica)
    }
    const gone = (r: Replica) => () => (stopped() ? 'stopped while starting' : r.restarts > 2 ? `${r.name} keeps dying at start: see ${join(dir, `${r.name}.log`)}` : null)
    // The first replica alone: a server creates the demo accounts in a database that has none, and two doing it at
    // once would collide. The others start together once it is up.
    await phase('replicas', async () => {
      replicas[0]!.start()
      save()
      await waitHealthy(replicas[0]!.url, REPLICA_START_MS, gone(replicas[0]!))
      for (const r of replicas.slice(1)) r.start()
      save()
      await Promise.all(replicas.slice(1).map((r) => waitHealthy(r.url, REPLICA_START_MS, gone(r))))
    })
    check()

    const url = `http://127.0.0.1:${port}`
    const { config, socket } = writeHaproxyConfig(dir, { port, maxconn: options.maxconn, backends: replicas.map((r) => ({ name: r.name, port: r.port })) })
    await phase('haproxy', async () => {
      haproxy = startHaproxy(config, join(dir, 'haproxy.log'))
      state.haproxy = { pid: haproxy.child.pid!, config, port }
      save()
      const ended = () => (haproxy!.child.exitCode !== null ? `HAProxy ended: see ${join(dir, 'haproxy.log')}` : null)
      await waitFor('every replica UP in HAProxy', 30_000, async () => {
        const why = ended()
        if (why) throw new Error(why)
        const states = await serverStates(socket)
        return replicas.every((r) => states.get(r.name) === 'UP') ? true : null
      })
      await waitHealthy(url, 30_000, ended)
    })
    await phase('replication', () => waitFor('the standby streaming from the primary', 60_000, async () => {
      const rows = await replication(primary!.url)
      return rows.some((r) => r.state === 'streaming') ? rows : null
    }))
    check()

    timings.total = Math.round(performance.now() - began)
    state.url = url
    state.serving = true
    state.banner = banner.map((line) => line.replace(/http:\/\/127\.0\.0\.1:\d+/, url))
    save()
    return {
      url, replicas, primary, standby, databaseUrl, haproxySocket: socket, banner: state.banner, timings, stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

async function freePortExcept(taken: number[]): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = createServer()
      probe.once('error', reject)
      probe.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
        const { port } = probe.address() as { port: number }
        probe.close(() => resolve(port))
      })
    })
    if (!taken.includes(port)) return port
  }
}
