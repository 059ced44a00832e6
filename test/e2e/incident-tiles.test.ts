// The incident layer from vector tiles, in real headless Chromium: the server is told to switch at 0 incidents
// (INCIDENT_TILES_ABOVE=0), so the demo data, which holds far fewer than 50,000, is drawn from /api/tiles. The
// same layers must read the tile source, account for every incident in range, open the drawer on a click, and
// show a live incident.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { closePages, openPage, screenshot, waitForIdle } from '../support/browser'
import { startBrowserSuite, stopBrowserSuite } from '../support/browser-suite'
import { signIn } from '../support/server'
import type { RunningServer } from '../support/server'
import '../../web/src/map/test-hook-type'

let server: RunningServer
let browser: Browser
/** The county leader's session (demo account): the map and its tiles need a principal. */
let cookie: string
const LUOYANG = { lng: 119.708034, lat: 27.559551 }
const INCIDENT_LAYERS = ['incidents-cluster', 'incidents-cluster-open', 'incidents-cluster-overdue', 'incidents-cluster-count', 'incidents-point']

beforeAll(async () => {
  ({ server, browser } = await startBrowserSuite({ PRESET: 'demo', INCIDENT_TILES_ABOVE: '0' }))
  cookie = await signIn(server.url, 'leader')
}, 180_000)
afterEach(closePages)
afterAll(() => stopBrowserSuite({ server, browser }))

async function viewRange(page: Page) {
  const root = await page.$('[data-map-state]')
  return { scope: await root!.getAttribute('data-scope'), from: await root!.getAttribute('data-range-from'), to: await root!.getAttribute('data-range-to') }
}

/** Every incident drawn now: disc counts plus single points. */
const drawn = (page: Page) => page.evaluate(() => window.__onemap!.rendered('incidents-cluster').incidents + window.__onemap!.rendered('incidents-point').incidents)

test('above the threshold the incident layers read tiles, draw every incident in range, and a click opens the drawer', async () => {
  // Only the incident layers among the records: a site or dispute drawn over the point clicked below would take the click.
  const { page, offHostRequests, consoleErrors } = await openPage(browser, `${server.url}/?layers=townships,grids,incidents`, { cookie })
  await waitForIdle(page, 90_000)
  for (const layer of INCIDENT_LAYERS) expect(await page.evaluate((l) => window.__onemap!.sourceOf(l), layer), layer).toBe('incidents-tiles')
  const { scope, from, to } = await viewRange(page)
  const tj = await (await fetch(`${server.url}/api/tiles/incidents.json?scope=${scope}&from=${from}&to=${to}`, { headers: { Cookie: cookie } })).json() as { count: number }
  expect(tj.count).toBeGreaterThan(1000)
  // The county view shows the whole county: the discs and points on screen account for every incident in range.
  expect(await drawn(page)).toBe(tj.count)
  expect((await page.evaluate(() => window.__onemap!.rendered('incidents-cluster'))).features).toBeGreaterThan(5)
  await screenshot(page, 'incident-tiles-county')

  // Zoom in on 罗阳镇 with the wheel until the tiles carry points.
  for (let i = 0; i < 30 && (await page.evaluate(() => window.__onemap!.zoom())) < 14.3; i++) {
    const p = await page.evaluate(([x, y]) => window.__onemap!.project(x!, y!), [LUOYANG.lng, LUOYANG.lat])
    await page.mouse.move(p.x, p.y)
    await page.mouse.wheel(0, -600)
    await page.waitForTimeout(250)
  }
  // Let the wheel's easing finish and the point tiles draw before reading where a point is.
  await page.waitForTimeout(1500)
  await waitForIdle(page, 90_000)
  expect(await page.evaluate(() => window.__onemap!.zoom())).toBeGreaterThanOrEqual(14)
  const point = await page.evaluate(() => window.__onemap!.nearestRendered('incidents-point'))
  expect(point).not.toBeNull()
  await page.mouse.click(point!.x, point!.y)
  const drawer = () => page.evaluate(() => { const d = document.querySelector('[data-drawer]'); return d && `${d.getAttribute('data-kind')}:${d.getAttribute('data-id')}` })
  await expect.poll(drawer, { timeout: 10_000 }).toBe(`incident:${point!.id}`)
  await screenshot(page, 'incident-tiles-point')

  // A new incident under the view shows up from the tiles once the live event has refreshed them.
  const res = await fetch(`${server.url}/api/incidents`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ type: 'road-occupation', point: LUOYANG, description: '瓦片实时测试', source: 'patrol', severity: 'critical' }),
  })
  expect(res.status).toBe(201)
  const { id } = await res.json() as { id: number }
  await expect.poll(() => page.evaluate((want) => window.__onemap!.renderedIds('incidents-point').includes(want), id), { timeout: 20_000, interval: 500 }).toBe(true)
  expect(offHostRequests).toEqual([])
  expect(consoleErrors).toEqual([])
}, 240_000)

test('at each tick of the minute clock the tiles are asked for again: incidents turn overdue with no event to say so', async () => {
  const { page } = await openPage(browser, `${server.url}/?layers=townships,incidents`, { cookie, fakeClock: true })
  await waitForIdle(page, 90_000)
  const asked: string[] = []
  page.on('request', (req) => { if (/\/api\/tiles\/incidents\/\d+\/\d+\/\d+/.test(req.url())) asked.push(req.url()) })
  await page.clock.fastForward(61_000)
  // The server keeps an incident tile a minute at most (INCIDENT_TILE_TTL_MS), so these are drawn afresh.
  await expect.poll(() => asked.filter((u) => /[?&]v=1(&|$)/.test(u)).length, { timeout: 10_000 }).toBeGreaterThan(0)
}, 120_000)
