// The wall's 24/7 soak: /wall in headless Chromium for SOAK_MINUTES (20) with the tour every 2 s and
// the simulator at SOAK_RATE (10) times its rate — about three hours of a real wall's activity — sampling the page's
// JS heap after a forced garbage collection once a minute. It prints the samples and the growth from the first
// sample after warm-up to the last; the bar is ≤ 20%. A benchmark, not a test: it prints and exits 0 either way.
//
//   npm run build && node --import tsx bench/wall-soak.ts          (SOAK_MINUTES=3 for a quick look)
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CDPSession, Page } from 'playwright-core'
import { launchBrowser, openPage } from '../test/support/browser'
import { DEMO_WALL_TOKEN } from '../api/seed/demo-accounts'
import { startChild } from './child'

const MINUTES = Number(process.env.SOAK_MINUTES ?? 20)
const RATE = Number(process.env.SOAK_RATE ?? 10)
/** The heap settles once every panel, chart and layer has been built: growth is measured from here. */
const WARM_UP_MINUTES = Math.min(2, MINUTES / 4)
const SAMPLE_MS = Math.min(60_000, (MINUTES * 60_000) / 10)

const mb = (bytes: number) => (bytes / 1048576).toFixed(1)

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize
}

/** What the wall has done so far: tour steps, urgent banners, nodes in the DOM, records in the ticker. */
const activity = (page: Page) => page.evaluate(() => {
  const w = window as unknown as { __soak?: { steps: number; banners: number } }
  return { ...(w.__soak ?? { steps: 0, banners: 0 }), nodes: document.getElementsByTagName('*').length, ticker: document.querySelectorAll('.w-ticker li').length }
})

const dir = mkdtempSync(join(tmpdir(), 'onemap-soak-'))
const server = await startChild('wall-server.ts', { SOAK_DB: join(dir, 'soak.db'), SOAK_RATE: String(RATE) })
const browser = await launchBrowser()
try {
  console.log(`wall soak: ${MINUTES} min, tour 2 s, banner 4 s, simulator ×${RATE}; load average ${loadavg()[0]!.toFixed(2)}`)
  const { page, consoleErrors } = await openPage(browser, `${server.url}/wall?tour=2&banner=4&token=${DEMO_WALL_TOKEN}`)
  const cdp = await page.context().newCDPSession(page)
  await page.waitForSelector('.wall[data-tour-state="running"]', { timeout: 120_000 })
  await page.evaluate(() => {
    const soak = { steps: 0, banners: 0 }
    ;(window as unknown as { __soak: typeof soak }).__soak = soak
    new MutationObserver((records) => {
      for (const r of records) {
        const v = (r.target as Element).getAttribute(r.attributeName!)
        if (r.attributeName === 'data-tour-scope') soak.steps++
        if (r.attributeName === 'data-banner' && v) soak.banners++
      }
    }).observe(document.querySelector('.wall')!, { attributes: true, attributeFilter: ['data-tour-scope', 'data-banner'] })
  })

  const start = Date.now()
  const rows: { minute: number; heap: number }[] = []
  console.log('minute  heap MB (after GC)  tour steps  banners  DOM nodes  ticker')
  for (let t = SAMPLE_MS; t <= MINUTES * 60_000; t += SAMPLE_MS) {
    await page.waitForTimeout(Math.max(0, start + t - Date.now()))
    const heap = await heapAfterGc(cdp)
    const a = await activity(page)
    const minute = (Date.now() - start) / 60_000
    rows.push({ minute, heap })
    console.log(`${minute.toFixed(1).padStart(6)}  ${mb(heap).padStart(18)}  ${String(a.steps).padStart(10)}  ${String(a.banners).padStart(7)}  ${String(a.nodes).padStart(9)}  ${String(a.ticker).padStart(6)}`)
  }
  // Even after a forced GC a sample holds whatever is in flight (a fetch answer, a chart mid-update): the floor of
  // three samples is the live set, and growth is the floor at the end against the floor after warm-up.
  const settled = rows.filter((r) => r.minute >= WARM_UP_MINUTES)
  const floor = (rs: typeof rows) => Math.min(...rs.map((r) => r.heap))
  const first = floor(settled.slice(0, 3))
  const end = floor(settled.slice(-3))
  const growth = (end - first) / first
  console.log(`\nheap after GC, floor of 3 samples: ${mb(first)} MB after warm-up → ${mb(end)} MB at the end = ${(growth * 100).toFixed(1)}% growth (bar: ≤ 20%) ${growth <= 0.2 ? 'PASS' : 'FAIL'}`)
  console.log(`first sample after warm-up → last sample: ${mb(settled[0]!.heap)} → ${mb(settled.at(-1)!.heap)} MB`)
  console.log(`console errors: ${consoleErrors.length}${consoleErrors.length ? `\n  ${consoleErrors.slice(0, 5).join('\n  ')}` : ''}`)
  console.log(`load average at the end: ${loadavg()[0]!.toFixed(2)} (above 2, other work shared this 2-core machine)`)
} finally {
  await browser.close()
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
}
