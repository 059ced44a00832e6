// The shape of the map's test hook (test-hook.ts) and the window property it sets, in a module of its own with no
// imports: the browser suites, type-checked apart from web/ (whose map-host.ts imports a Vite `?url` module), check
// against this one declaration.
export interface OneMapTestHook {
  project(lng: number, lat: number): { x: number; y: number }
  visible(layerId: string): boolean
  sourceIds(sourceId: string): Promise<(string | number)[]>
  zoom(): number
  /** The source a layer reads (incidents: `incidents` as GeoJSON, `incidents-tiles` as vector tiles). */
  sourceOf(layerId: string): string | null
  /** How many features of the layer are drawn now, and the sum of their point_count (a point counts 1). */
  rendered(layerId: string): { features: number; incidents: number }
  /** A drawn point feature of the layer nearest the map's centre: its id and where it is on the screen. */
  nearestRendered(layerId: string): { id: number | string; x: number; y: number } | null
  /** Ids of the layer's drawn features (property id, else feature id). */
  renderedIds(layerId: string): (number | string)[]
  /** The deepest zoom a source is tiled at (county-band-tiles.ts: coarse while the whole county is in view). */
  sourceMaxzoom(sourceId: string): number | null
  /** The map's layer ids in draw order, bottom first. */
  layerIds(): string[]
  /** Whether MapLibre's empty sky pass is skipped (skip-empty-sky.ts): false after an upgrade it no longer fits. */
  emptySkySkipped: boolean
  /** Whether the map's first picture was held (hold-first-paint.ts), how many frames went undrawn, and why it was drawn. */
  firstPaint(): { held: boolean; skippedFrames: number; releasedBy: 'settled' | 'time' | null }
}

declare global {
  interface Window { __onemap?: OneMapTestHook }
}
