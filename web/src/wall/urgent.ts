// What counts as urgent enough to interrupt the wall's tour, decided from the map feature an event
// carries (no personal data in it): a new 紧急 (critical) incident, a warning on a red-grade site (the site's
// `urgent`), an open high-risk dispute, a county-level 督办 on a 紧急 incident, an open whistle call past its
// SLA, and an open 红 alert (研判预警: raised red, or raised to red). Each is an Interrupt for the wall's one queue (interrupt-queue.ts) with its priority. Pure, tested as data.
import { isOpenAlert } from '../../../domain/alerts/alert-status'
import { OPEN_DISPUTE_STATUSES } from '../../../domain/dispute'
import { isOneOf } from '../../../domain/label'
import { OPEN_WHISTLE_STATUSES } from '../../../domain/whistle'
import { alertCenter } from '../alerts/alert-feature'
import type { Interrupt } from './interrupt-queue'

export type RecordKind = 'incident' | 'dispute' | 'site' | 'whistle' | 'alert'

/** A record as the wall shows it: kind, id, where it is, and its feature properties (no personal data). */
export interface WallRecord {
  kind: RecordKind
  id: number
  /** The event id on the stream (null for records fetched rather than streamed). */
  eventId: number | null
  /** What happened: created (an alert raised), updated, supervised (督办), or breached (a whistle call found past its SLA by the poll). */
  action: 'created' | 'updated' | 'supervised' | 'breached'
  point: [number, number] | null
  township: string | null
  props: Record<string, unknown>
  /** When it happened (epoch ms): reportedAt / acceptedAt / whistledAt for new records, the 督办's time for a
   *  supervision, arrival time otherwise. */
  at: number
  /** The 督办 an `incident.supervised` event carries; its note and the supervisor's name are left behind. */
  supervision?: WallSupervision
}

/** What the wall keeps of a 督办: its level, when, and the supervisor's role (never the note's free text). */
export interface WallSupervision { level: 'township' | 'county'; at: number; role: string | null }

export type UrgentReason = 'critical' | 'red-site' | 'red-alert' | 'high-risk' | 'county-supervision' | 'sla-breached'

/** A record that interrupts: one interruption per key (a record interrupts again only when what made it urgent
 *  changes), at most one waiting per record. */
export interface Urgent extends WallRecord, Interrupt {
  reason: UrgentReason
}

/**
 * Which goes first when several wait: a danger that is new (a 紧急 report, a warning at a red-grade site) before
 * an escalation (a high-risk dispute, the county's 督办 on a 紧急 incident that is already on the map), before a
 * clock that ran out (a whistle call not answered in time). A 红 alert sits between the first two: a pattern the
 * evaluation found (a dozen reports in one grid within the hour) is more than an escalation of one record, and less
 * sudden than one new danger, whose records are its own evidence.
 */
export const URGENT_PRIORITY: Record<UrgentReason, number> = {
  critical: 30, 'red-site': 30, 'red-alert': 25, 'high-risk': 20, 'county-supervision': 20, 'sla-breached': 10,
}


const KINDS: Record<string, RecordKind> = { incident: 'incident', dispute: 'dispute', site: 'site', whistle: 'whistle', alert: 'alert' }

/** A stream event (`incident.created`, `site.updated` …) with a GeoJSON feature as data, as a wall record. */
export function recordFromEvent(e: { id: number; kind: string; data: unknown }, arrivedAt: number): WallRecord | null {
  const [k, action] = e.kind.split('.')
  const kind = KINDS[k ?? '']
  const f = e.data as { id?: unknown; geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> } | null
  if (!kind || !f || typeof f !== 'object' || !f.properties) return null
  const supervised = kind === 'incident' && action === 'supervised' ? supervisionOf(f.properties.supervision) : undefined
  // The 督办's note (free text) and the supervisor's name stay out of the wall's records altogether.
  const properties = { ...f.properties }
  delete properties.supervision
  const r = recordFromFeature(kind, { ...f, properties }, action === 'created' || action === 'raised' ? 'created' : supervised ? 'supervised' : 'updated', Number.isFinite(e.id) ? e.id : null, arrivedAt)
  return r && supervised ? { ...r, supervision: supervised, at: Number.isFinite(supervised.at) ? supervised.at : arrivedAt } : r
}

/** The `supervision` property of an incident.supervised feature, as the wall keeps it; undefined when malformed. */
function supervisionOf(s: unknown): WallSupervision | undefined {
  if (!s || typeof s !== 'object') return undefined
  const { level, at, by } = s as { level?: unknown; at?: unknown; by?: unknown }
  if (level !== 'township' && level !== 'county') return undefined
  const role = by && typeof by === 'object' && typeof (by as { role?: unknown }).role === 'string' ? (by as { role: string }).role : null
  return { level, at: Date.parse(String(at ?? '')), role }
}

export function recordFromFeature(kind: RecordKind, f: { id?: unknown; geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> },
  action: WallRecord['action'], eventId: number | null, fallbackAt: number): WallRecord | null {
  const props = f.properties ?? {}
  const id = Number(f.id ?? props.id)
  if (!Number.isFinite(id)) return null
  const c = f.geometry?.type === 'Point' ? f.geometry.coordinates : null
  // An alert's area (a grid) is flown to at its middle.
  const point = Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? [c[0], c[1]] as [number, number]
    : kind === 'alert' && f.geometry ? alertCenter({ geometry: f.geometry as GeoJSON.Geometry }) : null
  const stamp = action === 'updated' || action === 'supervised' ? null : Date.parse(String(props.reportedAt ?? props.acceptedAt ?? props.whistledAt ?? props.raisedAt ?? ''))
  return {
    kind, id, eventId, action, point,
    township: typeof props.township === 'string' ? props.township : null,
    props,
    at: stamp !== null && Number.isFinite(stamp) ? stamp : fallbackAt,
  }
}

/** Whether a record interrupts the tour, and under which key it is remembered. */
export function urgentOf(r: WallRecord): Urgent | null {
  const p = r.props
  const urgent = (key: string, reason: UrgentReason): Urgent => ({ ...r, key, record: `${r.kind}:${r.id}`, reason, priority: URGENT_PRIORITY[reason] })
  switch (r.kind) {
    case 'incident':
      if (r.action === 'created') return p.severity === 'critical' ? urgent(`incident:${r.id}`, 'critical') : null
      // Each county 督办 is news (a second one, days later, interrupts again); a township's is for the ticker.
      if (r.supervision?.level === 'county' && p.severity === 'critical') return urgent(`incident:${r.id}:county:${r.at}`, 'county-supervision')
      return null
    case 'site':
      // A new warning raises openWarnings: the same site interrupts again.
      return p.urgent === true ? urgent(`site:${r.id}:${String(p.openWarnings ?? '')}`, 'red-site') : null
    case 'dispute':
      // Escalated to a higher level is news again.
      return p.risk === 'high' && isOneOf(OPEN_DISPUTE_STATUSES, p.status) ? urgent(`dispute:${r.id}:${String(p.level ?? '')}`, 'high-risk') : null
    case 'whistle':
      // Per stage: late to acknowledge, then late to arrive, are two things to see.
      return p.sla === 'breached' && isOneOf(OPEN_WHISTLE_STATUSES, p.status) ? urgent(`whistle:${r.id}:${String(p.status)}`, 'sla-breached') : null
    case 'alert':
      // Once when it turns 红 (raised red, or raised to red later); judged or snoozed ones are not news again.
      return p.level === 'red' && isOpenAlert(String(p.status)) ? urgent(`alert:${r.id}:red`, 'red-alert') : null
  }
}
