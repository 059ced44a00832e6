// A steady stream of new incidents (POST /api/incidents) at a fixed rate, each with an Idempotency-Key, sent again
// as a phone would: after Retry-After on a 503, after a second on a cut connection or a time-out, with the same key
// and body until it is acknowledged (201). Every answer is counted by status; a 5xx other than 503, or a 503
// without Retry-After, is a fault to report.
const SEATS = [[119.708034, 27.559551], [119.933955, 27.623825], [119.859305, 27.650501]] as const
const TYPES = ['road-occupation', 'illegal-stacking', 'food-safety', 'neighbour-conflict', 'geohazard'] as const
/** A request answered later than this is taken for lost (and sent again with its key). */
const TIMEOUT_MS = 15_000
const CUT_RETRY_MS = 1_000
/** Requests in flight at most: at 200/s and 200 ms each, 40 would do; the rest is room for an outage's retries. */
const MAX_IN_FLIGHT = 400

export interface Intake {
  /** seq → incident id, for every acknowledged write. */
  acked: Map<number, number>
  statuses: Map<string, number>
  /** Answers that break the promise (5xx other than 503, 503 without Retry-After, other refusals), the first few. */
  wrong: string[]
  wrongCount: number
  sent: number
  /** Writes sent and not acknowledged yet (retrying). */
  readonly pending: number
  /** Performance-clock time of the latest 201. */
  lastAckAt: number
  /** Stops sending new writes (until `resume`); resolves once every pending one is acknowledged or `ms` pass. */
  pause(ms: number): Promise<void>
  resume(): void
  /** Stops for good. */
  stop(): void
}

export function startIntake(url: string, headers: Record<string, string>, perSecond: number, tag: string): Intake {
  let paused = false
  let seq = 0
  let inFlight = 0
  const unacked = new Set<number>()
  const intake: Intake = {
    acked: new Map(), statuses: new Map(), wrong: [], wrongCount: 0, sent: 0, lastAckAt: 0,
    get pending() { return unacked.size },
    async pause(ms) {
      paused = true
      const deadline = performance.now() + ms
      while (unacked.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    },
    resume() { paused = false },
    stop() {
      paused = true
      clearInterval(timer)
    },
  }
  const count = (status: string) => intake.statuses.set(status, (intake.statuses.get(status) ?? 0) + 1)
  const wrong = (line: string) => {
    intake.wrongCount++
    if (intake.wrong.length < 10) intake.wrong.push(line)
  }
  const body = (n: number) => {
    const [lng, lat] = SEATS[n % SEATS.length]!
    const jitter = ((n * 7919) % 1000) / 1_000_000
    return JSON.stringify({
      type: TYPES[n % TYPES.length], severity: 'normal', source: 'app',
      point: { lng: Math.round((lng + jitter) * 1e6) / 1e6, lat: Math.round((lat - jitter) * 1e6) / 1e6 },
      description: `${tag}-${n}`,
    })
  }
  const send = async (n: number) => {
    inFlight++
    intake.sent++
    let retryMs = 0
    try {
      const res = await fetch(`${url}/api/incidents`, {
        method: 'POST', body: body(n), signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `${tag}-${n}`, ...headers },
      })
      const text = await res.text()
      count(String(res.status))
      if (res.status === 201) {
        intake.acked.set(n, (JSON.parse(text) as { id: number }).id)
        intake.lastAckAt = performance.now()
        unacked.delete(n)
      } else if (res.status === 503 && res.headers.get('Retry-After')) {
        retryMs = Number(res.headers.get('Retry-After')) * 1000
      } else {
        wrong(`${res.status}${res.status === 503 ? ' without Retry-After' : ''}: ${text.slice(0, 160)}`)
        retryMs = CUT_RETRY_MS
      }
    } catch (error) {
      count((error as Error).name === 'TimeoutError' ? 'time-out' : 'cut')
      retryMs = CUT_RETRY_MS
    } finally {
      inFlight--
    }
    if (retryMs) setTimeout(() => void send(n), retryMs)
  }
  // Ticks of 50 ms, each sending its share; a tick that finds the in-flight cap reached sends what it can.
  let owed = 0
  const timer = setInterval(() => {
    if (paused) { owed = 0; return }
    owed += perSecond / 20
    while (owed >= 1 && inFlight < MAX_IN_FLIGHT) {
      owed--
      const n = seq++
      unacked.add(n)
      void send(n)
    }
    owed = Math.min(owed, perSecond)
  }, 50)
  return intake
}
