// The records and figures the map draws for the current view. Each kind reloads when the parts of the view it
// depends on change; a newer load aborts the older one so a fast click-through never shows stale data.
import { defineStore, storeToRefs } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import { COUNTY_CODE } from '../../../domain/regions'
import { isTownshipChoroplethMetric } from '../../../domain/scoreboard'
import { fetchAllPages, fetchChoropleth, fetchIncidents } from '../api/map-data'
import type { IncidentTiles, PointFeature } from '../api/map-data'
import { useLiveStore } from './live'
import { useViewStore } from './view'

type Kind = 'incidents' | 'disputes' | 'sites' | 'whistles'

const NONE = { values: {} as Record<string, number | null> }

export const useMapDataStore = defineStore('map-data', () => {
  const view = useViewStore()
  const live = useLiveStore()
  const { state, range } = storeToRefs(view)
  /**
   * A request whose answer spans `scope` is made only when the principal's reach covers it: the API would refuse
   * it (403), and one refusal would fail the whole load. The township choropleth spans the county; the grid
   * choropleth and the whistle calls (a township's records) span the township in view.
   */
  const ifReached = <T>(scope: string, ask: () => Promise<T>, none: T): Promise<T> => (view.reaches(scope) ? ask() : Promise.resolve(none))
  /** The view's incident filters as the API takes them: the off-list switch narrows the points and the colours alike. */
  const incidentFilters = () => ({ ...state.value.filters, ...(state.value.offList ? { onList: 'false' } : {}) })
  /** The view's instant (`asOf=`), for the lists and figures that take one. */
  const asOf = () => (state.value.asOf ? { asOf: state.value.asOf } : {})
  /** The township values across the county and the grid values of the township in view (of all, at the county). */
  function choropleths(from: string, to: string, signal: AbortSignal) {
    const { metric } = state.value
    // A scoreboard figure is a township's over all its work: no filter or area narrows it, and grids have none.
    if (isTownshipChoroplethMetric(metric)) {
      return Promise.all([ifReached(COUNTY_CODE, () => fetchChoropleth('township', metric, from, to, null, {}, undefined, signal), NONE), NONE])
    }
    const filters = incidentFilters()
    const township = view.township
    const within = view.withinParam
    return Promise.all([
      ifReached(COUNTY_CODE, () => fetchChoropleth('township', metric, from, to, null, { ...filters, ...asOf() }, within, signal), NONE),
      ifReached(township ?? COUNTY_CODE, () => fetchChoropleth('grid', metric, from, to, township, { ...filters, ...asOf() }, within, signal), NONE),
    ])
  }
  const instants = () => ({ from: new Date(range.value.from).toISOString(), to: new Date(range.value.to).toISOString() })
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)
  const features = shallowRef<Record<Kind, PointFeature[]>>({ incidents: [], disputes: [], sites: [], whistles: [] })
  const truncated = ref(false)
  /** Set when the range holds more incidents than the map draws as points: the incident layer then reads tiles. */
  const incidentTiles = shallowRef<IncidentTiles | null>(null)
  const townshipValues = shallowRef<Record<string, number | null>>({})
  const gridValues = shallowRef<Record<string, number | null>>({})
  /** Bumped when `features` was replaced wholesale (the map then calls setData, not updateData). */
  const generation = ref(0)
  let controller: AbortController | null = null
  let choroplethController: AbortController | null = null

  async function load() {
    controller?.abort()
    // A live refresh of the old view's colours must not land after this load's.
    choroplethController?.abort()
    const ctl = new AbortController()
    controller = ctl
    status.value = 'loading'
    const { from, to } = instants()
    const { scope } = state.value
    const township = view.township
    // The area selected on the map narrows every kind (the API cuts it to the scope).
    const within = view.withinParam
    try {
      const [incidents, disputes, sites, whistles, [tv, gv]] = await Promise.all([
        fetchIncidents({ scope, from, to, ...incidentFilters(), within, ...asOf() }, ctl.signal),
        fetchAllPages('/api/disputes', { scope, from, to, within }, ctl.signal),
        fetchAllPages('/api/sites', { scope, from, to, within, ...asOf() }, ctl.signal),
        // Whistle calls are made by townships: below a township, show that township's calls.
        ifReached(township ?? scope, () => fetchAllPages('/api/whistles', { scope: township ?? scope, from, to, within }, ctl.signal), { features: [], truncated: false }),
        choropleths(from, to, ctl.signal),
      ])
      features.value = { incidents: incidents.features, disputes: disputes.features, sites: sites.features, whistles: whistles.features }
      truncated.value = incidents.truncated
      incidentTiles.value = incidents.tiles
      townshipValues.value = tv.values
      gridValues.value = gv.values
      generation.value++
      status.value = 'ready'
    } catch (err) {
      if (ctl.signal.aborted) return
      error.value = err instanceof Error ? err.message : String(err)
      status.value = 'error'
    }
  }

  /**
   * Choropleth values follow live changes; records are patched by the map from the events themselves. A newer
   * reload cancels the one in flight: under a burst of events an older answer arriving last would paint stale values.
   */
  async function reloadChoropleth() {
    choroplethController?.abort()
    const ctl = new AbortController()
    choroplethController = ctl
    const { from, to } = instants()
    try {
      const [tv, gv] = await choropleths(from, to, ctl.signal)
      townshipValues.value = tv.values
      gridValues.value = gv.values
    } catch { /* cancelled by a newer reload, or failed: the next revision retries */ }
  }

  watch(() => [state.value.scope, range.value.from, range.value.to, JSON.stringify(state.value.filters), state.value.offList, state.value.metric, view.withinParam, state.value.asOf], load)
  watch(() => live.revision, reloadChoropleth)

  /** The query each kind's list is loaded with now: the 导出 menu downloads the same lists as files. */
  function listQueries() {
    const { from, to } = instants()
    const { scope } = state.value
    const within = view.withinParam
    const township = view.township
    return {
      incidents: { scope, from, to, ...incidentFilters(), within },
      disputes: { scope, from, to, within },
      sites: { scope, within },
      whistles: view.reaches(township ?? scope) ? { scope: township ?? scope, from, to, within } : null,
      alerts: { scope, from, to },
    }
  }
  return { status, error, features, truncated, incidentTiles, townshipValues, gridValues, generation, load, listQueries }
})
