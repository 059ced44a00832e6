import { expect, test } from 'vitest'
import { composeOverlays, overlayLayers } from '../../web/src/map/overlay'
import { OVERLAYS } from '../../web/src/map/overlays'

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
