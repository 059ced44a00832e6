// Issue 6 bar 7: patching 100 changed incidents with GeoJSONSource.updateData ÷ replacing the whole range with
// setData, on the map's own clustered incident source (web/src/map/overlays/incidents.ts), in headless Chromium
// at 1920×1080 on a bare MapLibre page. Each is timed from the call to the map's next `idle` (worker re-index,
// re-cluster, render). The whole range is the largest the map ever draws as GeoJSON: every incident of the year,
// up to the tile threshold (50,000); above it the map reads tiles and never calls setData on incidents.
import type { Browser } from 'playwright-core'
import type { Feature, Point } from 'geojson'
import { INCIDENT_TILES_ABOVE } from '../api/config'
import { incidentFeature } from '../api/services/incident-record'
import { openStore } from '../api/store'
import { incidentsOverlay } from '../web/src/map/overlays/incidents'
import { median } from './stats'
import { COUNTY_BOUNDS, SCREEN } from './viewport'

export interface UpdateResult {
  features: number; changed: number
  /** From the call until the source has re-indexed and its tiles reloaded (the verdict's figure). */
  setDataMs: number[]; updateDataMs: number[]
  /** From the call until the map's next idle: the above plus repainting, which costs the same either way. */
  setDataIdleMs: number[]; updateDataIdleMs: number[]
  ratio: number; idleRatio: number
}

const CHANGED = 100
const DAY = 86_400_000

function features(dbPath: string, now: number): Feature<Point>[] {
  const store = openStore(dbPath)
  try {
    const rows = store.incidents.list({ from: now - 365 * DAY, to: now + 1000 }, INCIDENT_TILES_ABOVE)
    return rows.map((r) => {
      const f = incidentFeature(r, now) as Feature<Point>
      const p = f.properties ?? {}
      // The status group the map's layers colour by (web/src/map/bind-records.ts statusGroup).
      const g = p.overdue === true ? 2 : ['reported', 'accepted', 'dispatched', 'handling'].includes(String(p.status)) ? 1 : 0
      return { ...f, properties: { ...p, g } }
    })
  } finally {
    store.close()
  }
}

export async function benchUpdate(browser: Browser, base: string, dbPath: string, now: number, rounds = 3): Promise<UpdateResult> {
  const fc = { type: 'FeatureCollection' as const, features: features(dbPath, now) }
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
    await page.evaluate(`window.timeSource = (call) => new Promise((resolve) => {
      const t0 = performance.now()
      let loaded = null
      const onData = (e) => {
        if (e.sourceId === 'incidents' && e.sourceDataType !== 'metadata' && window.map.isSourceLoaded('incidents')) loaded = loaded ?? performance.now() - t0
      }
      window.map.on('sourcedata', onData)
      window.map.once('idle', () => { window.map.off('sourcedata', onData); const idle = performance.now() - t0; resolve([loaded ?? idle, idle]) })
      call()
    })`)
    const setDataMs: number[] = [], updateDataMs: number[] = [], setDataIdleMs: number[] = [], updateDataIdleMs: number[] = []
    for (let r = 0; r < rounds; r++) {
      const [set, setIdle] = await page.evaluate(() => {
        const w = window as unknown as { map: any; data: unknown; timeSource: (call: () => void) => Promise<[number, number]> }
        return w.timeSource(() => w.map.getSource('incidents').setData(w.data))
      })
      setDataMs.push(set)
      setDataIdleMs.push(setIdle)
      const [upd, updIdle] = await page.evaluate(async ({ n, round }) => {
        const w = window as unknown as { map: any; data: { features: { id: number; properties: { g: number } }[] }; timeSource: (call: () => void) => Promise<[number, number]> }
        const fs = w.data.features
        // 100 incidents spread over the range change status group (as a batch of live events would).
        const step = Math.max(1, Math.floor(fs.length / n))
        const update: { id: number; addOrUpdateProperties: { key: string; value: number }[] }[] = []
        for (let i = 0; i < n && i * step < fs.length; i++) {
          const f = fs[(i * step + round) % fs.length]!
          update.push({ id: f.id, addOrUpdateProperties: [{ key: 'g', value: (f.properties.g + 1 + round) % 3 }] })
        }
        return w.timeSource(() => w.map.getSource('incidents').updateData({ update }))
      }, { n: CHANGED, round: r })
      updateDataMs.push(upd)
      updateDataIdleMs.push(updIdle)
    }
    return {
      features: fc.features.length, changed: CHANGED, setDataMs, updateDataMs, setDataIdleMs, updateDataIdleMs,
      ratio: median(updateDataMs) / median(setDataMs), idleRatio: median(updateDataIdleMs) / median(setDataIdleMs),
    }
  } finally {
    await context.close()
  }
}
