// The pulse of supervised sites that need attention (an open warning or an overdue inspection). Drawn as a few
// DOM markers with a CSS animation rather than by repainting the map: a paint property changed 20 times a second
// kept the WebGL map from ever settling (no `idle`, labels that never faded in on a software-rendered wall),
// while CSS animations cost the map nothing and browsers pause them in hidden tabs.
import type { PointFeature } from '../api/map-data'
import { GRADE_COLORS } from './colors'
import { TOWNSHIP_LABEL_LAYER } from './overlays/townships'
import type { MapHost } from './map-host'

/**
 * Half the box a pulse checks for a label in: its ring at its brightest (theme.css: 18 px across, the 14 px marker
 * and its 2 px border, at scale 0.6: 11 px), with room to spare.
 */
const RING_PX = 7

/** Runs fn when the page is idle (shortly after, where requestIdleCallback is missing); returns a cancel. */
function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 1000 })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(fn, 100)
  return () => clearTimeout(id)
}

export const needsAttention = (p: Record<string, unknown>) => Number(p.openWarnings ?? 0) > 0 || p.overdue === true

/** Purely visual (pointer-events: none): the site's own circle on the map takes the click. */
export function createPulseMarkers(host: MapHost) {
  /** Each pulse's element and place, and how to take it off the map while it is on. */
  let markers: { el: HTMLElement; at: [number, number]; remove: (() => void) | null }[] = []
  let visible = true
  const show = (m: (typeof markers)[number]) => { m.remove ??= host.addMarker(m.el, m.at) }
  const hide = (m: (typeof markers)[number]) => { m.remove?.(); m.remove = null }

  function set(sites: readonly PointFeature[]) {
    markers.forEach(hide)
    markers = sites.filter((s) => needsAttention(s.properties)).map((s) => {
      const el = document.createElement('div')
      el.className = 'site-pulse'
      el.dataset.site = String(s.id)
      el.style.setProperty('--pulse', GRADE_COLORS[s.properties.grade as keyof typeof GRADE_COLORS] ?? GRADE_COLORS.blue)
      const marker = { el, at: s.geometry.coordinates as [number, number], remove: null }
      if (visible) show(marker)
      return marker
    })
  }

  /**
   * Pulses over a township's name and value are hidden: the names are the map's geography, and in 罗阳镇, the county
   * seat, twenty rings flashing across its name made it unreadable at the county view. The site's own circle stays,
   * and drilling in spreads the sites out from under the label. Checked against MapLibre's placed labels each time
   * the map settles, when the page has nothing else to do (65 queries take ~20 ms).
   */
  let cancelCheck: (() => void) | null = null
  function hideUnderLabels() {
    cancelCheck = null
    for (const m of markers) {
      const [x, y] = host.project(m.at)
      m.el.classList.toggle('under-label', host.queryRendered([TOWNSHIP_LABEL_LAYER], [[x - RING_PX, y - RING_PX], [x + RING_PX, y + RING_PX]]).length > 0)
    }
  }
  const stopListening = host.on('idle', () => { cancelCheck ??= whenIdle(hideUnderLabels) })

  function setVisible(v: boolean) {
    visible = v
    markers.forEach(v ? show : hide)
  }

  return {
    set,
    setVisible,
    destroy() {
      stopListening()
      cancelCheck?.()
      markers.forEach(hide)
    },
  }
}
