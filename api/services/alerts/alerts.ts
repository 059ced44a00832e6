// 研判预警 as the routes ask for it: pages of alerts as map features, one alert with its evidence and history,
// the actions people take on one (domain/alerts/alert-status.ts), the rules and their parameters, and the
// evaluator the server schedules (schedule.ts). Every action is one transaction with its history row and its
// alert.updated event.
import type { ActingPrincipal } from '../../../domain/actor'
import type { AlertAction, AlertStatus } from '../../../domain/alerts/alert-status'
import { nextAlertStatus } from '../../../domain/alerts/alert-status'
import type { AlertTransitionRequest } from '../../../domain/schemas'
import { HOUR } from '../../../domain/time'
import { ApiError, notFound } from '../../errors'
import type { Store } from '../../store'
import type { AlertFilter, AlertPatch } from '../../store/alerts'
import { storeLocation } from '../../store/read-only'
import { featurePage } from '../keyset'
import { actorFields } from '../record-view'
import type { Regions } from '../regions'
import { alertDetail, alertFeature, alertPlaces, alertRecord } from './alert-record'
import { alertEvaluator } from './evaluate'
import { startFindingsThread } from './findings-thread'
import type { FindingsThread } from './findings-thread'
import { rulePlaces } from './rule-places'
import { ruleParamsService } from './rule-params'

export interface AlertServiceDeps { store: Store; regions: Regions; now: () => number }

const CLOSING: Partial<Record<AlertAction, true>> = { clear: true, falseAlarm: true }

export function alertService({ store, regions, now }: AlertServiceDeps) {
  const places = alertPlaces(regions)
  const ruleParams = ruleParamsService(store, now)
  const placesOfRules = rulePlaces(regions, places)
  const evaluator = alertEvaluator({ store, places, ruleParams, rulePlaces: placesOfRules })

  const load = async (id: number, forUpdate = false) => {
    const row = await (forUpdate ? store.alerts.getForUpdate(id) : store.alerts.get(id))
    if (!row) throw notFound(`no alert with id ${id}`)
    return row
  }

  return {
    evaluator,
    rules: ruleParams,
    /**
     * Has the evaluations' findings computed in a worker thread of their own (findings-thread.ts) until the
     * returned close() — the server's schedule does this, so an evaluation at a million incidents does not hold
     * the event loop. Null for an in-memory SQLite database, which no second connection can open: there they
     * stay in this thread.
     */
    offThread(onTrouble?: (message: string) => void): { thread: FindingsThread; close: () => Promise<void> } | null {
      const location = storeLocation(store)
      if (location === null) return null
      const thread = startFindingsThread({ location, places: placesOfRules, onTrouble })
      const back = evaluator.computeWith(thread.findings)
      return { thread, close: async () => { back(); await thread.close() } }
    },
    /** Where the alert lies, for the route's reach check (a county-wide one has no township). */
    placeOf: async (id: number) => {
      const row = await store.alerts.get(id)
      return row ? { township: row.township, grid: row.grid, department: null } : undefined
    },

    /** How many alerts the list's filter holds, all pages together. */
    count: (filter: AlertFilter) => store.alerts.count(filter),

    /** The list's feature of one alert (undefined when unknown). */
    feature: async (id: number) => {
      const row = await store.alerts.get(id)
      return row ? alertFeature(row, places) : undefined
    },

    list(filter: AlertFilter, limit: number, cursor?: string) {
      return featurePage(cursor, limit, async (after, n) => await store.alerts.list(filter, n, after),
        (r) => ({ at: r.raisedAt, id: r.id }), (r) => alertFeature(r, places))
    },

    async get(id: number, masked = false) {
      const row = await load(id)
      const at = now()
      return alertDetail(row, places, await store.alerts.snoozedUntil(row.subject, at), await store.alerts.events(id), masked)
    },

    /** An action by a person; 409 invalid_transition naming what is allowed now, nothing stored. */
    async transition(id: number, req: AlertTransitionRequest, actor: ActingPrincipal) {
      const row = await store.transaction(async () => {
        const current = await load(id, true)
        const status = current.status as AlertStatus
        const result = nextAlertStatus(status, req.action, { note: req.note, hours: req.hours })
        if (!result.ok) throw new ApiError(409, 'invalid_transition', result.message)
        const at = now()
        let detail: string | null = null
        if (req.action === 'snooze') {
          const until = at + req.hours! * HOUR
          await store.alerts.addSnooze({ rule: current.rule, subject: current.subject, until, at, ...actorFields(actor) })
          detail = JSON.stringify({ hours: req.hours, until: new Date(until).toISOString() })
        }
        const patch: AlertPatch = { status: result.status }
        if (CLOSING[req.action]) Object.assign(patch, { closedAt: at, closeReason: req.note ?? req.action })
        await store.alerts.update(id, patch, at)
        await store.alerts.addEvent({ alertId: id, at, action: req.action, fromStatus: status, toStatus: result.status, note: req.note ?? null, detail, ...actorFields(actor) })
        const updated = await load(id)
        await evaluator.publish('alert.updated', updated, at)
        return updated
      })
      return alertRecord(row, places, await store.alerts.snoozedUntil(row.subject, now()))
    },
  }
}
export type AlertService = ReturnType<typeof alertService>
