// The records and figures the map draws for the current view. Each kind reloads when the parts of the view it
// depends on change; a newer load aborts the older one so a fast click-through never shows stale data.
import { defineStore, storeToRefs } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import { COUNTY_CODE } from '../../../domain/regions'
import { fetchAllPages, fetchChoropleth, fetchIncidents } from '../api/map-data'
import type { IncidentTiles, PointFeature } from '../api/map-data'
import { useLiveStore } from './live'
import { useViewStore } from './view'

type Kind = 'incidents' | 'disputes' | 'sites' | 'whistles'

const NONE = { values: {} as Record<string, number> }

export const useMapDataStore = defineStore('map-data', () => {
  const view = useViewStore()
  const live = useLiveStore()
  const { state, range, home } = storeToRefs(view)
  /**
   * The township choropleth compares all 19 townships: a county view. Below the county (a township officer's
   * home) it is not asked for at all — the API would refuse it (403) — and the townships stay uncoloured.
   */
  const townshipChoropleth = (metric: string, from: string, to: string, filters: typeof state.value.filters, signal: AbortSignal) =>
    (home.value === COUNTY_CODE ? fetchChoropleth('township', metric, from, to, null, filters, signal) : Promise.resolve(NONE))
  /** Likewise the grid choropleth spans a township, and whistle calls are a township's: not for a grid worker. */
  const townshipWide = () => home.value.length <= 9
  const gridChoropleth = (metric: string, from: string, to: string, township: string | null, filters: typeof state.value.filters, signal: AbortSignal) =>
    (townshipWide() ? fetchChoropleth('grid', metric, from, to, township, filters, signal) : Promise.resolve(NONE))
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)
  const features = shallowRef<Record<Kind, PointFeature[]>>({ incidents: [], disputes: [], sites: [], whistles: [] })
  const truncated = ref(false)
  /** Set when the range holds more incidents than the map draws as points: the incident layer then reads tiles. */
  const incidentTiles = shallowRef<IncidentTiles | null>(null)
  const townshipValues = shallowRef<Record<string, number>>({})
  const gridValues = shallowRef<Record<string, number>>({})
  /** Bumped when `features` was replaced wholesale (the map then calls setData, not updateData). */
  const generation = ref(0)
  let controller: AbortController | null = null

  async function load() {
    controller?.abort()
    const ctl = new AbortController()
    controller = ctl
    status.value = 'loading'
    const from = new Date(range.value.from).toISOString()
    const to = new Date(range.value.to).toISOString()
    const { scope, filters, offList, metric } = state.value
    const township = scope.length >= 9 ? scope.slice(0, 9) : null
    try {
      const [incidents, disputes, sites, whistles, tv, gv] = await Promise.all([
        fetchIncidents({ scope, from, to, ...filters, ...(offList ? { onList: 'false' } : {}) }, ctl.signal),
        fetchAllPages('/api/disputes', { scope, from, to }, ctl.signal),
        fetchAllPages('/api/sites', { scope, from, to }, ctl.signal),
        // Whistle calls are made by townships: below a township, show that township's calls.
        townshipWide() ? fetchAllPages('/api/whistles', { scope: township ?? scope, from, to }, ctl.signal) : { features: [], truncated: false },
        townshipChoropleth(metric, from, to, filters, ctl.signal),
        gridChoropleth(metric, from, to, township, filters, ctl.signal),
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

  /** Choropleth values follow live changes; records are patched by the map from the events themselves. */
  async function reloadChoropleth() {
    const from = new Date(range.value.from).toISOString()
    const to = new Date(range.value.to).toISOString()
    const township = state.value.scope.length >= 9 ? state.value.scope.slice(0, 9) : null
    const ctl = new AbortController()
    try {
      const [tv, gv] = await Promise.all([
        townshipChoropleth(state.value.metric, from, to, state.value.filters, ctl.signal),
        gridChoropleth(state.value.metric, from, to, township, state.value.filters, ctl.signal),
      ])
      townshipValues.value = tv.values
      gridValues.value = gv.values
    } catch { /* the next revision retries */ }
  }

  watch(() => [state.value.scope, range.value.from, range.value.to, JSON.stringify(state.value.filters), state.value.offList, state.value.metric], load)
  watch(() => live.revision, reloadChoropleth)

  return { status, error, features, truncated, incidentTiles, townshipValues, gridValues, generation, load }
})
