// Keeps the record layers (incidents, heatmap, disputes, sites and their pulse, whistle arcs) in step with the loaded data, and
// patches them from the live stream (live-incidents.ts), so a new incident appears without reloading the source, and
// as deadlines pass (deadline-watch.ts), so an incident turns overdue on the map when the KPI counts it.
// MapView calls `start` once, when the map and all its first data are in.
import { watch } from 'vue'
import { OPEN_INCIDENT_STATUSES } from '../../../domain/incident'
import { isOneOf } from '../../../domain/label'
import { isIncidentEvent } from '../../../domain/live-events'
import type { PointFeature } from '../api/map-data'
import { asIncidentUpdate, useLiveStore } from '../stores/live'
import type { LiveEvent } from '../stores/live'
import { useMapDataStore } from '../stores/map-data'
import { useReferenceStore } from '../stores/reference'
import { useViewStore } from '../stores/view'
import type { MapHost } from './map-host'
import { deadlineWatch } from './deadline-watch'
import { viewIncidentFilter } from './live-incident-filter'
import { liveIncidents } from './live-incidents'
import { HEATMAP_WEIGHT, INCIDENT_TILE_LAYERS, INCIDENT_TILE_SOURCE, heatmapIntensity } from './overlays/incidents'
import { createPulseMarkers } from './pulse'
import { departmentNodes, whistleArcs } from './whistle-arcs'

/** With tiles, live incidents refresh the tiles at most this often (a version in the URL; the API drops its cached tiles per event). */
export const TILE_REFRESH_MS = 2000

/** Live events kept for the start at most (the newest); more would mean a start long overdue. */
const EARLY_MAX = 500

/** 0 closed, 1 open, 2 overdue: what the cluster discs and point colours read. */
export function statusGroup(p: Record<string, unknown>): 0 | 1 | 2 {
  if (p.overdue === true) return 2
  return isOneOf(OPEN_INCIDENT_STATUSES, p.status) ? 1 : 0
}

const withGroup = (f: PointFeature): PointFeature => ({ ...f, properties: { ...f.properties, g: statusGroup(f.properties) } })

export function bindRecords(host: MapHost): { start: () => void; destroy: () => void } {
  const data = useMapDataStore()
  const live = useLiveStore()
  const view = useViewStore()
  const reference = useReferenceStore()
  const pulses = createPulseMarkers(host)
  const patches = liveIncidents(host)
  const deadlines = deadlineWatch((feature) => patches.put({ ...withGroup(feature), id: feature.id }))
  let tileVersion = 0
  let tileTimer: ReturnType<typeof setTimeout> | null = null

  /** The incident layers read tiles when the range is too large for points (data.incidentTiles), else GeoJSON. */
  function applyIncidentMode() {
    const tiles = data.incidentTiles
    const url = tiles ? `${tiles.url}${tiles.url.includes('?') ? '&' : '?'}v=${tileVersion}` : null
    host.useTiles(INCIDENT_TILE_SOURCE, url, INCIDENT_TILE_LAYERS, 'incidents', url ? HEATMAP_WEIGHT.tiles : HEATMAP_WEIGHT.geojson)
  }

  function refreshTiles() {
    if (tileTimer) return
    tileTimer = setTimeout(() => { tileTimer = null; tileVersion++; if (data.incidentTiles) applyIncidentMode() }, TILE_REFRESH_MS)
  }

  function departments() {
    return departmentNodes((reference.data?.departments ?? []).map((d) => ({ id: d.id, name: view.lang === 'en' ? d.shortNameEn : d.shortName })))
  }

  function pushAll() {
    const f = data.features
    const incidents = f.incidents.map(withGroup)
    host.setData('incidents', { type: 'FeatureCollection', features: incidents })
    host.setData('heatmap', { type: 'FeatureCollection', features: incidents })
    patches.reset()
    deadlines.reset(f.incidents)
    applyIncidentMode()
    host.setPaint('heatmap-layer', 'heatmap-intensity', data.incidentTiles ? 1 : heatmapIntensity(incidents.length))
    host.setData('disputes', { type: 'FeatureCollection', features: f.disputes })
    host.setData('sites', { type: 'FeatureCollection', features: f.sites })
    pulses.set(f.sites)
    const nodes = departments()
    host.setData('whistles-departments', nodes)
    host.setData('whistles', whistleArcs(f.whistles, nodes))
  }

  let started = false
  /** Events before the start, drawn right after it: the loaded records may predate them. */
  const early: LiveEvent[] = []
  function onLive(e: LiveEvent) {
    if (!isIncidentEvent(e.kind)) return
    const update = asIncidentUpdate(e)
    if (started) host.ready(() => patchIncident(update))
    else if (early.push(update) > EARLY_MAX) early.shift()
  }

  /**
   * Draws a live incident if the view's list request would fetch it (scope, range and every filter), and takes it
   * off the map if not: a change can move an incident out of the view (a status the status filter leaves out).
   */
  function patchIncident(e: LiveEvent) {
    const feature = withGroup(e.data as PointFeature)
    if (feature.id === undefined) return
    // Tiles are drawn by the server with the view's filters: asked for again, they show the change either way.
    if (data.incidentTiles) return refreshTiles()
    if (patches.patch({ ...feature, id: feature.id }, viewIncidentFilter(view.state, view.range))) deadlines.track(feature)
    else deadlines.forget(feature.id)
  }

  watch(() => [data.generation, reference.data], () => { if (started) host.ready(pushAll) })
  // Points turn overdue here as their deadlines pass. Tiles are drawn by the server, overdue included, and live a
  // minute there (INCIDENT_TILE_TTL_MS): asked for again at each tick, they show what has turned overdue meanwhile.
  watch(() => view.now, (now) => {
    if (!started) return
    if (data.incidentTiles) refreshTiles()
    else host.ready(() => deadlines.tick(now))
  })
  watch(() => view.state.layers.includes('sites'), (on) => pulses.setVisible(on), { immediate: true })
  const stop = live.onEvent(onLive)
  return {
    start() {
      started = true
      pushAll()
      early.splice(0).forEach(patchIncident)
    },
    destroy() {
      stop()
      if (tileTimer) clearTimeout(tileTimer)
      patches.destroy()
      pulses.destroy()
    },
  }
}
