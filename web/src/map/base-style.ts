// The map style with no basemap: a dark background and the overlays. No `glyphs` key, so labels are drawn from
// the machine's own fonts with no request (STACK.md pitfall 4). A raster basemap is added only when configured.
import type { StyleSpecification } from 'maplibre-gl'
import { composeOverlays } from './overlay'
import type { Overlay } from './overlay'

export function buildStyle(overlays: Overlay[], basemapUrl: string | null): StyleSpecification {
  const { sources, layers } = composeOverlays(overlays)
  const style: StyleSpecification = {
    version: 8,
    sources: { ...sources },
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#06111f' } }, ...layers],
  }
  if (basemapUrl) {
    style.sources.basemap = { type: 'raster', tiles: [basemapUrl], tileSize: 256 }
    style.layers.splice(1, 0, { id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.35 } })
  }
  return style
}
