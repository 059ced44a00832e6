// Each metric of domain/metrics.ts as a formula over the parts that api/store/metric-sources.ts aggregates: the
// one place that says what a metric divides by what. Which entity a metric counts decides how it may be broken
// down; which sources it needs decides whether it has a time series.
import type { MetricId } from '../../domain/metrics'
import { METRIC_IDS } from '../../domain/metrics'
import { HOUR, MINUTE } from '../../domain/time'
import type { Dimension } from '../store/metric-sources'

/** What a metric reads: a store source, today's reports, or the households of the regions (from the geodata). */
export type Need = 'incidents' | 'incidentsToday' | 'openIncidents' | 'households' | 'disputes' | 'sites' | 'inspections' | 'whistles' | 'whistleAck'
export type Entity = 'incident' | 'dispute' | 'site' | 'inspection' | 'whistle'

/** Reads a part; a part nobody counted is 0. */
export type PartReader = (part: string) => number

interface Formula {
  entity: Entity
  needs: readonly Need[]
  value: (p: PartReader) => number
}

// The API promises a number for every metric: a ratio whose denominator is 0 (nothing to divide) reads 0, not null.
const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den)
const round2 = (x: number) => Math.round(x * 100) / 100

const incident = (needs: readonly Need[], value: Formula['value']): Formula => ({ entity: 'incident', needs, value })

export const FORMULAS: Record<MetricId, Formula> = {
  reports: incident(['incidents'], (p) => p('reports')),
  reportsToday: incident(['incidentsToday'], (p) => p('today')),
  reportsPer1000Households: incident(['incidents', 'households'], (p) => round2(ratio(p('reports'), p('households')) * 1000)),
  open: incident(['openIncidents'], (p) => p('open')),
  overdue: incident(['openIncidents'], (p) => p('overdue')),
  overdueRate: incident(['openIncidents'], (p) => ratio(p('overdue'), p('open'))),
  resolved: incident(['incidents'], (p) => p('resolved')),
  closureRate: incident(['incidents'], (p) => ratio(p('resolved'), p('reports') - p('returned'))),
  avgHandlingHours: incident(['incidents'], (p) => round2(ratio(p('handlingMs'), p('handled')) / HOUR)),
  offListShare: incident(['incidents'], (p) => ratio(p('offList'), p('reports'))),
  disputes: { entity: 'dispute', needs: ['disputes'], value: (p) => p('disputes') },
  disputeSuccessRate: { entity: 'dispute', needs: ['disputes'], value: (p) => ratio(p('disputesSucceeded'), p('disputesConcluded')) },
  disputeVillageShare: { entity: 'dispute', needs: ['disputes'], value: (p) => ratio(p('disputesVillageSucceeded'), p('disputesSucceeded')) },
  sites: { entity: 'site', needs: ['sites'], value: (p) => p('sites') },
  sitesOverdueInspection: { entity: 'site', needs: ['sites'], value: (p) => p('sitesOverdue') },
  mobileEnforcementRate: { entity: 'inspection', needs: ['inspections'], value: (p) => ratio(p('inspectionsMobile'), p('inspections')) },
  whistles: { entity: 'whistle', needs: ['whistles'], value: (p) => p('whistles') },
  // No acknowledged call: no median to report, 0 like the ratios.
  whistleMedianAckMinutes: { entity: 'whistle', needs: ['whistleAck'], value: (p) => round2(p('whistleAckMedianMs') / MINUTE) },
  whistleAvgRating: { entity: 'whistle', needs: ['whistles'], value: (p) => round2(ratio(p('whistleRatingSum'), p('whistlesRated'))) },
}

const REGIONS: readonly Dimension[] = ['township', 'village', 'grid']
/**
 * The breakdowns that partition each entity, so a breakdown's counts sum to the summary. Whistles have no
 * village or grid of their own (only through a linked incident), so they break down by township at most.
 */
export const BREAKDOWN_DIMS: Record<Entity, readonly Dimension[]> = {
  incident: ['category', 'module', 'department', 'source', 'severity', 'status', 'type', ...REGIONS],
  dispute: ['type', 'level', 'status', ...REGIONS],
  site: ['category', 'grade', 'department', ...REGIONS],
  inspection: ['category', 'grade', 'department', ...REGIONS],
  whistle: ['department', 'status', 'type', 'township'],
}

export const isRegionDim = (d: Dimension) => REGIONS.includes(d)

export function breakdownDims(metric: MetricId): readonly Dimension[] {
  return BREAKDOWN_DIMS[FORMULAS[metric].entity]
}

// Snapshots (open now, sites now, today) have no value per past bucket; overdue at the end of each bucket would
// need the status history replayed, which the dashboard does not ask for yet.
const SNAPSHOTS: readonly Need[] = ['incidentsToday', 'openIncidents', 'sites']
export const TIMESERIES_METRICS: readonly MetricId[] = METRIC_IDS.filter((m) => !FORMULAS[m].needs.some((n) => SNAPSHOTS.includes(n)))

export function metricValue(metric: MetricId, parts: Readonly<Record<string, number>>): number {
  return FORMULAS[metric].value((part) => parts[part] ?? 0)
}
