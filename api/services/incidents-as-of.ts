// The incidents changed since an earlier instant, rebuilt as they stood then (domain/as-of.ts incidentAt), ready
// to bind where store/as-of.ts's relation reads them. The past does not move, so a rebuild is kept until the next
// commit (which may have changed a record after that instant) — a dashboard's panels asking for the same asOf
// one after another pay for it once.
import { incidentAt } from '../../domain/as-of'
import type { Store } from '../store'
import { stateJson } from '../store/as-of'

/** Distinct instants kept: one view's asOf and a few others. */
const KEPT = 8

export function incidentsAsOf(store: Store) {
  const kept = new Map<number, Promise<string>>()
  store.onCommit(() => kept.clear())

  async function rebuild(t: number): Promise<string> {
    const rows = await store.asOf.changedSince(t)
    const steps = await store.asOf.stepsOf(rows.map((r) => r.id))
    return JSON.stringify(rows.map((row) => stateJson(incidentAt(row, steps.get(row.id) ?? [], t))))
  }

  return {
    /** The JSON array store/as-of.ts binds as @asOfIncidents for the instant `t`. */
    states(t: number): Promise<string> {
      let out = kept.get(t)
      if (!out) {
        out = rebuild(t)
        out.catch(() => kept.delete(t))
        kept.set(t, out)
        while (kept.size > KEPT) kept.delete(kept.keys().next().value as number)
      }
      return out
    },
  }
}
export type IncidentsAsOf = ReturnType<typeof incidentsAsOf>
