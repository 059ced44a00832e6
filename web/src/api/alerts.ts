// The alert routes (研判预警) as the screens call them: the open alerts of a scope, one alert with its evidence and
// history, and an action on it.
import type { AlertFeature, AlertProps } from '../alerts/alert-feature'
import { OPEN_ALERT_STATUSES, asAlertFeature } from '../alerts/alert-feature'
import { getJson, postJson } from './client'

// TEMPORARY until the alert routes are in the OpenAPI document (alerts-core): typed by hand from the contract.
const get = getJson as unknown as (path: string, o: object) => Promise<unknown>
const post = postJson as unknown as (path: string, body: unknown, params: object) => Promise<unknown>

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

/** The open alerts of a scope (new, acknowledged, handling), every page. */
export async function fetchOpenAlerts(scope: string, signal: AbortSignal): Promise<AlertFeature[]> {
  const page = await get('/api/alerts', { query: { scope, status: [...OPEN_ALERT_STATUSES], limit: LIMIT }, signal }) as { features: unknown[] }
  return page.features.map(asAlertFeature).filter((f): f is AlertFeature => f !== null)
}

export async function fetchAlert(id: number, signal?: AbortSignal): Promise<AlertDetail> {
  return await get('/api/alerts/{id}', { params: { id }, ...(signal ? { signal } : {}) }) as AlertDetail
}

export interface AlertActionRequest { action: string; note?: string; hours?: number }

export async function actOnAlert(id: number, request: AlertActionRequest): Promise<AlertDetail | null> {
  return await post('/api/alerts/{id}/transitions', request, { id }) as AlertDetail | null
}
