// The map page's KPI cards against the API: every card (data-kpi="<metric id>", data-value = the raw number) must
// equal GET /api/metrics/summary for the scope, range and selection the page stands on (the map root's
// data-scope / data-range-from / data-range-to, the URL's within=). Panels refetch after live news or a change of
// view, so the comparison is given time to converge before it is judged.
import { expect } from 'vitest'
import type { Page } from 'playwright-core'

/** Where the page's view stands: scope, range and the selection's text as the URL holds it. */
export async function viewOf(page: Page) {
  const root = await page.$('[data-map-state]')
  return {
    scope: (await root!.getAttribute('data-scope'))!,
    from: (await root!.getAttribute('data-range-from'))!,
    to: (await root!.getAttribute('data-range-to'))!,
    within: new URL(page.url()).searchParams.get('within'),
  }
}

/**
 * Every KPI card equals the API's summary for the page's view, as `cookie` (the page's own user) sees it; returns
 * the API's metrics. `waitMs` bounds the convergence (a live update reaches the page, the panel refetches).
 */
export async function expectKpisMatchApi(page: Page, baseUrl: string, cookie: string, waitMs = 30_000): Promise<Record<string, number>> {
  await page.waitForFunction(() => document.querySelectorAll('[data-kpi][data-value]:not([data-value=""])').length >= 5, null, { timeout: waitMs })
  let metrics: Record<string, number> = {}
  const mismatches = async () => {
    const v = await viewOf(page)
    const q = new URLSearchParams({ scope: v.scope, from: v.from, to: v.to, ...(v.within ? { within: v.within } : {}) })
    const res = await fetch(`${baseUrl}/api/metrics/summary?${q}`, { headers: { Cookie: cookie } })
    metrics = ((await res.json()) as { metrics: Record<string, number> }).metrics
    return page.$$eval('[data-kpi][data-value]', (els, expected) => els
      .map((e) => [e.getAttribute('data-kpi')!, Number(e.getAttribute('data-value'))] as const)
      .filter(([id, v]) => id in expected && Math.abs(v - expected[id]!) > 1e-6)
      .map(([id, v]) => `${id}: page ${v}, API ${expected[id]}`), metrics)
  }
  const deadline = Date.now() + waitMs
  while ((await mismatches()).length > 0 && Date.now() < deadline) await page.waitForTimeout(500)
  expect(await mismatches()).toEqual([])
  const checked = await page.$$eval('[data-kpi][data-value]', (els, expected) => els.filter((e) => e.getAttribute('data-kpi')! in expected).length, metrics)
  expect(checked).toBeGreaterThanOrEqual(5)
  return metrics
}
