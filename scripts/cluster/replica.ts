// One API replica: `node --import tsx api/server.ts` (the server `npm start` runs once the SPA is built) on its own
// port, restarted as soon as it ends unless the cluster is stopping. A replica that keeps dying right after its
// start is restarted after a growing pause (up to 5 s) rather than in a tight loop.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import type { WriteStream } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const REPO = join(import.meta.dirname, '..', '..')
/** A run shorter than this counts as a crash at start: the next restart waits. */
const SHORT_RUN_MS = 10_000
const MAX_PAUSE_MS = 5_000

export interface ReplicaEvents {
  /** Each line the server prints (its log file gets them too). */
  line?: (replica: Replica, line: string) => void
  /** The process ended on its own (not stopped); a restart follows. */
  died?: (replica: Replica, how: string, pauseMs: number) => void
  /** A new process was started in place of one that died. */
  restarted?: (replica: Replica) => void
}

export class Replica {
  child: ChildProcess | null = null
  /** How many times the replica has been started again after dying. */
  restarts = 0
  private stopping = false
  private failuresInARow = 0
  private startedAt = 0
  private readonly log: WriteStream

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    logPath: string,
    private readonly events: ReplicaEvents = {},
  ) {
    this.log = createWriteStream(logPath, { flags: 'a' })
  }

  get pid(): number | undefined {
    return this.child?.pid
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  start(): void {
    this.startedAt = Date.now()
    // A process group of its own: a Ctrl-C in the terminal reaches the cluster, which stops the replicas in order,
    // not each replica at once (which the cluster would take for deaths to restart).
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'api', 'server.ts')], {
      cwd: REPO, env: { ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    })
    this.child = child
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.log.write(`${line}\n`)
        this.events.line?.(this, line)
      })
    }
    child.on('exit', (code, signal) => {
      if (this.stopping) return
      const how = signal ? `killed by ${signal}` : `exited with code ${code}`
      this.log.write(`── ${new Date().toISOString()} ${this.name} (pid ${child.pid}) ${how}\n`)
      this.failuresInARow = Date.now() - this.startedAt < SHORT_RUN_MS ? this.failuresInARow + 1 : 0
      const pauseMs = Math.min(MAX_PAUSE_MS, this.failuresInARow <= 1 ? 0 : 500 * 2 ** (this.failuresInARow - 2))
      this.events.died?.(this, how, pauseMs)
      setTimeout(() => {
        if (this.stopping) return
        this.restarts++
        this.start()
        this.events.restarted?.(this)
      }, pauseMs)
    })
  }

  /** SIGTERM (the server closes and exits), SIGKILL after `graceMs`. */
  stop(graceMs = 5_000): Promise<void> {
    this.stopping = true
    const child = this.child
    const done = () => new Promise<void>((resolve) => this.log.end(() => resolve()))
    if (!child || child.exitCode !== null || child.signalCode !== null) return done()
    return new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs)
      child.once('exit', () => {
        clearTimeout(kill)
        resolve(done())
      })
      child.kill('SIGTERM')
    })
  }
}

/** Resolves when GET /api/health answers 200 at `url`; rejects after `timeoutMs`. */
export async function waitHealthy(url: string, timeoutMs: number, isGone: () => string | null = () => null): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const gone = isGone()
    if (gone) throw new Error(gone)
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })
      await res.body?.cancel()
      if (res.status === 200) return
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`${url}/api/health did not answer 200 within ${timeoutMs / 1000} s`)
    await new Promise((r) => setTimeout(r, 200))
  }
}
