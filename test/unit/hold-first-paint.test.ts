// The map's drawing is held until its first picture is complete, then every frame draws (web/src/map/hold-first-paint.ts).
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import type { Map as MlMap } from 'maplibre-gl'
import { HOLD_AT_MOST_MS, holdFirstPaint } from '../../web/src/map/hold-first-paint'

beforeEach(() => { vi.useFakeTimers() })
afterEach(() => { vi.useRealTimers() })

/** A map with what the hold reads: the painter's render, loaded(), the placement flag, triggerRepaint and 'remove'. */
function fakeMap() {
  const drawn: unknown[][] = []
  const painter: { render?: (...args: unknown[]) => void } = { render(...args) { drawn.push(args) } }
  const state = { loaded: false, placementDirty: false, repaints: 0, onRemove: [] as (() => void)[] }
  const map = {
    painter,
    loaded: () => state.loaded,
    get _placementDirty() { return state.placementDirty },
    triggerRepaint: () => { state.repaints++ },
    once: (event: string, fn: () => void) => { if (event === 'remove') state.onRemove.push(fn) },
  } as unknown as MlMap
  /** One MapLibre frame: it calls the painter's render, as Map._render does. */
  const frame = (...args: unknown[]) => painter.render!(...args)
  return { map, drawn, state, frame }
}

test('nothing is drawn until the overlays are on the map, their tiles are in and the labels are placed', () => {
  const { map, drawn, state, frame } = fakeMap()
  let committed = false
  const hold = holdFirstPaint(map, () => committed, () => 0)
  expect(hold.held).toBe(true)
  state.loaded = true
  frame('empty style') // loaded, as an empty style is, but nothing committed yet
  committed = true
  state.loaded = false
  frame('tiles coming')
  state.loaded = true
  state.placementDirty = true
  frame('labels not placed')
  expect(drawn).toEqual([])
  expect(hold.skippedFrames()).toBe(3)
  expect(hold.releasedBy()).toBe(null)
  state.placementDirty = false
  frame('complete')
  expect(drawn).toEqual([['complete']])
  expect(hold.releasedBy()).toBe('settled')
})

test('after the first picture every frame draws, whatever is still loading', () => {
  const { map, drawn, state, frame } = fakeMap()
  state.loaded = true
  const hold = holdFirstPaint(map, () => true, () => 0)
  frame(1)
  state.loaded = false
  state.placementDirty = true
  frame(2)
  expect(drawn).toEqual([[1], [2]])
  expect(hold.skippedFrames()).toBe(0)
})

test('a source that never finishes holds the picture for HOLD_AT_MOST_MS at most, and a frame is asked for then', () => {
  const { map, drawn, state, frame } = fakeMap()
  let t = 0
  const hold = holdFirstPaint(map, () => true, () => t)
  frame('early')
  t = HOLD_AT_MOST_MS - 1
  frame('still early')
  expect(drawn).toEqual([])
  expect(state.repaints).toBe(0)
  vi.advanceTimersByTime(HOLD_AT_MOST_MS)
  expect(state.repaints).toBe(1)
  t = HOLD_AT_MOST_MS
  frame('late')
  expect(drawn).toEqual([['late']])
  expect(hold.releasedBy()).toBe('time')
})

test('a map removed while held asks for no frame later', () => {
  const { map, state } = fakeMap()
  holdFirstPaint(map, () => false, () => 0)
  state.onRemove.forEach((fn) => fn())
  vi.advanceTimersByTime(HOLD_AT_MOST_MS * 2)
  expect(state.repaints).toBe(0)
})

test('a MapLibre without the painter this expects: nothing is held and it says so', () => {
  const hold = holdFirstPaint({ loaded: () => true } as unknown as MlMap, () => true)
  expect(hold).toMatchObject({ held: false })
  expect(hold.skippedFrames()).toBe(0)
  expect(hold.releasedBy()).toBe(null)
})
