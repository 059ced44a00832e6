// The leader's PDF briefing, end to end: the real server (taishun-2020 preset) renders the county's briefing of
// 2020-07-01..2020-12-01 in Debian's Chromium; pdftotext gives back the summary's figures, pdffonts the embedded CJK
// font by name (WenQuanYi Zen Hei); English works; a future asOf is 422; the render and the download are audited; the
// stored briefing is listed and downloads byte for byte. Page 1 is written as a PNG beside the other screenshots
// (docs/briefing-sample.png is one of these, looked at and committed by hand).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { SCREENSHOT_DIR, closePages, launchBrowser, openPage } from '../support/browser'
import type { Browser } from 'playwright-core'
import { signIn, startServer } from '../support/server'
import type { RunningServer } from '../support/server'

let server: RunningServer
let cookie = ''
let dir = ''
let browser: Browser | undefined
const PERIOD = 'scope=330329&from=2020-07-01&to=2020-12-01&asOf=2020-12-01T00:00:00%2B08:00'

const poppler = (tool: string, args: string[]) => {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' })
  } catch (err) {
    throw new Error(`${tool} failed (apt-get install poppler-utils): ${(err as Error).message}`)
  }
}

async function render(query: string) {
  const res = await fetch(`${server.url}/api/briefings/render?${query}`, { headers: { Cookie: cookie } })
  const bytes = Buffer.from(await res.arrayBuffer())
  return { res, bytes }
}

beforeAll(async () => {
  server = await startServer({ PRESET: 'taishun-2020', BRIEFING_AT: 'off' })
  cookie = await signIn(server.url, 'leader')
  dir = mkdtempSync(join(tmpdir(), 'briefing-'))
}, 180_000)
afterAll(async () => {
  await closePages()
  await browser?.close()
  await server?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('the county briefing of Jul–Nov 2020: two A4 pages whose text gives back the summary\'s figures, with the CJK font embedded', async () => {
  const { res, bytes } = await render(PERIOD)
  expect(res.status, bytes.toString('utf8', 0, 300)).toBe(200)
  expect(res.headers.get('Content-Type')).toBe('application/pdf')
  expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="briefing-330329-20201201\.pdf"$/)
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const file = join(dir, 'county.pdf')
  writeFileSync(file, bytes)

  const info = poppler('pdfinfo', [file])
  expect(info).toMatch(/Pages:\s+2\n/)
  expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/)

  const text = poppler('pdftotext', ['-layout', file, '-'])
  const summary = await (await fetch(`${server.url}/api/metrics/summary?${PERIOD}`, { headers: { Cookie: cookie } })).json() as { metrics: Record<string, number | null> }
  expect(summary.metrics.reports).toBe(18_356)
  expect(text).toContain('18,356')
  const count = (v: number) => v.toLocaleString('en-US')
  const oneDecimal = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
  for (const id of ['resolved', 'open', 'overdue', 'sitesOverdueInspection', 'disputes'] as const) expect(text, id).toContain(count(summary.metrics[id]!))
  for (const id of ['closureRate', 'disputeSuccessRate', 'disputeVillageShare'] as const) expect(text, id).toContain(`${oneDecimal(summary.metrics[id]! * 100)}%`)
  expect(text).toContain(oneDecimal(summary.metrics.avgHandlingHours!))
  // Header, footer (as of, masked, source, page numbers) and the watermark naming who asked.
  expect(text).toContain('泰顺县 · 基层治理工作简报')
  expect(text).toContain('数据截至 2020-12-01 00:00 (UTC+8)')
  expect(text).toContain('已脱敏')
  expect(text).toMatch(/第\s*1\s*页\s*共\s*2\s*页/)
  expect(text).toMatch(/第\s*2\s*页\s*共\s*2\s*页/)
  // The watermark is set at an angle: -raw reads it in its own order (spaces and line breaks as the glyphs' spacing
  // suggests to it).
  const raw = poppler('pdftotext', ['-raw', file, '-'])
  expect(raw.match(/演示·县领导\s*\(leader\)\s*·\s*\d{4}-\d{2}-\d{2}\s*\d{2}:\d{2}\s*生成/g)?.length).toBeGreaterThanOrEqual(2)
  expect(text).toContain('罗阳镇')

  // The print page is set in WenQuanYi Zen Hei, a TrueType-outline font: Chromium embeds it as a subset CID
  // TrueType font named in the PDF, with a ToUnicode map (Noto Sans CJK's CFF outlines would be unnamed Type 3
  // fonts). pdffonts lists it by name, embedded (emb yes), with Unicode (uni yes); every font is embedded.
  const fonts = poppler('pdffonts', [file])
  const listed = fonts.split('\n').slice(2).filter((l) => l.trim() !== '')
  expect(listed.some((l) => /^[A-Z]{6}\+WenQuanYiZenHei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/.test(l)), fonts).toBe(true)
  expect(listed.every((l) => /\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.test(l)), fonts).toBe(true)
  // Skia still writes a few glyphs (figures drawn with an effect) as a Type 3 font; its descriptor names Zen Hei too.
  expect(bytes.toString('latin1').match(/\/FontName \/[A-Z]{6}\+[A-Za-z-]+/g)?.every((n) => n.endsWith('+WenQuanYiZenHei'))).toBe(true)

  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  poppler('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(SCREENSHOT_DIR, 'briefing-page1')])
  const png = readFileSync(join(SCREENSHOT_DIR, 'briefing-page1.png'))
  expect(png.length).toBeGreaterThan(50_000)

  // Stored, listed, and downloaded byte for byte.
  const id = Number(res.headers.get('X-Briefing-Id'))
  const list = await (await fetch(`${server.url}/api/briefings`, { headers: { Cookie: cookie } })).json() as { items: { id: number; scope: string; size: number; kind: string; href: string }[] }
  expect(list.items.find((b) => b.id === id)).toMatchObject({ scope: '330329', size: bytes.length, kind: 'requested', href: `/api/briefings/${id}.pdf` })
  const again = await fetch(`${server.url}/api/briefings/${id}.pdf`, { headers: { Cookie: cookie } })
  expect(again.status).toBe(200)
  expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true)

  // Both audited, with the view and the size; the print session's reads are in the requester's name.
  const admin = await signIn(server.url, 'admin')
  const audit = await (await fetch(`${server.url}/api/audit?actor=leader`, { headers: { Cookie: admin } })).json() as { entries: { detail: string | null; target: string | null; status: number }[] }
  expect(audit.entries.some((e) => e.detail?.startsWith('briefing.render scope=330329 from=2020-06-30T16:00:00.000Z') && e.target === `/api/briefings/${id}` && e.status === 200)).toBe(true)
  expect(audit.entries.some((e) => e.detail === `briefing.download scope=330329 bytes=${bytes.length}`)).toBe(true)
}, 120_000)

test('in English, and a township\'s briefing as its own scope', async () => {
  const { res, bytes } = await render(`${PERIOD.replace('330329', '330329100')}&lang=en`)
  expect(res.status, bytes.toString('utf8', 0, 300)).toBe(200)
  const file = join(dir, 'en.pdf')
  writeFileSync(file, bytes)
  const text = poppler('pdftotext', ['-layout', file, '-'])
  expect(text).toContain('罗阳镇 · Grassroots governance briefing')
  expect(text).toContain('Data as of 2020-12-01 00:00 (UTC+8)')
  expect(text).toContain('Personal data masked')
  expect(text).toMatch(/Page\s+1\s+of\s+2/)
  const summary = await (await fetch(`${server.url}/api/metrics/summary?${PERIOD.replace('330329', '330329100')}`, { headers: { Cookie: cookie } })).json() as { metrics: Record<string, number> }
  expect(text).toContain(summary.metrics.reports!.toLocaleString('en-US'))
}, 120_000)

test('a future asOf is 422 and renders nothing; a bad language is 400', async () => {
  const future = new Date(Date.now() + 86_400_000).toISOString()
  const { res, bytes } = await render(`scope=330329&asOf=${encodeURIComponent(future)}`)
  expect(res.status).toBe(422)
  expect(JSON.parse(bytes.toString('utf8')).error.code).toBe('future_as_of')
  expect((await render(`${PERIOD}&lang=fr`)).res.status).toBe(400)
})

test('the header\'s 简报 lists the stored briefings and renders the view on screen into a download', async () => {
  browser = await launchBrowser()
  const { page, consoleErrors } = await openPage(browser, `${server.url}/?scope=330329100&range=custom&from=2020-11-01&to=2020-11-30`, { cookie })
  await page.click('[data-briefings-toggle]')
  await page.waitForSelector('[data-briefing-item]')
  const before = await page.locator('[data-briefing-item]').count()
  expect(before).toBeGreaterThan(0)
  const download = page.waitForEvent('download', { timeout: 90_000 })
  await page.click('[data-briefing-render]')
  await page.waitForSelector('[data-briefing-render]:disabled')
  const file = await download
  expect(file.suggestedFilename()).toBe('briefing-330329100-20201201.pdf')
  const saved = join(dir, 'menu.pdf')
  await file.saveAs(saved)
  const text = poppler('pdftotext', ['-layout', saved, '-'])
  expect(text).toContain('罗阳镇 · 基层治理工作简报')
  expect(text).toContain('统计时段 2020-11-01 — 2020-11-30')
  await page.waitForFunction((n) => document.querySelectorAll('[data-briefing-item]').length > n, before)
  expect(consoleErrors).toEqual([])
}, 120_000)
