// A panel fetch bound to the view: it refetches when the scope, range or filters change (through the metrics
// store's query) or when anything the panel adds to the key changes (metric, interval …), and on live revisions.
// The view's filters (category, module, status, source, severity, 清单外) are incident filters: panels about
// disputes, sites and whistle calls ask with `incidentFilters: false`, so an incident filter cannot empty them.
// The area selected on the map is not a filter but a place: it narrows every panel.
// `extraKey` returning null means "not ready to ask yet" (e.g. the reference is still loading).
import { computed } from 'vue'
import { useMetricsStore } from '../stores/metrics'
import type { MetricQuery } from '../api/metrics'
import { usePanelFetch } from './use-panel-fetch'
import type { PanelFetch } from './use-panel-fetch'

export function useViewFetch<T>(
  extraKey: () => unknown,
  load: (q: MetricQuery, signal: AbortSignal) => Promise<T>,
  { incidentFilters = true }: { incidentFilters?: boolean } = {},
): PanelFetch<T> {
  const metrics = useMetricsStore()
  const query = computed<MetricQuery>(() => (incidentFilters
    ? metrics.query
    : { scope: metrics.query.scope, from: metrics.query.from, to: metrics.query.to, within: metrics.query.within }))
  return usePanelFetch(
    () => { const extra = extraKey(); return extra === null ? null : `${JSON.stringify(query.value)}|${JSON.stringify(extra)}` },
    (signal) => load(query.value, signal),
  )
}
