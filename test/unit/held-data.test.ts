// Data of sources nothing draws waits until a layer of the source is shown (web/src/map/held-data.ts).
import { expect, test } from 'vitest'
import { heldData } from '../../web/src/map/held-data'

const fc = (n: number): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: Array.from({ length: n }, (_, i) => ({ type: 'Feature', id: i, properties: {}, geometry: { type: 'Point', coordinates: [120, 27.5] } })) })

function setup(shownAtStart: string[]) {
  const shown = new Set(shownAtStart)
  const writes: [string, number][] = []
  const held = heldData((id) => shown.has(id), (id, d) => writes.push([id, (d as GeoJSON.FeatureCollection).features.length]))
  return { shown, writes, held }
}

test('a drawn source is written at once, a hidden one not until it is shown', () => {
  const { shown, writes, held } = setup(['incidents'])
  held.set('incidents', fc(3))
  held.set('heatmap', fc(3))
  expect(writes).toEqual([['incidents', 3]])
  expect(held.isHeld('heatmap')).toBe(true)
  shown.add('heatmap')
  held.release('heatmap')
  expect(writes).toEqual([['incidents', 3], ['heatmap', 3]])
  expect(held.isHeld('heatmap')).toBe(false)
})

test('only the newest held data is written, and only once', () => {
  const { shown, writes, held } = setup([])
  held.set('grids', fc(1))
  held.set('grids', fc(2))
  shown.add('grids')
  held.release('grids')
  held.release('grids')
  expect(writes).toEqual([['grids', 2]])
})

test('data written while shown drops what was held before', () => {
  const { shown, writes, held } = setup([])
  held.set('disputes', fc(1))
  shown.add('disputes')
  held.set('disputes', fc(5))
  held.release('disputes')
  expect(writes).toEqual([['disputes', 5]])
})

test('releasing a source with nothing held writes nothing', () => {
  const { writes, held } = setup([])
  held.release('sites')
  expect(writes).toEqual([])
})

test('live additions to a hidden source join its held data (by id) and write nothing', () => {
  const { shown, writes, held } = setup([])
  held.set('heatmap', fc(3))
  const changed = { type: 'Feature' as const, id: 1, properties: { status: 'closed' }, geometry: { type: 'Point' as const, coordinates: [120.1, 27.6] } }
  const added = { ...changed, id: 7 }
  expect(held.addToHeld('heatmap', { add: [changed, added] })).toBe(true)
  expect(writes).toEqual([])
  shown.add('heatmap')
  held.release('heatmap')
  expect(writes).toEqual([['heatmap', 4]])
})

test('a diff that is not only additions, or for data not held, is left to the caller', () => {
  const { held } = setup([])
  held.set('heatmap', fc(3))
  expect(held.addToHeld('heatmap', { remove: [1] })).toBe(false)
  expect(held.addToHeld('heatmap', { add: [], removeAll: true })).toBe(false)
  expect(held.addToHeld('incidents', { add: [] })).toBe(false)
})
