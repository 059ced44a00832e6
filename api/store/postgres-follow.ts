// Following a PostgreSQL notification channel on a connection of its own, across losing it. Several API
// processes share one database: a write committed by one must reach the live clients of all, and clear every
// process's memo of figures. The writer's transaction announces it (NOTIFY, delivered at commit); each process
// LISTENs here and, on hearing it, reads the change feed on from where it stopped — the announcement carries no
// data, so a lost one only delays delivery until the next, and a reconnect is followed by one catch-up read.
//
// The driver's own listen() re-listens once when its connection closes, but gives up silently if the database is
// still down at that moment; here a failed LISTEN is retried until it holds (1 s, doubling up to 5 s).
import postgres from 'postgres'
import { reconnectBackoff } from './postgres-reconnect'

export interface Following {
  /** True while the LISTEN holds (false between a lost connection and the next successful LISTEN). */
  readonly listening: boolean
  stop(): Promise<void>
}

const RETRY_FIRST_MS = 1_000
const RETRY_MAX_MS = 5_000

/**
 * Calls `heard` for each notification on `channel`, and once more each time the LISTEN is (re)established, so
 * whatever was announced while nobody listened is caught up. Resolves once the first LISTEN holds.
 */
export async function followChannel(url: string, channel: string, heard: () => void): Promise<Following> {
  let listening = false
  let stopped = false
  let retry: ReturnType<typeof setTimeout> | null = null
  let delay = RETRY_FIRST_MS
  // `onnotify` is the hook the driver's own listen() is built on (postgres 3.4.9, src/index.js), not in its
  // types; test/store/follow.pg.test.ts fails if an upgrade drops it.
  const options = {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    // No type look-up on connecting (the driver's own listen() skips it too): a connection cut during it would
    // reject where nobody awaits; these connections read no arrays.
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: 'onemap-follow' },
    backoff: reconnectBackoff,
    onnotify: (name: string) => { if (name === channel) heard() },
    // Only the loss of a LISTEN that held starts a retry here; a failed attempt retries from its own catch.
    onclose: () => {
      if (!listening) return
      listening = false
      schedule(0)
    },
  }
  const client = postgres(url, options as postgres.Options<Record<string, never>>)
  const listen = async () => {
    await client.unsafe(`LISTEN "${channel.replace(/"/g, '""')}"`)
    listening = true
    delay = RETRY_FIRST_MS
    heard()
  }
  function schedule(ms: number) {
    if (retry || stopped) return
    retry = setTimeout(() => {
      retry = null
      listen().catch(() => {
        delay = Math.min(delay * 2, RETRY_MAX_MS)
        schedule(delay)
      })
    }, ms)
    retry.unref()
  }
  await listen()
  return {
    get listening() { return listening },
    async stop() {
      stopped = true
      if (retry) clearTimeout(retry)
      await client.end({ timeout: 5 })
    },
  }
}
