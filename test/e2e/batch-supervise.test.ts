// Batch 督办 from a selection on the leader's map, in real headless Chromium against the real server (demo preset):
// the leader draws a polygon over three grids holding at least five overdue incidents, every KPI card equals
// /api/metrics/summary for the same within=, the chip's 「督办超期 (N)」 counts what the API lists as overdue inside,
// the order is given from the keyboard, the result says how many were supervised, the wall open beside it (1920×1080,
// the demo wall token) announces the 督办 in its ticker within 5 s, and each record's history has the leader's new
// supervise step. Esc closes the form and gives the focus back; a grid worker is offered nothing.
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { closePages, openPage, screenshot, waitForIdle } from '../support/browser'
import { startBrowserSuite, stopBrowserSuite } from '../support/browser-suite'
import { expectKpisMatchApi as kpisMatchApi } from '../support/kpi-cards'
import { clickCorners, startDrawing, threeGridTriangle } from '../support/map-selection'
import type { LngLat } from '../support/map-selection'
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

const api = async (path: string, as = cookie) => (await fetch(`${server.url}${path}`, { headers: { Cookie: as } })).json()

/** 罗阳镇, the county seat: small grids close together. */
const TOWNSHIP = '330329100'
const NOTE = '浏览器测试：县领导批量督办，限三日内办结'
const HOUR = 3_600_000
/** Statuses whose clock can run out (domain/incident.ts): reported on the acceptance clock, the rest on resolution. */
const OPEN = new Set(['reported', 'accepted', 'dispatched', 'handling'])

interface MapFeature { id: number; properties: { id: number; status: string; overdue: boolean } }
async function incidentsWithin(within: string, extra: Record<string, string> = {}): Promise<MapFeature[]> {
  const q = new URLSearchParams({ scope: TOWNSHIP, within, fields: 'map', limit: '5000', ...extra })
  return (await api(`/api/incidents?${q}`)).features as MapFeature[]
}

const centreOf = (within: string): LngLat => {
  const ring = (JSON.parse(within) as { coordinates: LngLat[][] }).coordinates[0]!.slice(0, -1)
  return [ring.reduce((a, p) => a + p[0], 0) / ring.length, ring.reduce((a, p) => a + p[1], 0) / ring.length]
}
/** A report by the leader a few metres from `at` (each one a little apart, so the map shows them side by side). */
async function reportAt([lng, lat]: LngLat, n: number): Promise<number> {
  const res = await fetch(`${server.url}/api/incidents`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ type: 'illegal-building', point: { lng: lng + n * 0.0002, lat }, source: 'patrol', severity: 'normal', description: '浏览器测试：待督办' }),
  })
  expect(res.status, await res.clone().text()).toBe(201)
  return ((await res.json()) as { id: number }).id
}

/**
 * The area's overdue incidents, at least five: when the seed has fewer there, open ones inside are made overdue in
 * the database (their deadlines moved an hour back), as a day without 办结 would leave them.
 */
async function atLeastFiveOverdue(within: string): Promise<number[]> {
  let overdue = await incidentsWithin(within, { overdue: 'true' })
  if (overdue.length < 5) {
    const open = (await incidentsWithin(within)).filter((f) => OPEN.has(f.properties.status) && !f.properties.overdue)
    const late = open.slice(0, 5 - overdue.length).map((f) => f.properties.id)
    // Too few open ones there too: reports made at the area's centre, as a grid worker would.
    while (late.length < 5 - overdue.length) late.push(await reportAt(centreOf(within), late.length))
    const db = new Database(server.dbPath)
    try {
      const move = db.prepare('UPDATE incidents SET accept_by = min(accept_by, @at), resolve_by = min(resolve_by, @at) WHERE id = @id')
      for (const id of late) move.run({ id, at: Date.now() - HOUR })
    } finally { db.close() }
    overdue = await incidentsWithin(within, { overdue: 'true' })
  }
  expect(overdue.length).toBeGreaterThanOrEqual(5)
  return overdue.map((f) => f.properties.id)
}

/** Every KPI card equals the summary the API gives for the page's view (support/kpi-cards.ts). */
const expectKpisMatchApi = (page: Page) => kpisMatchApi(page, server.url, cookie)

async function drawPolygon(page: Page, corners: LngLat[]) {
  await startDrawing(page, 'polygon')
  await clickCorners(page, corners)
}

/** The wall, signed in with its display token, once its figures and its live connection are up. */
async function openWall() {
  const { page, consoleErrors } = await openPage(browser, `${server.url}/wall?token=${DEMO_WALL_TOKEN}&banner=20`)
  await page.waitForSelector('.wall', { timeout: 30_000 })
  await waitForIdle(page, 60_000)
  await page.waitForSelector('.wall [data-live="up"]', { timeout: 30_000 })
  // When each incident first shows in the ticker as supervised, noted inside the page (a software-rendered flight
  // can hold the main thread; a wait from outside would measure the renderer).
  await page.evaluate(() => {
    const w = window as unknown as { __supervisedAt: Record<string, number> }
    w.__supervisedAt = {}
    const note = () => {
      for (const el of Array.from(document.querySelectorAll('.w-ticker [data-action="supervised"][data-record^="incident:"]'))) {
        const id = el.getAttribute('data-record')!.slice('incident:'.length)
        w.__supervisedAt[id] ??= Date.now()
      }
    }
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true })
  })
  return { wall: page, wallErrors: consoleErrors }
}

test('the leader 督办s a selection\'s overdue incidents; the wall\'s ticker announces them within 5 s; each record has the step', async () => {
  const { corners } = await threeGridTriangle(server.url, cookie, TOWNSHIP)
  const within = JSON.stringify({ type: 'Polygon', coordinates: [[...corners, corners[0]!]] })
  const overdue = await atLeastFiveOverdue(within)
  const { wall, wallErrors } = await openWall()

  const { page, consoleErrors, offHostRequests } = await openPage(browser, `${server.url}/?scope=${TOWNSHIP}`, { cookie })
  await waitForIdle(page, 60_000)
  await drawPolygon(page, corners)
  const chip = await page.waitForSelector('[data-selection-chip]', { timeout: 60_000 })
  expect(Number(await chip.getAttribute('data-selection-grids'))).toBeGreaterThanOrEqual(3)
  await waitForIdle(page, 60_000)
  await expectKpisMatchApi(page)

  // The button counts the area's overdue incidents, as the API lists them for the drawn polygon.
  const drawn = new URL(page.url()).searchParams.get('within')!
  const ids = (await incidentsWithin(drawn, { overdue: 'true' })).map((f) => f.properties.id)
  expect(ids.length).toBeGreaterThanOrEqual(5)
  expect(new Set(ids)).toEqual(new Set(overdue))
  const button = await page.waitForSelector(`[data-batch-supervise][data-overdue="${ids.length}"]`, { timeout: 30_000 })
  expect(await button.textContent()).toContain(`督办超期 (${ids.length})`)

  // Keyboard: Enter opens the form with the note focused; Esc closes it and the focus is the button's again.
  await button.focus()
  await page.keyboard.press('Enter')
  await page.waitForSelector('[data-batch-panel] textarea:focus')
  await page.keyboard.press('Escape')
  await page.waitForSelector('[data-batch-panel]', { state: 'detached' })
  expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-batch-supervise'))).toBe(true)
  // The selection stays (Esc was the form's).
  expect(new URL(page.url()).searchParams.get('within')).toBe(drawn)

  await page.keyboard.press('Enter')
  await page.waitForSelector('[data-batch-panel] textarea:focus')
  // A leader orders 县级督办 unless they choose otherwise.
  expect(await page.$eval('#batch-supervise-level', (e) => (e as HTMLSelectElement).value)).toBe('county')
  expect(await page.textContent('[data-batch-panel] .head')).toContain(`共 ${ids.length} 件`)
  // Enter with no note: the note is asked for, nothing sent.
  await page.keyboard.press('Enter')
  await page.waitForSelector('[data-batch-panel] textarea[aria-invalid="true"]')
  await page.keyboard.type(NOTE)
  await screenshot(page, 'leader-batch-supervise-form')

  const answered = page.waitForResponse((r) => r.url().endsWith('/api/incidents/supervise') && r.request().method() === 'POST', { timeout: 30_000 })
  const postedAt = Date.now()
  await page.keyboard.press('Enter')
  const res = await answered
  expect(res.status()).toBe(200)
  expect(JSON.parse(res.request().postData()!)).toEqual({ ids: expect.arrayContaining(ids), note: NOTE, level: 'county', partial: true })
  const result = await page.waitForSelector('[data-batch-result]', { timeout: 30_000 })
  expect(Number(await result.getAttribute('data-supervised'))).toBe(ids.length)
  expect(await result.getAttribute('data-refused')).toBe('0')
  expect(await result.textContent()).toContain(`已督办 ${ids.length} 件`)
  expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-batch-close'))).toBe(true)
  await screenshot(page, 'leader-batch-supervise-result')

  // The wall: the ticker keeps the newest 16, so of a larger batch the last 16 are there to see.
  const expected = Math.min(ids.length, 16)
  await wall.waitForFunction((n) => Object.keys((window as unknown as { __supervisedAt: Record<string, number> }).__supervisedAt).length >= n,
    expected, { timeout: 20_000, polling: 200 })
  const seen = await wall.evaluate(() => (window as unknown as { __supervisedAt: Record<string, number> }).__supervisedAt)
  const shown = Object.entries(seen).filter(([id]) => ids.includes(Number(id)))
  expect(shown.length).toBeGreaterThanOrEqual(expected)
  for (const [id, at] of shown) expect(at - postedAt, `incident ${id} on the wall`).toBeLessThan(5000)
  await wall.locator('.w-ticker').screenshot({ path: (await screenshot(wall, 'wall-batch-supervise')).replace(/\.png$/, '-ticker.png') })
  expect(await wall.content()).not.toContain(NOTE)

  // The records: each has a new supervise step by the leader, county level, with the note.
  const after = postedAt - 60_000
  for (const id of ids) {
    const history = (await api(`/api/incidents/${id}`)).history as { action: string; at: string; note: string | null; detail: { level?: string } | null; by: { role: string } | null }[]
    const step = history.filter((h) => h.action === 'supervise').at(-1)
    expect(step, `incident ${id}`).toMatchObject({ note: NOTE, detail: { level: 'county' }, by: { role: 'leader' } })
    expect(Date.parse(step!.at)).toBeGreaterThan(after)
  }

  // Closing the result gives the focus back to the button, which still counts them (督办 keeps them overdue).
  await page.keyboard.press('Escape')
  await page.waitForSelector('[data-batch-panel]', { state: 'detached' })
  expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-batch-supervise'))).toBe(true)
  expect(offHostRequests).toEqual([])
  expect(consoleErrors).toEqual([])
  expect(wallErrors).toEqual([])
}, 300_000)

test('in English for a township officer (乡镇督办 only); nothing for a grid worker', async () => {
  const { corners } = await threeGridTriangle(server.url, cookie, TOWNSHIP)
  const within = JSON.stringify({ type: 'Polygon', coordinates: [[...corners, corners[0]!]] })
  const officer = await signIn(server.url, 'luoyang')
  const { page, consoleErrors } = await openPage(browser, `${server.url}/?scope=${TOWNSHIP}&lang=en&within=${encodeURIComponent(within)}`, { cookie: officer })
  await waitForIdle(page, 60_000)
  const button = await page.waitForSelector('[data-batch-supervise]', { timeout: 30_000 })
  await page.waitForSelector('[data-selection-chip]:not([data-selection-grids="0"])', { timeout: 30_000 })
  expect(await button.textContent()).toMatch(/Supervise overdue \(\d+\)/)
  await button.click()
  await page.waitForSelector('[data-batch-panel] textarea:focus')
  expect(await page.textContent('[data-batch-level]')).toBe('Township supervision')
  expect(await page.$('select#batch-supervise-level')).toBeNull()
  await screenshot(page, 'township-batch-supervise-form-en')
  await page.keyboard.press('Escape')
  await page.waitForSelector('[data-batch-panel]', { state: 'detached' })
  expect(consoleErrors).toEqual([])
  await closePages()

  // The demo grid worker's own grid, a small triangle round its label: a selection inside their area, no button.
  const grids = (await api(`/api/regions/grids?township=${TOWNSHIP}`)).features as { properties: { id: string; labelAt: LngLat } }[]
  const [x, y] = grids.find((g) => g.properties.id === '33032910000501')!.properties.labelAt
  const own = JSON.stringify({ type: 'Polygon', coordinates: [[[x - 0.001, y - 0.001], [x + 0.001, y - 0.001], [x, y + 0.001], [x - 0.001, y - 0.001]]] })
  const worker = await signIn(server.url, 'grid')
  const w = await openPage(browser, `${server.url}/?within=${encodeURIComponent(own)}`, { cookie: worker })
  await w.page.waitForSelector('[data-selection-chip]', { timeout: 60_000 })
  await waitForIdle(w.page, 60_000)
  await w.page.waitForTimeout(1500)
  expect(await w.page.$('[data-batch-supervise]')).toBeNull()
  expect(w.consoleErrors).toEqual([])
}, 180_000)
