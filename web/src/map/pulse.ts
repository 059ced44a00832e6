// The pulse of sites that need attention: the halo layer's radius and opacity breathe about twice a second.
// Runs on requestAnimationFrame, which browsers pause in hidden tabs, and stops when the map goes away.
import type { MapHost } from './map-host'
import { PULSE_LAYER } from './overlays/sites'

export function startPulse(host: MapHost): () => void {
  let frame = 0
  let last = 0
  const tick = (t: number) => {
    frame = requestAnimationFrame(tick)
    if (t - last < 50) return // 20 updates a second is smooth enough and spares the wall's GPU
    last = t
    const phase = (t % 1400) / 1400
    if (!host.map.getLayer(PULSE_LAYER)) return
    host.map.setPaintProperty(PULSE_LAYER, 'circle-radius', 6 + phase * 14)
    host.map.setPaintProperty(PULSE_LAYER, 'circle-stroke-opacity', 0.9 * (1 - phase))
  }
  frame = requestAnimationFrame(tick)
  return () => cancelAnimationFrame(frame)
}
