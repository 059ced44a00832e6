// The test browser itself: besides the page under test it runs no page of its own (Chromium's address-bar
// dropdown is a web page preloaded per window, and took CPU from the page under test; see support/browser.ts).
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { closePages, launchBrowser, openPage } from '../support/browser'

let browser: Browser
beforeAll(async () => { browser = await launchBrowser() })
afterAll(async () => { await closePages(); await browser?.close() })

test('a new page opens no Chromium UI page beside it', async () => {
  await openPage(browser, 'about:blank')
  await openPage(browser, 'about:blank')
  const cdp = await browser.newBrowserCDPSession()
  const { targetInfos } = await cdp.send('Target.getTargets')
  expect(targetInfos.filter((t) => t.url.startsWith('chrome://')).map((t) => t.url)).toEqual([])
  expect(targetInfos.filter((t) => t.type === 'page')).toHaveLength(2)
})
