// The map's first style: a dark background and nothing else. The overlays join it with their first data
// (overlay-draft.ts), and a raster basemap only when configured, after the map exists (map-host.ts setBasemap):
// the map waits neither for /api/config nor for an empty round of its sources. No `glyphs` key, so labels are
// drawn from the machine's own fonts with no request (STACK.md pitfall 4).
import type { RasterLayerSpecification, RasterSourceSpecification, StyleSpecification } from 'maplibre-gl'

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#06111f' } }],
  }
}

/** The configured raster basemap (a 天地图 or intranet tile URL), drawn faintly right above the background. */
export function basemap(url: string): { source: RasterSourceSpecification; layer: RasterLayerSpecification } {
  return {
    source: { type: 'raster', tiles: [url], tileSize: 256 },
    layer: { id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.35 } },
  }
}
