// Whistle calls (吹哨报到) from townships to county departments, with their timings and ratings. A call is linked
// to a recent incident of the same township and department when there is one, the way a township escalates a
// case it cannot close alone. Calls are collected from all batches first and then numbered in time order.
import type { DepartmentId } from '../../domain/departments'
import { getDepartment } from '../../domain/departments'
import type { WhistleKind } from '../../domain/whistle'
import { DAY } from '../../domain/time'
import type { Window } from '../../domain/calendar'
import { countyOf } from '../../domain/regions'
import type { SeedContext } from './context'
import type { Rng } from './random'
import { Weighted } from './random'
import { SYNTHETIC_MARK } from './synthetic-text'
import { OFFICE_SHAPE, sampleTimes, spreadOverDays } from './time-shape'
import { reasonsFor } from './whistle-kinds'
import { whistleLife } from './whistle-life'

export interface WhistleBatch {
  readonly window: Window
  readonly count: number
  /** Fixed township (e.g. the 南浦溪 figures); otherwise drawn, smaller townships calling relatively more. */
  readonly township?: string
  readonly excludeTownships?: readonly string[]
  /** Fixed kind; otherwise drawn from the usual mix. */
  readonly kind?: WhistleKind
  /** Only departments with staff stationed in the townships answer (the article's 派驻部门). */
  readonly stationedOnly?: boolean
  /** Only calls about illegal building (the article's 违建 joint enforcement). */
  readonly illegalBuildingOnly?: boolean
}

export interface WhistlePlan {
  readonly batches: readonly WhistleBatch[]
  /** Chance that a given stage (arrive, close) is late; acknowledgement is late a little more often. */
  readonly lateShare: number
}

const KIND_MIX = new Weighted<WhistleKind>([['joint-enforcement', 0.28], ['livelihood', 0.38], ['safety', 0.18], ['environment', 0.12], ['other', 0.04]])

interface Call {
  readonly at: number
  readonly order: number
  readonly township: string
  readonly kind: WhistleKind
  readonly department: DepartmentId
  readonly reason: string
  readonly urgent: boolean
}

function townshipMix(ctx: SeedContext, exclude: readonly string[]): Weighted<string> {
  const households = new Map<string, number>()
  for (const p of ctx.grids.places) households.set(p.township, (households.get(p.township) ?? 0) + p.households)
  const kept = [...households].filter(([t]) => !exclude.includes(t)).sort(([a], [b]) => (a < b ? -1 : 1))
  return new Weighted(kept.map(([t, h]) => [t, Math.sqrt(h)]))
}

function drawCalls(ctx: SeedContext, rng: Rng, plan: WhistlePlan): Call[] {
  const names = new Map(ctx.grids.places.map((p) => [p.township, p.townshipName]))
  const calls: Call[] = []
  for (const batch of plan.batches) {
    const townships = townshipMix(ctx, batch.excludeTownships ?? [])
    for (const slot of spreadOverDays(OFFICE_SHAPE, batch.window, batch.count)) {
      for (const at of sampleTimes(rng, OFFICE_SHAPE, slot)) {
        const township = batch.township ?? townships.draw(rng)
        const kind = batch.kind ?? KIND_MIX.draw(rng)
        const reasons = reasonsFor(kind, { stationed: batch.stationedOnly, illegalBuilding: batch.illegalBuildingOnly })
        const [department, ask] = new Weighted(reasons.map(([d, r, w]) => [[d, r] as const, w])).draw(rng)
        const reason = `${SYNTHETIC_MARK}${names.get(township) ?? township}吹哨：${ask}，请${getDepartment(department).shortName}部门报到`
        calls.push({ at, order: calls.length, township, kind, department, reason, urgent: rng.chance(kind === 'safety' ? 0.45 : 0.15) })
      }
    }
  }
  return calls.sort((a, b) => a.at - b.at || a.order - b.order)
}

const WHISTLE_COLUMNS = ['id', 'township', 'department', 'incident_id', 'kind', 'reason', 'urgent', 'status', 'whistled_at',
  'acknowledged_at', 'arrived_at', 'closed_at', 'rating', 'synthetic', 'updated_at', 'county'] as const
const EVENT_COLUMNS = ['id', 'whistle_id', 'at', 'action', 'from_status', 'to_status', 'note'] as const

export function writeWhistles(ctx: SeedContext, plan: WhistlePlan): void {
  const rng = ctx.rng('whistles')
  const insert = ctx.writer.into('whistles', WHISTLE_COLUMNS)
  const insertEvent = ctx.writer.into('whistle_events', EVENT_COLUMNS)
  // The newest incident of the township for that department in the week before the call (uses incidents_metrics_township).
  const recent = ctx.writer.database.prepare(`SELECT id FROM incidents WHERE township = ? AND department = ?
    AND reported_at BETWEEN ? AND ? ORDER BY reported_at DESC, id DESC LIMIT 1`).pluck()
  let eventId = 0
  drawCalls(ctx, rng, plan).forEach((c, i) => {
    const id = i + 1
    const linked = rng.chance(0.6) ? ((recent.get(c.township, c.department, c.at - 7 * DAY, c.at) as number | undefined) ?? null) : null
    const life = whistleLife(rng, c.at, c.urgent, ctx.now, { lateShare: plan.lateShare })
    insert([id, c.township, c.department, linked, c.kind, c.reason, c.urgent ? 1 : 0, life.status, c.at,
      life.acknowledgedAt, life.arrivedAt, life.closedAt, life.rating, 1, life.updatedAt, countyOf(c.township)])
    for (const s of life.steps) insertEvent([++eventId, id, s.at, s.action, s.from, s.to, s.note])
  })
}
