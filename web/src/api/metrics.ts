// Typed calls to the metric endpoints (issue 3 §4). Every figure a panel shows comes through here, so a panel's
// number can always be traced to one request. The view's filters narrow incident figures only (the API ignores
// them for disputes, sites and whistle calls).
import type { MetricId, ValueOf } from '../../../domain/metrics'
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
  /** null: the metric has no basis in this slice (domain/metrics.ts METRICS_WITH_BASIS). */
  metrics: { [M in MetricId]?: ValueOf<M> }
}
export type Interval = 'day' | 'week' | 'month'
export interface TimePoint<V = ValueOf<MetricId>> { t: string | number; value: V }
export interface Timeseries<M extends MetricId = MetricId> { metric: M; interval: Interval; scope: string; points: TimePoint<ValueOf<M>>[] }
export type BreakdownBy = 'category' | 'module' | 'department' | 'source' | 'severity' | 'status' | 'township' | 'village' | 'grid' | 'level' | 'type' | 'grade'
/** With `then`, each item carries `split`: its value by the second dimension. */
export interface Breakdown<M extends MetricId = MetricId> { metric: M; by: BreakdownBy; items: { key: string; value: ValueOf<M>; split?: Record<string, ValueOf<M>> }[] }
export interface Choropleth<M extends MetricId = MetricId> { level: 'township' | 'grid'; metric: M; values: Record<string, ValueOf<M>> }

function rangeAndFilters(q: Omit<MetricQuery, 'scope'>) {
  return { from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(), ...q.filters, onList: q.onList }
}
const params = (q: MetricQuery) => ({ scope: q.scope, ...rangeAndFilters(q) })

export const metricsApi = {
  summary: (q: MetricQuery, signal?: AbortSignal) =>
    getJson<Summary>(`/api/metrics/summary${query(params(q))}`, signal),
  timeseries: <M extends MetricId>(metric: M, interval: Interval, q: MetricQuery, signal?: AbortSignal) =>
    getJson<Timeseries<M>>(`/api/metrics/timeseries${query({ metric, interval, ...params(q) })}`, signal),
  breakdown: <M extends MetricId>(metric: M, by: BreakdownBy, q: MetricQuery, signal?: AbortSignal, then?: BreakdownBy) =>
    getJson<Breakdown<M>>(`/api/metrics/breakdown${query({ metric, by, then, ...params(q) })}`, signal),
  /** Every township (or every grid of `township`) with its value. Takes the filters but no scope. */
  choropleth: <M extends MetricId>(level: 'township' | 'grid', metric: M, township: string | null, q: Omit<MetricQuery, 'scope'>, signal?: AbortSignal) =>
    getJson<Choropleth<M>>(`/api/metrics/choropleth${query({ level, metric, township, ...rangeAndFilters(q) })}`, signal),
}
