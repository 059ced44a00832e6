// A configured raster basemap (BASEMAP_URL, e.g. an intranet 天地图 mirror) in real headless Chromium: the map starts
// from an empty style and the overlays join it with their data (web/src/map/overlay-draft.ts), while the basemap is
// added once /api/config answers (map-host.ts setBasemap). Whichever comes first, the basemap must end up under
// every overlay, its tiles must come from the configured server, and nothing may be logged as an error.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { closePages, launchBrowser, openPage, screenshot, waitForIdle } from '../support/browser'
import { signIn, startServer } from '../support/server'
import type { RunningServer } from '../support/server'
import '../../web/src/map/test-hook-type'

/** A 1×1 PNG: every tile of the stand-in tile server (MapLibre stretches it to the tile). */
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

/** The path of a tile under BASEMAP_URL's template; anything else is a 404. */
const TILE_PATH = /^\/\d+\/\d+\/\d+\.png$/
const tileRequests: string[] = []
const tiles = createServer((req, res) => {
  tileRequests.push(req.url ?? '')
  if (!TILE_PATH.test(req.url ?? '')) return void res.writeHead(404).end()
  res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' }).end(TILE)
})
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve))
  const { port } = tiles.address() as AddressInfo
  server = await startServer({ PRESET: 'demo', BASEMAP_URL: `http://127.0.0.1:${port}/{z}/{x}/{y}.png` })
  browser = await launchBrowser()
}, 180_000)
afterAll(async () => {
  await closePages()
  await browser?.close()
  await server?.stop()
  await new Promise((resolve) => tiles.close(resolve))
})

test('the configured basemap is drawn under every overlay, from its own server, with no error', async () => {
  const { page, offHostRequests, consoleErrors } = await openPage(browser, server.url, { cookie: await signIn(server.url, 'leader') })
  await page.waitForFunction(() => window.__onemap?.layerIds().includes('basemap'), null, { timeout: 60_000 })
  await waitForIdle(page)
  const layers = await page.evaluate(() => window.__onemap!.layerIds())
  expect(layers[0]).toBe('basemap')
  expect(layers).toEqual(expect.arrayContaining(['county-fill', 'townships-fill', 'incidents-cluster', 'townships-label']))
  expect(tileRequests.filter((u) => TILE_PATH.test(u)).length).toBeGreaterThan(0)
  await screenshot(page, 'leader-county-basemap')
  expect(offHostRequests).toEqual([])
  expect(consoleErrors).toEqual([])
})
