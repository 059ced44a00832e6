// The store: every SQL statement the API runs lives below this folder, so a PostgreSQL/PostGIS store can
// replace it without touching routes or services.
import { accountQueries } from './accounts'
import { auditQueries } from './audit'
import type { Db } from './db'
import { openDatabase } from './db'
import { disputeQueries } from './disputes'
import { eventQueries } from './events'
import { idempotencyQueries } from './idempotency'
import { incidentTileQueries } from './incident-tiles'
import { incidentQueries } from './incidents'
import { metricQueries } from './metrics'
import { secondFactorQueries } from './second-factors'
import { siteQueries } from './sites'
import { whistleQueries } from './whistles'

export function createStore(db: Db) {
  const commitListeners = new Set<() => void>()
  let depth = 0
  return {
    db,
    incidents: incidentQueries(db),
    incidentTiles: incidentTileQueries(db),
    disputes: disputeQueries(db),
    sites: siteQueries(db),
    whistles: whistleQueries(db),
    events: eventQueries(db),
    idempotency: idempotencyQueries(db),
    metrics: metricQueries(db),
    accounts: accountQueries(db),
    secondFactors: secondFactorQueries(db),
    audit: auditQueries(db),
    /**
     * Runs fn in one transaction: all of its writes land, or none do. Nested calls join the outer transaction;
     * commit listeners run once the outermost one has committed, so nobody hears of a change that rolled back.
     */
    transaction<T>(fn: () => T): T {
      depth++
      let result: T
      try {
        result = db.transaction(fn)()
      } finally {
        depth--
      }
      if (depth === 0) for (const listener of commitListeners) listener()
      return result
    },
    onCommit(listener: () => void): () => void {
      commitListeners.add(listener)
      return () => commitListeners.delete(listener)
    },
    close: () => db.close(),
  }
}
export type Store = ReturnType<typeof createStore>

export function openStore(path: string): Store {
  return createStore(openDatabase(path))
}
