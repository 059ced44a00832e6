// Clicks and hover: a township or grid click drills into it, a cluster click zooms to its expansion, a record
// click opens its detail drawer. Hover lifts the region under the pointer.
import type { GeoJSONSource, MapGeoJSONFeature, MapMouseEvent } from 'maplibre-gl'
import { useViewStore } from '../stores/view'
import type { MapHost } from './map-host'
import { INCIDENT_TILE_MAX_ZOOM } from '../../../domain/incident-tiles'
import { TOWNSHIP_LABEL_LAYER } from './overlays/townships'

const DRAWER_KIND: Record<string, string> = {
  'incidents-point': 'incident', 'incidents-live-point': 'incident', 'disputes-point': 'dispute', 'sites-point': 'site', 'whistles-arc': 'whistle',
}

export function bindInteraction(host: MapHost, clickable: string[]) {
  const view = useViewStore()
  const { map } = host
  let hovered: { source: string; id: string | number } | null = null

  map.on('click', (e: MapMouseEvent) => {
    const layers = clickable.filter((l) => map.getLayer(l) && map.getLayoutProperty(l, 'visibility') !== 'none')
    const hits = map.queryRenderedFeatures(e.point, { layers })
    // A township's name is a deliberate target: it wins over the cluster that often sits on the town itself.
    // Otherwise topmost first: records above grids above townships.
    const hit = hits.find((h) => h.layer.id === TOWNSHIP_LABEL_LAYER) ??
      hits.sort((a, b) => layers.indexOf(b.layer.id) - layers.indexOf(a.layer.id))[0]
    if (!hit) return
    void handle(hit)
  })

  async function handle(f: MapGeoJSONFeature) {
    const id = f.properties.id ?? f.id
    const kind = DRAWER_KIND[f.layer.id]
    if (kind) return view.select(`${kind}:${id}`)
    if (f.layer.id === 'incidents-cluster' && f.source !== 'incidents') {
      // A tile cell: no cluster tree to ask, so zoom two levels in (a cell splits into 16 there), up to the points.
      return map.easeTo({ center: (f.geometry as GeoJSON.Point).coordinates as [number, number], zoom: Math.min(map.getZoom() + 2, INCIDENT_TILE_MAX_ZOOM) })
    }
    if (f.layer.id === 'incidents-cluster') {
      const zoom = await map.getSource<GeoJSONSource>('incidents')!.getClusterExpansionZoom(Number(f.properties.cluster_id))
      return map.easeTo({ center: (f.geometry as GeoJSON.Point).coordinates as [number, number], zoom })
    }
    if (f.layer.id === 'grids-fill' || f.layer.id === 'townships-fill' || f.layer.id === TOWNSHIP_LABEL_LAYER) {
      if (String(id) !== view.state.scope) view.setScope(String(id))
    }
  }

  map.on('mousemove', (e) => {
    const layers = clickable.filter((l) => map.getLayer(l) && map.getLayoutProperty(l, 'visibility') !== 'none')
    const hits = map.queryRenderedFeatures(e.point, { layers })
    map.getCanvas().style.cursor = hits.length ? 'pointer' : ''
    const region = hits.find((h) => h.layer.id === 'grids-fill') ?? hits.find((h) => h.layer.id === 'townships-fill')
    const next = region && region.id !== undefined ? { source: region.source, id: region.id } : null
    if (hovered && (!next || hovered.id !== next.id)) host.setState(hovered.source, hovered.id, { hover: false })
    if (next) host.setState(next.source, next.id, { hover: true })
    hovered = next
  })
}
