// Intake and life cycle of grid incidents. Every write is one transaction that stores the change, its history
// row and its change-feed event together; the event bus hears of it only after it commits (store.onCommit).
import { getIncidentType } from '../../domain/catalogue'
import type { IncidentAction, IncidentStatus, Severity } from '../../domain/incident'
import { INCIDENT_ACTION_STAMP, nextIncidentStatus } from '../../domain/incident'
import type { LiveEventOf } from '../../domain/live-events'
import { countyOf } from '../../domain/regions'
import type { IncidentCreate, IncidentTransitionRequest } from '../../domain/schemas'
import { incidentDeadlines, isIncidentOverdue } from '../../domain/sla'
import { ApiError, notFound, unprocessable } from '../errors'
import type { Store } from '../store'
import type { IncidentFilter, IncidentRow, NewIncidentRow } from '../store/incidents'
import { incidentFeature, incidentHistory, incidentMapFeature, incidentRecord } from './incident-record'
import { featurePage } from './keyset'
import type { Locator } from './locator'
import { placePoint } from './place-point'
import { assignedDepartment, placeOfRow } from './record-place'

/** The caller's reach check on where a new incident falls: throws its 403, or returns to let it be stored. */
export type Authorize = (place: { township: string; grid: string }) => void

export interface ServiceDeps {
  store: Store
  locator: Locator
  now: () => number
}

export function incidentService({ store, locator, now }: ServiceDeps) {
  const view = (row: IncidentRow, masked = false) => incidentRecord(row, { now: now(), masked })
  const load = async (id: number) => {
    const row = await store.incidents.get(id)
    if (!row) throw notFound(`no incident with id ${id}`)
    return row
  }
  const publish = async (kind: LiveEventOf<'incident'>, row: IncidentRow) =>
    await store.events.append(now(), kind, row.id, row.township, incidentFeature(row, now()), row.grid, assignedDepartment(row))

  /**
   * Everything about a new incident that needs no database: its type's routing, its place (WGS84, township,
   * village and grid), its deadlines. Throws the 422 a client gets; stores nothing.
   */
  const prepare = (input: IncidentCreate, at: number, synthetic: boolean, authorize?: Authorize): NewIncidentRow => {
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
  /**
   * The row, its history row and its change-feed event; inside the caller's transaction. The stored row is the
   * prepared one with its id: every column is written from it, none is defaulted by SQL, so reading it back would
   * only return the same values.
   */
  const insert = async (row: NewIncidentRow): Promise<IncidentRow> => {
    const stored = { id: await store.incidents.insert(row), ...row }
    await store.incidents.addEvent({ incidentId: stored.id, at: row.reportedAt, action: 'report', fromStatus: null, toStatus: 'reported', note: null })
    await publish('incident.created', stored)
    return stored
  }

  return {
    /** Where the record lies (undefined when unknown), for the route's reach check before anything else. */
    placeOf: async (id: number) => placeOfRow(await store.incidents.get(id), assignedDepartment),

    /** Stores a new incident; call inside a transaction when it must share one with other writes. */
    async create(input: IncidentCreate, opts: { synthetic?: boolean; authorize?: Authorize } = {}) {
      const row = prepare(input, now(), opts.synthetic ?? false, opts.authorize)
      return view(await store.transaction(() => insert(row)))
    },

    /**
     * Stores a batch (an offline queue syncing) all or nothing, in one transaction: one commit, one change-feed
     * notification, however many incidents. Each is checked as `create` checks it (its caller's reach included),
     * before anything is written; the first bad one rejects the batch with the 422 or 403 that names its index.
     * Each still gets its own history row and change-feed event.
     */
    async createMany(inputs: readonly IncidentCreate[], opts: { synthetic?: boolean; authorize?: Authorize } = {}) {
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
        for (const row of rows) out.push(await insert(row))
        return out
      })
      return stored.map((row) => view(row))
    },

    async transition(id: number, req: IncidentTransitionRequest) {
      const row = await store.transaction(async () => {
        const current = await load(id)
        const status = current.status as IncidentStatus
        const at = now()
        const overdue = isIncidentOverdue({ status, severity: current.severity as Severity, reportedAt: current.reportedAt }, at)
        const result = nextIncidentStatus(status, req.action, { onList: current.onList === 1, overdue })
        if (!result.ok) throw new ApiError(409, 'invalid_transition', result.message)
        await store.incidents.update(id, { status: result.status, ...stampFor(req.action, at) }, at)
        await store.incidents.addEvent({ incidentId: id, at, action: req.action, fromStatus: status, toStatus: result.status, note: req.note ?? null })
        const updated = await load(id)
        await publish('incident.updated', updated)
        return updated
      })
      return view(row)
    },

    async get(id: number, masked = false) {
      const row = await load(id)
      return { ...view(row, masked), history: incidentHistory(await store.incidents.events(id), masked) }
    },

    /** The record answer (without history) of a row read elsewhere: a department's queue shapes its items from it. */
    recordOf: (row: IncidentRow) => view(row),

    /**
     * One page, newest first, as map features; `next` is the cursor of the following page or null. `fields: 'map'`
     * gives only what the map draws (incidentMapFeature).
     */
    list(filter: IncidentFilter, limit: number, cursor?: string, fields: 'all' | 'map' = 'all') {
      const at = now()
      const feature = fields === 'map' ? incidentMapFeature : incidentFeature
      return featurePage(cursor, limit, async (after, n) => await store.incidents.list(filter, n, after),
        (r) => ({ at: r.reportedAt, id: r.id }), (r) => feature(r, at))
    },
  }
}
export type IncidentService = ReturnType<typeof incidentService>

function stampFor(action: IncidentAction, at: number): Partial<IncidentRow> {
  if (action === 'reopen') return { resolvedAt: null }
  const field = INCIDENT_ACTION_STAMP[action]
  return field ? { [field]: at } : {}
}
