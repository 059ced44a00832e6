// Keeps the region layers in step with the view: boundaries once loaded, choropleth values as feature states,
// labels with name and value, the selected township highlighted, grids shown inside it, and the camera asked to
// fly to the scope (reason 'scope': a wall's own framing outranks it, camera.ts). Called from MapView's setup, so
// its watchers live and die with the component; MapView calls `start` once, when the map and all its first data
// are in.
import { watch } from 'vue'
import type { FilterSpecification } from 'maplibre-gl'
import { COUNTY_CODE, scopeLevel } from '../../../domain/regions'
import type { RegionCollection } from '../api/client'
import { formatValue } from '../i18n/format'
import { useMapDataStore } from '../stores/map-data'
import { useReferenceStore } from '../stores/reference'
import { useRegionsStore } from '../stores/regions'
import { useViewStore } from '../stores/view'
import { geometryBounds } from './bounds'
import { choroplethStates } from './choropleth'
import { layoutLabels } from './label-layout'
import { GRID_MIN_ZOOM } from './overlays/grids'
import { TOWNSHIP_LABEL_LAYER, TOWNSHIP_LABEL_SIZE } from './overlays/townships'
import type { MapHost } from './map-host'
import { COUNTY_BOUNDS, COUNTY_PADDING, SCOPE_MAX_ZOOM } from './map-host'

/** Each area's name at its label point (the API's labelAt, else its seat); the township travels along for filters. */
function labelPoints(areas: RegionCollection): GeoJSON.FeatureCollection<GeoJSON.Point> {
  return {
    type: 'FeatureCollection',
    features: areas.features.map((f) => ({
      type: 'Feature',
      properties: { id: f.properties.id, name: f.properties.name, township: f.properties.township },
      geometry: { type: 'Point', coordinates: (f.properties.labelAt ?? f.properties.seat) as [number, number] },
    })),
  }
}

export function bindRegions(host: MapHost, zoomBias: () => number = () => 0): { start: () => void } {
  const regions = useRegionsStore()
  const data = useMapDataStore()
  const view = useViewStore()
  const reference = useReferenceStore()

  const metricDef = () => reference.data?.metrics.find((m) => m.id === view.state.metric)
    ?? reference.data?.scoreboard.metrics.find((m) => m.id === view.state.metric)

  function pushBoundaries() {
    if (!regions.county || !regions.townships || !regions.grids || !regions.villages) return
    host.setData('county', regions.county)
    host.setData('townships', regions.townships)
    host.setData('grids', regions.grids)
    host.setData('grids-labels', labelPoints(regions.grids))
    host.setData('grids-villages', regions.villages)
  }

  /** What the labels source holds now: pushed again only when the layout or a value changes. */
  let pushedLabels = ''

  /**
   * Name and value of each township at its area's label point, laid out for the current zoom and text size so
   * that none covers another (label-layout.ts); laid out again as the zoom settles.
   */
  function pushLabels() {
    if (!regions.townships) return
    const def = metricDef()
    const values = data.townshipValues
    const features = [...regions.townships.features]
      // The smallest areas choose first: they are where the crowding is (label-layout.ts).
      .sort((a, b) => Number(a.properties.area_km2) - Number(b.properties.area_km2))
      .map((f) => {
        const v = values[f.properties.id]
        const at = (f.properties.labelAt ?? f.properties.seat) as [number, number]
        const value = v === null ? '—' : v === undefined || !def ? null : formatValue(v, def.unit, view.lang)
        const lines = value === null ? [f.properties.name] : [f.properties.name, value]
        return { id: f.properties.id, name: f.properties.name, at, lines }
      })
    // A wall sets its own size (wall/map-focus.ts); before the style is in, the layer's own.
    const size = host.layoutOf(TOWNSHIP_LABEL_LAYER, 'text-size')
    const layout = layoutLabels(features.map((f) => ({ id: f.id, at: host.project(f.at), lines: f.lines })),
      typeof size === 'number' ? size : TOWNSHIP_LABEL_SIZE)
    const collection = {
      type: 'FeatureCollection' as const,
      features: features.map((f) => {
        const { anchor, offset, text } = layout.get(f.id)!
        return { type: 'Feature' as const, properties: { id: f.id, name: f.name, label: text, anchor, offset }, geometry: { type: 'Point' as const, coordinates: f.at } }
      }),
    }
    const json = JSON.stringify(collection)
    if (json === pushedLabels) return
    pushedLabels = json
    host.setData('townships-labels', collection)
  }

  function pushChoropleth() {
    const better = metricDef()?.higherIsBetter ?? null
    for (const [id, t] of choroplethStates(data.townshipValues, better)) host.setState('townships', id, { t, noData: t === null })
    for (const [id, t] of choroplethStates(data.gridValues, better)) host.setState('grids', id, { t, noData: t === null })
    pushLabels()
  }

  /**
   * Grids: inside the selected township, or everywhere once zoomed in. Out of view they are hidden, not filtered
   * out, so the map neither indexes nor tiles their geometry until they are wanted (held-data.ts).
   */
  const gridsInView = () => view.township !== null || host.zoom() - zoomBias() >= GRID_MIN_ZOOM

  function applyScopeFilters() {
    const township = view.township
    const gridFilter: FilterSpecification | null = township ? ['==', ['get', 'township'], township] : null
    for (const layer of ['grids-fill', 'grids-line', 'grids-label', 'grids-village-line']) host.setFilter(layer, gridFilter)
    host.setVisible('grids', view.state.layers.includes('grids') && gridsInView())
    host.setFilter('townships-selected', ['==', ['get', 'id'], township ?? ''])
    host.setFilter('grids-selected', ['==', ['get', 'id'], scopeLevel(view.state.scope) === 'grid' ? view.state.scope : ''])
    for (const f of regions.townships?.features ?? []) host.setState('townships', f.properties.id, { dim: township !== null && f.properties.id !== township })
  }

  function flyToScope() {
    const scope = view.state.scope
    if (scope === COUNTY_CODE) return host.camera.show({ bounds: COUNTY_BOUNDS, padding: COUNTY_PADDING, duration: 1200 }, 'scope')
    const feature = regions.byId.get(scope)
    if (feature) host.camera.show({ bounds: geometryBounds(feature.geometry), padding: 60, duration: 1200, maxZoom: SCOPE_MAX_ZOOM }, 'scope')
  }

  function applyLayers() {
    for (const toggle of ['townships', 'incidents', 'heatmap', 'disputes', 'sites', 'whistles']) {
      host.setVisible(toggle, view.state.layers.includes(toggle as never))
    }
    host.setVisible('grids', view.state.layers.includes('grids') && gridsInView())
  }

  let started = false
  /** Runs fn once started: before, `start` sets everything at once. */
  const onceStarted = (fn: () => void) => () => { if (started) host.ready(fn) }
  host.on('zoomend', onceStarted(() => { applyScopeFilters(); pushLabels() }))
  // A wall's text grows with its screen, and a resize refits it.
  host.on('resize', onceStarted(pushLabels))
  // A restored WebGL context rebuilds the style from a snapshot, which keeps data, filters and layout but not
  // feature states: the choropleth and the dimming would stay blank until the next change of values.
  host.on('restored', onceStarted(() => { pushChoropleth(); applyScopeFilters() }))
  watch(() => [data.townshipValues, data.gridValues, reference.data], onceStarted(pushChoropleth))
  watch(() => view.state.scope, onceStarted(() => { applyScopeFilters(); flyToScope() }))
  watch(() => view.state.layers, onceStarted(applyLayers))
  return {
    start() {
      started = true
      applyLayers()
      applyScopeFilters()
      pushBoundaries()
      pushChoropleth()
      if (view.state.scope !== COUNTY_CODE) flyToScope()
    },
  }
}
