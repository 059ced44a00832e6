// The records and figures the map draws for the current view. Each kind reloads when the parts of the view it
// depends on change; a newer load aborts the older one so a fast click-through never shows stale data.
import { defineStore, storeToRefs } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import { ApiRequestError } from '../api/client'
import { fetchAllPages, fetchChoropleth, fetchIncidents } from '../api/map-data'
import type { IncidentTiles, PointFeature } from '../api/map-data'
import { useLiveStore } from './live'
import { useViewStore } from './view'

type Kind = 'incidents' | 'disputes' | 'sites' | 'whistles'

/** The county's township choropleth is a county view: a township officer gets 403 and sees no township colours. */
const orNone = (err: unknown) => {
  if (err instanceof ApiRequestError && err.status === 403) return { values: {} as Record<string, number> }
  throw err
}

export const useMapDataStore = defineStore('map-data', () => {
  const view = useViewStore()
  const live = useLiveStore()
  const { state, range } = storeToRefs(view)
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
        fetchAllPages('/api/whistles', { scope: township ?? scope, from, to }, ctl.signal),
        fetchChoropleth('township', metric, from, to, null, filters, ctl.signal).catch(orNone),
        fetchChoropleth('grid', metric, from, to, township, filters, ctl.signal),
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
        fetchChoropleth('township', state.value.metric, from, to, null, state.value.filters, ctl.signal).catch(orNone),
        fetchChoropleth('grid', state.value.metric, from, to, township, state.value.filters, ctl.signal),
      ])
      townshipValues.value = tv.values
      gridValues.value = gv.values
    } catch { /* the next revision retries */ }
  }

  watch(() => [state.value.scope, range.value.from, range.value.to, JSON.stringify(state.value.filters), state.value.offList, state.value.metric], load)
  watch(() => live.revision, reloadChoropleth)

  return { status, error, features, truncated, incidentTiles, townshipValues, gridValues, generation, load }
})
