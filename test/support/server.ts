// Starts the real server as a child process on a free port, for browser and end-to-end tests.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const REPO = join(import.meta.dirname, '..', '..')
export { DEMO_USERS, DEMO_WALL_TOKEN } from '../../api/seed/demo-accounts'
import { DEMO_USERS } from '../../api/seed/demo-accounts'

/** Signs a demo account in through the API; returns the `Cookie` header value of its session. */
export async function signIn(url: string, login: (typeof DEMO_USERS)[number]['login'] = 'leader'): Promise<string> {
  return signInWith(url, login, DEMO_USERS.find((u) => u.login === login)!.password)
}

/** Signs any account in through the API; returns the `Cookie` header value of its session. */
export async function signInWith(url: string, login: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }),
  })
  const cookie = /onemap_session=[^;]+/.exec(res.headers.get('Set-Cookie') ?? '')?.[0]
  if (res.status !== 200 || !cookie) throw new Error(`signing in as ${login} failed: ${res.status} ${await res.text()}`)
  return cookie
}

export async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1')
  await once(srv, 'listening')
  const { port } = srv.address() as { port: number }
  srv.close()
  return port
}

export interface RunningServer {
  url: string
  port: number
  dbPath: string
  output: () => string
  /** Stops the server; `keepData` leaves the database it created, for a restart on it (remove it yourself later). */
  stop: (opts?: { keepData?: boolean }) => Promise<void>
}

export interface StartOptions {
  /** A fixed port, e.g. the one of a server just stopped, to restart "the same" server. Default: a free one. */
  port?: number
  /** An existing database to serve. The caller owns it: stop() then leaves it in place. */
  dbPath?: string
}

export async function startServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningServer> {
  const port = options.port ?? await freePort()
  const given = options.dbPath ?? env.DB_PATH
  const dir = given === undefined ? mkdtempSync(join(tmpdir(), 'onemap-')) : null
  const dbPath = given ?? join(dir!, 'onemap.db')
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'api', 'server.ts')], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DB_PATH: dbPath, SIMULATE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => { out += d })
  child.stderr.on('data', (d) => { out += d })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 90 s:\n${out}`)), 90_000)
    child.stdout.on('data', () => { if (out.includes('serving at')) { clearTimeout(timer); resolve() } })
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${out}`)) })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dbPath,
    output: () => out,
    stop: async ({ keepData = false } = {}) => {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await once(child, 'exit')
      }
      if (dir && !keepData) rmSync(dir, { recursive: true, force: true })
    },
  }
}
