// Prints one view: a fresh browser context spends the ticket (its print session's cookie), opens the print page,
// waits until the page says it is complete — every figure loaded, the map idle — and prints A4 with the page's own
// header and footer lines and page numbers. A page that reports a failure, or never gets ready, is a RenderFailed
// with the reason: the caller answers 502 and never stores half a briefing.
import type { Browser } from 'playwright-core'

export class RenderFailed extends Error {}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
// The print page's font for the header and footer lines (web/src/print/BriefingPrint.vue says why Zen Hei first).
const FONT = `font-family: 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; font-size: 8px; color: #555; width: 100%; margin: 0 12mm;`

/** `第 {n} 页 共 {total} 页` → the page's words around Chromium's page number fields. */
const pageLine = (format: string) => escapeHtml(format)
  .replace('{n}', '<span class="pageNumber"></span>').replace('{total}', '<span class="totalPages"></span>')

export async function renderPdf(browser: Browser, ticketUrl: string, timeoutMs: number): Promise<Buffer> {
  // 794 × 1123 CSS px is A4 at 96 dpi: the page lays out at the size it prints; 2× sharpens the map's canvas.
  const context = await browser.newContext({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: 2 })
  const deadline = Date.now() + timeoutMs
  const left = () => Math.max(1, deadline - Date.now())
  // page.pdf takes no time limit: past the deadline the context is closed under it, which ends whatever it awaits,
  // so a stuck render frees its place in the queue.
  let late = false
  const watchdog = setTimeout(() => { late = true; void context.close().catch(() => undefined) }, timeoutMs)
  try {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    // The ticket is spent by the context's request client, whose cookies the context's pages share.
    const spent = await context.request.get(ticketUrl, { timeout: left() })
    if (!spent.ok()) throw new RenderFailed(`the print ticket was refused (${spent.status()})`)
    const { printPath } = await spent.json() as { printPath: string }
    const res = await page.goto(new URL(printPath, ticketUrl).href, { waitUntil: 'load', timeout: left() })
    if (!res || res.status() >= 400) throw new RenderFailed(`the print page answered ${res?.status() ?? 'nothing'}`)
    await page.waitForFunction(() => ['ready', 'failed'].includes(document.documentElement.dataset.briefing ?? ''), undefined, { timeout: left(), polling: 200 })
      .catch(() => { throw new RenderFailed(`the print page was not ready within ${Math.round(timeoutMs / 1000)} s${errors.length ? ` (${errors[0]})` : ''}`) })
    const state = await page.evaluate(() => ({ ...document.documentElement.dataset }))
    if (state.briefing !== 'ready') throw new RenderFailed(`the print page failed: ${state.briefingError ?? errors[0] ?? 'no reason given'}`)
    const pdf = await page.pdf({
      format: 'A4', printBackground: true, displayHeaderFooter: true,
      margin: { top: '14mm', bottom: '14mm', left: '0', right: '0' },
      headerTemplate: `<div style="${FONT} display:flex; justify-content:space-between"><span>${escapeHtml(state.header ?? '')}</span><span>${escapeHtml(state.headerRight ?? '')}</span></div>`,
      footerTemplate: `<div style="${FONT} display:flex; justify-content:space-between"><span>${escapeHtml(state.footer ?? '')}</span>`
        + `<span>${pageLine(state.pageFormat ?? '{n} / {total}')}</span></div>`,
    })
    return pdf
  } catch (err) {
    if (late) throw new RenderFailed(`the render took longer than ${Math.round(timeoutMs / 1000)} s`)
    throw err
  } finally {
    clearTimeout(watchdog)
    await context.close().catch(() => undefined)
  }
}
