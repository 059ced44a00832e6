// While the map shows the whole county, its GeoJSON sources are cut into tiles two zoom levels coarser than the
// view's. MapLibre cuts a GeoJSON source into 512 px tiles at the view's zoom: the county view (zoom ~9.8 on a
// 1080 px wide map) took 6 tiles per source, 48 in all, each cut and laid out by the worker, sent to the page, placed
// and drawn with a clipping mask of its own. Two levels coarser, the whole county is one tile per source, which
// MapLibre overzooms (and, for GeoJSON, lays out again at the view's zoom, so labels and widths are as before).
// Past the county band, zoomed into a township or a grid, the sources are tiled as MapLibre does by default.
//
// Clustered sources are left alone: supercluster clusters per tile zoom, so coarser tiles would cluster differently.
// Precision holds: a band tile is overzoomed at most 2^(COARSER_BY + 1) = 8 times, so its 8192 units span at most
// 4096 px; and the band's sources simplify lines 8 times finer than MapLibre's default, which is set per tile zoom
// (0.375 px of a tile) and would otherwise show as up to 3 px of drift between neighbouring townships' borders.
import type { GeoJSONSourceSpecification, SourceSpecification } from 'maplibre-gl'

/** How many zoom levels coarser than the county view the band's tiles are cut. */
export const COARSER_BY = 2
/** MapLibre's maxzoom for a GeoJSON source, used past the band. */
export const DEFAULT_MAXZOOM = 18
/** MapLibre's default simplification (0.375 px of a tile), divided by the most a band tile is overzoomed. */
export const BAND_TOLERANCE = 0.375 / 2 ** (COARSER_BY + 1)

/** Whether a source is tiled coarsely in the county band: GeoJSON, not clustered. */
export const inCountyBand = (spec: SourceSpecification): spec is GeoJSONSourceSpecification => spec.type === 'geojson' && !spec.cluster

/** The source as added to the map: a band source simplifies finely enough to be overzoomed. */
export const countyBandSpec = (spec: SourceSpecification): SourceSpecification =>
  inCountyBand(spec) ? { ...spec, tolerance: BAND_TOLERANCE } : spec

/**
 * The maxzoom of a band source at the map's zoom: coarse below the zoom level after the county view's, so that
 * the county view and anything further out take the coarse tiles; MapLibre's default from there on.
 */
export function bandMaxzoom(zoom: number, countyZoom: number | undefined): number {
  if (countyZoom === undefined || !Number.isFinite(countyZoom)) return DEFAULT_MAXZOOM
  const level = Math.floor(countyZoom)
  return zoom < level + 1 ? Math.max(0, level - COARSER_BY) : DEFAULT_MAXZOOM
}

/** What the band needs of the map (map-host.ts gives it): the zoom, the county view's zoom, and its sources. */
export interface BandMap {
  zoom(): number
  /** The zoom at which the map shows the whole county (it depends on the map's size). */
  countyZoom(): number | undefined
  maxzoomOf(sourceId: string): number | undefined
  setMaxzoom(sourceId: string, maxzoom: number): void
  on(type: 'zoom' | 'resize', fn: () => void): void
}

/**
 * Keeps each source's maxzoom at bandMaxzoom as the map zooms and resizes (the county view's zoom depends on the
 * map's size). MapLibre reads a source's maxzoom whenever it picks the tiles for a frame, so the next frame uses it.
 */
export function followCountyBand(host: BandMap, sourceIds: string[]) {
  let countyZoom: number | undefined
  const measure = () => { countyZoom = host.countyZoom() }
  const apply = () => {
    const maxzoom = bandMaxzoom(host.zoom(), countyZoom)
    for (const id of sourceIds) {
      const now = host.maxzoomOf(id)
      if (now !== undefined && now !== maxzoom) host.setMaxzoom(id, maxzoom)
    }
  }
  measure()
  apply()
  host.on('zoom', apply)
  host.on('resize', () => { measure(); apply() })
}
