// Rows of planted anomalies (planted-anomalies.ts, planted-history.ts): an incident or a whistle call with the
// history a real one of that life would have, written after the drawn records (their ids follow the drawn ones').
import { getIncidentType } from '../../domain/catalogue'
import type { IncidentTypeId } from '../../domain/catalogue'
import { defaultAssignee } from '../../domain/assignee'
import { DEFAULT_CALLBACK_SHARES, callbackDueBy, callbackOwner, drawsCallback } from '../../domain/callback'
import { countyOf } from '../../domain/regions'
import { incidentDeadlines } from '../../domain/sla'
import { DAY, HOUR, MINUTE } from '../../domain/time'
import { CALLBACK_COLUMNS } from './callbacks'
import type { SeedContext } from './context'
import type { Place } from './grid-sampler'
import type { Rng } from './random'
import { SYNTHETIC_MARK, incidentDescription, person } from './synthetic-text'

/**
 * reported: just in; accepted: signed for within the hour; stalled: dispatched, started, overdue and supervised
 * twice; archived: dispatched, started, resolved within two days and verified (a matter of the past), with the
 * call-back the draw gives it answered 满意 a day later.
 */
export type PlantedLife = 'reported' | 'accepted' | 'stalled' | 'archived'

export interface PlantedIncident { place: Place; type: IncidentTypeId; reportedAt: number; point: [number, number]; life: PlantedLife }

/** A call from a township to a department; `acknowledgedAt` null = not signed for yet. */
export interface PlantedCall {
  township: string; townshipName: string; department: string; ask: string; urgent: boolean; at: number
  acknowledgedAt: number | null
}

const INCIDENT_COLUMNS = ['id', 'type', 'category', 'module', 'department', 'on_list', 'list_item', 'source', 'severity',
  'lng', 'lat', 'crs_in', 'township', 'village', 'grid', 'description', 'reporter_name', 'reporter_phone', 'status',
  'reported_at', 'accepted_at', 'dispatched_at', 'started_at', 'resolved_at', 'verified_at', 'returned_at',
  'supervised_at', 'accept_by', 'resolve_by', 'synthetic', 'updated_at', 'county', 'assignee_kind', 'assignee_code', 'signed_at'] as const
const INCIDENT_EVENT_COLUMNS = ['id', 'incident_id', 'at', 'action', 'from_status', 'to_status', 'note', 'detail'] as const
const WHISTLE_COLUMNS = ['id', 'township', 'department', 'incident_id', 'kind', 'reason', 'urgent', 'status', 'whistled_at',
  'acknowledged_at', 'arrived_at', 'closed_at', 'rating', 'synthetic', 'updated_at', 'county'] as const
const WHISTLE_EVENT_COLUMNS = ['id', 'whistle_id', 'at', 'action', 'from_status', 'to_status', 'note'] as const

const seconds = (t: number) => Math.floor(t / 1000) * 1000

export function plantedRows(ctx: SeedContext, rng: Rng) {
  const db = ctx.writer.database
  const next = (table: string) => {
    let id = (db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get() as number)
    return () => ++id
  }
  const incidentId = next('incidents')
  const incidentEventId = next('incident_events')
  const insert = ctx.writer.into('incidents', INCIDENT_COLUMNS)
  const insertEvent = ctx.writer.into('incident_events', INCIDENT_EVENT_COLUMNS)
  const whistleId = next('whistles')
  const whistleEventId = next('whistle_events')
  const insertCall = ctx.writer.into('whistles', WHISTLE_COLUMNS)
  const insertCallEvent = ctx.writer.into('whistle_events', WHISTLE_EVENT_COLUMNS)
  const callbackId = next('callbacks')
  const insertCallback = ctx.writer.into('callbacks', CALLBACK_COLUMNS)

  return {
    /** Writes one incident and its history; its id. */
    incident({ place, type: typeId, reportedAt: raw, point: [lng, lat], life }: PlantedIncident): number {
      const type = getIncidentType(typeId)!
      const reportedAt = seconds(raw)
      const { acceptBy, resolveBy } = incidentDeadlines(reportedAt, 'normal')
      const acceptedAt = life === 'reported' ? null : reportedAt + 40 * MINUTE
      const worked = life !== 'reported' && life !== 'accepted'
      const dispatchedAt = worked ? reportedAt + 2 * HOUR : null
      const startedAt = life === 'stalled' ? reportedAt + 26 * HOUR : life === 'archived' ? reportedAt + 5 * HOUR : null
      const resolvedAt = life === 'archived' ? reportedAt + 2 * DAY : null
      const verifiedAt = life === 'archived' ? reportedAt + 2 * DAY + 3 * HOUR : null
      const supervisions = life === 'stalled' ? [resolveBy + DAY, resolveBy + 8 * DAY] : []
      const assignee = worked ? defaultAssignee({ township: place.township, onList: type.onList, department: type.department }) : null
      const reporter = person(rng)
      const id = incidentId()
      const status = life === 'archived' ? 'archived' : life === 'stalled' ? 'handling' : acceptedAt === null ? 'reported' : 'accepted'
      const updatedAt = verifiedAt ?? supervisions.at(-1) ?? startedAt ?? acceptedAt ?? reportedAt
      insert([
        id, type.id, type.category, type.module, type.department, type.onList ? 1 : 0, type.listItem, 'app', 'normal',
        lng, lat, 'wgs84', place.township, place.village, place.id,
        incidentDescription(rng, { ...place, source: 'app', typeName: type.name }), reporter.name, reporter.phone,
        status, reportedAt, acceptedAt, dispatchedAt, startedAt, resolvedAt, verifiedAt, null, supervisions.at(-1) ?? null,
        acceptBy, resolveBy, 1, updatedAt, countyOf(place.township), assignee?.kind ?? null, assignee?.code ?? null, startedAt,
      ])
      insertEvent([incidentEventId(), id, reportedAt, 'report', null, 'reported', null, null])
      if (acceptedAt !== null) insertEvent([incidentEventId(), id, acceptedAt, 'accept', 'reported', 'accepted', null, null])
      if (worked) {
        insertEvent([incidentEventId(), id, dispatchedAt!, 'dispatch', 'accepted', 'dispatched', null, JSON.stringify({ assignee })])
        insertEvent([incidentEventId(), id, startedAt!, 'start', 'dispatched', 'handling', null, null])
      }
      for (const at of supervisions) {
        insertEvent([incidentEventId(), id, at, 'supervise', 'handling', 'handling', '督办：已超过办理时限，请加快处置', JSON.stringify({ level: 'county' })])
      }
      if (resolvedAt !== null && verifiedAt !== null) {
        insertEvent([incidentEventId(), id, resolvedAt, 'resolve', 'handling', 'resolved', '已处置完毕，现场恢复正常', null])
        insertEvent([incidentEventId(), id, verifiedAt, 'verify', 'resolved', 'archived', null, null])
        if (drawsCallback(id, 'app', DEFAULT_CALLBACK_SHARES)) {
          const answeredAt = verifiedAt + DAY
          const done = answeredAt <= ctx.now
          insertCallback([callbackId(), id, countyOf(place.township), place.township, callbackOwner(null), assignee?.kind ?? null, assignee?.code ?? null,
            verifiedAt, callbackDueBy(verifiedAt), done ? 'satisfied' : null, null, done ? answeredAt : null, 1, done ? answeredAt : verifiedAt])
        }
      }
      return id
    },

    /**
     * Writes one whistle call and its history; its id. A call signed for goes on as answered calls do: on site an
     * hour later and closed four hours after that, as far as `now` allows.
     */
    call(c: PlantedCall): number {
      const at = seconds(c.at)
      const acknowledgedAt = c.acknowledgedAt === null ? null : seconds(c.acknowledgedAt)
      const arrivedAt = acknowledgedAt !== null && acknowledgedAt + HOUR <= ctx.now ? acknowledgedAt + HOUR : null
      const closedAt = arrivedAt !== null && arrivedAt + 4 * HOUR <= ctx.now ? arrivedAt + 4 * HOUR : null
      const status = closedAt !== null ? 'closed' : arrivedAt !== null ? 'arrived' : acknowledgedAt !== null ? 'acknowledged' : 'whistled'
      const id = whistleId()
      insertCall([id, c.township, c.department, null, 'joint-enforcement', `${SYNTHETIC_MARK}${c.townshipName}吹哨：${c.ask}`, c.urgent ? 1 : 0,
        status, at, acknowledgedAt, arrivedAt, closedAt, null, 1, closedAt ?? arrivedAt ?? acknowledgedAt ?? at, countyOf(c.township)])
      insertCallEvent([whistleEventId(), id, at, 'whistle', null, 'whistled', null])
      if (acknowledgedAt !== null) insertCallEvent([whistleEventId(), id, acknowledgedAt, 'acknowledge', 'whistled', 'acknowledged', null])
      if (arrivedAt !== null) insertCallEvent([whistleEventId(), id, arrivedAt, 'arrive', 'acknowledged', 'arrived', null])
      if (closedAt !== null) insertCallEvent([whistleEventId(), id, closedAt, 'close', 'arrived', 'closed', null])
      return id
    },
  }
}
