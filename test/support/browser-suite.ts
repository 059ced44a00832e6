// One real server (with a preset) and one Chromium for a file of browser tests, started side by side and stopped
// together, so each file's set-up says only what is its own: the preset, its settings and who signs in.
import type { Browser } from 'playwright-core'
import { closePages, launchBrowser } from './browser'
import { startServer } from './server'
import type { RunningServer } from './server'

export interface BrowserSuite { server: RunningServer; browser: Browser }

/** Starts both at once; if either fails, the other is stopped before the failure is thrown. */
export async function startBrowserSuite(env: Record<string, string>): Promise<BrowserSuite> {
  const [server, browser] = await Promise.allSettled([startServer(env), launchBrowser()])
  if (server.status === 'fulfilled' && browser.status === 'fulfilled') return { server: server.value, browser: browser.value }
  await stopBrowserSuite({
    server: server.status === 'fulfilled' ? server.value : undefined,
    browser: browser.status === 'fulfilled' ? browser.value : undefined,
  })
  throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason
}

/** Closes the pages still open, the browser, then the server; parts that never started are skipped. */
export async function stopBrowserSuite({ server, browser }: Partial<BrowserSuite>): Promise<void> {
  await closePages()
  await browser?.close()
  await server?.stop()
}
