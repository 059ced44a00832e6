// The leader's map in real headless Chromium against the real server with the demo preset: drill-down, KPIs that
// equal the API, overlays, time range, playback, deep links, live incidents and English.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { closePages, openPage, screenshot, waitForIdle } from '../support/browser'
import { startBrowserSuite, stopBrowserSuite } from '../support/browser-suite'
import { DEMO_USERS, demoAdminCode, signIn, signInWith } from '../support/server'
import type { RunningServer } from '../support/server'
import '../../web/src/map/test-hook-type'

let server: RunningServer
let browser: Browser
/** The demo county leader's session: the first test signs in through the screen, the others start signed in. */
let cookie = ''

beforeAll(async () => {
  ({ server, browser } = await startBrowserSuite({ PRESET: 'demo' }))
  cookie = await signIn(server.url, 'leader')
}, 180_000)
afterEach(closePages)
afterAll(() => stopBrowserSuite({ server, browser }))

const api = async (path: string, as = cookie) => (await fetch(`${server.url}${path}`, { headers: { Cookie: as } })).json()

/**
 * Every KPI on the page must equal /api/metrics/summary for the page's scope and range. Panels refetch after a
 * drill-down, so the page is given time to converge on the API's figures; a KPI that never does fails the test.
 */
async function expectKpisMatchApi(page: Page, as = cookie) {
  await page.waitForFunction(() => document.querySelectorAll('[data-kpi][data-value]:not([data-value=""])').length >= 5, null, { timeout: 20_000 })
  const root = await page.$('[data-map-state]')
  const scope = await root!.getAttribute('data-scope')
  const from = await root!.getAttribute('data-range-from')
  const to = await root!.getAttribute('data-range-to')
  // Asked again at each try: overdue counts move as deadlines pass, and the page asks again each minute.
  let metrics: Record<string, number> = {}
  const mismatches = async () => {
    metrics = (await api(`/api/metrics/summary?scope=${scope}&from=${from}&to=${to}`, as)).metrics as Record<string, number>
    return page.$$eval('[data-kpi][data-value]', (els, expected) => els
      .map((e) => [e.getAttribute('data-kpi')!, Number(e.getAttribute('data-value'))] as const)
      .filter(([id, v]) => id in expected && Math.abs(v - expected[id]!) > 1e-6)
      .map(([id, v]) => `${id}: page ${v}, API ${expected[id]}`), metrics)
  }
  for (let i = 0; i < 40 && (await mismatches()).length > 0; i++) await page.waitForTimeout(500)
  expect(await mismatches(), `KPIs at ${scope}`).toEqual([])
  const checked = await page.$$eval('[data-kpi][data-value]', (els, expected) => els.filter((e) => e.getAttribute('data-kpi')! in expected).length, metrics)
  expect(checked).toBeGreaterThanOrEqual(5)
  return metrics
}

async function clickAt(page: Page, lng: number, lat: number) {
  const p = await page.evaluate(([x, y]) => window.__onemap!.project(x!, y!), [lng, lat])
  await page.mouse.click(p.x, p.y)
}

/**
 * Ids on the map's live incident source. Polled from here with expect.poll: page.waitForFunction takes the Promise an
 * async predicate returns for a truthy answer, so it passed at once whatever the source held.
 */
const liveIds = (page: Page) => page.evaluate(() => window.__onemap!.sourceIds('incidents-live'))

const crumbs = (page: Page) => page.$$eval('[data-breadcrumbs] [data-scope]', (els) => els.map((e) => e.textContent?.trim()))

test('county view: idle, 19 labels, KPIs equal the API, offline, no console error', async () => {
  const { page, offHostRequests, consoleErrors } = await openPage(browser, server.url)
  // Not signed in: the sign-in screen, in Chinese; a wrong password says so; the demo leader's signs in.
  await page.waitForSelector('[data-login-form]')
  expect(await page.textContent('[data-login-form] h2')).toBe('登录')
  await page.fill('input[name=login]', 'leader')
  await page.fill('input[name=password]', 'not-the-password')
  await page.click('button[type=submit]')
  expect(await (await page.waitForSelector('[data-login-error]')).textContent()).toBe('账号或密码错误')
  await page.fill('input[name=password]', DEMO_USERS.find((u) => u.login === 'leader')!.password)
  await page.click('button[type=submit]')
  await page.waitForSelector('[data-user][data-role="leader"]')
  // The 401s before signing in are the expected answers, not errors of the page.
  consoleErrors.splice(0)
  await waitForIdle(page)
  await page.waitForFunction(() => Number(document.querySelector('[data-map-state]')?.getAttribute('data-township-labels')) >= 19)
  await expectKpisMatchApi(page)
  // A MapLibre upgrade that no longer fits web/src/map/skip-empty-sky.ts would quietly cost every frame again.
  expect(await page.evaluate(() => window.__onemap!.emptySkySkipped)).toBe(true)
  // Nor one that no longer fits hold-first-paint.ts: the map drew nothing until its first picture was complete.
  const firstPaint = await page.evaluate(() => window.__onemap!.firstPaint())
  expect(firstPaint).toMatchObject({ held: true, releasedBy: 'settled' })
  expect(firstPaint.skippedFrames).toBeGreaterThan(0)
  // The whole county in view: its GeoJSON sources are tiled two levels coarser (county-band-tiles.ts), the
  // clustered incidents as MapLibre does.
  const countyZoom = await page.evaluate(() => window.__onemap!.zoom())
  expect(await page.evaluate(() => window.__onemap!.sourceMaxzoom('townships'))).toBe(Math.floor(countyZoom) - 2)
  expect(await page.evaluate(() => window.__onemap!.sourceMaxzoom('incidents'))).toBe(18)
  // The site pulses animate once the map has settled (theme.css), and MapLibre's own classes on its container stay.
  expect(await page.evaluate(() => Array.from(document.querySelector('.map-view')!.classList))).toEqual(expect.arrayContaining(['maplibregl-map', 'settled']))
  const pulses = await page.evaluate(() => document.getAnimations()
    .filter((a) => (a as CSSAnimation).animationName === 'site-pulse').map((a) => a.playState))
  expect(pulses.length).toBeGreaterThan(0)
  expect(new Set(pulses)).toEqual(new Set(['running']))
  // Pulses over a township's name are hidden (web/src/map/pulse.ts): 罗阳镇's sites crowd round its label.
  await page.waitForFunction(() => document.querySelector('.site-pulse.under-label') !== null)
  const { hidden, total } = await page.$$eval('.site-pulse', (els) => ({ hidden: els.filter((e) => getComputedStyle(e).display === 'none').length, total: els.length }))
  expect(hidden).toBeGreaterThan(0)
  expect(hidden).toBeLessThan(total)
  // Every endless animation moves in steps (PanelCard.vue, theme.css): with the screen composited on the CPU a
  // smooth one redraws the whole screen every frame, for as long as it runs.
  const smooth = await page.evaluate(() => {
    // A style rule holds rules too (CSS nesting), as do @media and @layer.
    const rules = (list: CSSRuleList): CSSRule[] => Array.from(list).flatMap((r) => [r, ...('cssRules' in r ? rules((r as CSSGroupingRule).cssRules) : [])])
    return Array.from(document.styleSheets).flatMap((s) => rules(s.cssRules))
      .filter((r): r is CSSStyleRule => r instanceof CSSStyleRule && r.style.animationIterationCount.includes('infinite'))
      // MapLibre's own: its geolocation control's spinner and location dot, which this map does not use.
      .filter((r) => !r.selectorText.includes('.maplibregl-'))
      .filter((r) => !r.style.animationTimingFunction.startsWith('steps('))
      .map((r) => `${r.selectorText}: ${r.style.animationTimingFunction}`)
  })
  expect(smooth).toEqual([])
  await screenshot(page, 'leader-county')
  expect(offHostRequests).toEqual([])
  expect(consoleErrors).toEqual([])
})

test('drilling into two townships and a grid: breadcrumbs, KPIs and the grid card follow', async () => {
  const { page, consoleErrors } = await openPage(browser, server.url, { cookie })
  await waitForIdle(page)
  const townships = (await api('/api/regions/townships')).features
  const seat = (code: string) => townships.find((f: { properties: { id: string } }) => f.properties.id === code).properties.seat as [number, number]

  await clickAt(page, ...seat('330329100'))
  await page.waitForSelector('[data-map-state][data-scope="330329100"]')
  await waitForIdle(page)
  expect(await crumbs(page)).toEqual(['泰顺县', '罗阳镇'])
  const luoyang = await expectKpisMatchApi(page)
  // Zoomed into a township, past the county band: tiled as MapLibre does, for full detail.
  expect(await page.evaluate(() => window.__onemap!.sourceMaxzoom('townships'))).toBe(18)

  await page.keyboard.press('Escape')
  await page.waitForSelector('[data-map-state][data-scope="330329"]')
  await waitForIdle(page)
  await clickAt(page, ...seat('330329106'))
  await page.waitForSelector('[data-map-state][data-scope="330329106"]')
  await waitForIdle(page)
  expect(await crumbs(page)).toEqual(['泰顺县', '雅阳镇'])
  const yayang = await expectKpisMatchApi(page)
  expect(yayang.reports).not.toBe(luoyang.reports)
  await screenshot(page, 'leader-township')

  // A grid: click the middle of one of 雅阳镇's grids, found from the API, with the record layers off (as a leader
  // would, to reach the grid under the incident dots).
  for (const layer of ['incidents', 'sites', 'whistles']) await page.click(`[data-layer="${layer}"]`)
  await waitForIdle(page)
  const grids = (await api('/api/regions/grids?township=330329106')).features
  const grid = grids[0]
  const ring = grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0] : grid.geometry.coordinates[0][0]
  const [lng, lat] = ring.reduce((a: number[], c: number[]) => [a[0]! + c[0]! / ring.length, a[1]! + c[1]! / ring.length], [0, 0])
  await clickAt(page, lng, lat)
  await page.waitForFunction(() => document.querySelector('[data-map-state]')?.getAttribute('data-scope')?.length === 14)
  await waitForIdle(page)
  const scope = await page.getAttribute('[data-map-state]', 'data-scope')
  expect(scope!.startsWith('330329106')).toBe(true)
  const names = await crumbs(page)
  expect(names.slice(0, 2)).toEqual(['泰顺县', '雅阳镇'])
  expect(names).toHaveLength(4)
  await page.waitForSelector('[data-grid-card]')
  expect(await page.textContent('[data-grid-head]')).toMatch(/\*/)
  await expectKpisMatchApi(page)
  await screenshot(page, 'leader-grid')
  expect(consoleErrors).toEqual([])
}, 150_000)

test('each overlay toggles, a range change changes the numbers, playback runs', async () => {
  const { page } = await openPage(browser, server.url, { cookie })
  await waitForIdle(page)
  for (const [toggle, layer] of [['townships', 'townships-fill'], ['incidents', 'incidents-point'], ['heatmap', 'heatmap-layer'], ['disputes', 'disputes-point'], ['sites', 'sites-point'], ['whistles', 'whistles-arc']] as const) {
    const before = await page.evaluate((l) => window.__onemap!.visible(l), layer)
    await page.click(`[data-layer="${toggle}"]`)
    await page.waitForFunction(([l, b]) => window.__onemap!.visible(l as string) !== b, [layer, before] as const)
    await page.click(`[data-layer="${toggle}"]`)
    await page.waitForFunction(([l, b]) => window.__onemap!.visible(l as string) === b, [layer, before] as const)
  }
  // Grids are drawn inside a selected township or zoomed in, not at the county's zoom: their toggle is checked in
  // a township (the deep-link test).
  expect(await page.evaluate(() => window.__onemap!.visible('grids-fill'))).toBe(false)
  const month = await expectKpisMatchApi(page)
  await page.click('[data-range-preset="7d"]')
  await page.waitForSelector('[data-range="7d"]')
  await page.waitForFunction((v) => document.querySelector('[data-kpi="reports"]')?.getAttribute('data-value') !== String(v), month.reports)
  const week = await expectKpisMatchApi(page)
  expect(week.reports).toBeLessThan(month.reports!)

  await page.click('[data-play]')
  const first = await page.waitForSelector('[data-play-day]')
  const day1 = await first.textContent()
  await page.waitForFunction((d) => document.querySelector('[data-play-day]')?.textContent !== d, day1, { timeout: 10_000 })
  await page.click('[data-play]')
}, 150_000)

test('a metric with no basis reads — with why; its grids are drawn as no data, ranked last', async () => {
  // 罗阳镇 today, coloured by closure rate: most grids had no report today, so no closure rate.
  const { page } = await openPage(browser, `${server.url}/?scope=330329100&range=today&metric=closureRate&layers=grids,townships`, { cookie })
  await waitForIdle(page, 60_000)
  await expectKpisMatchApi(page)
  const root = await page.$('[data-map-state]')
  const range = `from=${await root!.getAttribute('data-range-from')}&to=${await root!.getAttribute('data-range-to')}`
  const metrics = (await api(`/api/metrics/summary?scope=330329100&${range}`)).metrics as Record<string, number | null>
  const nulls = ['closureRate', 'avgHandlingHours', 'disputeSuccessRate', 'disputeVillageShare'].filter((id) => metrics[id] === null)
  expect(nulls.length, JSON.stringify(metrics)).toBeGreaterThan(0)
  // A range with no dispute at all (just after midnight, say) shows the funnel's empty state instead of its rates.
  const noDisputes = metrics.disputes === 0
  if (noDisputes) expect(await (await page.waitForSelector('[data-panel="dispute-funnel"] .panel-note')).textContent()).toContain('无数据')
  for (const id of nulls.filter((n) => !(noDisputes && n.startsWith('dispute')))) {
    const kpi = await page.waitForSelector(`[data-kpi="${id}"][title]`)
    expect(await kpi.textContent(), id).toContain('—')
    expect(await kpi.getAttribute('title'), id).toMatch(/^本时段/)
  }
  const grids = (await api(`/api/metrics/choropleth?level=grid&metric=closureRate&township=330329100&${range}`)).values as Record<string, number | null>
  const withValue = Object.values(grids).filter((v) => v !== null).length
  expect(Object.values(grids).some((v) => v === null)).toBe(true)
  // The ranking lists every grid with a value before any without.
  const rows = await page.$$eval('[data-panel="ranking"] [data-region]', (els) => els.map((e) => e.querySelector('.value')!.textContent!.trim()))
  expect(rows.slice(0, withValue).every((text) => text !== '—')).toBe(true)
  expect(rows.slice(withValue).every((text) => text === '—')).toBe(true)
  expect(await page.textContent('[data-legend="ramp"]')).toContain('无数据')
  await screenshot(page, 'leader-no-basis')
})

test('a deep link restores the view and Back goes back', async () => {
  const { page } = await openPage(browser, `${server.url}/?scope=330329101&range=7d&metric=closureRate&layers=townships,sites`, { cookie })
  await waitForIdle(page)
  expect(await crumbs(page)).toEqual(['泰顺县', '司前畲族镇'])
  expect(await page.$eval('[data-metric]', (e) => (e as HTMLSelectElement).value)).toBe('closureRate')
  expect(await page.getAttribute('.timebar', 'data-range')).toBe('7d')
  expect(await page.evaluate(() => window.__onemap!.visible('incidents-point'))).toBe(false)
  expect(await page.evaluate(() => window.__onemap!.visible('grids-fill'))).toBe(false)
  await page.click('[data-layer="grids"]')
  await page.waitForFunction(() => window.__onemap!.visible('grids-fill'))
  await page.waitForSelector('[data-map-state="idle"]')
  expect((await page.evaluate(() => window.__onemap!.renderedIds('grids-fill'))).every((id) => String(id).startsWith('330329101'))).toBe(true)
  expect((await page.evaluate(() => window.__onemap!.renderedIds('grids-fill'))).length).toBeGreaterThan(0)
  await page.click('[data-breadcrumbs] button[data-scope="330329"]')
  await page.waitForSelector('[data-map-state][data-scope="330329"]')
  await page.goBack()
  await page.waitForSelector('[data-map-state][data-scope="330329101"]')
})

test('an incident POSTed while the map is open appears on it without a reload', async () => {
  const { page } = await openPage(browser, server.url, { cookie })
  await waitForIdle(page)
  const res = await fetch(`${server.url}/api/incidents`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ type: 'illegal-building', point: { lng: 119.708034, lat: 27.559551 }, description: '浏览器测试：新上报', source: 'patrol', severity: 'critical' }),
  })
  expect(res.status).toBe(201)
  const { id } = await res.json()
  // Drawn at once on the live source (the clustered one catches up at the next fold: live-incidents.ts).
  await expect.poll(() => liveIds(page), { timeout: 5_000 }).toContain(id)
})

test('an open incident turns overdue on the map when its deadline passes, without a reload', async () => {
  // A custom range ending the day after tomorrow (Beijing dates): jumping the page's clock ahead moves no range, so
  // nothing is loaded again and only the deadline watch (web/src/map/deadline-watch.ts) can turn the incident.
  const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)
  const { page } = await openPage(browser, `${server.url}/?range=custom&from=${day(-29)}&to=${day(2)}`, { cookie, fakeClock: true })
  await waitForIdle(page)
  const root = await page.$('[data-map-state]')
  const range = `from=${await root!.getAttribute('data-range-from')}&to=${await root!.getAttribute('data-range-to')}`
  type Lean = { id: number; properties: { dueAt?: string } }
  const listedAt = Date.now()
  const ahead = ((await api(`/api/incidents?scope=330329&${range}&fields=map&limit=20000`)).features as Lean[])
    .filter((f) => f.properties.dueAt).sort((a, b) => Date.parse(a.properties.dueAt!) - Date.parse(b.properties.dueAt!))
  const next = ahead[0]!
  expect(next).toBeDefined()
  const live = () => liveIds(page)
  expect(await live()).not.toContain(next.id)
  // Past its deadline and past the next tick of the view's minute clock.
  const wait = Date.parse(next.properties.dueAt!) - await page.evaluate(() => Date.now())
  await page.clock.fastForward(Math.max(0, wait) + 61_000)
  // The demo's simulator keeps reporting and handling incidents meanwhile (more in the day than at night): the
  // earliest deadline of the list may have moved on the server since (accepted: a new deadline), so the watch must
  // turn the incidents due by the page's clock, at least one of them.
  const pageNow = await page.evaluate(() => Date.now())
  const due = new Set(ahead.filter((f) => Date.parse(f.properties.dueAt!) <= pageNow).map((f) => f.id))
  expect(due.has(next.id)).toBe(true)
  await expect.poll(async () => (await live()).some((id) => due.has(Number(id))), { timeout: 5_000 }).toBe(true)
  // Only incidents whose deadline had passed by the page's clock were turned; an incident changed on the server
  // since the list was read came by the stream, not by the deadline watch.
  for (const id of (await live()).filter((id) => !due.has(Number(id)))) {
    expect(Date.parse((await api(`/api/incidents/${id}`)).updatedAt), `incident ${id} turned before its deadline`).toBeGreaterThanOrEqual(listedAt)
  }
})

test('the detail drawer speaks Chinese: facts and steps by name from the reference, a countdown, a site\'s inspections', async () => {
  const reference = await api('/api/reference')
  const name = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)!.name
  const open = (await api('/api/incidents?status=handling&limit=1')).features[0]
  const { page, consoleErrors } = await openPage(browser, `${server.url}/?sel=incident:${open.id}`, { cookie })
  await waitForIdle(page)
  await page.waitForSelector('[data-drawer] [data-fact="status"]')
  expect(await page.textContent('[data-drawer] [data-fact="status"]')).toBe(name(reference.incident.statuses, 'handling'))
  expect(await page.textContent('[data-drawer] [data-fact="severity"]')).toBe(name(reference.incident.severities, open.properties.severity))
  expect(await page.textContent('[data-drawer] [data-sla]')).toMatch(/^\s*(剩余时限|已超期) (\d+天\d+小时|\d+:\d{2}:\d{2})\s*$/)
  const steps = await page.$$eval('[data-drawer] .timeline .step', (els) => els.map((e) => e.textContent ?? ''))
  expect(steps[0]).toBe('上报')
  expect(steps.join(' ')).not.toMatch(/[a-z]/)
  await screenshot(page, 'leader-drawer-incident')

  const site = (await api('/api/sites?limit=1')).features[0]
  await page.goto(`${server.url}/?sel=site:${site.id}`)
  await page.waitForSelector('[data-drawer] [data-fact="grade"]')
  expect(await page.textContent('[data-drawer] [data-fact="grade"]')).toBe(name(reference.site.grades, site.properties.grade))
  expect(await page.textContent('[data-drawer] [data-sla]')).toMatch(/距下次检查|检查已逾期/)
  expect((await page.$$eval('[data-drawer] .timeline .step', (els) => els.map((e) => e.textContent ?? ''))).length).toBeGreaterThan(0)
  expect(consoleErrors).toEqual([])
})

test('?lang=en shows English, the sign-in screen too', async () => {
  const signedOut = await openPage(browser, `${server.url}/?lang=en`)
  expect(await (await signedOut.page.waitForSelector('[data-login-form] h2')).textContent()).toBe('Sign in')
  // Back to Chinese from the sign-in screen too.
  expect(await signedOut.page.getAttribute('[data-lang-switch]', 'href')).toBe('/')
  await signedOut.page.context().close()
  const { page } = await openPage(browser, `${server.url}/?lang=en`, { cookie })
  await waitForIdle(page)
  // The English header is longer than the Chinese: every control in it stays on screen.
  const offScreen = await page.$$eval('header.header > *', (els) => els.filter((e) => e.getBoundingClientRect().right > window.innerWidth).map((e) => e.className))
  expect(offScreen).toEqual([])
  expect(await page.textContent('h1')).toBe('Taishun Grassroots Governance One-Map')
  expect(await crumbs(page)).toEqual(['Taishun County'])
  expect(await page.textContent('[data-layer-panel]')).toMatch(/Layers/)
  await screenshot(page, 'leader-county-en')
})

test('a township officer stays in their township: a county link lands there, the county crumb and Esc do not leave it, no 403', async () => {
  const officer = await signIn(server.url, 'luoyang')
  const { page, consoleErrors } = await openPage(browser, `${server.url}/?scope=330329`, { cookie: officer })
  await waitForIdle(page)
  expect(await page.getAttribute('[data-map-state]', 'data-scope')).toBe('330329100')
  expect(await crumbs(page)).toEqual(['泰顺县', '罗阳镇'])
  // The county is shown for orientation, but is not a button.
  expect(await page.$$eval('[data-breadcrumbs] button', (els) => els.length)).toBe(0)
  await page.keyboard.press('Escape')
  await page.waitForTimeout(300)
  expect(await page.getAttribute('[data-map-state]', 'data-scope')).toBe('330329100')
  await expectKpisMatchApi(page, officer)
  await screenshot(page, 'leader-officer-luoyang')
  expect(consoleErrors.join('\n')).toBe('')
})

test('a grid worker sees their grid: idle, KPIs equal the API, no ranking of others, nothing refused', async () => {
  const worker = await signIn(server.url, 'grid')
  const { page, consoleErrors } = await openPage(browser, `${server.url}/`, { cookie: worker })
  await waitForIdle(page, 60_000)
  expect(await page.getAttribute('[data-map-state]', 'data-scope')).toBe('33032910000501')
  await expectKpisMatchApi(page, worker)
  // The ranking compares a township's grids, which a grid worker may not see: it says so instead of failing.
  expect(await page.textContent('[data-panel="ranking"]')).toContain('本账号只看本网格')
  // Whistle calls are not theirs to read: the panel is left out (not shown as 0), and so is the metric choice.
  expect(await page.$$('[data-panel="whistles"]')).toHaveLength(0)
  expect(await page.$$eval('[data-metric] option', (els) => els.map((e) => (e as HTMLOptionElement).value))).not.toContain('whistles')
  // Nor a whistle layer to switch on: it would stay empty for them.
  expect(await page.$$('[data-layer="whistles"]')).toHaveLength(0)
  expect(await page.$$('[data-panel="sites"]')).toHaveLength(1)
  await screenshot(page, 'leader-grid-worker')
  expect(consoleErrors.join('\n')).toBe('')
})

test('a grid worker with two grids starts in the first and may open the second, nothing else', async () => {
  const admin = await signIn(server.url, 'admin')
  const created = await fetch(`${server.url}/api/admin/users`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: admin },
    body: JSON.stringify({ login: 'grid-two', name: '两网格网格员(测试)', role: 'grid', township: '330329100', grids: ['33032910000501', '33032910000502'], password: 'two-grids-test-password' }),
  })
  expect(created.status).toBe(201)
  const worker = await signInWith(server.url, 'grid-two', 'two-grids-test-password')
  const first = await openPage(browser, `${server.url}/`, { cookie: worker })
  await waitForIdle(first.page, 60_000)
  expect(await first.page.getAttribute('[data-map-state]', 'data-scope')).toBe('33032910000501')
  expect(first.consoleErrors.join('\n')).toBe('')
  // A link to the second grid is theirs; a link to the township is not, and lands on the first grid.
  const second = await openPage(browser, `${server.url}/?scope=33032910000502`, { cookie: worker })
  await waitForIdle(second.page, 60_000)
  expect(await second.page.getAttribute('[data-map-state]', 'data-scope')).toBe('33032910000502')
  await expectKpisMatchApi(second.page, worker)
  const township = await openPage(browser, `${server.url}/?scope=330329100`, { cookie: worker })
  await waitForIdle(township.page, 60_000)
  expect(await township.page.getAttribute('[data-map-state]', 'data-scope')).toBe('33032910000501')
  expect([...second.consoleErrors, ...township.consoleErrors].join('\n')).toBe('')
})

test('an administrator signs in with a second factor: password, then the code field, a wrong code refused, the right one in', async () => {
  const { page } = await openPage(browser, server.url)
  await page.waitForSelector('[data-login-form]')
  await page.fill('input[name=login]', 'admin')
  await page.fill('input[name=password]', DEMO_USERS.find((u) => u.login === 'admin')!.password)
  await page.click('button[type=submit]')
  // The server answers second_factor_required: the code field appears, with the focus, and a way to a recovery code.
  await page.waitForSelector('[data-otp]')
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('otp')
  expect(await page.textContent('[data-factor-switch]')).toContain('恢复码')
  expect(await page.$('[data-login-error]')).toBeNull()
  const code = await demoAdminCode()
  await page.fill('[data-otp]', String((Number(code) + 1) % 1_000_000).padStart(6, '0'))
  await page.click('button[type=submit]')
  expect(await (await page.waitForSelector('[data-login-error]')).textContent()).toBe('验证码错误、已过期或已使用过，请输入当前的验证码')
  await screenshot(page, 'sign-in-verification-code')
  await page.fill('[data-otp]', code)
  await page.click('button[type=submit]')
  await page.waitForSelector('[data-admin-note]')
})

test('signed out everywhere from another device: the open map shows the sign-in screen within 15 s and stops asking for the stream', async () => {
  const admin = await signIn(server.url, 'admin')
  const res = await fetch(`${server.url}/api/admin/users`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: admin },
    body: JSON.stringify({ login: 'signed-out-test', name: '全部登出测试', role: 'township', township: '330329100', password: 'signed-out-test-password' }),
  })
  expect(res.status).toBe(201)
  const [here, elsewhere] = [await signInWith(server.url, 'signed-out-test', 'signed-out-test-password'), await signInWith(server.url, 'signed-out-test', 'signed-out-test-password')]
  const { page } = await openPage(browser, `${server.url}/`, { cookie: here })
  await waitForIdle(page, 60_000)
  await page.waitForSelector('[data-live="up"]', { timeout: 15_000 })
  let streamRequests = 0
  page.on('request', (req) => { if (req.url().includes('/api/stream')) streamRequests++ })
  // Nothing on the page asks the API meanwhile: only its live feed can learn that the session ended.
  const out = await fetch(`${server.url}/api/auth/logout-all`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: elsewhere } })
  expect(out.status).toBe(204)
  const ended = Date.now()
  await page.waitForSelector('[data-login-form]', { timeout: 15_000 })
  expect(Date.now() - ended).toBeLessThan(15_000)
  expect(await page.textContent('[data-login-error]')).toBeTruthy()
  // The refused reconnect is not retried in a loop while the sign-in screen waits.
  const asked = streamRequests
  await page.waitForTimeout(7000)
  expect(streamRequests).toBe(asked)
}, 120_000)
