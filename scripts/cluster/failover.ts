// Kills one replica outright (SIGKILL, no chance to close anything) while clients keep asking HAProxy, and times
// what follows: when HAProxy takes the replica out of rotation, when a new process runs, when it answers, when
// HAProxy sends it traffic again; and how many of the clients' requests failed meanwhile (none should: HAProxy
// sends a request whose connection was refused, or that got no answer, to another replica).
import { serverStates } from './haproxy'

export interface FailoverTarget {
  /** HAProxy's address and admin socket. */
  url: string
  socket: string
  name: string
  port: number
  /** The replica's current pid (changes when it is restarted). */
  pid: () => number | undefined
}

export interface FailoverFigures {
  killedPid: number
  newPid: number
  /** Milliseconds from the kill until HAProxy reports the replica DOWN. */
  outOfRotationMs: number
  /** … until a new process runs in its place. */
  restartedMs: number
  /** … until the new process answers GET /api/health itself. */
  answersMs: number
  /** … until HAProxy reports it UP again. */
  backInRotationMs: number
  requests: number
  failed: number
  /**
   * Failed requests that began after the kill. Zero is what HAProxy promises: a request sent to the dead replica
   * before it is marked down finds the connection refused or reset and is sent to another. A request the replica
   * was answering at the instant it died may fail (its answer was cut after its first bytes had been passed on,
   * which no proxy can mend): at most one per client.
   */
  failedAfterKill: number
  /** The first few failures, as status or error. */
  failures: string[]
}

export interface FailoverOptions {
  /** Concurrent clients, each asking in a loop (default 4). */
  clients?: number
  /** What the clients ask for (default /api/health); `headers` go with it (a session cookie). */
  path?: string
  headers?: Record<string, string>
  timeoutMs?: number
}

export async function killAndWatch(target: FailoverTarget, options: FailoverOptions = {}): Promise<FailoverFigures> {
  const { clients = 4, path = '/api/health', headers = {}, timeoutMs = 120_000 } = options
  const killedPid = target.pid()
  if (!killedPid) throw new Error(`${target.name} has no process to kill`)
  let requests = 0
  let failed = 0
  let failedAfterKill = 0
  let killedAt = Infinity
  const failures: string[] = []
  let loading = true
  const client = async () => {
    while (loading) {
      requests++
      const began = performance.now()
      try {
        const res = await fetch(`${target.url}${path}`, { headers, signal: AbortSignal.timeout(10_000) })
        await res.arrayBuffer()
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`)
      } catch (error) {
        failed++
        if (began > killedAt) failedAfterKill++
        if (failures.length < 5) failures.push(describe(error as Error))
      }
    }
  }
  const load = Array.from({ length: clients }, client)
  // Some traffic before the kill, so a request is in flight on the replica when it dies.
  await new Promise((r) => setTimeout(r, 500))
  const t0 = performance.now()
  const since = () => Math.round(performance.now() - t0)
  process.kill(killedPid, 'SIGKILL')
  killedAt = performance.now()
  let outOfRotationMs = -1
  let restartedMs = -1
  let answersMs = -1
  let backInRotationMs = -1
  let newPid = 0
  const answers = async () => {
    try {
      const res = await fetch(`http://127.0.0.1:${target.port}/api/health`, { signal: AbortSignal.timeout(1_000) })
      await res.arrayBuffer()
      return res.status === 200
    } catch {
      return false
    }
  }
  try {
    while (backInRotationMs < 0) {
      if (since() > timeoutMs) throw new Error(`${target.name} was not back in rotation ${timeoutMs / 1000} s after its kill`)
      // A machine busy enough may keep HAProxy's answer past the socket's time-out: that round has no state.
      const state = (await serverStates(target.socket).catch(() => new Map<string, string>())).get(target.name) ?? ''
      if (outOfRotationMs < 0 && state.startsWith('DOWN')) outOfRotationMs = since()
      const pid = target.pid()
      if (restartedMs < 0 && pid && pid !== killedPid) { restartedMs = since(); newPid = pid }
      if (restartedMs >= 0 && answersMs < 0 && await answers()) answersMs = since()
      if (outOfRotationMs >= 0 && answersMs >= 0 && state === 'UP') backInRotationMs = since()
      await new Promise((r) => setTimeout(r, 50))
    }
    // A moment of traffic with the replica back.
    await new Promise((r) => setTimeout(r, 1_000))
  } finally {
    loading = false
    await Promise.all(load)
  }
  return { killedPid, newPid, outOfRotationMs, restartedMs, answersMs, backInRotationMs, requests, failed, failedAfterKill, failures }
}

function describe(error: Error): string {
  const cause = error.cause as { code?: string; message?: string } | undefined
  return cause ? `${error.message} (${cause.code ?? cause.message})` : error.message
}
