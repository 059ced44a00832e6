// MapLibre 6.17 draws its sky pass on every frame, also for a style without a sky: Style.sky always holds values
// (transparent ones by default) and the painter draws whenever it has them. The pass shades every pixel of the
// canvas (2 million at 1920×1080) to draw nothing; with WebGL on the CPU (a wall PC without a GPU, headless
// Chromium) it was ~30 ms of a ~105 ms frame of the settled county view. This skips the pass while the style has no
// sky. It reaches into the painter, which MapLibre does not publish: should a release rename what it reaches, it
// changes nothing, the sky is drawn as before, and the test hook says so (test/e2e/leader-map.test.ts checks it).
import type { Map as MlMap } from 'maplibre-gl'
import { internals } from './maplibre-internals'

/** Returns whether the pass is now skipped for a style without a sky. */
export function skipEmptySky(map: MlMap): boolean {
  const painter = internals(map).painter
  const draw = painter?.drawFunctions?.sky
  if (!painter || typeof draw !== 'function') return false
  // The painter's table is shared by every map on the page: this map gets its own copy.
  painter.drawFunctions = { ...painter.drawFunctions, sky: (...args) => { if (map.getSky()) draw(...args) } }
  return true
}
