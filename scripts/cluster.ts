// `npm run cluster -- start|stop`: the API as several replicas behind HAProxy, on one PostgreSQL with a streaming
// standby, all on loopback ports of this machine (scripts/cluster/serve.ts says what runs and in which order).
//
//   npm run cluster -- start [--port N] [--replicas N] [--preset demo|taishun-2020] [--incidents N] [--dir D] [--detach]
//     Prints `cluster serving at http://127.0.0.1:PORT` (HAProxy's address; PORT defaults to $PORT, else 8787)
//     once every part is healthy, and the demo wall's URL. Runs in the foreground until Ctrl-C, restarting any
//     replica that dies; with --detach it returns once serving and the cluster runs on in the background.
//     SIMULATE applies to the first replica (the others run none); the other variables of `npm start` reach all.
//   npm run cluster -- stop [--dir D]
//     Stops what `start` started, from any shell (D/state.json records it).
//
// D (default data/cluster) holds the state file, HAProxy's configuration and every part's log; PostgreSQL's own
// directories are temporary ones, removed at stop.
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { serveCluster } from './cluster/serve'
import type { ServingCluster } from './cluster/serve'
import { readState } from './cluster/state'
import { stopCluster } from './cluster/stop'

const REPO = join(import.meta.dirname, '..')
const USAGE = `usage: npm run cluster -- start [--port N] [--replicas N] [--preset demo|taishun-2020] [--incidents N] [--dir D] [--detach]
       npm run cluster -- stop [--dir D]`
/** Set in the environment of the background process a detached start leaves running. */
const DETACHED = 'ONEMAP_CLUSTER_DETACHED'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' }, replicas: { type: 'string' }, preset: { type: 'string' }, incidents: { type: 'string' },
    dir: { type: 'string' }, detach: { type: 'boolean' },
  },
})

function wholeNumber(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    console.error(`${flag} must be a whole number from ${min} to ${max}\n${USAGE}`)
    process.exit(2)
  }
  return Number(raw)
}

const [verb] = positionals
const dir = resolve(values.dir ?? join(REPO, 'data', 'cluster'))
if (positionals.length !== 1 || (verb !== 'start' && verb !== 'stop')) {
  console.error(USAGE)
  process.exit(2)
}

if (verb === 'stop') {
  for (const line of await stopCluster(dir)) console.log(line)
  process.exit(0)
}

const port = wholeNumber('--port', values.port ?? process.env.PORT, 1, 65535) ?? 8787
const replicaCount = wholeNumber('--replicas', values.replicas, 1, 16)
const incidents = wholeNumber('--incidents', values.incidents, 1, 10_000_000)
const preset = values.preset ?? process.env.PRESET ?? 'demo'

if (values.detach) await startDetached()
else await startForeground()

/** Starts this command again without --detach, in a session of its own, and returns once it serves (or fails). */
async function startDetached(): Promise<void> {
  mkdirSync(dir, { recursive: true })
  const logPath = join(dir, 'cluster.log')
  const out = openSync(logPath, 'a')
  const args = process.argv.slice(1).filter((a) => a !== '--detach')
  const child = spawn(process.execPath, [...process.execArgv, ...args], {
    cwd: process.cwd(), env: { ...process.env, [DETACHED]: '1' }, detached: true, stdio: ['ignore', out, out],
  })
  closeSync(out)
  let exited: number | null = null
  child.on('exit', (code) => { exited = code ?? 1 })
  child.unref()
  for (;;) {
    await new Promise((r) => setTimeout(r, 250))
    const state = readState(dir)
    if (state?.serving && state.supervisor === child.pid) {
      console.log(`cluster serving at ${state.url}`)
      for (const line of state.banner) console.log(line)
      console.log(`Running in the background (pid ${child.pid}; logs in ${dir}): npm run cluster -- stop`)
      process.exit(0)
    }
    if (exited !== null) {
      const tail = existsSync(logPath) ? readFileSync(logPath, 'utf8').trim().split('\n').slice(-15).join('\n') : ''
      console.error(`the cluster did not start (exit code ${exited}):\n${tail}`)
      process.exit(1)
    }
  }
}

async function startForeground(): Promise<void> {
  const log = (line: string) => console.error(line)
  const abort = new AbortController()
  // Before any part starts, so these run before the PostgreSQL module's own handlers (which stop its servers at
  // once): the replicas are marked as stopping first, and a replica ending now is not taken for one to restart.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (!abort.signal.aborted) log(`${signal}: stopping the cluster…`)
      abort.abort()
    })
  }
  let cluster: ServingCluster
  try {
    cluster = await serveCluster({
      dir, port, replicas: replicaCount, preset, incidents, log, signal: abort.signal,
      onReplica: (event, replica, detail) => log(`${new Date().toISOString()} ${replica.name} ${event}: ${detail}`),
    })
  } catch (error) {
    if (abort.signal.aborted) process.exit(0)
    console.error(`the cluster did not start: ${(error as Error).message}`)
    process.exit(1)
  }
  const t = cluster.timings
  log(`started in ${(t.total! / 1000).toFixed(1)} s: web ${t.web} ms, primary ${t.primary} ms, standby ${t.standby} ms, ` +
    `seed ${t.seed} ms, replicas ${t.replicas} ms, HAProxy ${t.haproxy} ms, replication ${t.replication} ms`)
  console.log(`cluster serving at ${cluster.url}`)
  for (const line of cluster.banner) console.log(line)
  if (!process.env[DETACHED]) log('Ctrl-C stops every part.')
  if (!abort.signal.aborted) await new Promise((r) => abort.signal.addEventListener('abort', r, { once: true }))
  await cluster.stop()
  log('stopped')
  process.exit(0)
}
