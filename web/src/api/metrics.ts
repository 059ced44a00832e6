// Typed calls to the metric endpoints (issue 3 §4). Every figure a panel shows comes through here, so a panel's
// number can always be traced to one request. The view's filters narrow incident figures only (the API ignores
// them for disputes, sites and whistle calls).
import type { MetricId } from '../../../domain/metrics'
import { getJson, query } from './client'

/** Which slice of the data a metric query covers: the view's scope, [from, to) and filters. */
export interface MetricQuery {
  scope: string
  /** Epoch ms; sent as ISO instants. */
  from: number
  to: number
  /** Filter lists by key (category, module, status, source, severity); empty lists are left out. */
  filters?: Readonly<Record<string, readonly string[] | undefined>>
  /** true: on-list only; false: off-list (清单外) only; undefined: both. */
  onList?: boolean
}

export interface Summary {
  scope: string
  from: string
  to: string
  now: string
  metrics: Partial<Record<MetricId, number>>
}
export type Interval = 'day' | 'week' | 'month'
export interface TimePoint { t: string | number; value: number }
export interface Timeseries { metric: MetricId; interval: Interval; scope: string; points: TimePoint[] }
export type BreakdownBy = 'category' | 'module' | 'department' | 'source' | 'severity' | 'status' | 'township' | 'village' | 'grid' | 'level' | 'type' | 'grade'
/** With `then`, each item carries `split`: its value by the second dimension. */
export interface Breakdown { metric: MetricId; by: BreakdownBy; items: { key: string; value: number; split?: Record<string, number> }[] }
export interface Choropleth { level: 'township' | 'grid'; metric: MetricId; values: Record<string, number> }

function rangeAndFilters(q: Omit<MetricQuery, 'scope'>) {
  return { from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(), ...q.filters, onList: q.onList }
}
const params = (q: MetricQuery) => ({ scope: q.scope, ...rangeAndFilters(q) })

export const metricsApi = {
  summary: (q: MetricQuery, signal?: AbortSignal) =>
    getJson<Summary>(`/api/metrics/summary${query(params(q))}`, signal),
  timeseries: (metric: MetricId, interval: Interval, q: MetricQuery, signal?: AbortSignal) =>
    getJson<Timeseries>(`/api/metrics/timeseries${query({ metric, interval, ...params(q) })}`, signal),
  breakdown: (metric: MetricId, by: BreakdownBy, q: MetricQuery, signal?: AbortSignal, then?: BreakdownBy) =>
    getJson<Breakdown>(`/api/metrics/breakdown${query({ metric, by, then, ...params(q) })}`, signal),
  /** Every township (or every grid of `township`) with its value. Takes the filters but no scope. */
  choropleth: (level: 'township' | 'grid', metric: MetricId, township: string | null, q: Omit<MetricQuery, 'scope'>, signal?: AbortSignal) =>
    getJson<Choropleth>(`/api/metrics/choropleth${query({ level, metric, township, ...rangeAndFilters(q) })}`, signal),
}
