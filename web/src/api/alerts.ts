// The alert routes (研判预警) as the screens call them: the open alerts of a scope, one alert with its evidence and
// history, and an action on it.
import type { AlertFeature, AlertProps } from '../alerts/alert-feature'
import { OPEN_ALERT_STATUSES, asAlertFeature } from '../alerts/alert-feature'
import type { AlertTransitionRequest } from '../../../domain/schemas'
import { scopeLevel, townshipOf } from '../../../domain/regions'
import { alertInScope } from '../alerts/alert-feature'
import { getJson, postJson } from './client'

/** More open alerts than a county ever has at once; the panel shows the first of them. */
const LIMIT = 500

/** Who took a step of an alert's history (null: the evaluation itself). */
export interface AlertActor { name: string; role: string }

export interface AlertStep {
  at: string
  action: string
  from: string | null
  to: string
  note: string | null
  by?: AlertActor | null
  /** The levels of a change of level, the hours of a snooze. */
  detail?: Record<string, unknown> | null
}

/** GET /api/alerts/{id}: the feature's properties and the whole evidence, its history and what the caller may do. */
export interface AlertDetail extends AlertProps {
  history?: AlertStep[]
  allowedActions?: string[]
  closedAt?: string | null
  closeReason?: string | null
  snoozedUntil?: string | null
  paramsVersion?: number
  geometry?: GeoJSON.Geometry | null
}

/**
 * The open alerts of a scope (new, acknowledged, handling), at any time they were raised. The list is scoped by the
 * county, a township or a grid: a village's are its township's that lie in it (or whose area holds it).
 */
export async function fetchOpenAlerts(scope: string, signal: AbortSignal): Promise<AlertFeature[]> {
  const asked = scopeLevel(scope) === 'village' ? townshipOf(scope)! : scope
  const page = await getJson('/api/alerts', { query: { scope: asked, status: [...OPEN_ALERT_STATUSES], limit: LIMIT }, signal })
  return page.features.map(asAlertFeature).filter((f): f is AlertFeature => f !== null && alertInScope(f.properties, scope))
}

export async function fetchAlert(id: number, signal?: AbortSignal): Promise<AlertDetail> {
  return await getJson('/api/alerts/{id}', { params: { id }, ...(signal ? { signal } : {}) })
}

export async function actOnAlert(id: number, request: AlertTransitionRequest): Promise<AlertDetail | null> {
  return await postJson('/api/alerts/{id}/transitions', request, { id })
}
