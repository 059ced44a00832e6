// The selection on the map: the selected area drawn (outline, light fill, the rest dimmed) and framed by the
// camera, and the selection tool's drawing through terra-draw (polygon and rectangle modes) or its pick of a grid.
// terra-draw runs only while the tool is on: loaded and started when a mode starts, stopped (its layers gone) when
// the tool ends, so the map's first picture and a wall never pay for it. MapView calls `start` once, when the map and its
// first data are in.
import { watch } from 'vue'
import type { Polygon } from 'geojson'
import { bbox, booleanPointInPolygon } from '@turf/turf'
import type { HexColor, TerraDraw } from 'terra-draw'
import { useRegionsStore } from '../stores/regions'
import { useSelectionToolStore } from '../stores/selection-tool'
import type { SelectionMode } from '../stores/selection-tool'
import { useViewStore } from '../stores/view'
import { outerPolygon } from '../selection/simplify-selection'
import type { MapHost, ScreenPoint } from './map-host'
import { SCOPE_MAX_ZOOM } from './map-host'
import { SELECTION_COLOR, selectionFeatures } from './overlays/selection'

const COLOR = SELECTION_COLOR as HexColor
const DARK = '#06111f' as HexColor

async function createDraw(host: MapHost): Promise<TerraDraw> {
  const [{ TerraDraw, TerraDrawPolygonMode, TerraDrawRectangleMode }, adapter] = await Promise.all([import('terra-draw'), host.drawAdapter()])
  const shape = { fillColor: COLOR, fillOpacity: 0.12, outlineColor: COLOR, outlineWidth: 2.5 }
  return new TerraDraw({
    adapter,
    modes: [
      new TerraDrawPolygonMode({
        styles: { ...shape, closingPointColor: COLOR, closingPointWidth: 7, closingPointOutlineColor: DARK, closingPointOutlineWidth: 2 },
      }),
      new TerraDrawRectangleMode({ drawInteraction: 'click-move-or-drag', styles: shape }),
    ],
  })
}

export function bindSelection(host: MapHost): { start: () => void; pick: (point: ScreenPoint) => void; destroy: () => void } {
  const view = useViewStore()
  const tool = useSelectionToolStore()
  const regions = useRegionsStore()
  let draw: TerraDraw | null = null
  let started = false
  /** Which start is the latest: a mode changed while terra-draw was loading drops the older start. */
  let generation = 0

  function show(polygon: Polygon | null) {
    const { selection, mask } = selectionFeatures(polygon)
    host.setData('selection', selection)
    host.setData('selection-mask', mask)
  }

  function frame(polygon: Polygon | null) {
    if (!polygon) return
    const [w, s, e, n] = bbox(polygon)
    host.camera.show({ bounds: [[w, s], [e, n]], padding: 80, duration: 1000, maxZoom: SCOPE_MAX_ZOOM }, 'scope')
  }

  function stopDrawing() {
    tool.drawing = false
    if (!draw) return
    draw.stop()
    draw = null
  }

  async function startDrawing(mode: SelectionMode | null) {
    const mine = ++generation
    stopDrawing()
    host.setCursor(mode === 'pick' ? 'crosshair' : '')
    if (mode !== 'polygon' && mode !== 'rectangle') return
    const d = await createDraw(host)
    if (mine !== generation || !started) return
    d.start()
    d.setMode(mode)
    d.on('finish', (id) => {
      const feature = d.getSnapshotFeature(id)
      if (feature?.geometry.type !== 'Polygon') return
      // Refused: the tool bumps its attempt and this watcher starts a clean drawing in the same mode.
      void tool.finish(feature.geometry)
    })
    draw = d
    tool.drawing = true
  }

  /** In pick mode, a click selects the grid under it, visible or not (grids are hidden at the county's zoom). */
  function pick(point: ScreenPoint) {
    const [lng, lat] = host.unproject(point)
    const grid = regions.grids?.features.find((g) => {
      const [w, s, e, n] = g.bbox ?? bbox(g)
      return lng >= w && lng <= e && lat >= s && lat <= n && booleanPointInPolygon([lng, lat], g as GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>)
    })
    const polygon = grid && outerPolygon(grid.geometry)
    // Picked in the map's own click handler: no click is left over.
    if (polygon) void tool.finish(polygon, false)
  }

  // A press starts a new gesture: whatever click follows is not a drawing's closing click.
  const newGesture = () => tool.forgetClosingClick()
  window.addEventListener('pointerdown', newGesture, true)

  watch(() => view.state.within, (polygon) => { if (started) host.ready(() => { show(polygon); frame(polygon) }) })
  watch(() => [tool.mode, tool.attempt] as const, ([mode]) => { if (started) host.ready(() => void startDrawing(mode)) })

  return {
    start() {
      started = true
      show(view.state.within)
      frame(view.state.within)
      if (tool.mode) void startDrawing(tool.mode)
    },
    pick,
    destroy() {
      window.removeEventListener('pointerdown', newGesture, true)
      started = false
      generation++
      stopDrawing()
    },
  }
}
