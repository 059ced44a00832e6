// The leader's map coloured by a 考核 scoreboard figure (the demo preset, real Chromium against the real server): at
// the county the metric select offers the scoreboard's township figures in a group of their own; choosing one
// ranks the townships by GET /api/scoreboard's values, with nothing refused on the way; drilling into a township
// falls back to the default metric (a scoreboard figure has no value per grid), which the select then shows.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { TOWNSHIP_CHOROPLETH_METRIC_IDS } from '../../domain/scoreboard'
import { closePages, openPage, screenshot, waitForIdle } from '../support/browser'
import { startBrowserSuite, stopBrowserSuite } from '../support/browser-suite'
import { signIn } from '../support/server'
import type { RunningServer } from '../support/server'

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

test('at the county the select offers the scoreboard figures; 签收率 ranks the townships as the scoreboard does', async () => {
  const { page, consoleErrors } = await openPage(browser, `${server.url}/`, { cookie })
  await waitForIdle(page, 60_000)
  const offered = await page.$$eval('[data-metric-group="scoreboard"] option', (els) => els.map((e) => (e as HTMLOptionElement).value))
  expect(offered).toEqual([...TOWNSHIP_CHOROPLETH_METRIC_IDS])
  expect(await page.textContent('[data-metric-group="scoreboard"] option[value="signRate"]')).toBe('签收率')

  await page.selectOption('[data-metric]', 'signRate')
  await page.waitForSelector('[data-panel="ranking"] ol[data-metric="signRate"] [data-region]', { timeout: 20_000 })
  const root = await page.$('[data-map-state]')
  const range = `from=${await root!.getAttribute('data-range-from')}&to=${await root!.getAttribute('data-range-to')}`
  const board = await api(`/api/scoreboard?by=township&${range}`) as { rows: { unit: { code: string }; values: Record<string, number | null> }[] }
  const values = Object.fromEntries(board.rows.map((r) => [r.unit.code, r.values.signRate ?? null]))
  // The ranking's townships, in order, are the scoreboard's largest first (ties by code), those with a value first.
  const expected = Object.entries(values).sort(([a, x], [b, y]) => (x === null || y === null ? (x === null ? 1 : 0) - (y === null ? 1 : 0) : y - x) || a.localeCompare(b))
  const rankedNow = () => page.$$eval('[data-panel="ranking"] [data-region]', (els) => els.map((e) => [e.getAttribute('data-region')!, e.getAttribute('data-value')]))
  // The panel refetches after the choice: it converges on the scoreboard's order.
  await expect.poll(async () => { const r = await rankedNow(); return r.map(([id]) => id).join() === expected.slice(0, r.length).map(([id]) => id).join() && r.length > 0 },
    { timeout: 20_000 }).toBe(true)
  const ranked = await rankedNow()
  for (const [id, v] of ranked) if (v !== null && v !== '') expect(Math.abs(Number(v) - values[id!]!)).toBeLessThan(1e-9)
  expect(new URL(page.url()).searchParams.get('metric')).toBe('signRate')
  await screenshot(page, 'map-scoreboard-sign-rate')

  // Into a township: its grids have no 签收率, so the view takes the default metric and the select says so.
  await page.goto(`${server.url}/?scope=330329100&metric=signRate`)
  await waitForIdle(page, 60_000)
  expect(await page.$eval('[data-metric]', (e) => (e as HTMLSelectElement).value)).toBe('reports')
  expect(await page.$$('[data-metric-group="scoreboard"]')).toHaveLength(0)
  expect(consoleErrors).toEqual([])
}, 150_000)
