// Keeps the alert layer (研判预警) in step with the alerts store: the open alerts' areas, the pulse of the new ones,
// and the alert the leader opened (the store's `focus`): the camera frames its area, the area is lit, and the
// records its evidence lists are ringed. MapView calls `start` once, with the other binders, before the commit.
import type { Feature, Point } from 'geojson'
import { watch } from 'vue'
import { alertBounds } from '../alerts/alert-feature'
import type { EvidenceKind } from '../alerts/evidence-records'
import { getJson } from '../api/client'
import { useAlertsStore } from '../stores/alerts'
import { useMapDataStore } from '../stores/map-data'
import { useSessionStore } from '../stores/session'
import { useViewStore } from '../stores/view'
import { createAlertPulses } from './alert-pulse'
import type { MapHost } from './map-host'
import { SCOPE_MAX_ZOOM } from './map-host'

/** Records of an alert looked up one by one when the map has not loaded them (outside the range, or drawn as tiles). */
const LOOKUP_MAX = 40
/** The drawer's width and its margin from the map's right edge (shell/AlertDrawer.vue), and a little room beside it. */
const DRAWER_ROOM = 360 + 20 + 60

const collection = (features: Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features })

export function bindAlerts(host: MapHost): { start: () => void; destroy: () => void } {
  const alerts = useAlertsStore()
  const data = useMapDataStore()
  const view = useViewStore()
  const session = useSessionStore()
  const pulses = createAlertPulses(host)
  alerts.start(session.user?.role)
  let started = false
  let lit: number | null = null
  /** Each focus request's records lookup; an older one's answer is dropped. */
  let lookup = 0

  function push() {
    host.setData('alerts', collection(alerts.features.filter((f) => f.geometry !== null) as Feature[]))
    pulses.set(alerts.features)
    if (lit !== null) host.setState('alerts', lit, { focus: true })
  }

  /** Where the evidence's records are: from the map's loaded records, else (incidents) from their detail. */
  async function recordPoints(kind: EvidenceKind, ids: readonly number[]): Promise<Feature<Point>[]> {
    const loaded = new Map(data.features[`${kind}s`].map((r) => [Number(r.id ?? r.properties.id), r]))
    const points: Feature<Point>[] = []
    const missing: number[] = []
    for (const id of ids) {
      const r = loaded.get(id)
      if (r) points.push({ type: 'Feature', id, properties: { id, kind }, geometry: r.geometry })
      else missing.push(id)
    }
    if (kind === 'incident') {
      const found = await Promise.all(missing.slice(0, LOOKUP_MAX).map((id) => getJson('/api/incidents/{id}', { params: { id } }).then((r) => r, () => null)))
      for (const r of found) {
        if (r?.point) points.push({ type: 'Feature', id: r.id, properties: { id: r.id, kind }, geometry: { type: 'Point', coordinates: [r.point[0], r.point[1]] } })
      }
    }
    return points
  }

  /** Frames the opened alert's area and lights it. */
  function applyFocus() {
    const f = alerts.focus
    if (lit !== null) host.setState('alerts', lit, { focus: false })
    lit = f?.properties.id ?? null
    if (!f) return
    host.setState('alerts', f.properties.id, { focus: true })
    const bounds = alertBounds(f)
    // Room on the right for the alert's drawer, which opens over the map's right side.
    if (bounds) host.camera.show({ bounds, padding: { top: 80, bottom: 80, left: 80, right: DRAWER_ROOM }, duration: 1000, maxZoom: SCOPE_MAX_ZOOM - 1 }, 'scope')
  }

  /** Rings the records the opened alert's evidence lists. */
  async function applyEvidence() {
    const mine = ++lookup
    const e = alerts.evidence
    const points = e ? await recordPoints(e.kind, e.ids) : []
    if (mine === lookup) host.setData('alert-records', collection(points))
  }

  watch(() => alerts.features, () => { if (started) host.ready(push) })
  watch(() => alerts.focusRequest, () => { if (started) host.ready(applyFocus) })
  watch(() => alerts.evidence, () => { if (started) host.ready(() => { void applyEvidence() }) })
  watch(() => view.state.layers.includes('alerts'), (on) => pulses.setVisible(on), { immediate: true })

  return {
    start() {
      started = true
      push()
      if (alerts.focus) applyFocus()
      if (alerts.evidence) void applyEvidence()
    },
    destroy: () => pulses.destroy(),
  }
}
