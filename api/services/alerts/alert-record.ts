// What the API says about an alert: the stored row in the API's words — a map feature (the grid or township it is
// about, or its point), a title in both languages, the evidence with ISO times, the actions open to it now.
import type { AlertDetail, AlertEvidence, AlertFeature, AlertRecord, AlertStep } from '../../../domain/answers/alert'
import type { AlertStatus } from '../../../domain/alerts/alert-status'
import { allowedAlertActions } from '../../../domain/alerts/alert-status'
import { ALERT_RULES } from '../../../domain/alerts/rules'
import type { AlertLevel } from '../../../domain/alerts/rule'
import { CATEGORIES } from '../../../domain/catalogue'
import { DEPARTMENTS } from '../../../domain/departments'
import { COUNTY_NAME } from '../../../domain/regions'
import type { AlertEventRow, AlertRow } from '../../store/alerts'
import { freeText, iso, stepBy } from '../record-view'
import type { Regions } from '../regions'
import type { StoredEvidence } from './finding'

type Geometry = AlertFeature['geometry']

/** Names and outlines of the places alerts are about, looked up once. */
export interface AlertPlaces {
  name(code: string | null): string | null
  outline(code: string | null): Geometry
  seat(township: string): [number, number] | null
}

export function alertPlaces(regions: Regions): AlertPlaces {
  const byId = new Map([...regions.townships.features, ...regions.grids.features].map((f) => [f.properties.id, f]))
  return {
    name: (code) => (code === null ? null : (byId.get(code)?.properties.name as string | undefined) ?? code),
    outline: (code) => (code === null ? null : (byId.get(code)?.geometry as Geometry | undefined) ?? null),
    seat: (township) => {
      const seat = byId.get(township)?.properties.seat
      return Array.isArray(seat) && seat.length === 2 ? seat as [number, number] : null
    },
  }
}

const evidenceOf = (row: AlertRow) => JSON.parse(row.evidence) as StoredEvidence

function title(row: AlertRow, ev: StoredEvidence, places: AlertPlaces): { name: string; nameEn: string } {
  const rule = ALERT_RULES.find((r) => r.id === row.rule)
  const ruleName = { name: rule?.name ?? row.rule, nameEn: rule?.nameEn ?? row.rule }
  const township = places.name(row.township)
  const grid = places.name(row.grid)
  const where = [township, grid].filter((s) => s !== null).join(' ')
  const category = ev.category ? CATEGORIES.find((c) => c.id === ev.category) : undefined
  const department = ev.department ? DEPARTMENTS.find((d) => d.id === ev.department) : undefined
  const what = category ?? department
  const place = where || COUNTY_NAME.name
  return {
    name: `${place} · ${ruleName.name}${what ? `（${what.name}）` : ''}`,
    nameEn: `${ruleName.nameEn}${what ? ` (${what.nameEn})` : ''} — ${where || COUNTY_NAME.nameEn}`,
  }
}

function geometry(row: AlertRow, places: AlertPlaces): Geometry {
  if (row.lng !== null && row.lat !== null) return { type: 'Point', coordinates: [row.lng, row.lat] }
  return places.outline(row.grid ?? row.township)
}

function evidence(ev: StoredEvidence): AlertEvidence {
  return {
    recordKind: ev.recordKind, count: ev.count,
    observed: ev.observed ?? null, expected: ev.expected ?? null, p: ev.p ?? null,
    window: ev.window ?? null, windowFrom: iso(ev.windowFrom ?? null), windowTo: iso(ev.windowTo ?? null),
    category: ev.category ?? null, department: ev.department ?? null,
    recordIds: ev.recordIds,
  }
}

function common(row: AlertRow, places: AlertPlaces) {
  const ev = evidenceOf(row)
  return {
    ev,
    properties: {
      id: row.id, rule: row.rule, level: row.level as AlertLevel, status: row.status as AlertStatus,
      title: title(row, ev, places), township: row.township, grid: row.grid,
      raisedAt: iso(row.raisedAt), lastSeenAt: iso(row.lastSeenAt),
    },
  }
}

export function alertFeature(row: AlertRow, places: AlertPlaces): AlertFeature {
  const { ev, properties } = common(row, places)
  const { recordIds: _, ...summary } = evidence(ev)
  return { type: 'Feature', id: row.id, geometry: geometry(row, places), properties: { ...properties, evidence: summary } }
}

export function alertRecord(row: AlertRow, places: AlertPlaces, snoozedUntil: number | null): AlertRecord {
  const { ev, properties } = common(row, places)
  return {
    ...properties,
    geometry: geometry(row, places),
    evidence: evidence(ev),
    paramsVersion: row.paramsVersion,
    closedAt: iso(row.closedAt), closeReason: row.closeReason,
    snoozedUntil: iso(snoozedUntil),
    allowedActions: allowedAlertActions(row.status as AlertStatus),
    updatedAt: iso(row.updatedAt),
  }
}

export function alertHistory(events: AlertEventRow[], masked: boolean): AlertStep[] {
  return events.map((e) => ({
    at: iso(e.at), action: e.action, from: e.fromStatus, to: e.toStatus,
    detail: e.detail === null ? null : JSON.parse(e.detail) as Record<string, unknown>,
    note: freeText(e.note, masked), by: stepBy(e, masked),
  }))
}

export function alertDetail(row: AlertRow, places: AlertPlaces, snoozedUntil: number | null, events: AlertEventRow[], masked: boolean): AlertDetail {
  return { ...alertRecord(row, places, snoozedUntil), history: alertHistory(events, masked) }
}
