// The pulse of new alerts (研判预警 not yet judged): a ring at the middle of each one's area, in its level's colour and
// at its level's pace (红 quickest; which pulse at all: `pulses`). DOM markers with a CSS animation, as the site pulses (pulse.ts): the WebGL map
// does not repaint for them, a hidden tab stops them, and with no new alert there is no marker and nothing runs.
// An alert already judged (已研判, 处置中) keeps its outline and stops pulsing: it has been seen.
import type { AlertFeature } from '../alerts/alert-feature'
import { alertCenter } from '../alerts/alert-feature'
import type { MapHost } from './map-host'

/**
 * Which alerts pulse: new ones, 红 always, 橙 over an area (a grid's spike or pile-up). A 橙 point is a site or a
 * place whose own marker already says so (a site needing attention pulses by itself, pulse.ts), and 黄 is outlined
 * only: forty rings at once, as a fresh demo has, would say nothing but "look everywhere".
 */
export function pulses(f: AlertFeature): boolean {
  const p = f.properties
  if (p.status !== 'new') return false
  return p.level === 'red' || (p.level === 'orange' && f.geometry !== null && f.geometry.type !== 'Point')
}

export function createAlertPulses(host: MapHost) {
  /** By alert: its marker, kept while the alert pulses at the same level (a refresh does not restart every ring). */
  const markers = new Map<string, { el: HTMLElement; at: [number, number]; remove: (() => void) | null }>()
  let visible = true
  const show = (m: { el: HTMLElement; at: [number, number]; remove: (() => void) | null }) => { m.remove ??= host.addMarker(m.el, m.at) }
  const hide = (m: { remove: (() => void) | null }) => { m.remove?.(); m.remove = null }

  function set(alerts: readonly AlertFeature[]) {
    const next = new Set<string>()
    for (const f of alerts) {
      const at = pulses(f) ? alertCenter(f) : null
      if (!at) continue
      const key = `${f.properties.id}:${f.properties.level}:${at.join(',')}`
      next.add(key)
      if (markers.has(key)) continue
      const el = document.createElement('div')
      el.className = `alert-pulse alert-pulse-${f.properties.level}`
      el.dataset.alertPulse = String(f.properties.id)
      const marker = { el, at, remove: null }
      markers.set(key, marker)
      if (visible) show(marker)
    }
    for (const [key, m] of markers) if (!next.has(key)) { hide(m); markers.delete(key) }
  }

  function setVisible(v: boolean) {
    visible = v
    markers.forEach(v ? show : hide)
  }

  return { set, setVisible, destroy: () => markers.forEach(hide) }
}
