// The pulse of new alerts (研判预警 not yet judged): a ring at the middle of each one's area, in its level's colour and
// at its level's pace (红 quickest). DOM markers with a CSS animation, as the site pulses (pulse.ts): the WebGL map
// does not repaint for them, a hidden tab stops them, and with no new alert there is no marker and nothing runs.
// An alert already judged (已研判, 处置中) keeps its outline and stops pulsing: it has been seen.
import type { AlertFeature } from '../alerts/alert-feature'
import { alertCenter } from '../alerts/alert-feature'
import type { MapHost } from './map-host'

export function createAlertPulses(host: MapHost) {
  let markers: { el: HTMLElement; at: [number, number]; remove: (() => void) | null }[] = []
  let visible = true
  const show = (m: (typeof markers)[number]) => { m.remove ??= host.addMarker(m.el, m.at) }
  const hide = (m: (typeof markers)[number]) => { m.remove?.(); m.remove = null }

  function set(alerts: readonly AlertFeature[]) {
    markers.forEach(hide)
    markers = alerts.flatMap((f) => {
      const at = f.properties.status === 'new' ? alertCenter(f) : null
      if (!at) return []
      const el = document.createElement('div')
      el.className = `alert-pulse alert-pulse-${f.properties.level}`
      el.dataset.alertPulse = String(f.properties.id)
      const marker = { el, at, remove: null }
      if (visible) show(marker)
      return [marker]
    })
  }

  function setVisible(v: boolean) {
    visible = v
    markers.forEach(v ? show : hide)
  }

  return { set, setVisible, destroy: () => markers.forEach(hide) }
}
