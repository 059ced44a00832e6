// The real server (api/server.ts) as a child process on a given port and database (a SQLite file, or a
// postgres:// URL given to it as DATABASE_URL), for the crash and load scripts: wait for its banner, and kill it
// hard (SIGKILL: no handler runs, like a power-cut of the process).
import { execFileSync, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { accountService } from '../../api/auth/accounts'
import { loadRegions } from '../../api/services/regions'
import { openStore } from '../../api/store'
import { isPostgresUrl } from '../../api/store/postgres-db'

export const REPO = join(import.meta.dirname, '..', '..')

export async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1')
  await once(srv, 'listening')
  const { port } = srv.address() as { port: number }
  srv.close()
  return port
}

/** api/server.ts serves dist/web; build it on a clean clone, as `npm start` would. */
export function ensureBuilt() {
  if (existsSync(join(REPO, 'dist', 'web', 'index.html'))) return
  console.log('Building the dashboard (vite build) once…')
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: REPO, stdio: 'inherit' })
}

export interface Child { url: string; pid: number; process: ChildProcess; output: () => string; kill: () => Promise<void>; stop: () => Promise<void> }

export async function startServer(port: number, location: string, env: Record<string, string> = {}): Promise<Child> {
  const database = isPostgresUrl(location) ? { DATABASE_URL: location } : { DB_PATH: location, DATABASE_URL: '' }
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'api', 'server.ts')], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SIMULATE: '0', ...database, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => { out += d })
  child.stderr!.on('data', (d) => { out += d })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 180 s:\n${out}`)), 180_000)
    child.stdout!.on('data', () => { if (out.includes('serving at')) { clearTimeout(timer); resolve() } })
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${out}`)) })
  })
  child.removeAllListeners('exit')
  const ended = once(child, 'exit')
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await ended
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, process: child, output: () => out, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') }
}

/**
 * A county leader's API token for a script, created through a store beside the running server (a second
 * connection is fine on either engine). Every API route but health, config and reference needs a principal; the
 * script acts as the leader so it may write anywhere in the county and read every figure. Returns the
 * Authorization header.
 */
export async function leaderAuth(location: string, name: string): Promise<{ Authorization: string }> {
  const store = await openStore(location)
  try {
    const { secret } = await accountService({ store, now: Date.now, regions: loadRegions() }).createToken({ name, role: 'leader' }, null)
    return { Authorization: `Bearer ${secret}` }
  } finally {
    await store.close()
  }
}
