// Starts the real server as a child process on a free port, for browser and end-to-end tests.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Secret, TOTP } from 'otpauth'

export const REPO = join(import.meta.dirname, '..', '..')
export { DEMO_TOTP_SECRET, DEMO_USERS, DEMO_WALL_TOKEN } from '../../api/seed/demo-accounts'
import { DEMO_TOTP_SECRET, DEMO_USERS } from '../../api/seed/demo-accounts'
import { sessionCookieOf } from './session-cookie'

let handedOut = -1
/**
 * A code of the demo administrator's published key that this test process has not used yet: the server accepts a
 * code once, so a second sign-in in the same 30-s step gets the next step's (accepted one step ahead), and a third
 * waits for the step after.
 */
export async function demoAdminCode(): Promise<string> {
  for (;;) {
    const current = TOTP.counter({ timestamp: Date.now() })
    const step = Math.max(current, handedOut + 1)
    if (step <= current + 1) {
      handedOut = step
      return TOTP.generate({ secret: Secret.fromBase32(DEMO_TOTP_SECRET), timestamp: step * 30_000 })
    }
    await new Promise((r) => setTimeout(r, TOTP.remaining({ timestamp: Date.now() }) + 50))
  }
}

/** Signs a demo account in through the API (the administrator with a code); returns its session's `Cookie` value. */
export async function signIn(url: string, login: (typeof DEMO_USERS)[number]['login'] = 'leader'): Promise<string> {
  const user = DEMO_USERS.find((u) => u.login === login)!
  return signInWith(url, login, user.password, user.role === 'admin' ? { otp: await demoAdminCode() } : {})
}

/** Signs any account in through the API; returns the `Cookie` header value of its session. */
export async function signInWith(url: string, login: string, password: string, secondFactor: { otp?: string } = {}): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password, ...secondFactor }),
  })
  const cookie = sessionCookieOf(res)
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
