// The first slice end to end: the real server, the built SPA, real headless Chromium.
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openPage, screenshot, waitForIdle } from '../support/browser'
import { startServer } from '../support/server'
import type { RunningServer } from '../support/server'

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test('the county map reaches idle with 19 township labels, offline and without console errors', async () => {
  const { page, offHostRequests, consoleErrors } = await openPage(browser, server.url)
  await waitForIdle(page)
  await page.waitForFunction(() => Number(document.querySelector('[data-map-state]')?.getAttribute('data-township-labels')) >= 19, null, { timeout: 15_000 })
  expect(await page.getAttribute('[data-map-state]', 'data-township-labels')).toBe('19')
  await expect(page.title()).resolves.toBe('泰顺县基层治理一张图')
  await screenshot(page, 'first-slice-county')
  expect(offHostRequests).toEqual([])
  expect(consoleErrors).toEqual([])
})

test('?lang=en switches the page to English', async () => {
  const { page } = await openPage(browser, `${server.url}/?lang=en`)
  await waitForIdle(page)
  await expect(page.textContent('h1')).resolves.toBe('Taishun County Grassroots Governance One-Map')
})
