// Typed calls to the metric endpoints. Every figure a panel shows comes through here, so a panel's
// number can always be traced to one request. The view's filters narrow incident figures only (the API ignores
// them for disputes, sites and whistle calls).
import type { MetricId, MetricValue, ValueOf } from '../../../domain/metrics'
import type { ScoreboardMetricId } from '../../../domain/scoreboard'
import { getJson } from './client'
import type { Answer, Refine } from './client'

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
  /** The area selected on the map, as `within=` takes it (JSON text of a Polygon); undefined: no selection. */
  within?: string
  /** The instant the figures are as of (`asOf=`, domain/as-of.ts); undefined: the API's default. */
  asOf?: string | undefined
}

// The answers as the document describes them, with each value typed by its metric (domain/metrics.ts ValueOf: a
// count is never null, which the document's MetricValue cannot say) and the metric and interval by the request.
type SummaryAnswer = Answer<'/api/metrics/summary'>
/** null: the metric has no basis in this slice (domain/metrics.ts METRICS_WITH_BASIS); absent: not readable by the caller's role. */
export type Summary = Refine<SummaryAnswer, { metrics: Refine<NonNullable<SummaryAnswer['metrics']>, { [M in MetricId]?: ValueOf<M> }> }>
export type Interval = 'day' | 'week' | 'month'
type TimeseriesAnswer = Answer<'/api/metrics/timeseries'>
type TimePoint<V extends MetricValue> = Refine<NonNullable<TimeseriesAnswer['points']>[number], { t: string; value: V }>
export type Timeseries<M extends MetricId = MetricId> = Refine<TimeseriesAnswer, { metric: M; interval: Interval; points: TimePoint<ValueOf<M>>[] }>
export type BreakdownBy = 'category' | 'module' | 'department' | 'source' | 'severity' | 'status' | 'township' | 'village' | 'grid' | 'level' | 'type' | 'grade'
type BreakdownAnswer = Answer<'/api/metrics/breakdown'>
type BreakdownItem<V extends MetricValue> = Refine<NonNullable<BreakdownAnswer['items']>[number], { key: string; value: V; split?: Record<string, V> }>
/** With `then`, each item carries `split`: its value by the second dimension. */
export type Breakdown<M extends MetricId = MetricId> = Refine<BreakdownAnswer, { metric: M; items: BreakdownItem<ValueOf<M>>[] }>
/** A choropleth of a dashboard metric, or at level township of a 考核 scoreboard figure (a value or null). */
export type Choropleth<M extends MetricId | ScoreboardMetricId = MetricId> =
  Refine<Answer<'/api/metrics/choropleth'>, { metric: M; values: Record<string, M extends MetricId ? ValueOf<M> : MetricValue> }>

function rangeAndFilters(q: Omit<MetricQuery, 'scope'>) {
  return { from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(), ...q.filters, onList: q.onList, within: q.within, asOf: q.asOf }
}
const params = (q: MetricQuery) => ({ scope: q.scope, ...rangeAndFilters(q) })

export const metricsApi = {
  summary: (q: MetricQuery, signal?: AbortSignal) =>
    getJson('/api/metrics/summary', { query: params(q), signal }) as Promise<Summary>,
  timeseries: <M extends MetricId>(metric: M, interval: Interval, q: MetricQuery, signal?: AbortSignal) =>
    getJson('/api/metrics/timeseries', { query: { metric, interval, ...params(q) }, signal }) as Promise<Timeseries<M>>,
  breakdown: <M extends MetricId>(metric: M, by: BreakdownBy, q: MetricQuery, signal?: AbortSignal, then?: BreakdownBy) =>
    getJson('/api/metrics/breakdown', { query: { metric, by, then, ...params(q) }, signal }) as Promise<Breakdown<M>>,
  /** Every township (or every grid of `township`) with its value. Takes the filters but no scope. */
  choropleth: <M extends MetricId | ScoreboardMetricId>(level: 'township' | 'grid', metric: M, township: string | null, q: Omit<MetricQuery, 'scope'>, signal?: AbortSignal) =>
    getJson('/api/metrics/choropleth', { query: { level, metric, township, ...rangeAndFilters(q) }, signal }) as Promise<Choropleth<M>>,
}
