// The map's first picture is drawn once, complete. MapLibre draws a frame whenever anything arrives: the empty
// style, then each source's tiles as the worker answers, then the labels once placed. With WebGL on the CPU (a wall
// PC without a GPU, headless Chromium) every drawn frame costs 0.1–0.7 s of the page's main thread, which waits for
// the frame to be rasterised and read back for the compositor; meanwhile the worker's answers queue up, and the
// next tiles are asked for only in the frame after. The county view drew ~10 frames before it settled.
//
// This skips the painter's drawing, not MapLibre's work: each frame still asks for tiles, takes in what came and
// places the labels. Drawing starts once the overlays are on the map, every tile of theirs is in and the labels'
// placement is final, so the first picture drawn is also the settled one; from then on every frame draws as usual.
// Like skip-empty-sky.ts it reaches into MapLibre, which does not publish its painter: should a release rename
// what this reads, nothing is held and the test hook says so.
import type { Map as MlMap } from 'maplibre-gl'
import { internals } from './maplibre-internals'

/** Longest the first picture is held, should a source never finish (say, a basemap server that does not answer). */
export const HOLD_AT_MOST_MS = 6000

export interface FirstPaintHold {
  /** Whether the painter was found and held (false: MapLibre changed, every frame is drawn). */
  held: boolean
  /** Frames MapLibre ran without drawing before its first picture. */
  skippedFrames(): number
  /** Why the first picture was drawn: everything was in, or HOLD_AT_MOST_MS had passed; null while held. */
  releasedBy(): 'settled' | 'time' | null
}

/**
 * Holds the map's drawing until `ready()` (the overlays are on the map), `map.loaded()` (their tiles are in) and a
 * final label placement, or for HOLD_AT_MOST_MS.
 */
export function holdFirstPaint(map: MlMap, ready: () => boolean, now: () => number = () => performance.now()): FirstPaintHold {
  const mapInternals = internals(map)
  const painter = mapInternals.painter
  const render = painter?.render
  if (!painter || typeof render !== 'function') return { held: false, skippedFrames: () => 0, releasedBy: () => null }
  let skipped = 0
  let released: 'settled' | 'time' | null = null
  const start = now()
  // MapLibre runs a frame whenever something arrives; the time limit needs one of its own.
  const timer = setTimeout(() => map.triggerRepaint(), HOLD_AT_MOST_MS)
  map.once('remove', () => clearTimeout(timer))
  const settled = () => ready() && map.loaded() && mapInternals._placementDirty !== true
  painter.render = function (this: unknown, ...args: unknown[]) {
    const complete = settled()
    if (!complete && now() - start < HOLD_AT_MOST_MS) {
      skipped++
      return
    }
    released = complete ? 'settled' : 'time'
    painter.render = render
    clearTimeout(timer)
    render.apply(this, args)
  }
  return { held: true, skippedFrames: () => skipped, releasedBy: () => released }
}
