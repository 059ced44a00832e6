// Work that must run in one API process at a time when several share a PostgreSQL (the live simulator today;
// time-driven warnings and briefings later): the process that holds a session-level advisory lock named for the
// work runs it. The lock lives as long as the connection that took it, so a process that dies (kill -9 included)
// lets it go the moment its connection closes, and another process, asking every few seconds, takes it over.
// A lost connection also makes the holder stop the work before anyone else can start it again.
import postgres from 'postgres'
import { reconnectBackoff } from './postgres-reconnect'

export interface Lease {
  /** True while this process holds the lease and its work runs. */
  readonly held: boolean
  /** Stops the work (if running) and lets the lease go. */
  stop(): Promise<void>
}

/** How often a process without the lease asks for it: a dead holder's work resumes within about this long. */
export const LEASE_ASK_MS = 2_000

/**
 * Runs `start` while this process holds the lease `name`, and the function `start` returned when it stops
 * holding it (connection lost, or stop()). Asks at once and then every `askMs` until it holds it.
 */
export function holdLease(url: string, name: string, start: () => () => void, askMs = LEASE_ASK_MS): Lease {
  let held = false
  let stopped = false
  let stopWork: (() => void) | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  const release = () => {
    held = false
    stopWork?.()
    stopWork = null
  }
  const client = postgres(url, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    // No type look-up on connecting (the driver's own listen() skips it too): a connection cut during it would
    // reject where nobody awaits; these connections read no arrays.
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: `onemap-lease-${name}` },
    backoff: reconnectBackoff,
    // The lock went with the connection: the work stops here before another process can take it over.
    onclose: () => {
      if (held) release()
      if (!stopped) ask(askMs)
    },
  })
  async function tryTake() {
    const [row] = await client<[{ got: boolean }]>`SELECT pg_try_advisory_lock(hashtext(${`lease:${name}`})) AS got`
    if (stopped || !row?.got) return false
    held = true
    stopWork = start()
    return true
  }
  function ask(ms: number) {
    if (timer || stopped || held) return
    timer = setTimeout(() => {
      timer = null
      tryTake().then((got) => { if (!got) ask(askMs) }, () => ask(askMs))
    }, ms)
    timer.unref()
  }
  ask(0)
  return {
    get held() { return held },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      if (held) release()
      await client.end({ timeout: 5 })
    },
  }
}
