// What the API says about a whistle call: the stored row in the API's words, with every stage deadline and the
// SLA state of the stage now running derived for `now`. A call is drawn at its township's seat; the web draws the
// arc from there to the department.
import type { WhistleFeature, WhistleRecord, WhistleStep } from '../../domain/answers/whistle'
import type { WhistleClock, WhistleStatus } from '../../domain/whistle'
import { WHISTLE_RATING_MIN, allowedWhistleActions, whistleDeadlines, whistleDueAt, whistleSlaState } from '../../domain/whistle'
import type { WhistleEventRow, WhistleRow } from '../store/whistles'
import type { ViewOptions } from './record-view'
import { recordFeature } from './record-feature'
import { freeText, iso, stepBy } from './record-view'

export type Seat = [number, number]

const clockOf = (row: WhistleRow): WhistleClock =>
  ({ status: row.status as WhistleStatus, urgent: row.urgent === 1, whistledAt: row.whistledAt })

export function whistleRecord(row: WhistleRow, seat: Seat | null, { now, masked }: ViewOptions): WhistleRecord {
  const clock = clockOf(row)
  const d = whistleDeadlines(row.whistledAt, clock.urgent)
  return {
    id: row.id,
    township: row.township, department: row.department, kind: row.kind,
    incidentId: row.incidentId, reason: freeText(row.reason, masked), urgent: clock.urgent,
    /** The township seat: where the call's arc starts. */
    point: seat,
    status: row.status,
    sla: whistleSlaState(clock, now),
    dueAt: iso(whistleDueAt(clock)),
    deadlines: { acknowledgeBy: iso(d.acknowledgeBy), arriveBy: iso(d.arriveBy), closeBy: iso(d.closeBy) },
    // `rate` needs a rating, which comes with the request: ask the machine as if one were given, so a closed call
    // offers it.
    allowedActions: allowedWhistleActions(clock.status, { rating: WHISTLE_RATING_MIN }),
    whistledAt: iso(row.whistledAt), acknowledgedAt: iso(row.acknowledgedAt), arrivedAt: iso(row.arrivedAt),
    closedAt: iso(row.closedAt),
    rating: row.rating,
    updatedAt: iso(row.updatedAt),
    synthetic: row.synthetic === 1,
  }
}

/** A map feature at the township seat, with the department the web draws the arc to and the live SLA state. */
export function whistleFeature(row: WhistleRow, seat: Seat | null, now: number): WhistleFeature {
  const clock = clockOf(row)
  return recordFeature(row.id, seat, {
    township: row.township, department: row.department, kind: row.kind, status: row.status,
    urgent: clock.urgent, sla: whistleSlaState(clock, now), dueAt: iso(whistleDueAt(clock)),
    whistledAt: iso(row.whistledAt), rating: row.rating,
  })
}

/** The rating is on the row, not in history; a call is rated once (rated is final), so it belongs to `rate`. */
export function whistleHistory(events: WhistleEventRow[], row: WhistleRow, masked = false): WhistleStep[] {
  return events.map((e) => ({
    at: iso(e.at), action: e.action, from: e.fromStatus, to: e.toStatus, note: freeText(e.note, masked),
    ...(e.action === 'rate' ? { rating: row.rating } : {}), by: stepBy(e, masked),
  }))
}
