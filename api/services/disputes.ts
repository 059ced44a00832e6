// Intake and life cycle of disputes under the "343" mechanism. Each write is one transaction with its history row
// and change-feed event; escalation hands the dispute to the level above as newly accepted there, so that level's
// clock starts afresh (domain/dispute.ts).
import type { ActingPrincipal } from '../../domain/actor'
import type { DisputeAction, DisputeLevel, DisputeStatus, MediatorKind } from '../../domain/dispute'
import { disputeDeadline, nextDisputeState } from '../../domain/dispute'
import type { LiveEventOf } from '../../domain/live-events'
import { countyOf } from '../../domain/regions'
import type { DisputeCreate, DisputeTransitionRequest } from '../../domain/schemas'
import { ApiError, notFound } from '../errors'
import type { Store } from '../store'
import type { DisputeFilter, DisputePatch, DisputeRow, NewDisputeRow } from '../store/disputes'
import { disputeFeature, disputeHistory, disputeRecord } from './dispute-record'
import type { ServiceDeps } from './incidents'
import { featurePage } from './keyset'
import type { Locator } from './locator'
import { asOfInstant } from './as-of'
import { placePoint } from './place-point'
import { placeOfRow } from './record-place'
import { actorFields } from './record-view'

/**
 * Who mediates when the intake names nobody, and who takes over on escalation: the village mediation committee
 * (村调委), the township's professional mediators, the county centre's legal professionals (两官两师).
 */
export const DEFAULT_MEDIATOR: Record<DisputeLevel, MediatorKind> = {
  village: 'village-committee', township: 'professional', county: 'legal-pros',
}

/**
 * A new dispute's row, accepted at `at` at its level: its place (WGS84, township, village and grid), its mediator
 * and its level's deadline. Throws the 422 a client gets; stores nothing. Intake and the records import
 * (api/import/records/) both make their rows here.
 */
export function newDisputeRow(input: DisputeCreate, at: number, locator: Locator, synthetic: boolean,
  authorize?: (place: { township: string; grid: string }) => void): NewDisputeRow {
  const placed = placePoint(input.point, locator)
  // The caller's reach is checked against where the point falls, before anything is stored.
  authorize?.(placed)
  return {
    type: input.type, level: input.level, method: input.method, risk: input.risk,
    crossRegion: input.crossRegion ? 1 : 0, mediator: input.mediator ?? DEFAULT_MEDIATOR[input.level],
    lng: placed.lng, lat: placed.lat, crsIn: placed.crsIn,
    county: countyOf(placed.township), township: placed.township, village: placed.village, grid: placed.grid,
    summary: input.description, parties: JSON.stringify(input.parties),
    status: 'accepted', acceptedAt: at, levelAcceptedAt: at, startedAt: null, closedAt: null,
    deadline: disputeDeadline(at, input.level), escalations: 0,
    synthetic: synthetic ? 1 : 0, updatedAt: at,
  }
}

export function disputeService({ store, locator, now }: ServiceDeps) {
  const view = (row: DisputeRow, masked = false) => disputeRecord(row, { now: now(), masked })
  const load = async (id: number) => {
    const row = await store.disputes.get(id)
    if (!row) throw notFound(`no dispute with id ${id}`)
    return row
  }
  /** The row locked for the transaction's write: a concurrent transition waits, then sees this one's result. */
  const lock = async (id: number) => {
    const row = await store.disputes.getForUpdate(id)
    if (!row) throw notFound(`no dispute with id ${id}`)
    return row
  }
  const publish = async (kind: LiveEventOf<'dispute'>, row: DisputeRow) =>
    await store.events.append(now(), kind, row.id, row.township, disputeFeature(row, now()), row.grid)

  return {
    /** Where the record lies (undefined when unknown), for the route's reach check before anything else. */
    placeOf: async (id: number) => placeOfRow(await store.disputes.get(id)),

    /** Stores a new dispute, accepted now at its level; call inside a transaction to share one with other writes. */
    async create(input: DisputeCreate, opts: { synthetic?: boolean; authorize?: (place: { township: string; grid: string }) => void; actor?: ActingPrincipal | null } = {}) {
      const at = now()
      const fields = newDisputeRow(input, at, locator, opts.synthetic ?? false, opts.authorize)
      const row = await store.transaction(async () => {
        const id = await store.disputes.insert(fields)
        await store.disputes.addEvent({ disputeId: id, at, action: 'accept', fromStatus: null, toStatus: 'accepted', fromLevel: null, toLevel: input.level, note: null, ...actorFields(opts.actor ?? null) })
        const stored = await load(id)
        await publish('dispute.created', stored)
        return stored
      })
      return view(row)
    },

    /** `actor`: who acts, recorded in history; null for the system's own steps (the simulator). */
    async transition(id: number, req: DisputeTransitionRequest, actor: ActingPrincipal | null = null) {
      const row = await store.transaction(async () => {
        const current = await lock(id)
        const state = { status: current.status as DisputeStatus, level: current.level as DisputeLevel }
        const result = nextDisputeState(state, req.action)
        if (!result.ok) throw new ApiError(409, 'invalid_transition', result.message)
        const at = now()
        await store.disputes.update(id, { status: result.status, ...patchFor(req.action, current, result.level, at) }, at)
        await store.disputes.addEvent({
          disputeId: id, at, action: req.action, fromStatus: state.status, toStatus: result.status,
          fromLevel: state.level, toLevel: result.level, note: req.note ?? null, ...actorFields(actor),
        })
        const updated = await load(id)
        await publish('dispute.updated', updated)
        return updated
      })
      return view(row)
    },

    async get(id: number, masked = false) {
      const row = await load(id)
      return { ...view(row, masked), history: disputeHistory(await store.disputes.events(id), masked) }
    },

    /** How many disputes the list's filter holds, all pages together. */
    count: (filter: DisputeFilter) => store.disputes.count(filter),

    /** How many disputes the list holds at `asOf` (as `list` reads it), all pages together: an export's count. */
    countAsOf(filter: DisputeFilter, asOf?: number) {
      const { at, past } = asOfInstant(asOf, filter.to, now())
      const f = filter.overdue ? { ...filter, overdue: { ...filter.overdue, now: at } } : filter
      return past ? store.disputes.countAt(f, at) : store.disputes.count(f)
    },

    /** The list's feature of one dispute (undefined when unknown). */
    feature: async (id: number) => {
      const row = await store.disputes.get(id)
      return row ? disputeFeature(row, now()) : undefined
    },

    /** One page, newest accepted first, as map features; `next` is the cursor of the following page or null. */
    /**
     * One page of the list as it stood at `asOf` (domain/as-of.ts: left out, the end of `filter.to` or now,
     * whichever is earlier; the future is 422): each dispute's status, level and overdue then.
     */
    list(filter: DisputeFilter, limit: number, cursor?: string, asOf?: number) {
      const { at, past } = asOfInstant(asOf, filter.to, now())
      const f = filter.overdue ? { ...filter, overdue: { ...filter.overdue, now: at } } : filter
      return featurePage(cursor, limit, async (after, n) => await (past ? store.disputes.listAt(f, n, after, at) : store.disputes.list(f, n, after)),
        (r) => ({ at: r.acceptedAt, id: r.id }), (r) => disputeFeature(r, at))
    },

    /**
     * A page of the list at `asOf` as records (summary and parties masked as the detail is for `masked`): what an
     * export writes, the same rows as `list`.
     */
    recordPage(filter: DisputeFilter, limit: number, cursor: string | undefined, masked: boolean, asOf?: number) {
      const { at, past } = asOfInstant(asOf, filter.to, now())
      const f = filter.overdue ? { ...filter, overdue: { ...filter.overdue, now: at } } : filter
      return featurePage(cursor, limit, async (after, n) => await (past ? store.disputes.listAt(f, n, after, at) : store.disputes.rows(f, n, after)),
        (r) => ({ at: r.acceptedAt, id: r.id }), (r) => disputeRecord(r, { now: at, masked }))
    },
  }
}
export type DisputeService = ReturnType<typeof disputeService>

/**
 * The times a move stamps. startedAt is the start of mediation at the current level, closedAt the end of it
 * (settled or failed); a referral keeps the failure's time. Escalation opens a new round at the level above.
 */
function patchFor(action: DisputeAction, current: DisputeRow, level: DisputeLevel, at: number): DisputePatch {
  switch (action) {
    case 'start': return { startedAt: at }
    case 'succeed':
    case 'fail': return { closedAt: at }
    case 'refer': return {}
    case 'escalate': return {
      level, mediator: DEFAULT_MEDIATOR[level], levelAcceptedAt: at, deadline: disputeDeadline(at, level),
      escalations: current.escalations + 1, startedAt: null, closedAt: null,
    }
  }
}
