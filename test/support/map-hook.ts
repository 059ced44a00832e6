// The read-only hook the map exposes to browser tests (web/src/map/test-hook.ts, whose OneMapTestHook this mirrors:
// that module is the SPA's and imports MapLibre, so the tests, type-checked apart from web/, declare it here once).
export interface MapTestHook {
  project(lng: number, lat: number): { x: number; y: number }
  visible(layerId: string): boolean
  sourceIds(sourceId: string): Promise<(string | number)[]>
  zoom(): number
  sourceOf(layerId: string): string | null
  rendered(layerId: string): { features: number; incidents: number }
  nearestRendered(layerId: string): { id: number | string; x: number; y: number } | null
  renderedIds(layerId: string): (number | string)[]
  layerIds(): string[]
  emptySkySkipped: boolean
}

declare global {
  interface Window {
    __onemap?: MapTestHook
  }
}
