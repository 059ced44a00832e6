// Bar 7: patching 100 changed incidents with GeoJSONSource.updateData ÷ replacing the whole range with
// setData, on the map's own incident sources (web/src/map/overlays/incidents.ts), in headless Chromium at
// 1920×1080 on a bare MapLibre page. The patch goes where the app puts it (web/src/map/live-incidents.ts): the
// small unclustered live source; the fold of those changes into the clustered source, which the app does once
// per batch (at most every FOLD_MS), is timed too and printed beside it. Each is timed from the call until the
// source has loaded its tiles, and to the map's next `idle`. The whole range is the largest the map ever draws as
// GeoJSON: every incident of the year, up to the tile threshold (50,000); above it the map reads tiles.
import type { Browser } from 'playwright-core'
import type { Feature, Point } from 'geojson'
import { INCIDENT_TILES_ABOVE } from '../domain/incident-tiles'
import { incidentFeature } from '../api/services/incident-record'
import { openStore } from '../api/store'
import { LIVE_SOURCE, incidentsOverlay } from '../web/src/map/overlays/incidents'
import { median } from './stats'
import { COUNTY_BOUNDS, SCREEN } from './viewport'

export interface UpdateResult {
  features: number; changed: number
  /** From the call until the source has re-indexed and its tiles reloaded (the verdict's figure). */
  setDataMs: number[]; updateDataMs: number[]
  /** From the call until the map's next idle: the above plus repainting, which costs the same either way. */
  setDataIdleMs: number[]; updateDataIdleMs: number[]
  /** The same 100 changes folded into the clustered source (a re-cluster), to source loaded. */
  foldMs: number[]
  ratio: number; idleRatio: number; foldRatio: number
}

const CHANGED = 100
const DAY = 86_400_000

async function features(dbPath: string, now: number): Promise<Feature<Point>[]> {
  const store = await openStore(dbPath)
  try {
    const rows = await store.incidents.list({ from: now - 365 * DAY, to: now + 1000 }, INCIDENT_TILES_ABOVE)
    return rows.map((r) => {
      const f = incidentFeature(r, now) as Feature<Point>
      const p = f.properties ?? {}
      // The status group the map's layers colour by (web/src/map/bind-records.ts statusGroup).
      const g = p.overdue === true ? 2 : ['reported', 'accepted', 'dispatched', 'handling'].includes(String(p.status)) ? 1 : 0
      return { ...f, properties: { ...p, g } }
    })
  } finally {
    await store.close()
  }
}

export async function benchUpdate(browser: Browser, base: string, dbPath: string, now: number, rounds = 3): Promise<UpdateResult> {
  const fc = { type: 'FeatureCollection' as const, features: await features(dbPath, now) }
  const context = await browser.newContext({ viewport: SCREEN, deviceScaleFactor: 1 })
  try {
    const page = await context.newPage()
    await page.goto(`${base}/bench/bare.html`)
    await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true)
    const setup = JSON.parse(JSON.stringify({ overlay: { sources: incidentsOverlay.sources, layers: incidentsOverlay.layers }, bounds: COUNTY_BOUNDS })) as { overlay: { sources: object; layers: object[] }; bounds: unknown }
    await page.evaluate(async ({ overlay, bounds }) => {
      const w = window as unknown as { maplibre: { Map: new (o: unknown) => any }; map: any }
      const map = new w.maplibre.Map({
        container: 'map', attributionControl: false, bounds, fitBoundsOptions: { padding: 24 },
        style: { version: 8, sources: overlay.sources, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#06111f' } }, ...overlay.layers] },
      })
      w.map = map
      await new Promise((r) => map.once('idle', r))
    }, setup)
    // The data goes into the page once; each timed call below only hands it to MapLibre.
    await page.evaluate((data) => { (window as unknown as { data: unknown }).data = data }, fc)

    // A string, not a function: tsx would wrap a named inner function in a helper the page does not have.
    await page.evaluate(`window.timeSource = (id, call) => new Promise((resolve) => {
      const t0 = performance.now()
      let loaded = null
      const onData = (e) => {
        if (e.sourceId === id && e.sourceDataType !== 'metadata' && window.map.isSourceLoaded(id)) loaded = loaded ?? performance.now() - t0
      }
      window.map.on('sourcedata', onData)
      window.map.once('idle', () => { window.map.off('sourcedata', onData); const idle = performance.now() - t0; resolve([loaded ?? idle, idle]) })
      call()
    })`)
    type W = { map: any; data: { features: { id: number; properties: { g: number } }[] }; changed: unknown[]; timeSource: (id: string, call: () => void) => Promise<[number, number]> }
    const setDataMs: number[] = [], updateDataMs: number[] = [], setDataIdleMs: number[] = [], updateDataIdleMs: number[] = [], foldMs: number[] = []
    for (let r = 0; r < rounds; r++) {
      const [set, setIdle] = await page.evaluate(() => {
        const w = window as unknown as W
        return w.timeSource('incidents', () => w.map.getSource('incidents').setData(w.data))
      })
      setDataMs.push(set)
      setDataIdleMs.push(setIdle)
      const [upd, updIdle] = await page.evaluate(({ n, round, live }) => {
        const w = window as unknown as W
        const fs = w.data.features
        // 100 incidents spread over the range change status group (as a batch of live events would); the app
        // draws each whole changed feature on the live source.
        const step = Math.max(1, Math.floor(fs.length / n))
        w.changed = []
        for (let i = 0; i < n && i * step < fs.length; i++) {
          const f = fs[(i * step + round) % fs.length]!
          w.changed.push({ ...f, properties: { ...f.properties, g: (f.properties.g + 1 + round) % 3 } })
        }
        return w.timeSource(live, () => w.map.getSource(live).updateData({ add: w.changed }))
      }, { n: CHANGED, round: r, live: LIVE_SOURCE })
      updateDataMs.push(upd)
      updateDataIdleMs.push(updIdle)
      const [fold] = await page.evaluate(async (live) => {
        const w = window as unknown as W
        const timed = await w.timeSource('incidents', () => w.map.getSource('incidents').updateData({ add: w.changed }))
        await w.timeSource(live, () => w.map.getSource(live).setData({ type: 'FeatureCollection', features: [] }))
        return timed
      }, LIVE_SOURCE)
      foldMs.push(fold)
    }
    return {
      features: fc.features.length, changed: CHANGED, setDataMs, updateDataMs, setDataIdleMs, updateDataIdleMs, foldMs,
      ratio: median(updateDataMs) / median(setDataMs), idleRatio: median(updateDataIdleMs) / median(setDataIdleMs),
      foldRatio: median(foldMs) / median(setDataMs),
    }
  } finally {
    await context.close()
  }
}
