// The 考核 scoreboard's screens in real headless Chromium against the real server with the demo preset: the leader's
// panel shows the API's figures for townships and departments, sorts by a header (mouse and keyboard, aria-sort),
// drills into a township and opens a department's figures; in English too. The wall's tour shows the scoreboard
// pages after the county, legible at 1920×1080 and 3840×2160, and an urgent incident during a page takes the screen
// and gives it back to the page.
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { SCREENSHOT_DIR, launchBrowser, screenshot, waitForIdle } from '../support/browser'
import { holdWhenShown, showWall } from '../support/wall-tour'
import { DEMO_WALL_TOKEN, signIn, startServer } from '../support/server'
import type { RunningServer } from '../support/server'

let server: RunningServer
let browser: Browser
let cookie = ''
const contexts = new Set<BrowserContext>()

beforeAll(async () => {
  server = await startServer({ PRESET: 'demo' })
  browser = await launchBrowser()
  cookie = await signIn(server.url, 'leader')
}, 180_000)
afterEach(async () => {
  await Promise.all([...contexts].map((c) => c.close()))
  contexts.clear()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

interface Board { by: string; from: string; to: string; metrics: string[]; rows: { unit: { code: string; name: string }; values: Record<string, number | null> }[] }

/**
 * Every /api/scoreboard answer the page receives, newest last. A figure such as 签收率 depends on the moment it is
 * asked (a sign-off limit not yet passed is not judged), so the table is compared with the answer the page got,
 * and that answer's period with the page's range: a second request from the test could differ by a minute's drift.
 */
function recordBoards(page: Page): Board[] {
  const boards: Board[] = []
  page.on('response', (res) => {
    if (new URL(res.url()).pathname === '/api/scoreboard' && res.ok()) void res.json().then((b: Board) => boards.push(b), () => {})
  })
  return boards
}

/** Every figure of a table on the page, by unit and metric ('' for none), and the units in the order shown. */
const tableOf = (page: Page, table: string) => page.$$eval(`${table} tbody tr[data-unit]`, (trs) => trs.map((tr) => ({
  unit: tr.getAttribute('data-unit')!,
  cells: Object.fromEntries(Array.from(tr.querySelectorAll('td[data-metric]')).map((td) => [td.getAttribute('data-metric')!, {
    value: td.getAttribute('data-value')!, text: td.textContent!.trim(), title: td.getAttribute('title'),
  }])),
})))

/**
 * The table shows every unit of the API's answer for `by` over [from, to) with its figures: the same value
 * (data-value), '—' for none, with the reason as its tooltip where someone can point at it (`titled`).
 */
async function expectTableMatchesApi(page: Page, boards: Board[], table: string, by: string, from: string, to: string, titled = true) {
  let mismatches: string[] = []
  let api: Board | undefined
  for (let i = 0; i < 40; i++) {
    api = boards.findLast((b) => b.by === by && Date.parse(b.from) === Date.parse(from) && Date.parse(b.to) === Date.parse(to))
    const shown = await tableOf(page, table)
    const byUnit = new Map(shown.map((r) => [r.unit, r.cells]))
    mismatches = api ? [] : [`no ${by} answer for ${from} – ${to} (${boards.map((b) => `${b.by} ${b.from}`).join(', ')})`]
    if (api && shown.length !== api.rows.length) mismatches.push(`${shown.length} rows shown, API ${api.rows.length}`)
    for (const row of api?.rows ?? []) {
      const cells = byUnit.get(row.unit.code)
      if (!cells) { mismatches.push(`${row.unit.code} missing`); continue }
      for (const id of api!.metrics) {
        const v = row.values[id] ?? null
        const cell = cells[id]
        if (!cell) mismatches.push(`${row.unit.code}.${id} missing`)
        else if (v === null ? cell.value !== '' || cell.text !== '—' || (titled && !cell.title) : Math.abs(Number(cell.value) - v) > 1e-12 || cell.value === '') {
          mismatches.push(`${row.unit.code}.${id}: page ${cell.value} "${cell.text}" (${cell.title}), API ${v}`)
        }
      }
    }
    if (mismatches.length === 0) break
    await page.waitForTimeout(250)
  }
  expect(mismatches, `${by} table`).toEqual([])
  // And the API answers the same rows again (the figures may have moved on with the clock since).
  const again = await board(by, from, to)
  expect(again.rows.map((r) => r.unit.code)).toEqual(api!.rows.map((r) => r.unit.code))
  return api!
}

const board = async (by: string, from: string, to: string): Promise<Board> => {
  const res = await fetch(`${server.url}/api/scoreboard?by=${by}&from=${from}&to=${to}`, { headers: { Cookie: cookie } })
  expect(res.status, await res.clone().text()).toBe(200)
  return res.json() as Promise<Board>
}

const panel = '[data-panel="scoreboard"]'

/** The leader's map, signed in, with every console error, request off this machine and scoreboard answer noted from the first request. */
async function openLeader(path: string, as = cookie) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 })
  contexts.add(context)
  const [name, value] = as.split('=') as [string, string]
  await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Strict' }])
  const page = await context.newPage()
  const consoleErrors: string[] = []
  const offHostRequests: string[] = []
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()) })
  page.on('pageerror', (err) => consoleErrors.push(String(err)))
  page.on('request', (req) => { const u = new URL(req.url()); if (!['data:', 'blob:'].includes(u.protocol) && u.hostname !== '127.0.0.1') offHostRequests.push(req.url()) })
  const boards = recordBoards(page)
  await page.goto(`${server.url}${path}`)
  return { page, consoleErrors, offHostRequests, boards }
}

test('the 考核 panel: both tabs equal the API, sorting by mouse and keyboard, a department opens its figures, a township drills', async () => {
  const { page, consoleErrors, offHostRequests, boards } = await openLeader('/')
  await waitForIdle(page, 60_000)
  await page.waitForSelector(`${panel}[data-state="ready"] table[data-by="township"] tbody tr`)
  const root = (await page.$('[data-map-state]'))!
  const from = (await root.getAttribute('data-range-from'))!
  const to = (await root.getAttribute('data-range-to'))!

  const townships = await expectTableMatchesApi(page, boards, `${panel} table`, 'township', from, to)
  expect(townships.rows).toHaveLength(19)
  // Values read by their unit: a rate as a percentage, a count as a whole number.
  const first = (await tableOf(page, `${panel} table`)).flatMap((r) => Object.entries(r.cells)).filter(([, c]) => c.value !== '')
  expect(first.filter(([id]) => id === 'onTimeRate').every(([, c]) => /%$/.test(c.text))).toBe(true)
  expect(first.filter(([id]) => id === 'overdueCount').every(([, c]) => /^\d[\d,]*$/.test(c.text))).toBe(true)
  await page.locator(panel).screenshot({ path: join(SCREENSHOT_DIR, 'scoreboard-panel-townships.png') })

  // Sorting: a click on 按期率 puts the best first, a second click the worst; units without a figure stay last.
  const order = async (id: string) => (await tableOf(page, `${panel} table`)).map((r) => r.cells[id]!.value)
  const expectSorted = (values: string[], direction: 'ascending' | 'descending') => {
    const present = values.filter((v) => v !== '').map(Number)
    expect(values.slice(present.length).every((v) => v === ''), 'nulls last').toBe(true)
    for (let i = 1; i < present.length; i++) expect(direction === 'ascending' ? present[i]! >= present[i - 1]! : present[i]! <= present[i - 1]!).toBe(true)
  }
  await page.click(`${panel} [data-sort-key="onTimeRate"]`)
  expect(await page.getAttribute(`${panel} th:has([data-sort-key="onTimeRate"])`, 'aria-sort')).toBe('descending')
  expectSorted(await order('onTimeRate'), 'descending')
  await page.click(`${panel} [data-sort-key="onTimeRate"]`)
  expect(await page.getAttribute(`${panel} th:has([data-sort-key="onTimeRate"])`, 'aria-sort')).toBe('ascending')
  expectSorted(await order('onTimeRate'), 'ascending')
  // From the keyboard: the head is a button; fewer overdue cases is better, so the first press sorts up.
  await page.focus(`${panel} [data-sort-key="overdueCount"]`)
  await page.keyboard.press('Enter')
  expect(await page.getAttribute(`${panel} th:has([data-sort-key="overdueCount"])`, 'aria-sort')).toBe('ascending')
  expect(await page.getAttribute(`${panel} th:has([data-sort-key="onTimeRate"])`, 'aria-sort')).toBe('none')
  expectSorted(await order('overdueCount'), 'ascending')
  await page.locator(panel).screenshot({ path: join(SCREENSHOT_DIR, 'scoreboard-panel-sorted.png') })

  // 部门: all 17 departments, the API's figures; a department's row opens what its figures were taken over.
  await page.click(`${panel} [data-tab="department"]`)
  expect(await page.getAttribute(`${panel} [data-tab="department"]`, 'aria-selected')).toBe('true')
  await page.waitForSelector(`${panel} table[data-by="department"]`)
  const departments = await expectTableMatchesApi(page, boards, `${panel} table`, 'department', from, to)
  expect(departments.rows).toHaveLength(17)
  const busiest = departments.rows.find((r) => r.values.signRate !== null) ?? departments.rows[0]!
  const name = page.locator(`${panel} tr[data-unit="${busiest.unit.code}"] button.name`)
  expect(await name.getAttribute('aria-expanded')).toBe('false')
  await name.focus()
  await page.keyboard.press('Enter')
  await page.waitForSelector(`${panel} [data-detail="${busiest.unit.code}"]`)
  expect(await name.getAttribute('aria-expanded')).toBe('true')
  const detail = await page.textContent(`${panel} [data-detail="${busiest.unit.code}"]`)
  expect(detail).toContain('签收率')
  if (busiest.values.signRate !== null) expect(detail).toMatch(/按时签收 \d+ \/ 已到时限或已签收的交办 \d+/)
  // The map stays where it was: a department is no place to drill into.
  expect(await root.getAttribute('data-scope')).toBe('330329')
  await page.locator(panel).screenshot({ path: join(SCREENSHOT_DIR, 'scoreboard-panel-department.png') })

  // Back to 乡镇: a township's row drills the map into the township.
  await page.click(`${panel} [data-tab="township"]`)
  await page.waitForSelector(`${panel} table[data-by="township"]`)
  await page.click(`${panel} tr[data-unit="330329101"] td[data-metric="signRate"]`)
  await page.waitForSelector('[data-map-state][data-scope="330329101"]')
  await waitForIdle(page, 60_000)
  expect(await page.getAttribute(`${panel} tr[data-unit="330329101"]`, 'class')).toContain('current')
  await screenshot(page, 'scoreboard-leader-drilled')

  // The panel follows the range: 近7天 asks again, and the figures are the API's for that range.
  await page.click('[data-range-preset="7d"]')
  await page.waitForFunction((f) => document.querySelector('[data-map-state]')!.getAttribute('data-range-from') !== f, from)
  const from7 = (await root.getAttribute('data-range-from'))!
  await expectTableMatchesApi(page, boards, `${panel} table`, 'township', from7, (await root.getAttribute('data-range-to'))!)
  expect(consoleErrors).toEqual([])
  expect(offHostRequests).toEqual([])
}, 180_000)

test('in English: the panel and its heads read in English, figures the same', async () => {
  const { page, consoleErrors, boards } = await openLeader('/?lang=en')
  await waitForIdle(page, 60_000)
  await page.waitForSelector(`${panel}[data-state="ready"] table[data-by="township"] tbody tr`)
  expect(await page.textContent(`${panel} h2`)).toBe('Scoreboard')
  expect(await page.textContent(`${panel} [data-tab="department"]`)).toBe('Departments')
  expect(await page.textContent(`${panel} [data-sort-key="onTimeRate"]`)).toContain('On time')
  const root = (await page.$('[data-map-state]'))!
  await expectTableMatchesApi(page, boards, `${panel} table`, 'township', (await root.getAttribute('data-range-from'))!, (await root.getAttribute('data-range-to'))!)
  await page.locator(panel).screenshot({ path: join(SCREENSHOT_DIR, 'scoreboard-panel-en.png') })
  expect(consoleErrors).toEqual([])
}, 120_000)

test("a township officer sees their township's figures, listed with what each was taken over; no tabs", async () => {
  const officer = await signIn(server.url, 'luoyang')
  const { page, consoleErrors, boards } = await openLeader('/', officer)
  await waitForIdle(page, 60_000)
  await page.waitForSelector(`${panel}[data-state="ready"] dl.own[data-unit="330329100"]`)
  expect(await page.$$(`${panel} [role="tab"]`)).toHaveLength(0)
  const answer = boards.findLast((b) => b.by === 'township')!
  expect(answer.rows.map((r) => r.unit.code)).toEqual(['330329100'])
  const shown = await page.$$eval(`${panel} dl.own dd[data-metric]`, (dds) => dds.map((d) => [d.getAttribute('data-metric')!, d.getAttribute('data-value')!]))
  expect(shown).toEqual(answer.metrics.map((id) => [id, answer.rows[0]!.values[id] === null ? '' : String(answer.rows[0]!.values[id])]))
  await page.locator(panel).screenshot({ path: join(SCREENSHOT_DIR, 'scoreboard-panel-officer.png') })
  expect(consoleErrors).toEqual([])
}, 120_000)

async function openWall(path: string, viewport = { width: 1920, height: 1080 }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 })
  contexts.add(context)
  const page = await context.newPage()
  const consoleErrors: string[] = []
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()) })
  page.on('pageerror', (err) => consoleErrors.push(String(err)))
  const boards = recordBoards(page)
  const url = new URL(`${server.url}${path}`)
  url.searchParams.set('token', DEMO_WALL_TOKEN)
  await page.goto(url.href)
  await page.waitForSelector('.wall', { timeout: 30_000 })
  return { page, consoleErrors, boards }
}

/** Font sizes of the wall page's parts (the smallest of each), and its box against the wall's. */
const pageMeasure = (page: Page) => page.evaluate(() => {
  const min = (sel: string) => Math.min(...Array.from(document.querySelectorAll(sel)).map((e) => parseFloat(getComputedStyle(e).fontSize)))
  const wall = document.querySelector('.wall')!.getBoundingClientRect()
  const table = document.querySelector('.sb-table')!.getBoundingClientRect()
  return {
    cell: min('.sb-table tbody td:not(.rank)'), unit: min('.sb-table tbody th'), head: min('.sb-table thead th'), title: min('.sb-head h2'),
    when: min('.sb-head .when'),
    // The table fits the screen: its last row ends above the ticker.
    fits: table.bottom <= wall.bottom - (60 * wall.height) / 1080 + 1,
  }
})

test('the wall tour shows the 考核 pages after the county: the API\'s figures, top and bottom three, legible at 1080p and 4K', async () => {
  const { page, consoleErrors, boards } = await openWall('/wall?tour=4')
  const townships = '.wall[data-tour-step="scoreboard-township"] [data-wall-page="scoreboard-township"][data-state="ready"]'
  await holdWhenShown(page, townships)
  await page.waitForSelector(townships, { timeout: 90_000 })
  await page.waitForSelector('.wall[data-tour-state="held"]')
  const scope = await page.getAttribute('.wall', 'data-tour-scope')
  expect(scope).toBe('330329')
  // The range the wall's view has (the default 近30天), as the page says it.
  const from = (await page.getAttribute('[data-wall-page]', 'data-range-from'))!
  const to = (await page.getAttribute('[data-wall-page]', 'data-range-to'))!
  const day = (ms: number) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)
  // The period as whole local days, the last one included.
  expect(await page.textContent('[data-sb-period]')).toBe(`统计时段 ${day(Date.parse(from))} — ${day(Date.parse(to) - 1)}`)
  expect(await page.textContent('[data-sb-data-at]')).toMatch(/数据截至 \d{2}:\d{2}:\d{2}/)
  // Ranked by 按期办结率; the best three and worst three are banded (ties may band fewer, never more).
  const bands = await page.$$eval('.sb-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-band')))
  expect(bands).toHaveLength(19)
  expect(bands.filter((b) => b === 'top').length).toBeLessThanOrEqual(3)
  expect(bands.filter((b) => b === 'bottom').length).toBeLessThanOrEqual(3)
  expect(bands.filter((b) => b !== '').length).toBeGreaterThan(0)
  const headline = (await tableOf(page, '.sb-table')).map((r) => r.cells.onTimeRate!.value).filter((v) => v !== '').map(Number)
  for (let i = 1; i < headline.length; i++) expect(headline[i]!).toBeLessThanOrEqual(headline[i - 1]!)
  const hd = await pageMeasure(page)
  await screenshot(page, 'scoreboard-wall-1920x1080')
  // Legible across a room: figures ≥ 26 px and heads ≥ 20 px on the 1080-line grid; the table fits the screen.
  expect(hd.cell).toBeGreaterThanOrEqual(26)
  expect(hd.unit).toBeGreaterThanOrEqual(26)
  expect(hd.head).toBeGreaterThanOrEqual(18)
  expect(hd.when).toBeGreaterThanOrEqual(20)
  expect(hd.fits).toBe(true)
  await expectTableMatchesApi(page, boards, '.sb-table', 'township', from, to, false)

  // Then the departments' page, then the first township: the tour goes on.
  const departments = '.wall[data-tour-step="scoreboard-department"] [data-wall-page="scoreboard-department"][data-state="ready"]'
  await holdWhenShown(page, departments)
  await showWall(page)
  await page.waitForSelector(departments, { timeout: 30_000 })
  expect(await page.$$eval('.sb-table tbody tr', (trs) => trs.length)).toBe(17)
  await expectTableMatchesApi(page, boards, '.sb-table', 'department', from, to, false)
  expect((await pageMeasure(page)).fits).toBe(true)
  await screenshot(page, 'scoreboard-wall-departments')
  await showWall(page)
  await page.waitForSelector('.wall[data-tour-step="330329100"]', { timeout: 30_000 })
  expect(await page.$('[data-wall-page]')).toBeNull()
  expect(consoleErrors).toEqual([])
  await page.context().close()

  // 4K: the same page at twice the pixels.
  const big = await openWall('/wall?tour=4', { width: 3840, height: 2160 })
  await holdWhenShown(big.page, townships)
  await big.page.waitForSelector(townships, { timeout: 90_000 })
  const uhdm = await pageMeasure(big.page)
  await screenshot(big.page, 'scoreboard-wall-3840x2160')
  for (const k of ['cell', 'unit', 'head', 'title', 'when'] as const) expect(uhdm[k], k).toBeCloseTo(hd[k] * 2, 0)
  expect(uhdm.fits).toBe(true)
  expect(big.consoleErrors).toEqual([])
}, 240_000)

test('an urgent incident during the 考核 page takes the screen, and the tour comes back to the page', async () => {
  const { page, consoleErrors } = await openWall('/wall?tour=8&banner=5')
  // Held on the page (a hidden tab stops the tour's clock), then shown again as the incident is posted: a whole
  // dwell (8 s) for its event to arrive while the page is up.
  const onPage = '.wall[data-tour-step="scoreboard-township"] [data-wall-page="scoreboard-township"]'
  await holdWhenShown(page, onPage)
  await page.waitForSelector(onPage, { timeout: 90_000 })
  await page.waitForSelector('.wall[data-tour-state="held"]', { state: 'attached' })
  // What the wall shows is noted inside the page at every change: a software-rendered flight can hold the main
  // thread for seconds, and the test must not depend on catching the banner between two such frames.
  await page.evaluate(() => {
    const w = window as unknown as { __samples: { banner: string; step: string; state: string; page: boolean; body: string }[]; __back?: boolean }
    w.__samples = []
    const note = () => {
      const wall = document.querySelector('.wall')!
      const sample = {
        banner: wall.getAttribute('data-banner') ?? '', step: wall.getAttribute('data-tour-step') ?? '', state: wall.getAttribute('data-tour-state') ?? '',
        page: document.querySelector('[data-wall-page]') !== null, body: getComputedStyle(document.querySelector('.w-body')!).visibility,
      }
      w.__samples.push(sample)
      // Back on the page after a banner: noted here, at the change itself, whatever the renderer is doing.
      if (w.__samples.some((x) => x.banner !== '') && sample.banner === '' && sample.page && sample.state === 'running') w.__back = true
    }
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true })
  })
  await showWall(page)
  const res = await fetch(`${server.url}/api/incidents`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ type: 'illegal-building', point: { lng: 119.708034, lat: 27.559551 }, source: 'patrol', severity: 'critical', description: '浏览器测试：考核页被紧急事件打断' }),
  })
  expect(res.status).toBe(201)
  const { id } = await res.json() as { id: number }
  // Attached, not "visible": the flight to the incident, drawn in software, can keep the page too busy to answer.
  await page.waitForSelector(`.wall[data-banner="incident:${id}"]`, { state: 'attached', timeout: 30_000 })
  // Once the banner is done, the tour is back on the page it left.
  await page.waitForFunction(() => (window as unknown as { __back?: boolean }).__back === true, null, { timeout: 40_000, polling: 250 })
    .catch(async (err: unknown) => {
      const tail = await page.evaluate(() => (window as unknown as { __samples: unknown[] }).__samples.slice(-8))
      throw new Error(`${String(err)}\nlast seen: ${JSON.stringify(tail)}`)
    })
  const samples = await page.evaluate(() => (window as unknown as { __samples: { banner: string; step: string; state: string; page: boolean; body: string }[] }).__samples)
  const during = samples.filter((x) => x.banner === `incident:${id}`)
  expect(during.length).toBeGreaterThan(0)
  // While the banner shows, the page gives way to the map and the tour waits on its step.
  expect(during.every((x) => !x.page && x.body === 'visible' && x.state === 'interrupted' && x.step === 'scoreboard-township'), JSON.stringify(during.slice(0, 3))).toBe(true)
  const after = samples.slice(samples.lastIndexOf(during.at(-1)!) + 1)
  expect(after.some((x) => x.page && x.body === 'hidden' && x.step === 'scoreboard-township')).toBe(true)
  expect(consoleErrors).toEqual([])
}, 180_000)
