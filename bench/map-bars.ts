// Bars 5–9, the map and the stream: per scale, a server over the benchmark database (with the SPA) for
// the tile bytes (bar 5), the pan in Chromium (bar 6) and updateData ÷ setData (bar 7), then a second server over
// a scratch copy for the event stream (bar 8; it writes incidents, and the cached database must stay as built).
// Bar 9 (bundle) is scale-free and runs once, first, since it builds the SPA the browser benches load.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { INCIDENT_TILES_ABOVE } from '../domain/incident-tiles'
import { FOLD_MS } from '../web/src/map/live-incidents'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { startChild } from './child'
import type { Dataset } from './datasets'
import type { BundleResult } from './bundle'
import { BENCH_SPA } from './bundle'
import type { PanResult } from './map-frames'
import { benchPan } from './map-frames'
import type { UpdateResult } from './map-update'
import { benchUpdate } from './map-update'
import type { SseResult } from './sse'
import { benchSse } from './sse'
import { median } from './stats'
import { fmt } from './table'
import type { TileBytesResult } from './tile-bytes'
import { benchTileBytes } from './tile-bytes'

export interface MapScaleResult {
  tiles: TileBytesResult
  pan: PanResult
  update: UpdateResult
  sse: SseResult
  /** The SPA server after bars 5–7 (it built and cached the tiles). */
  server: { rssBytes: number; peakRssBytes: number } | null
}

export interface Verdict { id: string; bar: string; figure: string; target: string; pass: boolean; atScale: number | null }

const log = (line: string) => console.log(line)
const updateByFeatures = new Map<number, UpdateResult>()

export async function benchMapScale(ds: Dataset, browser: Browser): Promise<MapScaleResult> {
  const spa = await startChild('spa-server.ts', { BENCH_DB: ds.path, BENCH_NOW: String(ds.now), BENCH_SPA })
  let tiles: TileBytesResult, pan: PanResult, update: UpdateResult, server: MapScaleResult['server']
  try {
    tiles = await benchTileBytes(spa.url, ds.now)
    log(`  [bar 5] county view: ${tiles.tiles} tiles at z${Math.floor(tiles.zoom)} ${fmt.int(tiles.tileGzipBytes)} B ÷ GeoJSON ${tiles.geojson.pages} pages ${fmt.int(tiles.geojson.gzipBytes)} B = ${fmt.ratio(tiles.ratio)} (${fmt.int(tiles.incidents)} incidents; tiles cold ${fmt.ms(tiles.tilesColdMs)} ms, warm ${fmt.ms(tiles.tilesWarmMs)} ms)`)
    pan = await benchPan(browser, spa.url, ds.now)
    log(`  [bar 6] pan p95 ${fmt.ms(pan.withIncidents.p95)} ÷ ${fmt.ms(pan.regionsOnly.p95)} ms = ${fmt.ratio(pan.ratio)} (${fmt.int(pan.incidents)} incidents, ${pan.from}…${pan.to}); first idle ${pan.withIncidents.idleMs.map((m) => fmt.int(m)).join(', ')} ms`)
    // The map draws at most INCIDENT_TILES_ABOVE incidents as GeoJSON: once a scale reaches that, larger ones
    // would time the very same setData, so its figure is carried over rather than measured again.
    const same = updateByFeatures.get(Math.min(ds.scale, INCIDENT_TILES_ABOVE))
    update = same ?? await benchUpdate(browser, spa.url, ds.path, ds.now)
    updateByFeatures.set(update.features, update)
    log(`  [bar 7] updateData(${update.changed}) ${update.updateDataMs.map(fmt.ms).join(', ')} ms ÷ setData(${fmt.int(update.features)}) ${update.setDataMs.map(fmt.ms).join(', ')} ms = ${fmt.ratio(update.ratio)}; to idle ${fmt.ratio(update.idleRatio)}; fold ${update.foldMs.map(fmt.ms).join(', ')} ms = ${fmt.ratio(update.foldRatio)}${same ? ' (same features as the scale before: carried over)' : ''}`)
    const m = spa.memory()
    server = m ? { rssBytes: m.rss, peakRssBytes: m.peak } : null
  } finally {
    await spa.stop()
  }
  const dir = mkdtempSync(join(ds.path, '..', 'sse-'))
  try {
    const copy = join(dir, 'copy.db')
    copyFileSync(ds.path, copy)
    const app = await startChild('app-server.ts', { BENCH_DB: copy, BENCH_NOW: String(ds.now) })
    try {
      const sse = await benchSse(app.url)
      log(`  [bar 8] SSE p95 ${fmt.ms(sse.many.p95)} ms with ${sse.many.clients} clients ÷ ${fmt.ms(sse.few.p95)} ms with ${sse.few.clients} = ${fmt.ratio(sse.ratio)}; missed ${sse.many.missed + sse.few.missed}`)
      return { tiles, pan, update, sse, server }
    } finally {
      await app.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function mapVerdicts(top: { scale: number; map: MapScaleResult } | undefined, bundle: BundleResult): Verdict[] {
  const out: Verdict[] = []
  if (top) {
    const { tiles, pan, update, sse } = top.map
    out.push({ id: 'bar5', bar: 'bar 5: county view bytes, tiles ÷ GeoJSON', figure: fmt.ratio(tiles.ratio), target: '≤ 0.1', pass: tiles.ratio <= 0.1, atScale: top.scale })
    out.push({ id: 'bar6', bar: `bar 6: pan frame p95, ${fmt.int(pan.incidents)} incidents ÷ regions only`, figure: fmt.ratio(pan.ratio), target: '≤ 1.5', pass: pan.ratio <= 1.5, atScale: top.scale })
    out.push({ id: 'bar7', bar: `bar 7: updateData(${update.changed}) ÷ setData(${fmt.int(update.features)})`, figure: fmt.ratio(update.ratio), target: '≤ 0.1', pass: update.ratio <= 0.1, atScale: top.scale })
    out.push({ id: 'bar8', bar: 'bar 8: SSE p95, 1,000 ÷ 10 clients', figure: `${fmt.ratio(sse.ratio)}; ${fmt.ms(sse.many.p95)} ms`, target: '≤ 3 and ≤ 250 ms', pass: sse.ratio <= 3 && sse.many.p95 <= 250 && sse.many.missed === 0, atScale: top.scale })
  }
  out.push({ id: 'bar9', bar: 'bar 9: ECharts chunk ÷ full ECharts (gzip)', figure: fmt.ratio(bundle.ratio), target: '≤ 0.5', pass: bundle.ratio <= 0.5, atScale: null })
  return out
}

const kb = (b: number) => `${(b / 1024).toFixed(b < 10_240 ? 1 : 0)}`

/** Rows for the per-scale table: [label, ...one cell per scale, target, verdict id]. */
export function mapRows(scales: { map: MapScaleResult }[]): [string, string[], string, string][] {
  const cells = (f: (m: MapScaleResult) => string) => scales.map((s) => f(s.map))
  return [
    ['[bar 5] county view tiles ÷ GeoJSON, gzip KB', cells((m) => `${kb(m.tiles.tileGzipBytes)} ÷ ${kb(m.tiles.geojson.gzipBytes)} = ${fmt.ratio(m.tiles.ratio)}`), '≤ 0.1', 'bar5'],
    ['  incidents in the year; tiles (zoom); tiles cold / warm ms', cells((m) => `${fmt.int(m.tiles.incidents)}; ${m.tiles.tiles} (z${Math.floor(m.tiles.zoom)}); ${fmt.int(m.tiles.tilesColdMs)} / ${fmt.int(m.tiles.tilesWarmMs)}`), '', ''],
    ['  GeoJSON pages; fetch time ms', cells((m) => `${m.tiles.geojson.pages}; ${fmt.int(m.tiles.geojson.ms)}`), '', ''],
    ['[bar 6] pan frame p95 ms, incidents ÷ regions only', cells((m) => `${fmt.ms(m.pan.withIncidents.p95)} ÷ ${fmt.ms(m.pan.regionsOnly.p95)} = ${fmt.ratio(m.pan.ratio)}`), '≤ 1.5', 'bar6'],
    ['  incidents in the panned range', cells((m) => `${fmt.int(m.pan.incidents)} (${m.pan.from}…${m.pan.to})`), '', ''],
    ['  pan frame p50 ms, incidents / regions only', cells((m) => `${fmt.ms(m.pan.withIncidents.p50)} / ${fmt.ms(m.pan.regionsOnly.p50)}`), '', ''],
    ['  time to first idle ms, incidents (each round)', cells((m) => m.pan.withIncidents.idleMs.map((x) => fmt.int(x)).join(', ')), '', ''],
    ['  time to first idle ms, regions only', cells((m) => m.pan.regionsOnly.idleMs.map((x) => fmt.int(x)).join(', ')), '', ''],
    ['[bar 7] updateData(100) ÷ setData(range), median ms to source loaded', cells((m) => `${fmt.ms(median(m.update.updateDataMs))} ÷ ${fmt.ms(median(m.update.setDataMs))} = ${fmt.ratio(m.update.ratio)}`), '≤ 0.1', 'bar7'],
    ['  the same, to the next idle (with repaint)', cells((m) => `${fmt.ms(median(m.update.updateDataIdleMs))} ÷ ${fmt.ms(median(m.update.setDataIdleMs))} = ${fmt.ratio(m.update.idleRatio)}`), '', ''],
    [`  their fold into the clusters (≤ 1 per ${FOLD_MS / 1000} s) ÷ setData`, cells((m) => `${fmt.ms(median(m.update.foldMs))} ÷ ${fmt.ms(median(m.update.setDataMs))} = ${fmt.ratio(m.update.foldRatio)}`), '', ''],
    ['  features in setData', cells((m) => fmt.int(m.update.features)), '', ''],
    ['[bar 8] SSE publish→receive p95 ms, 1,000 ÷ 10 clients', cells((m) => `${fmt.ms(m.sse.many.p95)} ÷ ${fmt.ms(m.sse.few.p95)} = ${fmt.ratio(m.sse.ratio)}`), '≤ 3, ≤ 250 ms', 'bar8'],
    ['  SSE p50 ms (1,000 / 10); events missed', cells((m) => `${fmt.ms(m.sse.many.p50)} / ${fmt.ms(m.sse.few.p50)}; ${m.sse.many.missed + m.sse.few.missed}`), '', ''],
    ['SPA server RSS now / peak (MB), after bars 5–7', cells((m) => (m.server ? `${fmt.mb(m.server.rssBytes)} / ${fmt.mb(m.server.peakRssBytes)}` : 'n/a')), '', ''],
  ]
}

export function bundleRows(b: BundleResult): string[][] {
  return [
    ['[bar 9] initial JS, gzip (entry + preloads)', `${kb(b.initialJs.gzipBytes)} KB (${kb(b.initialJs.bytes)} KB raw; ${b.initialJs.files.join(', ')}); MapLibre worker +${kb(b.mapWorkerGzipBytes)} KB`, 'report', ''],
    ['[bar 9] ECharts chunk ÷ full ECharts, gzip', `${kb(b.echartsChunk.gzipBytes)} ÷ ${kb(b.fullEcharts.gzipBytes)} KB = ${fmt.ratio(b.ratio)}`, '≤ 0.5', 'bar9'],
  ]
}
