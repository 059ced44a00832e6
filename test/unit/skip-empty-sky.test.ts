// MapLibre's sky pass is skipped for a style without a sky, drawn for one with a sky (web/src/map/skip-empty-sky.ts).
import { expect, test } from 'vitest'
import type { Map as MlMap } from 'maplibre-gl'
import { skipEmptySky } from '../../web/src/map/skip-empty-sky'

function fakeMap(sky: unknown, drawFunctions?: Record<string, unknown>) {
  const drawn: unknown[][] = []
  const shared = drawFunctions ?? { sky: (...args: unknown[]) => { drawn.push(args) }, fill: () => {} }
  const map = { painter: { drawFunctions: shared }, getSky: () => sky } as unknown as MlMap & { painter: { drawFunctions: Record<string, (...a: unknown[]) => void> } }
  return { map, drawn, shared }
}

test('a style without a sky: the pass is skipped, the other draw functions are kept', () => {
  const { map, drawn, shared } = fakeMap(undefined)
  expect(skipEmptySky(map)).toBe(true)
  map.painter.drawFunctions.sky!('mesh', 'context')
  expect(drawn).toEqual([])
  expect(map.painter.drawFunctions.fill).toBe(shared.fill)
  // The shared table (MapLibre's module-level one) is left as it was, for other maps on the page.
  expect(map.painter.drawFunctions).not.toBe(shared)
})

test('a style with a sky: the pass is drawn with its arguments', () => {
  const { map, drawn } = fakeMap({ 'sky-color': '#001122' })
  skipEmptySky(map)
  map.painter.drawFunctions.sky!('mesh', 'context')
  expect(drawn).toEqual([['mesh', 'context']])
})

test('a MapLibre without the painter table this expects: nothing is changed and it says so', () => {
  expect(skipEmptySky({ getSky: () => undefined } as unknown as MlMap)).toBe(false)
  const { map, shared } = fakeMap(undefined, { fill: () => {} })
  expect(skipEmptySky(map)).toBe(false)
  expect(map.painter.drawFunctions).toBe(shared)
})
