// One headless Chromium kept warm for the process: launched on the first render (a server that never renders
// never starts it), launched again if it died. Absent → BriefingUnavailable, which the route answers 503 with the
// install line.
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import type { Browser } from 'playwright-core'

export class ChromiumMissing extends Error {}

export const INSTALL_HINT = 'apt-get install chromium fonts-noto-cjk fonts-wqy-zenhei'

export function warmChromium(executablePath: string, allowedHost: () => string) {
  let launching: Promise<Browser> | null = null
  const launch = async (): Promise<Browser> => {
    if (!existsSync(executablePath)) throw new ChromiumMissing(`no Chromium at ${executablePath} to render briefings with: ${INSTALL_HINT} (or set CHROMIUM_PATH)`)
    try {
      const browser = await chromium.launch({
        executablePath,
        // A software WebGL for the map; no request leaves the machine but to this server.
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
          '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
          `--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE ${allowedHost()}`],
      })
      browser.on('disconnected', () => { launching = null })
      return browser
    } catch (err) {
      launching = null
      throw new ChromiumMissing(`Chromium at ${executablePath} did not start (${(err as Error).message.split('\n')[0]}): ${INSTALL_HINT}`)
    }
  }
  return {
    browser(): Promise<Browser> {
      launching ??= launch()
      return launching
    },
    async close() {
      const b = launching
      launching = null
      if (b) await (await b.catch(() => null))?.close()
    },
  }
}
export type WarmChromium = ReturnType<typeof warmChromium>
