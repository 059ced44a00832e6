// The map style with no basemap: a dark background and the overlays. No `glyphs` key, so labels are drawn from
// the machine's own fonts with no request (STACK.md pitfall 4). A raster basemap is added only when configured,
// after the map exists (map-host.ts setBasemap): the map does not wait for /api/config to start loading.
import type { RasterLayerSpecification, RasterSourceSpecification, StyleSpecification } from 'maplibre-gl'
import { composeOverlays } from './overlay'
import type { Overlay } from './overlay'

export function buildStyle(overlays: Overlay[]): StyleSpecification {
  const { sources, layers } = composeOverlays(overlays)
  return {
    version: 8,
    sources: { ...sources },
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#06111f' } }, ...layers],
  }
}

/** The configured raster basemap (a 天地图 or intranet tile URL), drawn faintly right above the background. */
export function basemap(url: string): { source: RasterSourceSpecification; layer: RasterLayerSpecification } {
  return {
    source: { type: 'raster', tiles: [url], tileSize: 256 },
    layer: { id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.35 } },
  }
}
