// Selecting on the leader's map in real headless Chromium against the real server (demo preset): a polygon drawn
// over three grids with the mouse narrows every KPI card to exactly what /api/metrics/summary says for the same
// within=, the selection is in the URL and a reload restores it; a picked grid and a rectangle select too; Esc
// cancels a drawing; a crossing outline is refused with the reason.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { closePages, openPage, screenshot, waitForIdle } from '../support/browser'
import { startBrowserSuite, stopBrowserSuite } from '../support/browser-suite'
import { expectKpisMatchApi as kpisMatchApi, viewOf } from '../support/kpi-cards'
import { clickCorners, onPage, startDrawing, threeGridTriangle } from '../support/map-selection'
import type { LngLat } from '../support/map-selection'
import { signIn } from '../support/server'
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

const api = async (path: string) => (await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } })).json()

/** 罗阳镇, the county seat: small grids close together. */
const TOWNSHIP = '330329100'

/** Every KPI card equals the summary the API gives for the page's scope, range and selection (support/kpi-cards.ts). */
const expectKpisMatchApi = (page: Page) => kpisMatchApi(page, server.url, cookie)

const triangle = () => threeGridTriangle(server.url, cookie, TOWNSHIP)

test('a polygon drawn over three grids narrows every KPI to the API\'s figures for it, and a reload restores it', async () => {
  const { page, consoleErrors, offHostRequests } = await openPage(browser, `${server.url}/?scope=${TOWNSHIP}`, { cookie })
  await waitForIdle(page, 60_000)
  const township = await expectKpisMatchApi(page)

  // Keyboard: the tool's buttons are reached with Tab and named for a screen reader.
  const labels = await page.$$eval('[data-select-mode]', (els) => els.map((e) => [e.tagName, e.getAttribute('aria-label')]))
  expect(labels).toHaveLength(3)
  for (const [tag, label] of labels) { expect(tag).toBe('BUTTON'); expect(label).toBeTruthy() }
  await startDrawing(page, 'polygon', 'keyboard')
  expect(await page.getAttribute('[data-select-mode="polygon"]', 'aria-pressed')).toBe('true')

  const { corners, labels: gridLabels } = await triangle()
  await clickCorners(page, corners)
  // Generous: with WebGL on the CPU every move of the drawing's guide line repaints the map (0.5-2 s each here).
  const chip = await page.waitForSelector('[data-selection-chip]', { timeout: 60_000 })
  expect(await page.getAttribute('[data-selection-tool]', 'data-selection-mode')).toBe('')
  // The click that closed the polygon was the tool's: it neither drilled into a grid nor opened a record under it.
  await page.waitForTimeout(600)
  expect(await page.$('[data-drawer]')).toBeNull()
  expect((await viewOf(page)).scope).toBe(TOWNSHIP)
  expect(await page.textContent('[data-crumb-selection]')).toBe('已选区域')
  const grids = Number(await chip.getAttribute('data-selection-grids'))
  expect(grids).toBeGreaterThanOrEqual(3)
  expect(await chip.textContent()).toMatch(/^已选区域\s*·\s*\d+ 个网格\s*·\s*[\d.]+ 平方公里/)
  // The selection is in the URL: the drawn triangle, its corners where they were clicked (to a few metres).
  const within = JSON.parse((await viewOf(page)).within!) as { type: string; coordinates: LngLat[][] }
  expect(within.type).toBe('Polygon')
  expect(within.coordinates[0]).toHaveLength(4)
  for (const [i, corner] of corners.entries()) {
    const got = within.coordinates[0]![i]!
    expect(Math.hypot(got[0] - corner[0], got[1] - corner[1])).toBeLessThan(0.0002)
  }
  await waitForIdle(page)
  const selected = await expectKpisMatchApi(page)
  expect(selected.reports).toBeLessThan(township.reports!)
  expect(selected.reports).toBeGreaterThan(0)
  // The ranking lists only grids with something inside the area, not the township's others at 0.
  const ranked = await page.$$eval('[data-panel="ranking"] [data-region]', (els) => els.map((e) => Number(e.getAttribute('data-value'))))
  expect(ranked.length).toBeGreaterThan(0)
  expect(ranked.every((v) => v > 0)).toBe(true)
  // Drawn on the map, the rest dimmed.
  expect(await page.evaluate(() => window.__onemap!.sourceIds('selection'))).toHaveLength(1)
  expect(await page.evaluate(() => window.__onemap!.visible('selection-mask'))).toBe(true)
  // The drawing tool's own layers are gone once the drawing is done.
  expect((await page.evaluate(() => window.__onemap!.layerIds())).filter((id) => id.startsWith('td-'))).toEqual([])
  await screenshot(page, 'leader-selection')

  // A reload of the link: the same selection, the same figures.
  const url = page.url()
  await page.reload()
  await waitForIdle(page, 60_000)
  expect(page.url()).toBe(url)
  const again = await page.waitForSelector('[data-selection-chip]')
  expect(Number(await again.getAttribute('data-selection-grids'))).toBe(grids)
  expect(await expectKpisMatchApi(page)).toEqual(selected)
  expect(await page.evaluate(() => window.__onemap!.sourceIds('selection'))).toHaveLength(1)

  // 点选网格: one grid becomes the selection (its outline simplified to what within= takes), figures follow.
  await page.click('[data-select-mode="pick"]')
  // One of the three grids, in view (the map is framed on the selection).
  const at = await onPage(page, gridLabels[0]!)
  await page.mouse.click(at.x, at.y)
  await page.waitForFunction((before) => new URL(location.href).searchParams.get('within') !== before, new URL(page.url()).searchParams.get('within'))
  await page.waitForSelector('[data-selection-chip][data-selection-grids="1"]')
  await page.waitForTimeout(600)
  expect(await page.$('[data-drawer]')).toBeNull()
  await waitForIdle(page)
  const picked = await expectKpisMatchApi(page)
  expect(picked.reports).toBeLessThan(township.reports!)
  await screenshot(page, 'leader-selection-grid')

  // 清除: back to the township's figures, and the URL without within.
  await page.click('[data-select-clear]')
  await page.waitForSelector('[data-selection-chip]', { state: 'detached' })
  expect((await viewOf(page)).within).toBeNull()
  expect((await expectKpisMatchApi(page)).reports).toBe(township.reports)
  expect(offHostRequests).toEqual([])
  expect(consoleErrors).toEqual([])
}, 240_000)

test('Esc cancels a drawing without leaving the scope; a crossing outline is refused with the reason; a rectangle selects (English)', async () => {
  const { page, consoleErrors } = await openPage(browser, `${server.url}/?scope=${TOWNSHIP}&lang=en`, { cookie })
  await waitForIdle(page, 60_000)
  const { labels: [a] } = await triangle()
  await startDrawing(page, 'polygon')
  expect(await page.textContent('[data-selection-hint]')).toContain('Esc cancels')
  const p = await onPage(page, a!)
  await page.mouse.click(p.x, p.y)
  await page.keyboard.press('Escape')
  await page.waitForSelector('[data-selection-tool][data-selection-mode=""]')
  expect((await viewOf(page)).scope).toBe(TOWNSHIP)
  expect((await viewOf(page)).within).toBeNull()

  // A lopsided bow tie round the map's centre, a few hundred pixels across: its outline crosses itself (a
  // symmetric one would enclose no area at all).
  const box = (await page.$('.map-view'))!
  const r = (await box.boundingBox())!
  const [cx, cy] = [r.x + r.width / 2, r.y + r.height / 2]
  await startDrawing(page, 'polygon')
  for (const [x, y] of [[-150, -100], [150, 100], [150, -60], [-150, 100], [-150, -100]] as const) {
    await page.mouse.move(cx + x, cy + y, { steps: 2 })
    await page.mouse.click(cx + x, cy + y)
    await page.waitForTimeout(150)
  }
  const problem = await page.waitForSelector('[data-selection-problem]')
  expect(await problem.getAttribute('role')).toBe('alert')
  expect(await problem.textContent()).toContain('crosses itself')
  // Still drawing, to try again; nothing selected.
  expect(await page.getAttribute('[data-selection-tool]', 'data-selection-mode')).toBe('polygon')
  expect((await viewOf(page)).within).toBeNull()
  await screenshot(page, 'leader-selection-refused')
  await page.keyboard.press('Escape')
  await page.waitForSelector('[data-selection-tool][data-selection-mode=""]')

  // 矩形: one corner clicked, the opposite one clicked; the chip in English.
  await startDrawing(page, 'rectangle')
  await page.mouse.move(cx - 60, cy - 40, { steps: 2 })
  await page.mouse.click(cx - 60, cy - 40)
  await page.waitForTimeout(150)
  await page.mouse.move(cx + 60, cy + 40, { steps: 2 })
  await page.mouse.click(cx + 60, cy + 40)
  const chip = await page.waitForSelector('[data-selection-chip]', { timeout: 60_000 })
  expect(await chip.textContent()).toMatch(/^Selected area\s*·\s*\d+ grids\s*·\s*[\d.]+ km²/)
  const rectangle = JSON.parse((await viewOf(page)).within!) as { coordinates: LngLat[][] }
  expect(rectangle.coordinates[0]).toHaveLength(5)
  expect(consoleErrors).toEqual([])
}, 180_000)
