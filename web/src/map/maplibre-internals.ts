// What this code reaches into MapLibre for that MapLibre does not publish (read against 6.17), declared in one place
// so an upgrade has one list to check. Each user checks what it finds and changes nothing if it is gone, and the
// test hook reports whether it took hold (skip-empty-sky.ts, hold-first-paint.ts).
import type { Map as MlMap } from 'maplibre-gl'

type Fn = (...args: unknown[]) => void

export interface MapInternals {
  painter?: {
    /** The painter's draw function per layer type; the table is shared by every map on the page. */
    drawFunctions?: Record<string, Fn | undefined>
    /** Draws one frame; Map._render calls it after updating sources and placing labels. */
    render?: Fn
  }
  /** Set by Map._render just before it draws: the labels' placement is not final, it will draw again next frame. */
  _placementDirty?: boolean
}

export const internals = (map: MlMap): MapInternals => map as unknown as MapInternals
