// Grid incidents (网格事件) with their history. Volumes per month come from the preset; within a month they
// follow the weekday and hour-of-day shape, and they fall on grids by households and hot spots. Ids are given in
// report order, as live intake would, and each incident's transitions go to incident_events (never to `events`,
// the live SSE feed, which starts empty).
import type { Assignee } from '../../domain/assignee'
import { defaultAssignee } from '../../domain/assignee'
import { getDepartment } from '../../domain/departments'
import type { IncidentSource, Severity } from '../../domain/incident'
import type { Window } from '../../domain/calendar'
import { localYearMonth } from '../../domain/calendar'
import { countyOf } from '../../domain/regions'
import { acceptLimitMs } from '../../domain/sla'
import { CALLBACK_COLUMNS, seedCallbacks } from './callbacks'
import type { SeedContext } from './context'
import type { LifeOptions, LifeStep } from './incident-life'
import { incidentLife } from './incident-life'
import { IncidentMix, severityFor, sourceFor } from './incident-mix'
import type { Place } from './grid-sampler'
import type { Rng } from './random'
import { person, incidentDescription } from './synthetic-text'
import { INCIDENT_SHAPE, sampleTimes, spreadOverDays } from './time-shape'

export interface IncidentPlan {
  /** Consecutive local months (the last may be partial) and how many incidents each gets. */
  readonly months: readonly { readonly window: Window; readonly count: number }[]
  /** Off-list share in month i of the plan. */
  readonly offListShare: (monthIndex: number) => number
  readonly life: LifeOptions
}

const INCIDENT_COLUMNS = ['id', 'type', 'category', 'module', 'department', 'on_list', 'list_item', 'source', 'severity',
  'lng', 'lat', 'crs_in', 'township', 'village', 'grid', 'description', 'reporter_name', 'reporter_phone', 'status',
  'reported_at', 'accepted_at', 'dispatched_at', 'started_at', 'resolved_at', 'verified_at', 'returned_at',
  'supervised_at', 'accept_by', 'resolve_by', 'synthetic', 'updated_at', 'county', 'assignee_kind', 'assignee_code',
  'signed_at'] as const
const EVENT_COLUMNS = ['id', 'incident_id', 'at', 'action', 'from_status', 'to_status', 'note', 'detail'] as const

function reporter(rng: Rng, source: IncidentSource, place: Place): [string | null, string | null] {
  // A patrol report is filed by the grid's own (synthetic) worker; callers and app users are residents.
  if (source === 'patrol') return place.worker ? [place.worker.name, place.worker.phone] : [null, null]
  if (source === 'hotline' || source === 'app') {
    const p = person(rng)
    return [p.name, p.phone]
  }
  return [null, null]
}

function eventNote(step: Pick<LifeStep, 'action'> | { action: 'redo' }, departmentName: string): string | null {
  if (step.action === 'redo') return '回访不满意：群众反映问题仍未彻底解决(合成)'
  if (step.action === 'supervise') return '督办：已超过办理时限，请加快处置'
  if (step.action === 'return') return `清单外事项，退回${departmentName}`
  if (step.action === 'reopen') return '核查未通过，重新处置'
  if (step.action === 'resolve') return '已处置完毕，现场恢复正常'
  return null
}

/** The step's detail as the service records it: 交办's assignee, 督办's level (the county's, for the stragglers). */
function eventDetail(step: Pick<LifeStep, 'action'> | { action: 'redo' }, assignee: Assignee): string | null {
  if (step.action === 'dispatch' || step.action === 'redo') return JSON.stringify({ assignee })
  if (step.action === 'supervise') return JSON.stringify({ level: 'county' })
  return null
}

/**
 * When the assignee signed for a dispatched incident (签收): most within the sign-off limit (the severity's acceptance
 * limit), about one in five later, never after work started (开始处置 implies it) nor after now. Drawn from a hash of
 * the id, not the random streams, so every other seeded figure stays as it was.
 */
export function signedAt(id: number, severity: Severity, life: { dispatchedAt: number | null; startedAt: number | null }, now: number): number | null {
  if (life.dispatchedAt === null) return null
  const u = (Math.imul(id, 2654435761) >>> 0) / 2 ** 32
  const at = Math.floor((life.dispatchedAt + acceptLimitMs(severity) * 1.25 * u) / 1000) * 1000
  const signed = life.startedAt === null ? at : Math.min(at, life.startedAt)
  return signed <= now ? signed : null
}

export function writeIncidents(ctx: SeedContext, plan: IncidentPlan): void {
  const rng = ctx.rng('incidents')
  // Call-back answers draw from their own stream, so the incidents' stream (and every seeded figure) is as before.
  const callbackRng = ctx.rng('callbacks')
  const insertCallback = ctx.writer.into('callbacks', CALLBACK_COLUMNS)
  let callbackId = 0
  const mix = new IncidentMix(plan.offListShare)
  const insert = ctx.writer.into('incidents', INCIDENT_COLUMNS)
  const insertEvent = ctx.writer.into('incident_events', EVENT_COLUMNS)
  let id = 0
  let eventId = 0
  const load = () => plan.months.forEach(({ window, count }, monthIndex) => {
    const monthOfYear = localYearMonth(window.from)[1]
    for (const slot of spreadOverDays(INCIDENT_SHAPE, window, count)) {
      for (const reportedAt of sampleTimes(rng, INCIDENT_SHAPE, slot)) {
        const place = ctx.grids.pick(rng)
        const [lng, lat] = ctx.grids.point(rng, place.id)
        const type = mix.type(rng, { urban: place.urban, monthIndex, monthOfYear })
        const severity = severityFor(rng, type)
        const source = sourceFor(rng, type)
        const [reporterName, reporterPhone] = reporter(rng, source, place)
        const description = incidentDescription(rng, { ...place, source, typeName: type.name })
        const life = incidentLife(rng, reportedAt, severity, type.onList, ctx.now, plan.life)
        id++
        // 交办 by the type's routing, as the service defaults it; the assignee signs for it (签收) as signedAt says.
        const assignee = defaultAssignee({ township: place.township, onList: type.onList, department: type.department })
        const assigned = life.dispatchedAt !== null && life.status !== 'returned'
        const callbacks = life.verifiedAt === null ? null : seedCallbacks(callbackRng, {
          id, source, severity, township: place.township, assignee: assigned ? assignee : null, verifiedAt: life.verifiedAt, now: ctx.now,
        })
        // A 不满意 call-back sent it back (重办): the row as the redo left it.
        const redone = callbacks?.incident ?? null
        insert([
          id, type.id, type.category, type.module, type.department, type.onList ? 1 : 0, type.listItem, source, severity,
          lng, lat, 'wgs84', place.township, place.village, place.id, description, reporterName, reporterPhone, redone?.status ?? life.status,
          reportedAt, life.acceptedAt, life.dispatchedAt, life.startedAt, redone ? redone.resolvedAt : life.resolvedAt,
          redone ? redone.verifiedAt : life.verifiedAt, life.returnedAt,
          life.supervisedAt, life.acceptBy, redone?.resolveBy ?? life.resolveBy, 1, redone?.updatedAt ?? life.updatedAt, countyOf(place.township),
          assigned ? assignee.kind : null, assigned ? assignee.code : null, assigned ? signedAt(id, severity, life, ctx.now) : null,
        ])
        const departmentName = getDepartment(type.department).name
        for (const step of [...life.steps, ...callbacks?.steps ?? []]) {
          insertEvent([++eventId, id, step.at, step.action, step.from, step.to, eventNote(step, departmentName), eventDetail(step, assignee)])
        }
        for (const row of callbacks?.rows ?? []) insertCallback([++callbackId, ...row])
      }
    }
  })
  ctx.writer.withoutIndexes(['incidents', 'incident_events', 'callbacks'], load)
}
