// The overlays as a draft until the first data is all set (web/src/map/overlay-draft.ts): what the binders set
// first reaches the map in one commit, each source with its data and each layer with its visibility and filter.
import { expect, test } from 'vitest'
import { composeOverlays } from '../../web/src/map/overlay'
import { overlayDraft } from '../../web/src/map/overlay-draft'
import type { DraftTarget } from '../../web/src/map/overlay-draft'
import { OVERLAYS } from '../../web/src/map/overlays'

function fakeMap() {
  const calls: { sources: [string, any][]; layers: any[]; states: [unknown, unknown][] } = { sources: [], layers: [], states: [] }
  const map = {
    addSource: (id: string, spec: unknown) => { calls.sources.push([id, spec]) },
    addLayer: (spec: unknown) => { calls.layers.push(spec) },
    setState: (source: string, id: string | number, s: unknown) => { calls.states.push([{ source, id }, s]) },
  } as unknown as DraftTarget
  return { map, calls }
}
const county: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [119.7, 27.5] } }] }

test('commit adds every source with the data set and every layer in draw order, then the feature states', () => {
  const draft = overlayDraft(OVERLAYS)
  draft.setData('county', county)
  draft.setState('townships', '330329100', { t: 0.5 })
  const { map, calls } = fakeMap()
  draft.commit(map)
  const composed = composeOverlays(OVERLAYS)
  expect(calls.sources.map(([id]) => id)).toEqual(Object.keys(composed.sources))
  expect(calls.sources.find(([id]) => id === 'county')![1]).toMatchObject({ type: 'geojson', data: county })
  expect(calls.sources.find(([id]) => id === 'townships')![1].data).toEqual({ type: 'FeatureCollection', features: [] })
  expect(calls.layers.map((l) => l.id)).toEqual(composed.layers.map((l) => l.id))
  expect(calls.states).toEqual([[{ source: 'townships', id: '330329100' }, { t: 0.5 }]])
})

test('visibility and filters are in the layers as added; shown follows visibility', () => {
  const draft = overlayDraft(OVERLAYS)
  expect(draft.shown('grids')).toBe(true)
  for (const id of ['grids-fill', 'grids-line', 'grids-selected', 'grids-label']) draft.setVisible(id, false)
  expect(draft.shown('grids')).toBe(false)
  draft.setFilter('townships-selected', ['==', ['get', 'id'], '330329100'])
  draft.setFilter('grids-selected', null)
  const { map, calls } = fakeMap()
  draft.commit(map)
  const layer = (id: string) => calls.layers.find((l) => l.id === id)
  expect(layer('grids-fill').layout.visibility).toBe('none')
  expect(layer('townships-fill').layout?.visibility).not.toBe('none')
  expect(layer('townships-selected').filter).toEqual(['==', ['get', 'id'], '330329100'])
  expect(layer('grids-selected')).not.toHaveProperty('filter')
})

test('a paint property set on the draft is in the layer as added, beside the layer\'s own paint', () => {
  const draft = overlayDraft(OVERLAYS)
  draft.setPaint('heatmap-layer', 'heatmap-intensity', 0.25)
  const { map, calls } = fakeMap()
  draft.commit(map)
  const heatmap = calls.layers.find((l) => l.id === 'heatmap-layer')
  expect(heatmap.paint['heatmap-intensity']).toBe(0.25)
  expect(heatmap.paint['heatmap-opacity']).toBe(0.8)
})

test('the overlay definitions themselves are not changed by a draft', () => {
  const before = JSON.stringify(composeOverlays(OVERLAYS))
  const draft = overlayDraft(OVERLAYS)
  draft.setVisible('townships-fill', false)
  draft.setFilter('townships-selected', ['==', ['get', 'id'], 'x'])
  draft.setData('county', county)
  draft.setPaint('heatmap-layer', 'heatmap-intensity', 0.1)
  expect(JSON.stringify(composeOverlays(OVERLAYS))).toBe(before)
  expect(() => draft.setVisible('no-such-layer', true)).toThrow(/no layer/)
})
