// The pulse of supervised sites that need attention (an open warning or an overdue inspection). Drawn as a few
// DOM markers with a CSS animation rather than by repainting the map: a paint property changed 20 times a second
// kept the WebGL map from ever settling (no `idle`, labels that never faded in on a software-rendered wall),
// while CSS animations cost the map nothing and browsers pause them in hidden tabs.
import { Marker } from 'maplibre-gl'
import type { PointFeature } from '../api/map-data'
import { GRADE_COLORS } from './colors'
import type { MapHost } from './map-host'

export const needsAttention = (p: Record<string, unknown>) => Number(p.openWarnings ?? 0) > 0 || p.overdue === true

/** Purely visual (pointer-events: none): the site's own circle on the map takes the click. */
export function createPulseMarkers(host: MapHost) {
  let markers: Marker[] = []
  let visible = true

  function set(sites: readonly PointFeature[]) {
    for (const m of markers) m.remove()
    markers = sites.filter((s) => needsAttention(s.properties)).map((s) => {
      const el = document.createElement('div')
      el.className = 'site-pulse'
      el.dataset.site = String(s.id)
      el.style.setProperty('--pulse', GRADE_COLORS[s.properties.grade as keyof typeof GRADE_COLORS] ?? GRADE_COLORS.blue)
      const marker = new Marker({ element: el }).setLngLat(s.geometry.coordinates as [number, number])
      if (visible) marker.addTo(host.map)
      return marker
    })
  }

  function setVisible(v: boolean) {
    visible = v
    for (const m of markers) {
      if (v) m.addTo(host.map)
      else m.remove()
    }
  }

  return { set, setVisible, destroy: () => markers.forEach((m) => m.remove()) }
}
