// Clicks and hover: a township or grid click drills into it, a cluster click zooms to its expansion, a record
// click opens its detail drawer. Hover lifts the region under the pointer. While the selection tool is on, clicks
// are the tool's: a drawing's corners, or (pick mode) the grid to select; nothing drills in or opens underneath.
import type { MapGeoJSONFeature } from 'maplibre-gl'
import { useSelectionToolStore } from '../stores/selection-tool'
import { useViewStore } from '../stores/view'
import type { MapHost, ScreenPoint } from './map-host'
import { INCIDENT_TILE_MAX_ZOOM } from '../../../domain/incident-tiles'
import { TOWNSHIP_LABEL_LAYER } from './overlays/townships'

const DRAWER_KIND: Record<string, string> = {
  'incidents-point': 'incident', 'incidents-live-point': 'incident', 'disputes-point': 'dispute', 'sites-point': 'site', 'whistles-arc': 'whistle',
  'alerts-fill': 'alert', 'alerts-point': 'alert',
}

/** How long a cluster click's zoom takes (MapLibre's easeTo default). */
const CLUSTER_ZOOM_MS = 500

export function bindInteraction(host: MapHost, clickable: string[], pick: (point: ScreenPoint) => void) {
  const view = useViewStore()
  const tool = useSelectionToolStore()
  let hovered: { source: string; id: string | number } | null = null

  host.on('click', ({ point }) => {
    if (tool.takeClosingClick()) return
    if (tool.mode === 'pick') return pick(point)
    if (tool.active) return
    const hits = host.queryRendered(clickable, point)
    // A township's name is a deliberate target: it wins over the cluster that often sits on the town itself.
    // Otherwise topmost first: records above grids above townships.
    const hit = hits.find((h) => h.layer.id === TOWNSHIP_LABEL_LAYER) ??
      hits.sort((a, b) => clickable.indexOf(b.layer.id) - clickable.indexOf(a.layer.id))[0]
    if (!hit) return
    void handle(hit)
  })

  async function handle(f: MapGeoJSONFeature) {
    const id = f.properties.id ?? f.id
    const kind = DRAWER_KIND[f.layer.id]
    if (kind) return view.select(`${kind}:${id}`)
    const center = (f.geometry as GeoJSON.Point).coordinates as [number, number]
    if (f.layer.id === 'incidents-cluster' && f.source !== 'incidents') {
      // A tile cell: no cluster tree to ask, so zoom two levels in (a cell splits into 16 there), up to the points.
      return host.camera.show({ center, zoom: Math.min(host.zoom() + 2, INCIDENT_TILE_MAX_ZOOM), duration: CLUSTER_ZOOM_MS }, 'cluster')
    }
    if (f.layer.id === 'incidents-cluster') {
      const zoom = await host.clusterExpansionZoom('incidents', Number(f.properties.cluster_id))
      return host.camera.show({ center, zoom, duration: CLUSTER_ZOOM_MS }, 'cluster')
    }
    if (f.layer.id === 'grids-fill' || f.layer.id === 'townships-fill' || f.layer.id === TOWNSHIP_LABEL_LAYER) {
      if (String(id) !== view.state.scope) view.setScope(String(id))
    }
  }

  host.on('mousemove', ({ point }) => {
    if (tool.active) return
    const hits = host.queryRendered(clickable, point)
    host.setCursor(hits.length ? 'pointer' : '')
    const region = hits.find((h) => h.layer.id === 'grids-fill') ?? hits.find((h) => h.layer.id === 'townships-fill')
    const next = region && region.id !== undefined ? { source: region.source, id: region.id } : null
    if (hovered && (!next || hovered.id !== next.id)) host.setState(hovered.source, hovered.id, { hover: false })
    if (next) host.setState(next.source, next.id, { hover: true })
    hovered = next
  })
}
