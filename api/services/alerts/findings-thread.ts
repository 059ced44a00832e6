// The API's side of the alert evaluation's worker thread (findings-worker.ts): started once and kept, it computes
// the full evaluation's findings while the API's event loop goes on serving requests and event streams. If the
// thread dies (an uncaught error, out of memory, terminated) the request it had fails — that evaluation is
// reported failed and the schedule's next tick tries again — and the next request starts a new thread. A request
// that outlasts `timeoutMs` ends the thread the same way (a stuck evaluation must not hold the schedule for good).
// close() ends it; nothing of it outlives the server.
import { Worker } from 'node:worker_threads'
import type { FindingsThreadData, FindingsThreadMessage } from './findings-protocol'
import type { FindingsAnswer, FindingsRequest, FindingsSource, RulePlaces } from './rule-findings'

/** Long enough for a full evaluation at several million incidents on a busy machine (1M takes ~6 s). */
export const FINDINGS_TIMEOUT_MS = 5 * 60_000
/** How long a closing thread may take to close its store before it is terminated. */
const CLOSE_GRACE_MS = 2_000

export interface FindingsThreadOptions {
  /** The store's location (store/read-only.ts storeLocation). */
  location: string
  places: RulePlaces
  timeoutMs?: number
  /** A thread that ended while it had work, or could not open the store (the server logs it). */
  onTrouble?: (message: string) => void
}

interface Pending { resolve: (answer: FindingsAnswer) => void; reject: (err: Error) => void; timer: ReturnType<typeof setTimeout> }

export class FindingsThreadError extends Error {}

export function startFindingsThread({ location, places, timeoutMs = FINDINGS_TIMEOUT_MS, onTrouble }: FindingsThreadOptions) {
  const data: FindingsThreadData = { location, gridsPerTownship: [...places.gridsPerTownship], seats: [...places.seats] }
  const pending = new Map<number, Pending>()
  let worker: Worker | null = null
  let nextId = 1
  let closed = false
  let starts = 0

  /** Keeps the process alive while a request waits for its answer, and only then. */
  const settle = () => { if (pending.size === 0) worker?.unref() }

  const failAll = (why: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer)
      pending.delete(id)
      p.reject(new FindingsThreadError(why))
    }
  }

  function start(): Worker {
    starts++
    const w = new Worker(new URL('./findings-worker.mjs', import.meta.url), { workerData: data, name: 'onemap-alerts' })
    w.on('message', (m: FindingsThreadMessage) => {
      if (m.kind === 'ready') return
      if (m.kind === 'unavailable') {
        onTrouble?.(`alerts: the evaluation thread could not open the store: ${m.message}`)
        failAll(`the evaluation thread could not open the store: ${m.message}`)
        // It ends by itself; terminating it makes sure no later request is posted to a thread that cannot answer.
        void w.terminate()
        return
      }
      const p = pending.get(m.id)
      if (!p) return
      pending.delete(m.id)
      clearTimeout(p.timer)
      settle()
      if (m.kind === 'answer') p.resolve(m.answer)
      else p.reject(new FindingsThreadError(`the evaluation thread failed: ${m.message}`))
    })
    w.on('error', (err) => { onTrouble?.(`alerts: the evaluation thread died: ${err.stack ?? err.message}`) })
    w.on('exit', (code) => {
      if (worker === w) worker = null
      if (pending.size > 0) failAll(`the evaluation thread ended (exit code ${code}) before answering; the next evaluation starts a new one`)
    })
    // An idle thread never keeps the process alive by itself; one with work to answer does (settle()).
    w.unref()
    return w
  }

  const findings: FindingsSource = (request: FindingsRequest) => {
    if (closed) return Promise.reject(new FindingsThreadError('the evaluation thread is closed'))
    const w = worker ??= start()
    const id = nextId++
    return new Promise<FindingsAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        onTrouble?.(`alerts: the evaluation thread took over ${timeoutMs} ms: ended, the next evaluation starts a new one`)
        void w.terminate()
      }, timeoutMs)
      timer.unref()
      pending.set(id, { resolve, reject, timer })
      w.ref()
      w.postMessage({ id, request })
    })
  }

  return {
    findings,
    /** The thread now (null before the first request, after it died, after close): for diagnostics and tests. */
    get worker(): Worker | null { return worker },
    /** How many threads have been started (a restart counts one more). */
    get starts() { return starts },
    /** Ends the thread: it closes its store, or is terminated after a short grace; pending requests fail. */
    async close(): Promise<void> {
      closed = true
      const w = worker
      worker = null
      failAll('the evaluation thread is closed')
      if (!w) return
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()))
      w.postMessage('close')
      const grace = setTimeout(() => { void w.terminate() }, CLOSE_GRACE_MS)
      await exited
      clearTimeout(grace)
    },
  }
}
export type FindingsThread = ReturnType<typeof startFindingsThread>
