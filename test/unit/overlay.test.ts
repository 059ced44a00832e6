import { expect, test } from 'vitest'
import { composeOverlays, overlayLayers } from '../../web/src/map/overlay'
import { OVERLAYS } from '../../web/src/map/overlays'
import { HEATMAP_WEIGHT, INCIDENT_TILE_LAYERS, heatmapIntensity } from '../../web/src/map/overlays/incidents'

test('geography labels are drawn above every record layer', () => {
  const ids = composeOverlays(OVERLAYS).layers.map((l) => l.id)
  const firstLabel = ids.indexOf('townships-label')
  for (const record of ['incidents-cluster', 'incidents-point', 'disputes-point', 'sites-point']) {
    expect(ids.indexOf(record), record).toBeGreaterThan(-1)
    expect(ids.indexOf(record), record).toBeLessThan(firstLabel)
  }
  expect(ids.slice(firstLabel)).toEqual(['townships-label', 'grids-label'])
})

test('an overlay toggle covers its labels', () => {
  const townships = OVERLAYS.find((o) => o.id === 'townships')!
  expect(overlayLayers(townships).map((l) => l.id)).toContain('townships-label')
})

test('a label layer that does not carry its overlay id is refused', () => {
  const bad = { ...OVERLAYS[1]!, labels: [{ id: 'stray-label', type: 'symbol' as const, source: 'townships' }] }
  expect(() => composeOverlays([bad])).toThrow(/must start with/)
})

test('the layers that switch to incident tiles exist and read the GeoJSON source named for them', () => {
  const layers = OVERLAYS.flatMap((o) => o.layers)
  for (const [id, source] of Object.entries(INCIDENT_TILE_LAYERS)) {
    const layer = layers.find((l) => l.id === id) as { source?: string } | undefined
    expect(layer, id).toBeDefined()
    expect(layer!.source, id).toBe(source)
  }
  // Every incident layer moves together: a layer left on GeoJSON would draw nothing in tiled mode.
  const incidentLayers = layers.filter((l) => (l as { source?: string }).source === 'incidents').map((l) => l.id)
  expect(Object.keys(INCIDENT_TILE_LAYERS)).toEqual(expect.arrayContaining(incidentLayers))
  expect(Object.keys(HEATMAP_WEIGHT.tiles)).toEqual(Object.keys(HEATMAP_WEIGHT.geojson))
})

/** Whether a paint value differs by feature (MapLibre then stores it per vertex and the shader reads an attribute). */
const readsFeature = (v: unknown): boolean => Array.isArray(v) && (['get', 'has', 'feature-state'].includes(v[0]) || v.some(readsFeature))

/**
 * MapLibre compiles one shader program per layer type and per mix of constant and per-feature paint properties
 * (~50–100 ms each with WebGL on the CPU). The overlays keep one mix per type (perFeature in overlay.ts), so a new
 * layer with a plain constant colour, say, fails here rather than adding a program to the map's first frames.
 */
test('every circle, line and fill layer has the same mix of per-feature and constant paint properties', () => {
  const perFeature: Record<string, string[]> = {
    circle: ['circle-color', 'circle-radius', 'circle-stroke-color', 'circle-stroke-width'],
    line: ['line-color', 'line-width', 'line-opacity'],
    fill: ['fill-color', 'fill-opacity'],
  }
  const constant: Record<string, string[]> = {
    circle: ['circle-opacity', 'circle-blur', 'circle-stroke-opacity'],
    line: ['line-blur', 'line-gap-width', 'line-offset'],
    fill: [],
  }
  const layers = OVERLAYS.flatMap(overlayLayers).filter((l) => l.type in perFeature)
  expect(layers.length).toBeGreaterThan(15)
  for (const layer of layers) {
    const paint = ((layer as { paint?: Record<string, unknown> }).paint ?? {})
    // A dashed line is a program of its own whatever its other properties (MapLibre's lineSDF).
    if (paint['line-dasharray'] !== undefined) continue
    for (const p of perFeature[layer.type]!) expect(readsFeature(paint[p]), `${layer.id} ${p}`).toBe(true)
    for (const p of constant[layer.type]!) expect(readsFeature(paint[p]), `${layer.id} ${p}`).toBe(false)
  }
})

test('the heatmap is turned down in proportion past a week of the county, and never turned up', () => {
  expect([heatmapIntensity(0), heatmapIntensity(60), heatmapIntensity(1500)]).toEqual([1, 1, 1])
  expect(heatmapIntensity(6000)).toBeCloseTo(0.25)
  expect(heatmapIntensity(20000)).toBeCloseTo(0.075)
  // In proportion: four times the points, a quarter of the intensity, so the summed density reads the same.
  expect(heatmapIntensity(24000) * 24000).toBeCloseTo(heatmapIntensity(6000) * 6000)
})
