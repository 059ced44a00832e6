// The view store: the URL's state made reactive. Every change pushes a history entry (Back undoes it); popstate
// restores the state from the URL. Components change the view only through these actions.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { COUNTY_CODE, parentOf, scopeChain, townshipOf } from '../../../domain/regions'
import { homeScope, reachCovers } from '../../../domain/roles'
import type { Reach } from '../../../domain/roles'
import { langFromUrl } from '../i18n'
import type { Polygon } from 'geojson'
import { withinText } from '../selection/within-param'
import type { FilterKey, LayerId, MapMetric, RangePreset, ViewState } from './view-state'
import { dataPeriod, metricAt, parseView, rangeInstants, serializeView, urlNamesRange } from './view-state'
import { api } from '../api/client'

/** Parameters the view does not own (the wall's ?tour= and ?canvas=) stay in the URL when the view changes it. */
const VIEW_PARAMS = new Set(['scope', 'range', 'from', 'to', 'layers', 'metric', 'category', 'module', 'status', 'source', 'severity', 'offList', 'sel', 'within', 'asOf', 'lang'])
function carryForeignParams(serialized: string, current: string): string {
  const q = new URLSearchParams(serialized)
  for (const [k, v] of new URLSearchParams(current)) if (!VIEW_PARAMS.has(k)) q.append(k, v)
  const s = q.toString()
  return s ? `?${s}` : ''
}

export const useViewStore = defineStore('view', () => {
  const state = ref<ViewState>(parseView(window.location.search))
  const lang = langFromUrl()
  // Ranges are relative to now; a tick each minute keeps "today" true on a wall that runs for days.
  const now = ref(Date.now())
  setInterval(() => { now.value = Date.now() }, 60_000)

  /**
   * Where the signed-in principal may look (domain/roles.ts, the same reach the API enforces): the county, one
   * township, or a grid worker's grids. The view never leaves it: a crumb, Esc, a map click or a pasted link that
   * would lands on `home` instead of a screen of 403s.
   */
  const reach = ref<Reach>({ level: 'county' })
  /** The reach's home scope; a grid worker with several grids (no region holds exactly those) starts in the first. */
  const home = computed(() => homeScope(reach.value) ?? (reach.value.level === 'grids' ? reach.value.grids[0] : undefined) ?? COUNTY_CODE)
  const reaches = (scope: string) => reachCovers(reach.value, scope)
  const within = (scope: string) => (reaches(scope) ? scope : home.value)

  const range = computed(() => rangeInstants(state.value, now.value))
  const chain = computed(() => scopeChain(state.value.scope))
  const township = computed(() => townshipOf(state.value.scope))
  /** The selection as the API's `within=` takes it (JSON text), or undefined: every request that takes a scope sends it. */
  const withinParam = computed(() => (state.value.within ? withinText(state.value.within) : undefined))

  function commit(wanted: ViewState, replace = false) {
    // A scoreboard figure colours the county's townships only: a scope below the county takes the default metric.
    const next = { ...wanted, metric: metricAt(wanted.scope, wanted.metric) }
    state.value = next
    const url = `${window.location.pathname}${carryForeignParams(serializeView(next, lang === 'en' ? 'en' : null), window.location.search)}`
    if (url !== `${window.location.pathname}${window.location.search}`) {
      if (replace) history.replaceState(null, '', url)
      else history.pushState(null, '', url)
    }
  }
  // A link that names no range opens on the default one, unless the data ended before it begins: then on the
  // data's own period (the API reads its figures as of that period's end). Asked once, before anyone moves the range.
  if (!urlNamesRange(window.location.search)) {
    const opened = state.value
    void api.config().then((c) => {
      const period = dataPeriod(c.dataStart, c.dataEnd, now.value)
      if (period && state.value.range === opened.range && state.value.from === null) commit({ ...state.value, range: 'custom', ...period }, true)
    }).catch(() => undefined)
  }
  window.addEventListener('popstate', () => {
    const next = parseView(window.location.search)
    state.value = { ...next, scope: within(next.scope) }
  })

  return {
    state, lang, now, range, chain, township, home, reaches, withinParam,
    /**
     * Sets the principal's reach and moves the view home if it is outside it (no history entry). A selected record
     * stays: a link to one (?sel=incident:48149, from a colleague or a queue) names no scope, and the server
     * answers a record outside the reach as not found.
     */
    setReach(next: Reach) {
      reach.value = next
      if (!reaches(state.value.scope)) commit({ ...state.value, scope: home.value }, true)
    },
    /** `replace`: no history entry (the wall's tour changes scope every few seconds). */
    setScope: (scope: string, replace = false) => commit({ ...state.value, scope: within(scope), selected: null }, replace),
    /** One level up: grid → village → township → county, not above home. */
    up() {
      if (state.value.selected) return commit({ ...state.value, selected: null })
      const parent = parentOf(state.value.scope)
      if (parent && reaches(parent)) commit({ ...state.value, scope: parent })
    },
    /** `replace`: no history entry (playback steps through the days and comes back where it started). */
    setRange: (r: RangePreset, from: string | null = null, to: string | null = null, replace = false) =>
      commit({ ...state.value, range: r, from: r === 'custom' ? from : null, to: r === 'custom' ? to : null }, replace),
    toggleLayer(layer: LayerId) {
      const layers = state.value.layers.includes(layer) ? state.value.layers.filter((l) => l !== layer) : [...state.value.layers, layer]
      commit({ ...state.value, layers })
    },
    setMetric: (metric: MapMetric) => commit({ ...state.value, metric }),
    setFilter: (key: FilterKey, values: string[]) => commit({ ...state.value, filters: { ...state.value.filters, [key]: values } }),
    setOffList: (offList: boolean) => commit({ ...state.value, offList }),
    select: (selected: string | null) => commit({ ...state.value, selected }),
    /** Selects an area on the map (null clears it); the open drawer closes, its record may lie outside. */
    setWithin: (within: Polygon | null) => commit({ ...state.value, within, selected: null }),
  }
})
