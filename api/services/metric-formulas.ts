// Each metric of domain/metrics.ts as a formula over the parts that api/store/metric-sources.ts aggregates: the
// one place that says what a metric divides by what. A formula names the parts it reads (the compiler holds it
// to them), so a request computes those and no others. Which entity a metric counts decides how it may be
// broken down; whether it reads a snapshot decides whether it has a time series.
import type { MetricId, MetricValue } from '../../domain/metrics'
import { METRIC_IDS } from '../../domain/metrics'
import { HOUR, MINUTE } from '../../domain/time'
import type { Dimension, SqlPart } from '../store/metric-sources'

/**
 * The store's aggregates, plus: `today` (reports since local midnight), `households` (from the geodata) and
 * `whistleAckMedianMs` (a median: computed per group by its own query, never added up).
 */
export type Part = SqlPart | 'today' | 'households' | 'whistleAckMedianMs'
export type Entity = 'incident' | 'dispute' | 'site' | 'inspection' | 'whistle'

interface Formula {
  entity: Entity
  parts: readonly Part[]
  /** null: the metric's basis is empty (domain/metrics.ts METRICS_WITH_BASIS), so it has no value. */
  value: (p: Readonly<Record<Part, number>>) => MetricValue
}

function formula<P extends Part>(entity: Entity, parts: readonly P[], value: (p: Readonly<Record<P, number>>) => MetricValue): Formula {
  return { entity, parts, value }
}

// Nothing to divide by, or nothing to average over, is no value (null), not 0: a 0 would read as a real 0%.
const ratio = (num: number, den: number) => (den === 0 ? null : num / den)
const round2 = (x: number) => Math.round(x * 100) / 100
/** f of a value, or null for no value. */
const then = (x: number | null, f: (x: number) => number) => (x === null ? null : f(x))

export const FORMULAS: Record<MetricId, Formula> = {
  reports: formula('incident', ['reports'], (p) => p.reports),
  // 一件事: a case of merged reports counts once, as its primary (the members merged into it are left out).
  cases: formula('incident', ['reports', 'mergedReports'], (p) => p.reports - p.mergedReports),
  reportsToday: formula('incident', ['today'], (p) => p.today),
  reportsPer1000Households: formula('incident', ['reports', 'households'], (p) => then(ratio(p.reports, p.households), (r) => round2(r * 1000))),
  open: formula('incident', ['open'], (p) => p.open),
  overdue: formula('incident', ['overdue'], (p) => p.overdue),
  overdueRate: formula('incident', ['overdue', 'open'], (p) => ratio(p.overdue, p.open)),
  resolved: formula('incident', ['resolved'], (p) => p.resolved),
  // Returned incidents were off-list pushes, never the township's to close: they leave the denominator.
  closureRate: formula('incident', ['resolved', 'reports', 'returned'], (p) => ratio(p.resolved, p.reports - p.returned)),
  avgHandlingHours: formula('incident', ['handlingMs', 'handled'], (p) => then(ratio(p.handlingMs, p.handled), (ms) => round2(ms / HOUR))),
  offListShare: formula('incident', ['offList', 'reports'], (p) => ratio(p.offList, p.reports)),
  disputes: formula('dispute', ['disputes'], (p) => p.disputes),
  disputeSuccessRate: formula('dispute', ['disputesSucceeded', 'disputesConcluded'],
    (p) => ratio(p.disputesSucceeded, p.disputesConcluded)),
  disputeVillageShare: formula('dispute', ['disputesVillageSucceeded', 'disputesSucceeded'],
    (p) => ratio(p.disputesVillageSucceeded, p.disputesSucceeded)),
  sites: formula('site', ['sites'], (p) => p.sites),
  sitesOverdueInspection: formula('site', ['sitesOverdue'], (p) => p.sitesOverdue),
  mobileEnforcementRate: formula('inspection', ['inspectionsMobile', 'inspections'], (p) => ratio(p.inspectionsMobile, p.inspections)),
  whistles: formula('whistle', ['whistles'], (p) => p.whistles),
  // The median is computed only over acknowledged calls: with none, there is no median.
  whistleMedianAckMinutes: formula('whistle', ['whistleAckMedianMs', 'whistlesAcknowledged'],
    (p) => (p.whistlesAcknowledged === 0 ? null : round2(p.whistleAckMedianMs / MINUTE))),
  // 回访率 over the cases verified in the period; 满意率 and 重办率 over the call-backs answered in it.
  callbackRate: formula('incident', ['callbacksDoneOfVerified', 'verified'], (p) => ratio(p.callbacksDoneOfVerified, p.verified)),
  satisfactionRate: formula('incident', ['callbacksSatisfied', 'callbacksDone'], (p) => ratio(p.callbacksSatisfied, p.callbacksDone)),
  redoRate: formula('incident', ['callbacksDissatisfied', 'callbacksDone'], (p) => ratio(p.callbacksDissatisfied, p.callbacksDone)),
  whistleAvgRating: formula('whistle', ['whistleRatingSum', 'whistlesRated'], (p) => then(ratio(p.whistleRatingSum, p.whistlesRated), round2)),
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

/** A metric that reads a median: its value for a group cannot be built by adding up sub-groups. */
export const readsMedian = (metric: MetricId) => FORMULAS[metric].parts.includes('whistleAckMedianMs')

export function breakdownDims(metric: MetricId): readonly Dimension[] {
  return BREAKDOWN_DIMS[FORMULAS[metric].entity]
}

// Snapshots (open now, sites now, today) have no value per past bucket; overdue at the end of each bucket would
// need the status history replayed, which the dashboard does not ask for yet.
const SNAPSHOT_PARTS: readonly Part[] = ['today', 'open', 'overdue', 'sites', 'sitesOverdue']
export const TIMESERIES_METRICS: readonly MetricId[] = METRIC_IDS.filter((m) => !FORMULAS[m].parts.some((p) => SNAPSHOT_PARTS.includes(p)))

export function partsOf(metrics: readonly MetricId[]): Set<Part> {
  return new Set(metrics.flatMap((m) => FORMULAS[m].parts))
}

/** A part nobody counted (no rows in the group) is 0; a metric whose basis is then empty is null. */
export function metricValue(metric: MetricId, parts: Readonly<Partial<Record<Part, number>>>): MetricValue {
  const f = FORMULAS[metric]
  const read = Object.fromEntries(f.parts.map((p) => [p, parts[p] ?? 0])) as Record<Part, number>
  return f.value(read)
}
