// Selecting on the leader's map from a browser test: where to draw (a small triangle over three grids) and the
// drawing itself, as a hand does it (mode button, then each corner clicked after moving there).
import type { Page } from 'playwright-core'
import '../../web/src/map/test-hook-type'

export type LngLat = [number, number]

/** A point of the map in page pixels (the map's own projection, through its test hook). */
export const onPage = (page: Page, [lng, lat]: LngLat) => page.evaluate(([x, y]) => window.__onemap!.project(x!, y!), [lng, lat])

/**
 * Three grids of a township whose label points lie closest together (`labels`), and a triangle round those points
 * (`corners`, each pushed a third further out from their centre): a polygon over three grids.
 */
export async function threeGridTriangle(baseUrl: string, cookie: string, township: string): Promise<{ corners: LngLat[]; labels: LngLat[] }> {
  const res = await fetch(`${baseUrl}/api/regions/grids?township=${township}`, { headers: { Cookie: cookie } })
  const grids = ((await res.json()) as { features: { properties: { labelAt: LngLat } }[] }).features
  const points = grids.map((g) => g.properties.labelAt)
  const d = (a: LngLat, b: LngLat) => Math.hypot(a[0] - b[0], a[1] - b[1])
  let best: LngLat[] = []
  let bestSize = Infinity
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      for (let k = j + 1; k < points.length; k++) {
        const [a, b, c] = [points[i]!, points[j]!, points[k]!]
        const size = d(a, b) + d(b, c) + d(a, c)
        // Not too flat: a sliver triangle would miss the middle grid's interior.
        const area = Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2
        if (size < bestSize && area > (size * size) / 40) { best = [a, b, c]; bestSize = size }
      }
    }
  }
  const cx = (best[0]![0] + best[1]![0] + best[2]![0]) / 3
  const cy = (best[0]![1] + best[1]![1] + best[2]![1]) / 3
  return { corners: best.map(([x, y]) => [cx + (x - cx) * 1.35, cy + (y - cy) * 1.35]), labels: best }
}

/**
 * Starts a drawing mode with its button and waits until the drawing listens: terra-draw loads on the first start,
 * and a corner clicked before it listens is lost (on a busy machine the polygon then never closes).
 */
export async function startDrawing(page: Page, mode: 'polygon' | 'rectangle', by: 'click' | 'keyboard' = 'click') {
  if (by === 'click') await page.click(`[data-select-mode="${mode}"]`)
  else { await page.focus(`[data-select-mode="${mode}"]`); await page.keyboard.press('Enter') }
  await page.waitForSelector(`[data-selection-tool][data-selection-mode="${mode}"][data-selection-drawing="true"]`)
}

/** Clicks the corners in turn with the mouse (moving there first, as a hand does), then the first again to close. */
export async function clickCorners(page: Page, corners: LngLat[]) {
  for (const c of [...corners, corners[0]!]) {
    const p = await onPage(page, c)
    await page.mouse.move(p.x, p.y, { steps: 2 })
    await page.mouse.click(p.x, p.y)
    await page.waitForTimeout(150)
  }
}
