// Intake and life cycle of grid incidents. Every write is one transaction that stores the change, its history
// row and its change-feed event together; the event bus hears of it only after it commits (store.onCommit).
import type { ActingPrincipal } from '../../domain/actor'
import { getIncidentType } from '../../domain/catalogue'
import type { IncidentAction, IncidentStatus } from '../../domain/incident'
import { INCIDENT_ACTION_STAMP, INCIDENT_ACTIONS, nextIncidentStatus } from '../../domain/incident'
import type { SupervisionLevel } from '../../domain/incident-sides'
import { mayTakeIncidentAction, whoMay } from '../../domain/incident-sides'
import type { LiveEventOf } from '../../domain/live-events'
import { countyOf } from '../../domain/regions'
import { ROLE_LABELS } from '../../domain/roles'
import type { IncidentCreate, IncidentTransitionRequest } from '../../domain/schemas'
import { incidentDeadlines } from '../../domain/sla'
import { ApiError, notFound, unprocessable } from '../errors'
import { callbackTask } from './callback-record'
import { drawCallback } from './callback-draw'
import type { Store } from '../store'
import type { IncidentEventRow, IncidentFilter, IncidentRow, NewIncidentRow } from '../store/incidents'
import { UNASSIGNED } from '../store/incidents'
import { incidentChange } from './incident-change'
import { contextOf, incidentFeature, incidentHistory, incidentMapFeature, incidentRecord, sidedOf } from './incident-record'
import { featurePage } from './keyset'
import type { Locator } from './locator'
import { placePoint } from './place-point'
import type { RecordPlace } from './record-place'
import { assignedDepartment, placeOfRow } from './record-place'
import { actorFields, iso } from './record-view'
import { asOfInstant } from './as-of'
import { caseMergeService } from './case-merges'
import { incidentsAsOf } from './incidents-as-of'

/** The caller's reach check on where a new incident falls: throws its 403, or returns to let it be stored. */
export type Authorize = (place: { township: string; grid: string }) => void

export interface ServiceDeps {
  store: Store
  locator: Locator
  now: () => number
}

export function incidentService({ store, locator, now }: ServiceDeps) {
  const pastIncidents = incidentsAsOf(store)
  const cases = caseMergeService({ store, now })
  const view = (row: IncidentRow, masked = false, actor: ActingPrincipal | null = null) => incidentRecord(row, { now: now(), masked }, actor)

  /**
   * How the list reads the incidents at `asOf` (domain/as-of.ts: left out, the end of `filter.to` or now, whichever
   * is earlier; the future is 422): overdue judged then; `current` when nothing changed since, so the table less
   * the later reports is the past, else `past` binds the rebuilt rows (store/as-of.ts).
   */
  async function incidentsAt(filter: IncidentFilter, asOf: number | undefined) {
    const { at, past } = asOfInstant(asOf, filter.to, now())
    const f = filter.overdue ? { ...filter, overdue: { ...filter.overdue, now: at } } : filter
    const changed = past ? await pastIncidents.states(at) : null
    const current = changed === null || changed === '[]'
    return {
      at,
      current,
      // Nothing changed since the instant: the table is the past, less the reports made after it.
      filter: changed === null || !current ? f : { ...f, to: Math.min(f.to ?? at + 1, at + 1) },
      past: { asOf: at, changed: changed ?? '[]' },
    }
  }
  const load = async (id: number, forUpdate = false) => {
    const row = await (forUpdate ? store.incidents.getForUpdate(id) : store.incidents.get(id))
    if (!row) throw notFound(`no incident with id ${id}`)
    return row
  }
  const publish = async (kind: LiveEventOf<'incident'>, row: IncidentRow, extra: Record<string, unknown> = {}) => {
    const feature = incidentFeature(row, now())
    const data = Object.keys(extra).length ? { ...feature, properties: { ...feature.properties, ...extra } } : feature
    await store.events.append(now(), kind, row.id, row.township, data, row.grid, assignedDepartment(row))
  }

  /** The 409 of a stale ifUpdatedAt: who did what when (the last history step), and the record as it is now. */
  const stale = async (row: IncidentRow, actor: ActingPrincipal | null) => {
    const last = (await store.incidents.events(row.id)).at(-1)
    return new ApiError(409, 'conflict', `incident ${row.id} changed since you saw it: ${describeStep(last)}; ` +
      'look at it again (current) and act on what it is now', {}, { current: view(row, false, actor) })
  }

  const prepare = (input: IncidentCreate, at: number, synthetic: boolean, authorize?: Authorize): NewIncidentRow =>
    newIncidentRow(input, at, locator, synthetic, authorize)
  /**
   * The row, its history row and its change-feed event; inside the caller's transaction. The stored row is the
   * prepared one with its id: every column is written from it, none is defaulted by SQL, so reading it back would
   * only return the same values.
   */
  const insert = async (row: NewIncidentRow, reporter: ActingPrincipal | null): Promise<IncidentRow> => {
    const stored = { id: await store.incidents.insert(row), ...row, ...UNASSIGNED }
    await store.incidents.addEvent({
      incidentId: stored.id, at: row.reportedAt, action: 'report', fromStatus: null, toStatus: 'reported', note: null,
      ...actorFields(reporter), detail: null,
    })
    await publish('incident.created', stored)
    return stored
  }

  return {
    /** Where the record lies (undefined when unknown), for the route's reach check before anything else. */
    placeOf: async (id: number) => placeOfRow(await store.incidents.get(id), assignedDepartment),

    /** Stores a new incident; call inside a transaction when it must share one with other writes. */
    async create(input: IncidentCreate, opts: CreateOptions = {}) {
      const row = prepare(input, now(), opts.synthetic ?? false, opts.authorize)
      const actor = opts.actor ?? null
      return view(await store.transaction(() => insert(row, actor)), false, actor)
    },

    /**
     * Stores a batch (an offline queue syncing) all or nothing, in one transaction: one commit, one change-feed
     * notification, however many incidents. Each is checked as `create` checks it (its caller's reach included),
     * before anything is written; the first bad one rejects the batch with the 422 or 403 that names its index.
     * Each still gets its own history row and change-feed event.
     */
    async createMany(inputs: readonly IncidentCreate[], opts: CreateOptions = {}) {
      const actor = opts.actor ?? null
      const at = now()
      const rows = inputs.map((input, i) => {
        try {
          return prepare(input, at, opts.synthetic ?? false, opts.authorize)
        } catch (err) {
          if (err instanceof ApiError) throw new ApiError(err.status, err.code, `incidents[${i}]: ${err.message}`)
          throw err
        }
      })
      const stored = await store.transaction(async () => {
        const out: IncidentRow[] = []
        for (const row of rows) out.push(await insert(row, actor))
        return out
      })
      return stored.map((row) => view(row, false, actor))
    },

    /**
     * One action on one incident, in one transaction that locks its row first (a concurrent action waits, then is
     * judged on what this one left). `actor`: who acts, recorded in history; refused with 403 not_your_action
     * when the action is not on their side (domain/incident-sides.ts). Null: the system's own step (the
     * simulator), which holds every side. `ifUpdatedAt` other than the stored updatedAt: 409 conflict.
     */
    async transition(id: number, req: IncidentTransitionRequest, actor: ActingPrincipal | null = null) {
      const row = await store.transaction(async () => {
        const current = await load(id, true)
        if (req.ifUpdatedAt !== undefined && Date.parse(req.ifUpdatedAt) !== current.updatedAt) throw await stale(current, actor)
        if (actor !== null && !mayTakeIncidentAction(actor, sidedOf(current), req.action)) {
          throw new ApiError(403, 'not_your_action',
            `${ROLE_LABELS[actor.role].nameEn} (${actor.role}) may not ${req.action} (${actionName(req.action)}) this incident: only ${whoMay(req.action, sidedOf(current))} may`)
        }
        const status = current.status as IncidentStatus
        const at = now()
        const result = nextIncidentStatus(status, req.action, contextOf(current, at))
        if (!result.ok) throw new ApiError(409, 'invalid_transition', result.message)
        const change = incidentChange(req, current, at, actor)
        await store.incidents.update(id, { status: result.status, ...stampFor(req.action, at), ...change.patch }, at)
        await store.incidents.addEvent({
          incidentId: id, at, action: req.action, fromStatus: status, toStatus: result.status, note: req.note ?? null,
          ...actorFields(actor), detail: change.detail === null ? null : JSON.stringify(change.detail),
        })
        const updated = await load(id)
        // 核查归档 draws the call-back (回访) in the same transaction: a verified case never lacks the task it drew.
        if (req.action === 'verify') await drawCallback(store, updated, at)
        if (req.action === 'supervise') {
          // The stream sends one message to every client, walls included, which must never receive free text
          // unmasked: the order's note stays in the record's history, read through the masking routes.
          const by = actor === null ? null : { name: actor.name, role: actor.role }
          await publish('incident.supervised', updated, { supervision: { level: change.detail!.level, at: iso(at), by } })
        } else {
          await publish('incident.updated', updated)
        }
        return updated
      })
      return view(row, false, actor)
    },

    /**
     * One 督办 order on many incidents in one transaction, each judged as a single transition is (its row locked,
     * its sides, its state). `inReach` is the caller's reach: an incident outside it is refused as one that does
     * not exist. Without `partial`, a refusal rolls everything back and the answer is the results with
     * `stored: false`; with it the good ones are stored.
     */
    async superviseMany(req: { ids: readonly number[]; note: string; level?: SupervisionLevel; partial: boolean },
      actor: ActingPrincipal, inReach: (place: RecordPlace) => boolean) {
      const results: SuperviseResult[] = []
      const refused = new RefusedBatch()
      try {
        await store.transaction(async () => {
          for (const id of req.ids) {
            try {
              const place = placeOfRow(await store.incidents.get(id))
              if (!place || !inReach(place)) throw notFound(`no incident with id ${id}`)
              const record = await this.transition(id, { action: 'supervise', note: req.note, ...(req.level ? { level: req.level } : {}) }, actor)
              results.push({ id, ok: true, status: record.status })
            } catch (err) {
              if (!(err instanceof ApiError)) throw err
              results.push({ id, ok: false, code: err.code, message: err.message })
            }
          }
          if (!req.partial && results.some((r) => !r.ok)) throw refused
        })
      } catch (err) {
        if (err !== refused) throw err
        return { stored: false, results }
      }
      return { stored: true, results }
    },

    /** The record with its history; allowedActions narrowed to `actor`'s sides when one is given. */
    async get(id: number, masked = false, actor: ActingPrincipal | null = null) {
      const row = await load(id)
      const at = now()
      return {
        ...view(row, masked, actor), history: incidentHistory(await store.incidents.events(id), masked),
        callbacks: (await store.callbacks.ofIncident(id)).map((task) => callbackTask(task, at, actor, masked)),
        case: await cases.caseOf(id, masked),
      }
    },

    /** The record answer (without history) of a row read elsewhere, as `actor` sees it: a department's queue's items. */
    recordOf: (row: IncidentRow, actor: ActingPrincipal) => view(row, false, actor),

    /**
     * One page, newest first, as map features; `next` is the cursor of the following page or null. `fields: 'map'`
     * gives only what the map draws (incidentMapFeature).
     */
    /** How many incidents the list's filter holds, all pages together. */
    count: (filter: IncidentFilter) => store.incidents.count(filter),

    /** The list's feature of one incident (undefined when unknown): what a feature service answers for one item. */
    feature: async (id: number) => {
      const row = await store.incidents.get(id)
      return row ? incidentFeature(row, now()) : undefined
    },

    /**
     * One page of the list as it stood at `asOf` (domain/as-of.ts: left out, the end of `filter.to` or now,
     * whichever is earlier; the future is 422): overdue is judged then, each incident's status is its status then.
     */
    async list(filter: IncidentFilter, limit: number, cursor?: string, fields: 'all' | 'map' = 'all', asOf?: number) {
      const feature = fields === 'map' ? incidentMapFeature : incidentFeature
      const then = await incidentsAt(filter, asOf)
      return await featurePage(cursor, limit,
        async (after, n) => then.current ? await store.incidents.list(then.filter, n, after) : await store.incidents.listAt(then.filter, n, after, then.past),
        (r) => ({ at: r.reportedAt, id: r.id }), (r) => feature(r, then.at))
    },

    /** How many incidents the list holds at `asOf` (as `list` reads it), all pages together: an export's count. */
    async countAsOf(filter: IncidentFilter, asOf?: number) {
      const then = await incidentsAt(filter, asOf)
      return then.current ? await store.incidents.count(then.filter) : await store.incidents.countAt(then.filter, then.past)
    },

    /**
     * A page of the list at `asOf` as records (description and reporter included, masked as the detail is for
     * `masked`), in the list's order and with its cursor: what an export writes, the same rows as `list`.
     */
    async recordPage(filter: IncidentFilter, limit: number, cursor: string | undefined, masked: boolean, asOf?: number) {
      const then = await incidentsAt(filter, asOf)
      return await featurePage(cursor, limit,
        async (after, n) => then.current ? await store.incidents.rows(then.filter, n, after) : await store.incidents.rowsAt(then.filter, n, after, then.past),
        (r) => ({ at: r.reportedAt, id: r.id }), (r) => incidentRecord(r, { now: then.at, masked }))
    },
  }
}
export type IncidentService = ReturnType<typeof incidentService>

/** One incident's result in a batch 督办. */
export interface SuperviseResult { id: number; ok: boolean; status?: string; code?: string; message?: string }
/** Thrown inside a batch's transaction to roll it back once a refusal means nothing may be stored. */
class RefusedBatch extends Error {}

/** How a new incident is stored: synthetic (the simulator's), checked by `authorize`, reported by `actor`. */
/**
 * Everything about a new incident that needs no database: its type's routing, its place (WGS84, township, village
 * and grid), its deadlines from `at`. Throws the 422 a client gets; stores nothing. Intake and the records import
 * (api/import/records/) both make their rows here.
 */
export function newIncidentRow(input: IncidentCreate, at: number, locator: Locator, synthetic: boolean, authorize?: Authorize): NewIncidentRow {
  const type = getIncidentType(input.type)
  if (!type) throw unprocessable(`unknown incident type "${input.type}"; see /api/reference`)
  const placed = placePoint(input.point, locator)
  // The caller's reach is checked against where the point falls, before anything is stored.
  authorize?.(placed)
  const { acceptBy, resolveBy } = incidentDeadlines(at, input.severity)
  return {
    type: type.id, category: type.category, module: type.module, department: type.department,
    onList: type.onList ? 1 : 0, listItem: type.listItem,
    source: input.source, severity: input.severity,
    lng: placed.lng, lat: placed.lat, crsIn: placed.crsIn,
    county: countyOf(placed.township), township: placed.township, village: placed.village, grid: placed.grid,
    description: input.description,
    reporterName: input.reporter?.name ?? null, reporterPhone: input.reporter?.phone ?? null,
    status: 'reported',
    reportedAt: at, acceptedAt: null, dispatchedAt: null, startedAt: null, resolvedAt: null,
    verifiedAt: null, returnedAt: null, supervisedAt: null,
    acceptBy, resolveBy, synthetic: synthetic ? 1 : 0, updatedAt: at,
  }
}

export interface CreateOptions { synthetic?: boolean; authorize?: Authorize; actor?: ActingPrincipal | null }

const actionName = (action: string) => INCIDENT_ACTIONS.find((a) => a.id === action)?.name ?? action

/** A history step in words, for a conflict's message: "张三 (township) 交办 (dispatch) at 2026-…". */
function describeStep(step: IncidentEventRow | undefined): string {
  if (!step) return 'no step is recorded'
  const who = step.actorName === null ? 'the system (before actors were recorded)' : `${step.actorName} (${step.actorRole})`
  return `${who} took ${step.action} (${actionName(step.action)}) at ${new Date(step.at).toISOString()}`
}

function stampFor(action: IncidentAction, at: number): Partial<IncidentRow> {
  if (action === 'reopen') return { resolvedAt: null }
  const field = INCIDENT_ACTION_STAMP[action]
  return field ? { [field]: at } : {}
}
