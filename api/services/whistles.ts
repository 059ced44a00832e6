// 吹哨报到: townships call a department in; the department acknowledges, reports on site and closes; the township
// rates. Every write is one transaction with its history row and change-feed event. Stage deadlines are fixed when
// the whistle blows (domain/whistle.ts), so nothing but the status and its time stamp changes afterwards.
import type { ActingPrincipal } from '../../domain/actor'
import { ROLE_LABELS } from '../../domain/roles'
import type { WhistleAction, WhistleStatus } from '../../domain/whistle'
import { nextWhistleStatus } from '../../domain/whistle'
import { mayTakeWhistleAction, whistleActionsOnSides, whoMayWhistle } from '../../domain/whistle-sides'
import type { LiveEventOf } from '../../domain/live-events'
import { countyOf } from '../../domain/regions'
import type { WhistleCreate, WhistleTransitionRequest } from '../../domain/schemas'
import { ApiError, notFound, unprocessable } from '../errors'
import type { Store } from '../store'
import type { IncidentRow } from '../store/incidents'
import type { WhistleFilter, WhistlePatch, WhistleRow } from '../store/whistles'
import { featurePage } from './keyset'
import { placeOfRow } from './record-place'
import { actorFields } from './record-view'
import type { RegionCollection } from './regions'
import type { Seat } from './whistle-record'
import { whistleFeature, whistleHistory, whistleRecord } from './whistle-record'

export interface WhistleServiceDeps {
  store: Store
  now: () => number
  /** Township boundaries, whose `seat` property places each call on the map. */
  townships: RegionCollection
}

const STAMP: Record<Exclude<WhistleAction, 'rate'>, keyof WhistlePatch> = {
  acknowledge: 'acknowledgedAt', arrive: 'arrivedAt', close: 'closedAt',
}

function townshipSeats(townships: RegionCollection): Map<string, Seat> {
  const seats = new Map<string, Seat>()
  for (const f of townships.features) {
    const seat = f.properties.seat
    if (Array.isArray(seat) && seat.length === 2 && seat.every((n) => typeof n === 'number')) seats.set(f.properties.id, seat as Seat)
  }
  return seats
}

export function whistleService({ store, now, townships }: WhistleServiceDeps) {
  const seats = townshipSeats(townships)
  const seatOf = (row: WhistleRow) => seats.get(row.township) ?? null
  /** The record as `actor` may act on it: allowedActions narrowed to the actor's sides (domain/whistle-sides.ts). */
  const view = (row: WhistleRow, masked = false, actor: ActingPrincipal | null = null) => {
    const record = whistleRecord(row, seatOf(row), { now: now(), masked })
    return actor === null ? record : { ...record, allowedActions: whistleActionsOnSides(actor, row, record.allowedActions) }
  }
  const load = async (id: number, forUpdate = false) => {
    const row = await (forUpdate ? store.whistles.getForUpdate(id) : store.whistles.get(id))
    if (!row) throw notFound(`no whistle call with id ${id}`)
    return row
  }
  const publish = async (kind: LiveEventOf<'whistle'>, row: WhistleRow) =>
    await store.events.append(now(), kind, row.id, row.township, whistleFeature(row, seatOf(row), now()), null, row.department)

  /**
   * The township must exist; a linked incident must exist, be one the caller `sees` (else it is refused as one that
   * does not exist, so its place is not learned) and lie in that township.
   */
  async function check(input: WhistleCreate, sees: (place: IncidentRow) => boolean) {
    if (!seats.has(input.township)) {
      throw unprocessable(`township "${input.township}" is not one of 泰顺县's ${seats.size} townships: ${[...seats.keys()].join(', ')}`, 'unknown_township')
    }
    if (input.incidentId === undefined) return
    const incident = await store.incidents.get(input.incidentId)
    if (!incident || !sees(incident)) throw unprocessable(`incidentId ${input.incidentId}: no incident with that id`, 'unknown_incident')
    if (incident.township !== input.township) {
      throw unprocessable(`incidentId ${input.incidentId} is in township ${incident.township}, not ${input.township}: a township whistles about its own incidents`, 'incident_elsewhere')
    }
  }

  return {
    /** Where the record lies (undefined when unknown), for the route's reach check before anything else. */
    placeOf: async (id: number) => placeOfRow(await store.whistles.get(id), (row) => row.department),

    /** Blows a whistle now; call inside a transaction to share one with other writes. */
    async create(input: WhistleCreate, opts: { synthetic?: boolean; sees?: (place: IncidentRow) => boolean; actor?: ActingPrincipal | null } = {}) {
      const row = await store.transaction(async () => {
        await check(input, opts.sees ?? (() => true))
        const at = now()
        const id = await store.whistles.insert({
          county: countyOf(input.township), township: input.township,
          department: input.department, incidentId: input.incidentId ?? null,
          kind: input.kind, reason: input.reason, urgent: input.urgent ? 1 : 0, status: 'whistled',
          whistledAt: at, acknowledgedAt: null, arrivedAt: null, closedAt: null, rating: null,
          synthetic: opts.synthetic ? 1 : 0, updatedAt: at,
        })
        await store.whistles.addEvent({ whistleId: id, at, action: 'whistle', fromStatus: null, toStatus: 'whistled', note: null, ...actorFields(opts.actor ?? null) })
        const stored = await load(id)
        await publish('whistle.created', stored)
        return stored
      })
      return view(row, false, opts.actor ?? null)
    },

    /**
     * `actor`: who acts — refused with 403 not_your_action unless the action is on their side (the department
     * called answers, the township that called rates); null for the system's own steps (the simulator).
     */
    async transition(id: number, req: WhistleTransitionRequest, actor: ActingPrincipal | null = null) {
      const row = await store.transaction(async () => {
        const current = await load(id, true)
        if (actor !== null && !mayTakeWhistleAction(actor, current, req.action)) {
          throw new ApiError(403, 'not_your_action',
            `${ROLE_LABELS[actor.role].nameEn} (${actor.role}) may not ${req.action} this whistle call: only ${whoMayWhistle(req.action, current)} may`)
        }
        const status = current.status as WhistleStatus
        const result = nextWhistleStatus(status, req.action, { rating: req.rating })
        if (!result.ok) throw new ApiError(409, 'invalid_transition', result.message)
        const at = now()
        const stamp: WhistlePatch = req.action === 'rate' ? { rating: req.rating } : { [STAMP[req.action]]: at }
        await store.whistles.update(id, { status: result.status, ...stamp }, at)
        await store.whistles.addEvent({ whistleId: id, at, action: req.action, fromStatus: status, toStatus: result.status, note: req.note ?? null, ...actorFields(actor) })
        const updated = await load(id)
        await publish('whistle.updated', updated)
        return updated
      })
      return view(row, false, actor)
    },

    async get(id: number, masked = false, actor: ActingPrincipal | null = null) {
      const row = await load(id)
      return { ...view(row, masked, actor), history: whistleHistory(await store.whistles.events(id), row, masked) }
    },

    /** The record answer (without history) of a row read elsewhere, as `actor` sees it: a department's queue's items. */
    recordOf: (row: WhistleRow, actor: ActingPrincipal) => view(row, false, actor),

    /** One page, newest first, as map features at the township seats. */
    list(filter: WhistleFilter, limit: number, cursor?: string) {
      const at = now()
      return featurePage(cursor, limit, async (after, n) => await store.whistles.list(filter, n, after),
        (r) => ({ at: r.whistledAt, id: r.id }), (r) => whistleFeature(r, seatOf(r), at))
    },

    /** How many whistle calls the list's filter holds. */
    count: (filter: WhistleFilter) => store.whistles.count(filter),
  }
}
export type WhistleService = ReturnType<typeof whistleService>
