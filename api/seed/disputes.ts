// Disputes (矛盾纠纷) across types, levels, methods and risks, with parties (synthetic personal data, stored as
// JSON the way intake stores it) and their history in dispute_events. Most are accepted in the village, some go
// straight to the township, a few to the county: the funnel "小事不出村、大事不出镇、难事不出县".
import type { DisputeLevel, DisputeMethod, DisputeType, Risk } from '../../domain/dispute'
import { DISPUTE_TYPES } from '../../domain/dispute'
import type { Window } from '../../domain/calendar'
import { countyOf } from '../../domain/regions'
import type { SeedContext } from './context'
import { disputeLife } from './dispute-life'
import type { Rng } from './random'
import { Weighted } from './random'
import { disputeSummary, parties } from './synthetic-text'
import { OFFICE_SHAPE, sampleTimes, spreadOverDays } from './time-shape'

export interface DisputePlan {
  readonly months: readonly { readonly window: Window; readonly count: number }[]
}

const TYPES = new Weighted<DisputeType>([
  ['neighbour', 24], ['marriage-family', 15], ['land-forest', 14], ['labour', 10], ['contract-debt', 10],
  ['traffic', 8], ['land-acquisition', 5], ['property', 5], ['medical', 3], ['pollution', 3], ['other', 3],
])
const LEVELS = new Weighted<DisputeLevel>([['village', 0.84], ['township', 0.14], ['county', 0.02]])
const RISKS = new Weighted<Risk>([['low', 0.72], ['medium', 0.23], ['high', 0.05]])
const ROUTINE_METHODS = new Weighted<DisputeMethod>([['sweep', 0.66], ['prevention', 0.14], ['consultation', 0.15], ['joint', 0.05]])
// Many-party disputes (wages, land take) are the ones that can turn into group incidents.
const MANY_PARTIES: ReadonlySet<DisputeType> = new Set(['labour', 'land-acquisition', 'land-forest'])

function methodFor(rng: Rng, level: DisputeLevel, risk: Risk, crossRegion: boolean): DisputeMethod {
  if (crossRegion) return 'joint'
  if (risk === 'high') return rng.chance(0.7) ? 'prevention' : 'consultation'
  if (level !== 'village' && rng.chance(0.45)) return 'consultation'
  return ROUTINE_METHODS.draw(rng)
}

const DISPUTE_COLUMNS = ['id', 'type', 'level', 'method', 'risk', 'cross_region', 'mediator', 'lng', 'lat', 'crs_in',
  'township', 'village', 'grid', 'summary', 'parties', 'status', 'accepted_at', 'level_accepted_at', 'started_at',
  'closed_at', 'deadline', 'escalations', 'synthetic', 'updated_at', 'county'] as const
const EVENT_COLUMNS = ['id', 'dispute_id', 'at', 'action', 'from_status', 'to_status', 'from_level', 'to_level', 'note'] as const

export function writeDisputes(ctx: SeedContext, plan: DisputePlan): void {
  const rng = ctx.rng('disputes')
  const insert = ctx.writer.into('disputes', DISPUTE_COLUMNS)
  const insertEvent = ctx.writer.into('dispute_events', EVENT_COLUMNS)
  const typeName = new Map(DISPUTE_TYPES.map((t) => [t.id, t.name]))
  let id = 0
  let eventId = 0
  for (const { window, count } of plan.months) {
    for (const slot of spreadOverDays(OFFICE_SHAPE, window, count)) {
      for (const acceptedAt of sampleTimes(rng, OFFICE_SHAPE, slot)) {
        const place = ctx.grids.pick(rng)
        const [lng, lat] = ctx.grids.point(rng, place.id)
        const type = TYPES.draw(rng)
        const risk = RISKS.draw(rng)
        const level = risk === 'high' && rng.chance(0.5) ? 'township' : LEVELS.draw(rng)
        const crossRegion = rng.chance(type === 'land-forest' ? 0.2 : 0.05)
        const method = methodFor(rng, level, risk, crossRegion)
        const who = parties(rng, MANY_PARTIES.has(type) && rng.chance(0.35) ? rng.int(3, 6) : 2)
        const summary = disputeSummary(rng, { ...place, typeName: typeName.get(type) ?? type, parties: who.length })
        const life = disputeLife(rng, acceptedAt, level, risk, ctx.now)
        id++
        insert([
          id, type, life.level, method, risk, crossRegion ? 1 : 0, life.mediator, lng, lat, 'wgs84',
          place.township, place.village, place.id, summary, JSON.stringify(who), life.status, acceptedAt,
          life.levelAcceptedAt, life.startedAt, life.closedAt, life.deadline, life.escalations, 1, life.updatedAt,
          countyOf(place.township),
        ])
        for (const s of life.steps) insertEvent([++eventId, id, s.at, s.action, s.from, s.to, s.fromLevel, s.toLevel, s.note])
      }
    }
  }
}
