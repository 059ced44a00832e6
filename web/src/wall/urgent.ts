// What counts as urgent enough to interrupt the wall's tour, decided from the map feature an event
// carries (no personal data in it): a new 紧急 (critical) incident, a warning on a red-grade site (the site's
// `urgent`), an open high-risk dispute, and an open whistle call past its SLA. Pure, so it is tested as data.
import { OPEN_DISPUTE_STATUSES } from '../../../domain/dispute'
import { isOneOf } from '../../../domain/label'
import { OPEN_WHISTLE_STATUSES } from '../../../domain/whistle'

export type RecordKind = 'incident' | 'dispute' | 'site' | 'whistle'

/** A record as the wall shows it: kind, id, where it is, and its feature properties (no personal data). */
export interface WallRecord {
  kind: RecordKind
  id: number
  /** The event id on the stream (null for records fetched rather than streamed). */
  eventId: number | null
  /** What happened: created, updated, or breached (a whistle call found past its SLA by the poll). */
  action: 'created' | 'updated' | 'breached'
  point: [number, number] | null
  township: string | null
  props: Record<string, unknown>
  /** When it happened (epoch ms): reportedAt / acceptedAt / whistledAt for new records, arrival time otherwise. */
  at: number
}

export interface Urgent extends WallRecord {
  /** One interruption per key: a record interrupts again only when what made it urgent changes. */
  key: string
  reason: 'critical' | 'red-site' | 'high-risk' | 'sla-breached'
}


const KINDS: Record<string, RecordKind> = { incident: 'incident', dispute: 'dispute', site: 'site', whistle: 'whistle' }

/** A stream event (`incident.created`, `site.updated` …) with a GeoJSON feature as data, as a wall record. */
export function recordFromEvent(e: { id: number; kind: string; data: unknown }, arrivedAt: number): WallRecord | null {
  const [k, action] = e.kind.split('.')
  const kind = KINDS[k ?? '']
  const f = e.data as { id?: unknown; geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> } | null
  if (!kind || !f || typeof f !== 'object' || !f.properties) return null
  return recordFromFeature(kind, f, action === 'created' ? 'created' : 'updated', Number.isFinite(e.id) ? e.id : null, arrivedAt)
}

export function recordFromFeature(kind: RecordKind, f: { id?: unknown; geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> },
  action: WallRecord['action'], eventId: number | null, fallbackAt: number): WallRecord | null {
  const props = f.properties ?? {}
  const id = Number(f.id ?? props.id)
  if (!Number.isFinite(id)) return null
  const c = f.geometry?.type === 'Point' ? f.geometry.coordinates : null
  const point = Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? [c[0], c[1]] as [number, number] : null
  const stamp = action === 'updated' ? null : Date.parse(String(props.reportedAt ?? props.acceptedAt ?? props.whistledAt ?? ''))
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
  switch (r.kind) {
    case 'incident':
      return r.action === 'created' && p.severity === 'critical' ? { ...r, key: `incident:${r.id}`, reason: 'critical' } : null
    case 'site':
      // A new warning raises openWarnings: the same site interrupts again.
      return p.urgent === true ? { ...r, key: `site:${r.id}:${String(p.openWarnings ?? '')}`, reason: 'red-site' } : null
    case 'dispute':
      // Escalated to a higher level is news again.
      return p.risk === 'high' && isOneOf(OPEN_DISPUTE_STATUSES, p.status) ? { ...r, key: `dispute:${r.id}:${String(p.level ?? '')}`, reason: 'high-risk' } : null
    case 'whistle':
      // Per stage: late to acknowledge, then late to arrive, are two things to see.
      return p.sla === 'breached' && isOneOf(OPEN_WHISTLE_STATUSES, p.status) ? { ...r, key: `whistle:${r.id}:${String(p.status)}`, reason: 'sla-breached' } : null
  }
}
