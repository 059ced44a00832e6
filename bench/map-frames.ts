// Bar 6 (and the time to first idle): the leader's map, the real SPA and API, in headless Chromium at
// 1920×1080. Two views of the same county and range alternate: with the incident layer (from vector tiles once the
// range holds more than 50,000 incidents) and with regions only (townships and grids). For each: the time from
// navigation to the map's first idle with its data (`data-map-state="idle"`), then the frame times while the
// mouse drags the map around a circle, recorded by requestAnimationFrame in the page. The bar is the frame-time
// p95 with incidents ÷ regions only. WebGL runs on SwiftShader (the CPU): frames here are far slower than on a
// command-centre GPU, so the ratio is what to judge.
import type { Browser, Page } from 'playwright-core'
import { getJson, keepAlive } from './http-client'
import { quantile } from './stats'
import { SCREEN } from './viewport'

export interface PanSide { label: string; idleMs: number[]; frames: number; p50: number; p95: number }
export interface PanResult { from: string; to: string; incidents: number; withIncidents: PanSide; regionsOnly: PanSide; ratio: number }

/** Incidents in range for the bar; smaller datasets use their whole year. */
export const PAN_INCIDENTS = 200_000
const DAY = 86_400_000
const CST = 8 * 3_600_000
const ymd = (t: number) => new Date(t + CST).toISOString().slice(0, 10)
/** The instants the web derives from a custom range (web/src/stores/view-state.ts: days in UTC+8, `to` inclusive). */
const instants = (from: string, to: string) => ({ from: Date.parse(`${from}T00:00:00+08:00`), to: Date.parse(`${to}T00:00:00+08:00`) + DAY })

/** The custom range, ending on the data's last day, whose incident count first reaches `target` (or a year). */
async function rangeFor(base: string, now: number, target: number) {
  const agent = keepAlive()
  try {
    const to = ymd(now)
    const count = async (days: number) => {
      const r = instants(ymd(now - days * DAY), to)
      return (await getJson<{ count: number }>(`${base}/api/tiles/incidents.json?from=${new Date(r.from).toISOString()}&to=${new Date(r.to).toISOString()}`, agent)).count
    }
    let lo = 1, hi = 365
    if (await count(hi) <= target) return { from: ymd(now - hi * DAY), to, incidents: await count(hi) }
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2)
      if (await count(mid) >= target) hi = mid
      else lo = mid + 1
    }
    return { from: ymd(now - lo * DAY), to, incidents: await count(lo) }
  } finally {
    agent.destroy()
  }
}

async function openMap(browser: Browser, url: string): Promise<{ page: Page; idleMs: number; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: SCREEN, deviceScaleFactor: 1 })
  const page = await context.newPage()
  const t0 = performance.now()
  await page.goto(url)
  await page.waitForSelector('[data-map-state="idle"]', { timeout: 180_000 })
  return { page, idleMs: performance.now() - t0, close: () => context.close() }
}

/** Drags the map around a circle twice and returns the frame intervals rAF saw meanwhile. */
async function pan(page: Page): Promise<number[]> {
  // A string, not a function: tsx would wrap a named inner function in a helper the page does not have.
  await page.evaluate(`(() => {
    window.__frames = []
    window.__recording = true
    let last = 0
    function tick(t) {
      window.__frames.push(t - last)
      last = t
      if (window.__recording) requestAnimationFrame(tick)
    }
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick) })
  })()`)
  const cx = SCREEN.width / 2, cy = SCREEN.height / 2
  await page.mouse.move(cx + 250, cy)
  await page.mouse.down()
  for (let i = 1; i <= 120; i++) {
    const a = (i / 60) * 2 * Math.PI
    await page.mouse.move(cx + 250 * Math.cos(a), cy + 250 * Math.sin(a))
    await page.waitForTimeout(16)
  }
  await page.mouse.up()
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean }
    w.__recording = false
    return w.__frames.slice(1)
  })
}

export async function benchPan(browser: Browser, base: string, now: number, rounds = 1): Promise<PanResult> {
  const range = await rangeFor(base, now, PAN_INCIDENTS)
  const q = `range=custom&from=${range.from}&to=${range.to}`
  const views = [
    { label: 'regions only', url: `${base}/?${q}&layers=townships,grids`, idle: [] as number[], frames: [] as number[] },
    { label: 'with incidents', url: `${base}/?${q}&layers=townships,grids,incidents`, idle: [] as number[], frames: [] as number[] },
  ]
  for (let r = 0; r < rounds; r++) {
    for (const v of views) {
      const m = await openMap(browser, v.url)
      try {
        v.idle.push(m.idleMs)
        // Settle: the first idle can precede a late label placement.
        await m.page.waitForTimeout(500)
        v.frames.push(...await pan(m.page))
      } finally {
        await m.close()
      }
    }
  }
  const side = (v: (typeof views)[number]): PanSide => ({ label: v.label, idleMs: v.idle, frames: v.frames.length, p50: quantile(v.frames, 0.5), p95: quantile(v.frames, 0.95) })
  const regionsOnly = side(views[0]!)
  const withIncidents = side(views[1]!)
  return { ...range, withIncidents, regionsOnly, ratio: withIncidents.p95 / regionsOnly.p95 }
}
