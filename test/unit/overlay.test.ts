import { expect, test } from 'vitest'
import { composeOverlays, overlayLayers } from '../../web/src/map/overlay'
import { OVERLAYS } from '../../web/src/map/overlays'
import { HEATMAP_WEIGHT, INCIDENT_TILE_LAYERS } from '../../web/src/map/overlays/incidents'

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
