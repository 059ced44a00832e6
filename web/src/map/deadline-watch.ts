// Incidents turn overdue on the map when their deadline passes, not only when the range is loaded again. Overdue is
// derived from the clock (domain/sla.ts), so no event announces it; a wall left on one view kept an incident blue
// ("in progress") for hours after the KPI beside it had counted it overdue. The API gives each incident still within
// its deadline its `dueAt`; this keeps those incidents and, at each tick of the view's minute clock, hands the ones
// now due to the live patches (live-incidents.ts) as overdue: the cost of the change, not a reload of the range.
import type { PointFeature } from '../api/map-data'

type Id = string | number

/** The incident's deadline, if it is one still to watch: open, not yet overdue, and with a clock running. */
function deadline(f: PointFeature): number | null {
  const { overdue, dueAt } = f.properties
  if (overdue === true || typeof dueAt !== 'string') return null
  const due = Date.parse(dueAt)
  return Number.isFinite(due) ? due : null
}

export function deadlineWatch(turnOverdue: (feature: PointFeature & { id: Id }) => void) {
  const waiting = new Map<Id, { feature: PointFeature & { id: Id }; due: number }>()

  /** Watches an incident as it now is: a later version (a live event) replaces the earlier, a closed one leaves. */
  function track(feature: PointFeature) {
    if (feature.id === undefined) return
    const due = deadline(feature)
    if (due === null) waiting.delete(feature.id)
    else waiting.set(feature.id, { feature: { ...feature, id: feature.id }, due })
  }

  return {
    track,
    /** The incident left the map. */
    forget(id: Id) { waiting.delete(id) },
    /** The map's incidents were replaced wholesale. */
    reset(features: readonly PointFeature[]) {
      waiting.clear()
      features.forEach(track)
    },
    /** Turns every incident due by `now` overdue, once. */
    tick(now: number) {
      for (const [id, { feature, due }] of waiting) {
        if (due > now) continue
        waiting.delete(id)
        turnOverdue({ ...feature, properties: { ...feature.properties, overdue: true } })
      }
    },
    get size() { return waiting.size },
  }
}
