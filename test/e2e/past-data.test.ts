// A data set that ended in the past (the taishun-2020 preset: July to November 2020) opens on its own period and
// reads its figures as they stood at its end — not on an empty 近30天 of today with every site 540 of 540 overdue
// for inspection because today is years after the last inspection.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { closePages, openPage } from '../support/browser'
import { startBrowserSuite, stopBrowserSuite } from '../support/browser-suite'
import { expectKpisMatchApi, viewOf } from '../support/kpi-cards'
import { signIn } from '../support/server'
import type { RunningServer } from '../support/server'

let server: RunningServer
let browser: Browser
let cookie = ''

beforeAll(async () => {
  ({ server, browser } = await startBrowserSuite({ PRESET: 'taishun-2020' }))
  cookie = await signIn(server.url, 'leader')
}, 300_000)
afterEach(closePages)
afterAll(() => stopBrowserSuite({ server, browser }))

const api = async (path: string) => (await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } })).json()

test('the dashboard opens on the data\'s period, its figures as of the data\'s end', async () => {
  const config = await api('/api/config')
  expect(config.dataEnd < '2020-12-01').toBe(true)
  const { page, consoleErrors } = await openPage(browser, server.url, { cookie })
  // The range is the data's own days: 2020-07-01 to 2020-11-30 (local), in the URL and on the map's root.
  await page.waitForFunction(() => new URL(location.href).searchParams.get('from') === '2020-07-01', null, { timeout: 30_000 })
  expect(new URL(page.url()).searchParams.get('to')).toBe('2020-11-30')
  const view = await viewOf(page)
  expect([view.from, view.to]).toEqual(['2020-06-30T16:00:00.000Z', '2020-11-30T16:00:00.000Z'])

  // Every KPI card equals the API's summary for that range, which reads as of the range's end (asOf = to).
  const metrics = await expectKpisMatchApi(page, server.url, cookie)
  expect(metrics.reports).toBe(18_356)
  const asOfEnd = await api(`/api/metrics/summary?from=${view.from}&to=${view.to}`)
  expect(asOfEnd.now).toBe(view.to)
  // Sites overdue for inspection as of 2020-12-01: some, not every one; read against today, every one would be.
  const sites = asOfEnd.metrics.sites as number
  const overdueThen = Number(await page.getAttribute('[data-kpi="sitesOverdueInspection"]', 'data-value'))
  expect(overdueThen).toBe(asOfEnd.metrics.sitesOverdueInspection)
  expect(overdueThen).toBeLessThan(sites)
  const overdueToday = (await api(`/api/metrics/summary?from=${view.from}&to=${view.to}&asOf=${Date.now() - 60_000}`)).metrics.sitesOverdueInspection
  expect(overdueToday).toBe(sites)
  expect(consoleErrors).toEqual([])
}, 120_000)

test('a link that names a range keeps it', async () => {
  const { page } = await openPage(browser, `${server.url}/?range=7d`, { cookie })
  await page.waitForSelector('[data-map-state]')
  await page.waitForTimeout(1500)
  expect(new URL(page.url()).searchParams.get('range')).toBe('7d')
  expect(new URL(page.url()).searchParams.get('from')).toBeNull()
})
