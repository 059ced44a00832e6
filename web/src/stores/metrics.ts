// The headline figures of the current view, fetched once and shared: the KPI cards, the dispute funnel, the sites
// panel and the on/off-list donut all read the same /api/metrics/summary answer, so they can never disagree.
// Also the month-to-date comparison (this local month so far vs the same span of last month: domain/range-presets.ts).
import { defineStore } from 'pinia'
import { computed, reactive } from 'vue'
import { monthToDateWindows } from '../../../domain/range-presets'
import { metricsApi } from '../api/metrics'
import type { MetricQuery } from '../api/metrics'
import { usePanelFetch } from '../panels/use-panel-fetch'
import { useViewStore } from './view'

export const useMetricsStore = defineStore('metrics', () => {
  const view = useViewStore()

  /** The view's scope, range and filters as a metric query: every panel asks with this. */
  const query = computed<MetricQuery>(() => ({
    scope: view.state.scope,
    from: view.range.from,
    to: view.range.to,
    filters: view.state.filters,
    onList: view.state.offList ? false : undefined,
    within: view.withinParam,
    asOf: view.state.asOf ?? undefined,
  }))
  const queryKey = computed(() => JSON.stringify(query.value))

  // Asked again at each tick of the view's minute clock too: overdue counts change as deadlines pass, not only with
  // events, and on a quiet night a wall's 超期 figure would otherwise stay at what it was at the last event.
  const summary = reactive(usePanelFetch(() => `${queryKey.value}@${view.now}`, (signal) => metricsApi.summary(query.value, signal)))

  const windows = computed(() => monthToDateWindows(view.now))
  const monthKey = computed(() => JSON.stringify([query.value.scope, query.value.filters, query.value.onList, query.value.within, windows.value]))
  const month = reactive(usePanelFetch(() => monthKey.value, async (signal) => {
    const w = windows.value
    const { current, previous } = w
    const [cur, prev] = await Promise.all([
      metricsApi.summary({ ...query.value, ...current }, signal),
      metricsApi.summary({ ...query.value, ...previous }, signal),
    ])
    return { current: cur.metrics.reports ?? null, previous: prev.metrics.reports ?? null, windows: w }
  }))

  return { query, queryKey, summary, month }
})
