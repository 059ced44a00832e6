// While the whole county is in view its GeoJSON sources are tiled two levels coarser (web/src/map/county-band-tiles.ts).
import { expect, test } from 'vitest'
import type { SourceSpecification } from 'maplibre-gl'
import type { BandMap } from '../../web/src/map/county-band-tiles'
import { BAND_TOLERANCE, COARSER_BY, DEFAULT_MAXZOOM, bandMaxzoom, countyBandSpec, followCountyBand } from '../../web/src/map/county-band-tiles'

test('coarse from the county view outwards, MapLibre\'s default from the next zoom level in', () => {
  // The county view on a 1080 px map is at zoom ~9.8: its tiles were z9, six of them; the band's are z7.
  expect(bandMaxzoom(9.8, 9.8)).toBe(7)
  expect(bandMaxzoom(9.99, 9.8)).toBe(7)
  expect(bandMaxzoom(6, 9.8)).toBe(7)
  expect(bandMaxzoom(10, 9.8)).toBe(DEFAULT_MAXZOOM)
  expect(bandMaxzoom(13.5, 9.8)).toBe(DEFAULT_MAXZOOM)
  // A 4K wall shows the county a level deeper; the band follows.
  expect(bandMaxzoom(10.8, 10.8)).toBe(8)
  expect(bandMaxzoom(11, 10.8)).toBe(DEFAULT_MAXZOOM)
  // No county zoom (a map without a size yet): MapLibre's default. Never below zoom 0.
  expect(bandMaxzoom(9.8, undefined)).toBe(DEFAULT_MAXZOOM)
  expect(bandMaxzoom(9.8, Number.NaN)).toBe(DEFAULT_MAXZOOM)
  expect(bandMaxzoom(1, 1.5)).toBe(0)
})

test('a band tile is never overzoomed 8 times or more, so its 8192 units span under 4096 px', () => {
  for (let county = 2; county <= 16; county += 0.25) {
    for (let zoom = 0; zoom <= 22; zoom += 0.05) {
      const maxzoom = bandMaxzoom(zoom, county)
      // Overzoom is 2^(zoom - maxzoom) when the view is deeper than the tiles.
      if (maxzoom !== DEFAULT_MAXZOOM && county >= COARSER_BY) expect(zoom - maxzoom).toBeLessThan(COARSER_BY + 1)
    }
  }
})

test('unclustered GeoJSON sources simplify finely enough to be overzoomed; clustered and tiled sources are untouched', () => {
  const plain: SourceSpecification = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }
  expect(countyBandSpec(plain)).toEqual({ ...plain, tolerance: BAND_TOLERANCE })
  expect(BAND_TOLERANCE * 2 ** (COARSER_BY + 1)).toBeCloseTo(0.375) // MapLibre's default, at the most overzoomed
  const clustered: SourceSpecification = { ...plain, cluster: true }
  expect(countyBandSpec(clustered)).toBe(clustered)
  const tiles: SourceSpecification = { type: 'vector', tiles: ['http://127.0.0.1/{z}/{x}/{y}.pbf'] }
  expect(countyBandSpec(tiles)).toBe(tiles)
})

test('the sources follow the map as it zooms, and the county zoom is measured again on resize', () => {
  const sources: Record<string, { maxzoom: number }> = { townships: { maxzoom: 18 }, sites: { maxzoom: 18 } }
  const handlers: Record<string, (() => void)[]> = {}
  const view = { zoom: 9.8, countyZoom: 9.8 }
  const map: BandMap = {
    zoom: () => view.zoom,
    countyZoom: () => view.countyZoom,
    maxzoomOf: (id) => sources[id]?.maxzoom,
    setMaxzoom: (id, maxzoom) => { sources[id]!.maxzoom = maxzoom },
    on: (event, fn) => { (handlers[event] ??= []).push(fn) },
  }
  const fire = (event: string) => handlers[event]?.forEach((fn) => fn())
  followCountyBand(map, ['townships', 'sites', 'gone'])
  expect(sources).toEqual({ townships: { maxzoom: 7 }, sites: { maxzoom: 7 } })
  view.zoom = 11.2 // drilled into a township
  fire('zoom')
  expect(sources.townships!.maxzoom).toBe(18)
  view.zoom = 10.9 // back out on a larger screen, where the county view is at 10.8
  view.countyZoom = 10.8
  fire('resize')
  expect(sources).toEqual({ townships: { maxzoom: 8 }, sites: { maxzoom: 8 } })
})
