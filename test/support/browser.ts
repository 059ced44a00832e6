// Headless Chromium that makes no request off this machine (every host but 127.0.0.1 resolves to nothing; background
// networking, sync and component updates are off), with a record of every request to another host and every
// console error, so tests can assert the page is offline-clean.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { REPO } from './server'

export const SCREENSHOT_DIR = join(REPO, 'test', 'e2e', 'screenshots')

/**
 * Chromium keeps only the last --disable-features it is given, so this one list repeats Playwright's own (1.65's,
 * which it would otherwise replace) and adds the address-bar dropdown: Chromium 15x preloads it as a web page
 * (chrome://omnibox-popup.top-chrome) for every window, headless too, and it cost ~2 CPU-s of a second renderer
 * per new browser context, taken from the page under test on a 2-core machine (Puppeteer disables it too).
 * test/e2e/browser-harness.test.ts checks that no such page is opened.
 */
const DISABLED_FEATURES = [
  // Playwright 1.65's defaults (chromiumSwitches.ts).
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay', 'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin', 'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion',
  // Ours.
  'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup',
]

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      `--disable-features=${DISABLED_FEATURES.join(',')}`,
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  })
}

export interface PageWatch {
  page: Page
  offHostRequests: string[]
  consoleErrors: string[]
}

const openContexts = new Set<BrowserContext>()

/** Closes every page opened so far: a WebGL map left open in the background slows the next test's map. */
export async function closePages() {
  await Promise.all([...openContexts].map((c) => c.close()))
  openContexts.clear()
}

export interface OpenOptions {
  viewport?: { width: number; height: number }
  deviceScaleFactor?: number
  /** A session cookie (`onemap_session=…`, from support/server.ts signIn) the page starts signed in with. */
  cookie?: string
  /** JavaScript the page runs before its own scripts (a benchmark's probe). */
  initScript?: string
  /** Playwright's clock in place of the page's: time runs as usual until a test jumps it (page.clock.fastForward). */
  fakeClock?: boolean
}

export async function openPage(browser: Browser, url: string, options: OpenOptions = {}): Promise<PageWatch> {
  const { viewport = { width: 1920, height: 1080 }, deviceScaleFactor = 1, cookie, initScript, fakeClock = false } = options
  const context = await browser.newContext({ viewport, deviceScaleFactor })
  openContexts.add(context)
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string]
    await context.addCookies([{ name, value, url: new URL(url).origin, httpOnly: true, sameSite: 'Strict' }])
  }
  if (initScript) await context.addInitScript({ content: initScript })
  if (fakeClock) await context.clock.install()
  const page = await context.newPage()
  const watch: PageWatch = { page, offHostRequests: [], consoleErrors: [] }
  page.on('request', (req) => {
    const u = new URL(req.url())
    if (!['data:', 'blob:'].includes(u.protocol) && u.hostname !== '127.0.0.1') watch.offHostRequests.push(req.url())
  })
  page.on('console', (msg) => { if (msg.type() === 'error') watch.consoleErrors.push(msg.text()) })
  page.on('pageerror', (err) => watch.consoleErrors.push(String(err)))
  await page.goto(url)
  return watch
}

export async function waitForIdle(page: Page, timeout = 30_000) {
  await page.waitForSelector('[data-map-state="idle"]', { timeout })
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path })
  return path
}
