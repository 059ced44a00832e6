// MapLibre's sky pass is skipped for a style without a sky, drawn for one with a sky (web/src/map/skip-empty-sky.ts).
import { expect, test } from 'vitest'
import type { Map as MlMap } from 'maplibre-gl'
import { skipEmptySky } from '../../web/src/map/skip-empty-sky'

type DrawFunctions = Record<string, ((...args: unknown[]) => void) | undefined>

/** A map with just what the patch touches: the painter's table of draw functions and the style's sky. */
function fakeMap(sky: unknown, drawFunctions?: DrawFunctions) {
  const drawn: unknown[][] = []
  const shared: DrawFunctions = drawFunctions ?? { sky: (...args) => { drawn.push(args) }, fill: () => {} }
  const painter = { drawFunctions: shared }
  const map = { painter, getSky: () => sky } as unknown as MlMap
  return { map, painter, drawn, shared }
}

test('a style without a sky: the pass is skipped, the other draw functions are kept', () => {
  const { map, painter, drawn, shared } = fakeMap(undefined)
  expect(skipEmptySky(map)).toBe(true)
  painter.drawFunctions.sky!('mesh', 'context')
  expect(drawn).toEqual([])
  expect(painter.drawFunctions.fill).toBe(shared.fill)
  // The shared table (MapLibre's module-level one) is left as it was, for other maps on the page.
  expect(painter.drawFunctions).not.toBe(shared)
})

test('a style with a sky: the pass is drawn with its arguments', () => {
  const { map, painter, drawn } = fakeMap({ 'sky-color': '#001122' })
  skipEmptySky(map)
  painter.drawFunctions.sky!('mesh', 'context')
  expect(drawn).toEqual([['mesh', 'context']])
})

test('a MapLibre without the painter table this expects: nothing is changed and it says so', () => {
  expect(skipEmptySky({ getSky: () => undefined } as unknown as MlMap)).toBe(false)
  const { map, painter, shared } = fakeMap(undefined, { fill: () => {} })
  expect(skipEmptySky(map)).toBe(false)
  expect(painter.drawFunctions).toBe(shared)
})
