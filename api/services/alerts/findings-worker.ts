// The alert evaluation's worker thread: opens a read-only store of its own over the API's database (store/read-only.ts)
// and answers each request of findings-thread.ts with what the rules found (rule-findings.ts), one request at a
// time. It never writes: the reconcile, the change feed and the commit listeners stay with the API's thread, which
// owns the one writing connection (on SQLite one writer per file; on both engines the live events go out from
// the process whose commit listeners fan them out).
import { parentPort, workerData } from 'node:worker_threads'
import { openReadOnlyStore } from '../../store/read-only'
import { computeFindings } from './rule-findings'
import type { FindingsRequest } from './rule-findings'
import type { FindingsThreadData, FindingsThreadMessage } from './findings-protocol'

const data = workerData as FindingsThreadData
const port = parentPort!
const places = { gridsPerTownship: new Map(data.gridsPerTownship), seats: new Map(data.seats) }
const post = (message: FindingsThreadMessage) => port.postMessage(message)

try {
  const store = await openReadOnlyStore(data.location, { pool: 2, applicationName: 'onemap-alerts' })
  // One request at a time, in arrival order: the thread is one evaluation's worth of CPU, not a pool.
  let queue: Promise<void> = Promise.resolve()
  port.on('message', (message: { id: number; request: FindingsRequest } | 'close') => {
    if (message === 'close') {
      queue = queue.then(async () => { await store.close(); port.close() })
      return
    }
    queue = queue.then(async () => {
      try {
        post({ kind: 'answer', id: message.id, answer: await computeFindings(store, places, message.request) })
      } catch (err) {
        post({ kind: 'failed', id: message.id, message: err instanceof Error ? err.stack ?? err.message : String(err) })
      }
    })
  })
  post({ kind: 'ready' })
} catch (err) {
  // The store could not be opened: say why, and end; the API's thread starts a new one for its next request.
  post({ kind: 'unavailable', message: err instanceof Error ? err.message : String(err) })
  port.close()
}
