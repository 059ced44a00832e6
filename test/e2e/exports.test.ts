// The leader's exports in real headless Chromium against the real server (demo preset): the map as a PNG from the
// layer panel (the size its scale says, the legend beside the map, a picture and not a blank), the view's incidents as CSV from the 导出 menu
// (the same rows as the JSON list of the view), and Ctrl+P's stylesheet (one A4 landscape page).
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { LEGEND_COLUMN } from '../../web/src/exports/map-png'
import { SCREENSHOT_DIR, closePages, openPage, waitForIdle } from '../support/browser'
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

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true)
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** Distinct colours among a grid of samples of the picture, decoded by the page itself. */
async function distinctColours(page: Page, bytes: Buffer): Promise<number> {
  return await page.evaluate(async (b64) => {
    // Decoded from the bytes in the page: the page's CSP lets no fetch of a data: URL through.
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], { type: 'image/png' }))
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
    const ctx = canvas.getContext('2d')!
    ctx.drawImage(bitmap, 0, 0)
    const seen = new Set<number>()
    for (let y = 0; y < bitmap.height; y += 17) {
      for (let x = 0; x < bitmap.width; x += 17) {
        const [r, g, bl] = ctx.getImageData(x, y, 1, 1).data
        seen.add((r! << 16) | (g! << 8) | bl!)
      }
    }
    return seen.size
  }, bytes.toString('base64'))
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()])
  return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) }
}

test('the map as a PNG at 1× and 2×: the map\'s size plus the title band and the legend\'s column, and a picture, not a blank', async () => {
  const { page, consoleErrors } = await openPage(browser, server.url, { cookie })
  await waitForIdle(page)
  const canvas = await page.$eval('.maplibregl-canvas', (c) => ({ width: (c as HTMLCanvasElement).width, height: (c as HTMLCanvasElement).height }))
  const one = await download(page, () => page.click('[data-map-png-export]'))
  expect(one.name).toMatch(/^map-330329-\d{8}\.png$/)
  expect(pngSize(one.bytes)).toEqual({ width: canvas.width + LEGEND_COLUMN, height: canvas.height + 56 })
  expect(one.bytes.length).toBeGreaterThan(50_000)
  expect(await distinctColours(page, one.bytes)).toBeGreaterThan(40)
  await page.selectOption('[data-map-png-scale]', '2')
  const two = await download(page, () => page.click('[data-map-png-export]'))
  expect(two.name).toMatch(/^map-330329-\d{8}@2x\.png$/)
  expect(pngSize(two.bytes)).toEqual({ width: (canvas.width + LEGEND_COLUMN) * 2, height: (canvas.height + 56) * 2 })
  expect(await distinctColours(page, two.bytes)).toBeGreaterThan(40)
  // The screen's own picture is back at its ratio.
  await page.waitForFunction((w) => (document.querySelector('.maplibregl-canvas') as HTMLCanvasElement).width === w, canvas.width)
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  writeFileSync(join(SCREENSHOT_DIR, 'map-export.png'), one.bytes)
  writeFileSync(join(SCREENSHOT_DIR, 'map-export@2x.png'), two.bytes)
  expect(consoleErrors).toEqual([])
}, 120_000)

test('导出 › 网格事件 › CSV downloads the view\'s incidents: the JSON list\'s rows', async () => {
  const { page } = await openPage(browser, server.url, { cookie })
  await waitForIdle(page)
  const root = (await page.$('[data-map-state]'))!
  const [scope, from, to] = await Promise.all(['data-scope', 'data-range-from', 'data-range-to'].map((a) => root.getAttribute(a)))
  await page.click('[data-export-toggle]')
  const csv = await download(page, () => page.click('[data-export="incidents-csv"]'))
  // The browser takes the answer's filename* (UTF-8): the kind's Chinese name.
  expect(csv.name).toMatch(/^事件-\d{8}\.csv$/)
  const text = csv.bytes.toString('utf8')
  expect(text.startsWith('\uFEFF编号,')).toBe(true)
  const rows = parse(text.slice(1)) as string[][]
  const ids: number[] = []
  let cursor: string | null = null
  do {
    const q = new URLSearchParams({ scope: scope!, from: from!, to: to!, limit: '5000', ...(cursor ? { cursor } : {}) })
    const page: { features: { id: number }[]; next: string | null } = await (await fetch(`${server.url}/api/incidents?${q}`, { headers: { Cookie: cookie } })).json()
    ids.push(...page.features.map((f) => f.id))
    cursor = page.next
  } while (cursor)
  expect(ids.length).toBeGreaterThan(100)
  expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(ids)
}, 120_000)

test('Ctrl+P: one A4 landscape page, without the controls', async () => {
  const { page } = await openPage(browser, server.url, { cookie })
  await waitForIdle(page)
  await page.emulateMedia({ media: 'print' })
  expect(await page.$eval('[data-export-menu]', (e) => getComputedStyle(e).display)).toBe('none')
  expect(await page.$eval('[data-map-png]', (e) => getComputedStyle(e).display)).toBe('none')
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, 'leader-print.pdf')
  writeFileSync(path, pdf)
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
  expect(info).toMatch(/Pages:\s+1\n/)
  // A4 landscape: 842 × 595 points.
  expect(info).toMatch(/Page size:\s+841\.9\d* x 594\.9\d* pts \(A4\)/)
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', path, join(SCREENSHOT_DIR, 'leader-print')])
}, 120_000)
