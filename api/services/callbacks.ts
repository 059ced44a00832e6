// Call-backs (回访): the list of tasks, recording the resident's answer, and the shares setting. Recording is one
// transaction with the incident's row locked: the answer, and for 不满意 the 重办 (the case back to handling with
// its assignee, a history step naming the caller, incident.updated), and the callback.recorded event.
import type { ActingPrincipal } from '../../domain/actor'
import type { CallbackPage, CallbackSettings, CallbackTask } from '../../domain/answers/callback'
import { CALLBACK_LIMIT_WORKING_DAYS, REDO_RESULT, mayRecordCallback, whoMayRecordCallback } from '../../domain/callback'
import type { IncidentStatus, Severity } from '../../domain/incident'
import { nextIncidentStatus } from '../../domain/incident'
import type { LiveEventKind } from '../../domain/live-events'
import { ROLE_LABELS } from '../../domain/roles'
import type { CallbackRecordRequest, CallbackSettingsUpdate } from '../../domain/schemas'
import { incidentDeadlines } from '../../domain/sla'
import { ApiError, notFound } from '../errors'
import type { Store } from '../store'
import type { CallbackFilter } from '../store/callbacks'
import type { IncidentRow } from '../store/incidents'
import { CALLBACK_SHARES_KEY, callbackShares } from './callback-draw'
import type { PlaceNames } from './callback-record'
import { callbackItem, callbackTask } from './callback-record'
import { contextOf, incidentFeature } from './incident-record'
import { decodeCursor, encodeCursor } from './keyset'
import { assignedDepartment } from './record-place'
import { actorFields } from './record-view'

export interface CallbackServiceDeps {
  store: Store
  now: () => number
  /** The name of a township, village or grid code (the geodata's). */
  names: PlaceNames
}

export function callbackService({ store, now, names }: CallbackServiceDeps) {
  const publish = async (kind: LiveEventKind, row: IncidentRow, extra: Record<string, unknown> = {}) => {
    const feature = incidentFeature(row, now())
    const data = { ...feature, properties: { ...feature.properties, ...extra } }
    await store.events.append(now(), kind, row.id, row.township, data, row.grid, assignedDepartment(row))
  }

  return {
    /** One page, newest verification first; `next` is the cursor of the following page or null. */
    async list(filter: Omit<CallbackFilter, 'now'>, limit: number, cursor: string | undefined, actor: ActingPrincipal | null): Promise<CallbackPage> {
      const at = now()
      const rows = await store.callbacks.list({ ...filter, now: at }, limit + 1, decodeCursor(cursor))
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        items: page.map((row) => callbackItem(row, at, actor, names)),
        next: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
      }
    },

    /** How many tasks the list's filter holds. */
    count: (filter: Omit<CallbackFilter, 'now'>) => store.callbacks.count({ ...filter, now: now() }),

    /** The tasks of one incident, oldest first, as `actor` sees them (the incident's detail shows them). */
    async ofIncident(incidentId: number, actor: ActingPrincipal | null, masked = false): Promise<CallbackTask[]> {
      const at = now()
      return (await store.callbacks.ofIncident(incidentId)).map((row) => callbackTask(row, at, actor, masked))
    },

    /**
     * Records the answer of the call-back awaited on incident `id`. 409 no_callback_awaited when none is; 403
     * not_your_action when `actor` is not the owner side; 409 conflict for a stale ifUpdatedAt (the incident's).
     * `actor` null: the system's own answer (the simulator), which holds every side.
     */
    async record(id: number, req: CallbackRecordRequest, actor: ActingPrincipal | null): Promise<CallbackTask> {
      const stored = await store.transaction(async () => {
        const incident = await store.incidents.getForUpdate(id)
        if (!incident) throw notFound(`no incident with id ${id}`)
        if (req.ifUpdatedAt !== undefined && Date.parse(req.ifUpdatedAt) !== incident.updatedAt) {
          throw new ApiError(409, 'conflict', `incident ${id} changed since you saw it (at ${new Date(incident.updatedAt).toISOString()}); look at it again and record the call-back on what it is now`)
        }
        const task = await store.callbacks.awaited(id)
        if (!task) {
          throw new ApiError(409, 'no_callback_awaited', `incident ${id} has no call-back awaiting an answer: a task is drawn when 核查归档 (verify) passes, and each is answered once`)
        }
        if (actor !== null && !mayRecordCallback(actor, task)) {
          throw new ApiError(403, 'not_your_action',
            `${ROLE_LABELS[actor.role].nameEn} (${actor.role}) may not record the call-back of incident ${id}: only ${whoMayRecordCallback(task)} may`)
        }
        const at = now()
        await store.callbacks.answer(task.id, { result: req.result, note: req.note ?? null, doneAt: at, ...actorFields(actor) }, at)
        let row = incident
        if (req.result === REDO_RESULT) {
          const status = incident.status as IncidentStatus
          const next = nextIncidentStatus(status, 'redo', { ...contextOf(incident, at), callbackDissatisfied: true })
          if (!next.ok) throw new ApiError(409, 'invalid_transition', next.message)
          // Back in hand, the case gets a new resolve limit from now: the old one ran out long ago.
          const { resolveBy } = incidentDeadlines(at, incident.severity as Severity)
          await store.incidents.update(id, { status: next.status, resolvedAt: null, verifiedAt: null, resolveBy }, at)
          const assignee = incident.assigneeKind === null ? null : { kind: incident.assigneeKind, code: incident.assigneeCode }
          await store.incidents.addEvent({
            incidentId: id, at, action: 'redo', fromStatus: status, toStatus: next.status, note: req.note ?? null,
            ...actorFields(actor), detail: assignee === null ? null : JSON.stringify({ assignee }),
          })
          row = (await store.incidents.get(id))!
          await publish('incident.updated', row)
        }
        // The stream reaches walls: the result, never the note (it stays with the task, read through the routes).
        await publish('callback.recorded', row, { result: req.result })
        return (await store.callbacks.get(task.id))!
      })
      return callbackTask(stored, now(), actor)
    },

    async settings(): Promise<CallbackSettings> {
      const shares = await callbackShares(store)
      return { citizenShare: shares.citizen, otherShare: shares.other, limitWorkingDays: CALLBACK_LIMIT_WORKING_DAYS }
    },

    /** Stores the shares the next verifications draw by (the route audits the write). */
    async setSettings(update: CallbackSettingsUpdate): Promise<CallbackSettings> {
      await store.transaction(() => store.meta.set(CALLBACK_SHARES_KEY, JSON.stringify({ citizen: update.citizenShare, other: update.otherShare })))
      return await this.settings()
    },
  }
}
export type CallbackService = ReturnType<typeof callbackService>
