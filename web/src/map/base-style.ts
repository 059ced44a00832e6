// The map's first style: nothing. The overlays join it with their first data (overlay-draft.ts), and a raster
// basemap only when configured, after the map exists (map-host.ts setBasemap): the map waits neither for
// /api/config nor for an empty round of its sources. The dark ground is the container's CSS under a transparent
// canvas, not a background layer: one shader less to compile and one full-screen pass less per frame, which with
// WebGL on the CPU is real time. No `glyphs` key, so labels are drawn from the machine's own fonts with no request
// (a glyphs URL would be fetched over the network, which an offline map cannot do).
import type { RasterLayerSpecification, RasterSourceSpecification, StyleSpecification } from 'maplibre-gl'

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [],
  }
}

/** The configured raster basemap (a 天地图 or intranet tile URL), drawn faintly under every overlay. */
export function basemap(url: string): { source: RasterSourceSpecification; layer: RasterLayerSpecification } {
  return {
    source: { type: 'raster', tiles: [url], tileSize: 256 },
    layer: { id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.35 } },
  }
}
