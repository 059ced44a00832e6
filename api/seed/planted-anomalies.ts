// Anomalies planted in the demo so a fresh demo shows warnings (研判预警) at once, each where the rule looks for it:
//
//  1. 突增, last hour (红): 9 reports of 露天焚烧 (open burning, category environment) in 罗阳镇 新北社区第1网格
//     (33032910000501) over the 50 minutes before `now`, just reported.
//  2. 突增, last day: 7 reports of 餐饮油烟扰民 (restaurant fumes, environment) in 南浦溪镇's first grid of its
//     first village over the 20 hours before `now`, accepted within the hour.
//  3. 超期积压 (橙): 10 reports in 司前畲族镇's first grid 35–44 days ago, taken in hand by the township and stalled
//     there past their deadline, each supervised (督办) twice: 10 overdue in one grid is twice the minimum.
//  4. 吹哨未响应: an urgent call from 南浦溪镇 to 综合执法 3 hours ago, not signed for (橙: late 2.5 h), and a call
//     from 罗阳镇 to 市场监管 6 hours ago, not signed for (红: late more than 4 h).
//
// The rest comes from the data as it is drawn: supervised sites whose inspection lapsed (重点场所风险), reports of
// one kind clustered at one place (一件事), disputes at county level or between the same parties (矛盾升级).
// The planted reports are part of the preset's volume: each month's draw is that many fewer (plantedPerMonth), so
// every count the demo promises still holds.
import { getIncidentType } from '../../domain/catalogue'
import type { IncidentTypeId } from '../../domain/catalogue'
import { countyOf } from '../../domain/regions'
import { incidentDeadlines } from '../../domain/sla'
import type { Window } from '../../domain/calendar'
import { defaultAssignee } from '../../domain/assignee'
import { DAY, HOUR, MINUTE } from '../../domain/time'
import type { SeedContext } from './context'
import type { Place } from './grid-sampler'
import { SYNTHETIC_MARK, incidentDescription, person } from './synthetic-text'

/** reported: just in; accepted: signed for within the hour; stalled: dispatched, started, overdue and supervised. */
type PlantedLife = 'reported' | 'accepted' | 'stalled'
interface PlantedReports { grid: string | ((places: readonly Place[]) => Place); type: IncidentTypeId; times: (now: number) => number[]; life: PlantedLife }

const firstGridOf = (township: string) => (places: readonly Place[]) =>
  [...places].filter((p) => p.township === township).sort((a, b) => a.id.localeCompare(b.id))[0]!

const REPORTS: readonly PlantedReports[] = [
  { grid: '33032910000501', type: 'open-burning', times: (now) => Array.from({ length: 9 }, (_, i) => now - 50 * MINUTE + i * 6 * MINUTE), life: 'reported' },
  { grid: firstGridOf('330329111'), type: 'cooking-fumes', times: (now) => Array.from({ length: 7 }, (_, i) => now - 20 * HOUR + i * 3 * HOUR), life: 'accepted' },
  { grid: firstGridOf('330329101'), type: 'road-occupation', times: (now) => Array.from({ length: 10 }, (_, i) => now - 44 * DAY + i * DAY), life: 'stalled' },
]

const CALLS = [
  { township: '330329111', townshipName: '南浦溪镇', department: 'enforcement', ask: '河道旁违法搭建，需联合执法', urgent: true, ago: 3 * HOUR },
  { township: '330329100', townshipName: '罗阳镇', department: 'market', ask: '农贸市场食品安全投诉集中', urgent: false, ago: 6 * HOUR },
] as const

/** How many planted reports fall in each window (each month draws that many fewer). */
export function plantedPerMonth(now: number, windows: readonly Window[]): number[] {
  const times = REPORTS.flatMap((r) => r.times(now))
  return windows.map((w) => times.filter((t) => t >= w.from && t < w.to).length)
}

/** Plant only when every month can give up its planted reports and keep its shape (not in a tiny test build). */
export const plantsIn = (counts: readonly number[], planted: readonly number[]) => counts.every((n, i) => n >= 4 * planted[i]!)

const INCIDENT_COLUMNS = ['id', 'type', 'category', 'module', 'department', 'on_list', 'list_item', 'source', 'severity',
  'lng', 'lat', 'crs_in', 'township', 'village', 'grid', 'description', 'reporter_name', 'reporter_phone', 'status',
  'reported_at', 'accepted_at', 'dispatched_at', 'started_at', 'resolved_at', 'verified_at', 'returned_at',
  'supervised_at', 'accept_by', 'resolve_by', 'synthetic', 'updated_at', 'county', 'assignee_kind', 'assignee_code', 'signed_at'] as const
const INCIDENT_EVENT_COLUMNS = ['id', 'incident_id', 'at', 'action', 'from_status', 'to_status', 'note', 'detail'] as const
const WHISTLE_COLUMNS = ['id', 'township', 'department', 'incident_id', 'kind', 'reason', 'urgent', 'status', 'whistled_at',
  'acknowledged_at', 'arrived_at', 'closed_at', 'rating', 'synthetic', 'updated_at', 'county'] as const
const WHISTLE_EVENT_COLUMNS = ['id', 'whistle_id', 'at', 'action', 'from_status', 'to_status', 'note'] as const

/** Writes the anomalies after the drawn records (their ids follow the drawn ones'). */
export function plantAnomalies(ctx: SeedContext): void {
  const rng = ctx.rng('planted-anomalies')
  const db = ctx.writer.database
  const next = (table: string) => {
    let id = (db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get() as number)
    return () => ++id
  }
  const incidentId = next('incidents')
  const incidentEventId = next('incident_events')
  const insert = ctx.writer.into('incidents', INCIDENT_COLUMNS)
  const insertEvent = ctx.writer.into('incident_events', INCIDENT_EVENT_COLUMNS)
  for (const plan of REPORTS) {
    const place = typeof plan.grid === 'string' ? ctx.grids.places.find((p) => p.id === plan.grid)! : plan.grid(ctx.grids.places)
    const type = getIncidentType(plan.type)!
    plan.times(ctx.now).forEach((raw) => {
      const reportedAt = Math.floor(raw / 1000) * 1000
      const [lng, lat] = ctx.grids.point(rng, place.id)
      const { acceptBy, resolveBy } = incidentDeadlines(reportedAt, 'normal')
      const acceptedAt = plan.life === 'reported' ? null : reportedAt + 40 * MINUTE
      const stalled = plan.life === 'stalled'
      const dispatchedAt = stalled ? reportedAt + 2 * HOUR : null
      const startedAt = stalled ? reportedAt + 26 * HOUR : null
      const supervisions = stalled ? [resolveBy + DAY, resolveBy + 8 * DAY] : []
      const assignee = stalled ? defaultAssignee({ township: place.township, onList: type.onList, department: type.department }) : null
      const reporter = person(rng)
      const id = incidentId()
      const status = stalled ? 'handling' : acceptedAt === null ? 'reported' : 'accepted'
      const updatedAt = supervisions.at(-1) ?? startedAt ?? acceptedAt ?? reportedAt
      insert([
        id, type.id, type.category, type.module, type.department, type.onList ? 1 : 0, type.listItem, 'app', 'normal',
        lng, lat, 'wgs84', place.township, place.village, place.id,
        incidentDescription(rng, { ...place, source: 'app', typeName: type.name }), reporter.name, reporter.phone,
        status, reportedAt, acceptedAt, dispatchedAt, startedAt, null, null, null, supervisions.at(-1) ?? null,
        acceptBy, resolveBy, 1, updatedAt, countyOf(place.township), assignee?.kind ?? null, assignee?.code ?? null, startedAt,
      ])
      insertEvent([incidentEventId(), id, reportedAt, 'report', null, 'reported', null, null])
      if (acceptedAt !== null) insertEvent([incidentEventId(), id, acceptedAt, 'accept', 'reported', 'accepted', null, null])
      if (stalled) {
        insertEvent([incidentEventId(), id, dispatchedAt!, 'dispatch', 'accepted', 'dispatched', null, JSON.stringify({ assignee })])
        insertEvent([incidentEventId(), id, startedAt!, 'start', 'dispatched', 'handling', null, null])
        for (const at of supervisions) {
          insertEvent([incidentEventId(), id, at, 'supervise', 'handling', 'handling', '督办：已超过办理时限，请加快处置', JSON.stringify({ level: 'county' })])
        }
      }
    })
  }
  const whistleId = next('whistles')
  const whistleEventId = next('whistle_events')
  const insertCall = ctx.writer.into('whistles', WHISTLE_COLUMNS)
  const insertCallEvent = ctx.writer.into('whistle_events', WHISTLE_EVENT_COLUMNS)
  CALLS.forEach((c) => {
    const at = Math.floor((ctx.now - c.ago) / 1000) * 1000
    const id = whistleId()
    insertCall([id, c.township, c.department, null, 'joint-enforcement', `${SYNTHETIC_MARK}${c.townshipName}吹哨：${c.ask}`, c.urgent ? 1 : 0,
      'whistled', at, null, null, null, null, 1, at, countyOf(c.township)])
    insertCallEvent([whistleEventId(), id, at, 'whistle', null, 'whistled', null])
  })
}
