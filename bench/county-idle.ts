// The leader's county view to its first idle (target ≤ 3,000 ms), with the demo data, at 1920×1080 in headless Chromium.
// The real server (`api/server.ts`, demo preset, no simulator) and the built SPA (dist/web: `npm run build`), the
// demo county leader signed in, a fresh browser context per load (nothing cached). For each load: the time from
// navigation to `data-map-state="idle"`, read on the page's own clock, and the CPU-seconds the browser's
// processes spent meanwhile (from /proc): on a shared machine the time swings with what else runs, the CPU-seconds
// much less. Then the same page is opened again in that profile (built files from the browser's cache, compiled
// code kept), as a wall PC or a leader's desk opens it every day. WebGL runs on SwiftShader (the CPU); on a GPU a
// repaint costs a few milliseconds instead of 0.1–0.7 s.
//
//   node --import tsx bench/county-idle.ts            (COUNTY_IDLE_LOADS=7 for more loads; default 5)
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { closePages, launchBrowser, openPage } from '../test/support/browser'
import { signIn, startServer } from '../test/support/server'
import { REPO } from './paths'
import { median } from './stats'

export interface CountyIdleResult {
  idleMs: number[]; dataInMs: number[]; browserCpuSeconds: number[]; medianIdleMs: number; medianDataInMs: number; medianCpuSeconds: number
  /** The same page opened again in the same browser profile: built files from its cache, compiled code kept. */
  againIdleMs: number[]; medianAgainIdleMs: number
}

/** Waits for the county view in `page` to be idle and gives the idle and data-in times on its document's clock. */
async function countyIdle(page: Page): Promise<{ idle: number; dataIn: number }> {
  await page.waitForSelector('[data-map-state="idle"]', { timeout: 60_000 })
  // The page's clock starts at navigation: performance.now() when the idle mark appeared, and MapView's mark of
  // when the map's first data was all in (what came before is the page and the API).
  return page.evaluate(() => ({ idle: performance.now(), dataIn: performance.getEntriesByName('onemap:map-data-in')[0]?.startTime ?? NaN }))
}

/** CPU-seconds (user + system) of each Chromium process so far, by PID, from /proc; empty off Linux. */
function chromiumCpuSeconds(): Map<string, number> {
  const byPid = new Map<string, number>()
  if (!existsSync('/proc')) return byPid
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) continue
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      byPid.set(pid, (Number(fields[11]) + Number(fields[12])) / 100)
    } catch { /* the process ended meanwhile */ }
  }
  return byPid
}

/**
 * The CPU-seconds Chromium's processes spent between two readings. Counted per process: a process of the previous
 * load that ends meanwhile (its renderer, closed with its context) would otherwise take its whole life off the sum.
 */
function cpuSecondsSince(before: Map<string, number>): number {
  let sum = 0
  for (const [pid, seconds] of chromiumCpuSeconds()) sum += seconds - (before.get(pid) ?? 0)
  return sum
}

/** Opens the county view in a fresh browser context and waits for its first idle: its times, and the CPU-seconds
 * the browser spent meanwhile. The page stays open (closePages). */
export async function openCounty(browser: Browser, url: string, cookie: string) {
  const cpu0 = chromiumCpuSeconds()
  const watch = await openPage(browser, url, { cookie })
  const times = await countyIdle(watch.page)
  return { ...watch, ...times, cpuSeconds: cpuSecondsSince(cpu0) }
}

export async function benchCountyIdle(loads = 5, log: (line: string) => void = console.log): Promise<CountyIdleResult> {
  if (!existsSync(join(REPO, 'dist', 'web', 'index.html'))) throw new Error('dist/web is missing: run `npm run build` first')
  const server = await startServer({ PRESET: 'demo' })
  const browser = await launchBrowser()
  try {
    const cookie = await signIn(server.url, 'leader')
    const idleMs: number[] = []
    const dataInMs: number[] = []
    const againIdleMs: number[] = []
    const browserCpuSeconds: number[] = []
    for (let i = 0; i < loads; i++) {
      const { page, consoleErrors, ...first } = await openCounty(browser, server.url, cookie)
      idleMs.push(first.idle)
      dataInMs.push(first.dataIn)
      browserCpuSeconds.push(first.cpuSeconds)
      await page.goto('about:blank')
      await page.goto(server.url)
      const again = await countyIdle(page)
      againIdleMs.push(again.idle)
      if (consoleErrors.length) throw new Error(`console errors: ${consoleErrors.join('; ')}`)
      log(`  load ${i + 1}: data in at ${Math.round(first.dataIn)} ms, idle at ${Math.round(first.idle)} ms, browser ${browserCpuSeconds[i]!.toFixed(2)} CPU-s; opened again: idle at ${Math.round(again.idle)} ms`)
      await closePages()
    }
    return {
      idleMs, dataInMs, browserCpuSeconds, againIdleMs,
      medianIdleMs: median(idleMs), medianDataInMs: median(dataInMs), medianCpuSeconds: median(browserCpuSeconds), medianAgainIdleMs: median(againIdleMs),
    }
  } finally {
    await browser.close()
    await server.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const loads = Number(process.env.COUNTY_IDLE_LOADS ?? 5)
  if (!Number.isInteger(loads) || loads < 1) throw new Error(`COUNTY_IDLE_LOADS="${process.env.COUNTY_IDLE_LOADS}": use a whole number ≥ 1`)
  console.log(`county view to first idle, demo preset, 1920×1080, ${loads} loads (load average ${loadavg()[0]!.toFixed(1)})`)
  const r = await benchCountyIdle(loads)
  console.log(`median idle ${Math.round(r.medianIdleMs)} ms (target ≤ 3,000; first data in at ${Math.round(r.medianDataInMs)} ms), median browser ${r.medianCpuSeconds.toFixed(2)} CPU-s per load; opened again in the same profile: median idle ${Math.round(r.medianAgainIdleMs)} ms (load average ${loadavg()[0]!.toFixed(1)})`)
}
