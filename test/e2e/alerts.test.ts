// Warnings (研判预警) in real headless Chromium against the real server with the demo preset: a dozen reports of one
// category in one grid within a minute raise a 红 spike alert on that grid, which the leader's 预警 panel lists and the
// map outlines within 60 s and the wall (1920×1080) interrupts its tour for, masked; the leader acknowledges it from
// the drawer and marks another alert 误报 with a reason; what the page shows equals what the API says.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { closePages, openPage, screenshot, waitForIdle } from '../support/browser'
import { startBrowserSuite, stopBrowserSuite } from '../support/browser-suite'
import { holdWhenShown } from '../support/wall-tour'
import { DEMO_WALL_TOKEN, signIn } from '../support/server'
import type { RunningServer } from '../support/server'
import '../../web/src/map/test-hook-type'

let server: RunningServer
let browser: Browser
let cookie = ''

beforeAll(async () => {
  ({ server, browser } = await startBrowserSuite({ PRESET: 'demo' }))
  cookie = await signIn(server.url, 'leader')
}, 180_000)
afterEach(closePages)
afterAll(() => stopBrowserSuite({ server, browser }))

const COUNTY = '330329'
/** 筱村镇: away from the county seat, where the seed's own reports gather. */
const TOWNSHIP = '330329103'
/** 露天焚烧: a category a grid sees perhaps once a month, so a dozen in a minute is a spike by any baseline. */
const TYPE = 'open-burning'
const REPORTER = { name: '欧阳预警', phone: '13812340077' }
const OPEN = 'new,acknowledged,handling'
/** The whole story waits on the evaluation (every minute) and two WebGL pages on 2 shared cores: generous bounds. */
const SLOW = 420_000
const MINUTE_AND_SOME = { timeout: 60_000 }

interface AlertFeature {
  id: number
  geometry: { type: string } | null
  properties: { id: number; rule: string; level: string; status: string; raisedAt: string; township: string | null; grid: string | null; evidence: { count: number | null } }
}
interface AlertDetail { id: number; status: string; level: string; closeReason: string | null; evidence: { recordIds: number[] }; history: { action: string; to: string; note: string | null; by: { name: string; role: string } | null }[] }

const api = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } })
  expect(res.status, `GET ${path}: ${await res.clone().text()}`).toBe(200)
  return res.json() as Promise<T>
}
const openAlerts = async (scope = COUNTY) => (await api<{ features: AlertFeature[] }>(`/api/alerts?scope=${scope}&status=${OPEN}&limit=500`)).features

/** The first grid of the township with a point inside it: the mean of its ring's corners (the cells are convex). */
async function gridAndPoint(): Promise<{ grid: string; point: { lng: number; lat: number } }> {
  const grids = await api<{ features: { properties: { id: string }; geometry: { type: string; coordinates: number[][][] } }[] }>(`/api/regions/grids?township=${TOWNSHIP}`)
  const f = grids.features.find((g) => g.geometry.type === 'Polygon')!
  const ring = f.geometry.coordinates[0]!.slice(0, -1)
  const mean = (i: number) => Math.round((ring.reduce((a, c) => a + c[i]!, 0) / ring.length) * 1e6) / 1e6
  return { grid: f.properties.id, point: { lng: mean(0), lat: mean(1) } }
}

/** Twelve reports of one type into one grid, as fast as the API takes them (well within a minute). */
async function reportTwelve(point: { lng: number; lat: number }, grid: string): Promise<number[]> {
  const ids: number[] = []
  const started = Date.now()
  for (let i = 0; i < 12; i++) {
    // A few metres apart: twelve people reporting the same smoke from around it.
    const at = { lng: point.lng + (i % 4) * 0.00004, lat: point.lat + Math.floor(i / 4) * 0.00004 }
    const res = await fetch(`${server.url}/api/incidents`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ type: TYPE, point: at, source: 'patrol', severity: 'normal', description: `山上冒烟，第${i + 1}次上报`, reporter: REPORTER }),
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const body = await res.json() as { id: number; grid?: string; properties?: { grid?: string } }
    expect(body.grid ?? body.properties?.grid ?? grid).toBe(grid)
    ids.push(body.id)
  }
  expect(Date.now() - started).toBeLessThan(60_000)
  return ids
}

/** The page's figures against the API's: the header's count, and the panel's count of each level and its rows. */
async function expectFiguresMatchApi(page: Page, scope = COUNTY) {
  let mismatch = ''
  for (let i = 0; i < 40; i++) {
    const list = await openAlerts(scope)
    const byLevel = { red: 0, orange: 0, yellow: 0 } as Record<string, number>
    for (const f of list) byLevel[f.properties.level] = (byLevel[f.properties.level] ?? 0) + 1
    const shown = await page.evaluate(() => ({
      header: Number(document.querySelector('[data-alert-count]')?.getAttribute('data-value')),
      rows: Array.from(document.querySelectorAll('[data-panel="alerts"] [data-alert]')).map((e) => Number(e.getAttribute('data-alert'))),
      levels: Object.fromEntries(Array.from(document.querySelectorAll('[data-alert-levels] [data-level]')).map((e) => [e.getAttribute('data-level'), Number(e.getAttribute('data-value'))])),
    }))
    const want = { header: list.length, rows: list.map((f) => f.id).sort((a, b) => a - b), levels: byLevel }
    const got = { ...shown, rows: [...shown.rows].sort((a, b) => a - b) }
    mismatch = JSON.stringify(got) === JSON.stringify(want) ? '' : `page ${JSON.stringify(got)}\nAPI  ${JSON.stringify(want)}`
    if (!mismatch) return list
    await page.waitForTimeout(500)
  }
  expect(mismatch).toBe('')
  return []
}

async function openWall() {
  const w = await openPage(browser, `${server.url}/wall?banner=30&token=${DEMO_WALL_TOKEN}`, { viewport: { width: 1920, height: 1080 } })
  await w.page.waitForSelector('.wall', { timeout: 30_000 })
  await waitForIdle(w.page, 90_000)
  // Every interruption the wall shows from now on, in order (a failure says what held the screen instead).
  await w.page.evaluate(() => {
    const log: string[] = (window as unknown as { __banners: string[] }).__banners = []
    const note = () => { const b = document.querySelector('.wall')?.getAttribute('data-banner'); if (b && !log.at(-1)?.endsWith(` ${b}`)) log.push(`${Date.now()} ${b}`) }
    new MutationObserver(note).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-banner'] })
    // Once an alert's flight has arrived (banner up, ring drawn, zoomed in), the tab is made "hidden" from in here:
    // the banner's clock stops and the scene holds still for the picture, however busy the machine is.
    const arrival = setInterval(() => {
      if (!document.querySelector('.urgent-banner[data-urgent^="alert:"]') || !document.querySelector('.wall-focus') || window.__onemap!.zoom() < 12) return
      clearInterval(arrival)
      ;(window as unknown as { __arrived: boolean }).__arrived = true
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true })
      document.dispatchEvent(new Event('visibilitychange'))
    }, 200)
  })
  return w
}

test('a dozen reports in one grid within a minute: a 红 alert on the panel, the map and the wall; acknowledged, and another marked 误报', async () => {
  const { grid, point } = await gridAndPoint()
  // Both screens are up and listening before the reports (the wall interrupts for what is news to it), one after
  // the other: two WebGL maps loading at once on two shared cores starve each other.
  const leader = await openPage(browser, `${server.url}/?scope=${COUNTY}`, { cookie })
  const page = leader.page
  await waitForIdle(page, 90_000)
  await page.waitForSelector('[data-panel="alerts"][data-state="ready"]', { timeout: 30_000 })
  const wall = await openWall()

  const ids = await reportTwelve(point, grid)
  const reportedAt = Date.now()
  // The wall is watched from now on, beside the leader's page: its banner holds the screen for 30 s only.
  const wallSaw = (async () => {
    const el = await wall.page.waitForSelector('.urgent-banner[data-urgent^="alert:"]', { state: 'attached', timeout: 120_000 }).catch(() => null)
    if (!el) return null
    const seen = { key: await el.getAttribute('data-urgent'), text: await el.textContent(), after: Date.now() - reportedAt }
    // The flight to the grid, held still on arrival; then the picture, and the tab shown again.
    await wall.page.waitForFunction(() => (window as unknown as { __arrived?: boolean }).__arrived === true, null, { timeout: 60_000, polling: 200 })
    await waitForIdle(wall.page, 30_000)
    await screenshot(wall.page, 'alerts-wall-interrupt')
    await wall.page.evaluate(() => { Object.defineProperty(document, 'hidden', { configurable: true, get: () => false }); document.dispatchEvent(new Event('visibilitychange')) })
    return seen
  })()

  // The API raises it within the minute (the evaluation runs every minute, and after each write).
  let alert: AlertFeature | undefined
  await expect.poll(async () => {
    alert = (await openAlerts(TOWNSHIP)).find((f) => f.properties.rule === 'spike' && f.properties.grid === grid && f.properties.level === 'red')
    return alert !== undefined
  }, { timeout: 60_000, interval: 2000 }).toBe(true)
  const id = alert!.id
  const inApiAfter = Date.now() - reportedAt

  // The leader's panel lists it (a 红 row) and the map outlines its grid, within 60 s of the reports.
  await page.waitForSelector(`[data-panel="alerts"] [data-alert="${id}"][data-level="red"]`, MINUTE_AND_SOME)
  await expect.poll(() => page.evaluate(async (a) => (await window.__onemap!.sourceIds('alerts')).map(Number).includes(a), id), MINUTE_AND_SOME).toBe(true)
  expect(Date.now() - reportedAt).toBeLessThan(60_000 + 30_000)
  await expectFiguresMatchApi(page)
  const header = await page.getAttribute('[data-alert-count]', 'data-level')
  expect(header).toBe('red')

  // The wall interrupted its tour for it within the minute: the rule and the place, no reporter.
  const saw = await wallSaw
  expect(saw, `the wall showed: ${JSON.stringify(await wall.page.evaluate(() => (window as unknown as { __banners: string[] }).__banners))}`).not.toBeNull()
  expect(saw!.key).toBe(`alert:${id}:red`)
  const banners = await wall.page.evaluate(() => (window as unknown as { __banners: string[] }).__banners)
  const shownAt = Number(banners.find((b) => b.endsWith(` alert:${id}:red`))?.split(' ')[0])
  console.info(`alert ${id}: in the API ${inApiAfter} ms after the reports, on the wall ${shownAt - reportedAt} ms after (noticed ${saw!.after} ms)`)
  expect(shownAt - reportedAt).toBeLessThan(60_000)
  expect(saw!.text).toContain('红色预警')
  expect(saw!.text).toContain('同类事件突增')
  const townshipName = (await api<{ features: { properties: { id: string; name: string } }[] }>('/api/regions/townships')).features.find((t) => t.properties.id === TOWNSHIP)!.properties.name
  expect(saw!.text).toContain(townshipName)
  const wallHtml = await wall.page.content()
  for (const s of [REPORTER.name, REPORTER.phone, '山上冒烟']) expect(wallHtml.includes(s), `the wall holds ${s}`).toBe(false)
  await wall.page.context().close()

  // The leader opens it: the map frames the grid and rings the reports the evidence lists; the drawer shows it.
  await page.click(`[data-panel="alerts"] [data-alert="${id}"] button`)
  await page.waitForSelector(`[data-drawer][data-kind="alert"][data-id="${id}"][data-status="new"]`, { timeout: 20_000 })
  const detail = await api<AlertDetail>(`/api/alerts/${id}`)
  expect(detail.evidence.recordIds).toEqual(expect.arrayContaining(ids))
  await page.waitForSelector('[data-alert-records]')
  expect(Number(await page.getAttribute('[data-alert-records]', 'data-count'))).toBe(detail.evidence.recordIds.length)
  await expect.poll(() => page.evaluate(async () => (await window.__onemap!.sourceIds('alert-records')).map(Number)), { timeout: 20_000 })
    .toEqual(expect.arrayContaining(ids))
  await waitForIdle(page, 30_000)
  await page.waitForTimeout(1200)
  await screenshot(page, 'alerts-leader-opened')

  // 已研判 from the drawer, with the assessment.
  await page.click('[data-drawer] [data-alert-act="acknowledge"]')
  await page.fill('[data-act-form="acknowledge"] textarea[name="note"]', '已电话核实，村干部到场查看')
  await page.click('[data-act-form="acknowledge"] [data-act-confirm]')
  await page.waitForSelector(`[data-drawer][data-id="${id}"][data-status="acknowledged"] [data-act-outcome="ok"]`, { timeout: 20_000 })
  const acknowledged = await api<AlertDetail>(`/api/alerts/${id}`)
  expect(acknowledged.status).toBe('acknowledged')
  expect(acknowledged.history.at(-1)).toMatchObject({ action: 'acknowledge', to: 'acknowledged', note: '已电话核实，村干部到场查看', by: { role: 'leader' } })
  await page.waitForSelector(`[data-panel="alerts"] [data-alert="${id}"][data-status="acknowledged"]`, { timeout: 20_000 })
  await screenshot(page, 'alerts-acknowledged')

  // Another open alert (the seed plants some) is a false alarm: without a reason the form says so and sends nothing.
  const other = (await openAlerts()).find((f) => f.id !== id)
  expect(other, 'the demo seed has other open alerts').toBeDefined()
  await page.click(`[data-panel="alerts"] [data-alert="${other!.id}"] button`)
  await page.waitForSelector(`[data-drawer][data-kind="alert"][data-id="${other!.id}"]`, { timeout: 20_000 })
  await page.click('[data-drawer] [data-alert-act="falseAlarm"]')
  await page.click('[data-act-form="falseAlarm"] [data-act-confirm]')
  await page.waitForSelector('[data-act-form="falseAlarm"] .problem')
  expect((await api<AlertDetail>(`/api/alerts/${other!.id}`)).status).not.toBe('falseAlarm')
  await page.fill('[data-act-form="falseAlarm"] textarea[name="note"]', '演练数据，非真实事件')
  await page.click('[data-act-form="falseAlarm"] [data-act-confirm]')
  await page.waitForSelector(`[data-drawer][data-id="${other!.id}"][data-status="falseAlarm"] [data-act-outcome="ok"]`, { timeout: 20_000 })
  const falseAlarm = await api<AlertDetail>(`/api/alerts/${other!.id}`)
  expect(falseAlarm.status).toBe('falseAlarm')
  expect(falseAlarm.history.at(-1)).toMatchObject({ action: 'falseAlarm', note: '演练数据，非真实事件' })
  // Closed, it leaves the panel and the map; the figures still equal the API's.
  await page.waitForSelector(`[data-panel="alerts"] [data-alert="${other!.id}"]`, { state: 'detached', timeout: 20_000 })
  const after = await expectFiguresMatchApi(page)
  expect(after.some((f) => f.id === other!.id)).toBe(false)
  expect(after.find((f) => f.id === id)?.properties.status).toBe('acknowledged')
  await screenshot(page, 'alerts-false-alarm')
  expect(leader.offHostRequests).toEqual([])
  expect(leader.consoleErrors.filter((e) => !e.includes('the server responded with a status of 4'))).toEqual([])
}, SLOW)

test('in English: the panel, the header and the drawer speak it', async () => {
  const { page } = await openPage(browser, `${server.url}/?scope=${COUNTY}&lang=en`, { cookie })
  await waitForIdle(page, 60_000)
  await page.waitForSelector('[data-panel="alerts"][data-state="ready"]', { timeout: 30_000 })
  const list = await expectFiguresMatchApi(page)
  expect(await page.textContent('[data-panel="alerts"] h2')).toBe('Alerts')
  if (list.length > 0) {
    await page.click('[data-alert-count]')
    await page.waitForSelector('[data-drawer][data-kind="alert"]', { timeout: 20_000 })
    const text = await page.textContent('[data-drawer]')
    expect(text).toMatch(/Evidence/)
    expect(text).not.toMatch(/研判依据|首次发现/)
  }
  await screenshot(page, 'alerts-english')
}, 180_000)

test("the county wall's tour shows the 预警 page after the county: each level's count and rows are the API's open alerts", async () => {
  const { page } = await openPage(browser, `${server.url}/wall?tour=4&token=${DEMO_WALL_TOKEN}`, { viewport: { width: 1920, height: 1080 } })
  const onPage = '.wall[data-tour-step="alerts"] [data-wall-page="alerts"][data-state="ready"]'
  // Held on the page the moment it shows (a hidden tab stops the tour's clock), for the checks and the picture.
  await holdWhenShown(page, onPage)
  await page.waitForSelector(onPage, { timeout: 90_000 })
  // The page and the API agree once the list has settled (an evaluation may raise or clear one meanwhile).
  await expect.poll(async () => {
    const api = await openAlerts()
    const byLevel = (level: string) => api.filter((f) => f.properties.level === level)
    const shown = await page.$$eval('[data-wall-page="alerts"] .al-col', (cols) => cols.map((c) => ({
      level: c.getAttribute('data-level'), count: Number(c.getAttribute('data-count')),
      ids: Array.from(c.querySelectorAll('li[data-alert]')).map((li) => Number(li.getAttribute('data-alert'))),
    })))
    return shown.every((c) => {
      const want = byLevel(c.level!)
      // Newest first within the level, as many as fit: the first ids of the API's list in that order.
      const newest = [...want].sort((a, b) => Date.parse(b.properties.raisedAt) - Date.parse(a.properties.raisedAt) || b.properties.id - a.properties.id)
      return c.count === want.length && c.ids.every((id, i) => id === newest[i]?.properties.id)
    })
  }, { timeout: 30_000, interval: 1_000 }).toBe(true)
  // Legible across a room: headings and rows at least 20 px on the 1080-line grid.
  const smallest = await page.$$eval('[data-wall-page="alerts"] .title, [data-wall-page="alerts"] .place, [data-wall-page="alerts"] h3', (els) => Math.min(...els.map((e) => parseFloat(getComputedStyle(e).fontSize))))
  expect(smallest).toBeGreaterThanOrEqual(20)
  await screenshot(page, 'alerts-wall-page-1920x1080')
}, 180_000)
