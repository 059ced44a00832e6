// What the API says about a dispute: the stored row in the API's words, with the level's deadline, overdue and
// any reason to escalate derived for `now`. Parties are personal data: masked on request (wall screens), and never
// in map features or the change feed.
import type { DisputeFeature, DisputeRecord, DisputeStep } from '../../domain/answers/dispute'
import type { DisputeClock, DisputeLevel, DisputeStatus, Risk } from '../../domain/dispute'
import { OPEN_DISPUTE_STATUSES, allowedDisputeActions, escalationReason, isDisputeOverdue } from '../../domain/dispute'
import { maskIdNumber, maskName, maskPhone } from '../../domain/mask'
import type { DisputeEventRow, DisputeRow } from '../store/disputes'
import type { ViewOptions } from './record-view'
import { recordFeature } from './record-feature'
import { freeText, iso, stepBy } from './record-view'

export interface Party { name: string; phone?: string; idNumber?: string }

const clockOf = (row: DisputeRow): DisputeClock =>
  ({ status: row.status as DisputeStatus, level: row.level as DisputeLevel, levelAcceptedAt: row.levelAcceptedAt })

/** Reads the stored JSON; seeded or hand-edited rows are not trusted to have the right shape. */
function storedParties(json: string): Party[] {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return []
  }
  if (!Array.isArray(value)) return []
  return value.flatMap((p: unknown) => {
    if (!p || typeof p !== 'object') return []
    const { name, phone, idNumber } = p as Record<string, unknown>
    if (typeof name !== 'string') return []
    return [{
      name,
      ...(typeof phone === 'string' ? { phone } : {}),
      ...(typeof idNumber === 'string' ? { idNumber } : {}),
    }]
  })
}

function maskParty(p: Party): Party {
  return {
    name: maskName(p.name),
    ...(p.phone === undefined ? {} : { phone: maskPhone(p.phone) }),
    ...(p.idNumber === undefined ? {} : { idNumber: maskIdNumber(p.idNumber) }),
  }
}

export function disputeRecord(row: DisputeRow, { now, masked }: ViewOptions): DisputeRecord {
  const clock = clockOf(row)
  const parties = storedParties(row.parties)
  return {
    id: row.id,
    type: row.type, level: row.level, method: row.method, risk: row.risk,
    crossRegion: row.crossRegion === 1, mediator: row.mediator,
    point: [row.lng, row.lat] as [number, number], crsIn: row.crsIn,
    township: row.township, village: row.village, grid: row.grid,
    description: freeText(row.summary, masked),
    parties: masked ? parties.map(maskParty) : parties,
    status: row.status,
    overdue: isDisputeOverdue(clock, now),
    /** The current level's deadline while the dispute is open there; null once settled, failed or referred. */
    dueAt: OPEN_DISPUTE_STATUSES.includes(clock.status) ? iso(row.deadline) : null,
    escalationReason: escalationReason({ ...clock, risk: row.risk as Risk }, now),
    allowedActions: allowedDisputeActions(clock),
    escalations: row.escalations,
    acceptedAt: iso(row.acceptedAt), levelAcceptedAt: iso(row.levelAcceptedAt),
    startedAt: iso(row.startedAt), closedAt: iso(row.closedAt), deadline: iso(row.deadline),
    updatedAt: iso(row.updatedAt),
    synthetic: row.synthetic === 1,
  }
}

/** A map feature: the point and what the layer styles and filters by; no personal data. */
export function disputeFeature(row: DisputeRow, now: number): DisputeFeature {
  return recordFeature(row.id, [row.lng, row.lat], {
    type: row.type, level: row.level, method: row.method, risk: row.risk, status: row.status,
    crossRegion: row.crossRegion === 1, escalations: row.escalations,
    overdue: isDisputeOverdue(clockOf(row), now), township: row.township, grid: row.grid,
    acceptedAt: iso(row.acceptedAt),
  })
}

export function disputeHistory(events: DisputeEventRow[], masked = false): DisputeStep[] {
  return events.map((e) => ({
    at: iso(e.at), action: e.action, from: e.fromStatus, to: e.toStatus, fromLevel: e.fromLevel, toLevel: e.toLevel, note: freeText(e.note, masked),
    by: stepBy(e, masked),
  }))
}
