// 合并为一件事 in real headless Chromium against the real server (demo preset): three reports of one matter at one
// spot in 筱村镇 raise a repeat-place alert; the county leader opens it, ticks the reports, chooses the primary and
// merges them from the alert's drawer; the incident drawer then shows the case (the primary its members, a member
// 已并入 #N) and 撤销合并 undoes it. What the page shows is checked against the API. Screenshot:
// test/e2e/screenshots/case-merge-*.png.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { closePages, openPage, screenshot } from '../support/browser'
import { startBrowserSuite, stopBrowserSuite } from '../support/browser-suite'
import { signIn } from '../support/server'
import type { RunningServer } from '../support/server'

let server: RunningServer
let browser: Browser
let cookie = ''

beforeAll(async () => {
  // A repeat place is found by the full evaluation: every 10 s here instead of every minute.
  ({ server, browser } = await startBrowserSuite({ PRESET: 'demo', ALERTS_EVERY_SECONDS: '10' }))
  cookie = await signIn(server.url, 'leader')
}, 180_000)
afterEach(closePages)
afterAll(() => stopBrowserSuite({ server, browser }))

/** 筱村镇: away from the county seat, where the seed's own reports gather. */
const TOWNSHIP = '330329103'
/** A WebGL page on 2 shared cores: generous bounds, the steps poll. */
const SLOW = 300_000

interface CaseAnswer { id: number; primary: number; members: number[] }
interface IncidentDetail { id: number; case: CaseAnswer | null; history: { action: string }[] }
interface AlertFeature { id: number; properties: { rule: string } }
interface AlertDetail { evidence: { recordIds: number[] } }

const api = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } })
  expect(res.status, `GET ${path}: ${await res.clone().text()}`).toBe(200)
  return res.json() as Promise<T>
}

/** A point inside the township's first grid: the mean of its ring's corners (the cells are convex). */
async function pointInTownship(): Promise<{ lng: number; lat: number }> {
  const grids = await api<{ features: { geometry: { type: string; coordinates: number[][][] } }[] }>(`/api/regions/grids?township=${TOWNSHIP}`)
  const ring = grids.features.find((g) => g.geometry.type === 'Polygon')!.geometry.coordinates[0]!.slice(0, -1)
  const mean = (i: number) => Math.round((ring.reduce((a, c) => a + c[i]!, 0) / ring.length) * 1e6) / 1e6
  return { lng: mean(0), lat: mean(1) }
}

/** The open repeat-place alert whose evidence lists every one of `ids`, once an evaluation has found it. */
async function repeatAlertOf(ids: readonly number[]): Promise<{ id: number; recordIds: number[] }> {
  const deadline = Date.now() + 150_000
  while (Date.now() < deadline) {
    const open = await api<{ features: AlertFeature[] }>(`/api/alerts?scope=${TOWNSHIP}&status=new,acknowledged,handling&rule=repeat-place&limit=500`)
    for (const f of open.features) {
      const { evidence } = await api<AlertDetail>(`/api/alerts/${f.id}`)
      if (ids.every((id) => evidence.recordIds.includes(id))) return { id: f.id, recordIds: evidence.recordIds }
    }
    await new Promise((r) => setTimeout(r, 2_000))
  }
  throw new Error(`no repeat-place alert lists ${ids.join(', ')} within 150 s`)
}

test('the leader merges a repeat place from its alert, sees the case in the incident drawer, and undoes it', async () => {
  const point = await pointInTownship()
  const ids: number[] = []
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${server.url}/api/incidents`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ type: 'open-burning', point: { lng: point.lng + i * 0.00003, lat: point.lat }, source: 'patrol', description: `浏览器测试：同一处焚烧，第${i + 1}次上报` }),
    })
    expect(res.status, await res.clone().text()).toBe(201)
    ids.push(((await res.json()) as { id: number }).id)
  }
  const alert = await repeatAlertOf(ids)
  const primary = ids[0]!

  const { page, consoleErrors } = await openPage(browser, `${server.url}/?sel=alert:${alert.id}`, { cookie })
  await page.waitForSelector('[data-case-merge] [data-merge-send]', { timeout: 90_000 })
  // Every report the evidence lists is offered, ticked; the primary is chosen by the user.
  expect(await page.$$eval('[data-merge-pick]', (els) => els.map((e) => Number(e.getAttribute('data-merge-pick'))).sort((a, b) => a - b)))
    .toEqual([...alert.recordIds].sort((a, b) => a - b))
  await page.click(`[data-merge-primary="${primary}"]`)
  await screenshot(page, 'case-merge-alert')
  await page.click('[data-merge-send]')
  await page.waitForSelector('[data-merge-outcome="ok"]', { timeout: 30_000 })
  const merged = await api<IncidentDetail>(`/api/incidents/${ids[1]}`)
  expect(merged.case).toMatchObject({ primary })
  expect([...merged.case!.members, primary].sort((a, b) => a - b)).toEqual([...alert.recordIds].sort((a, b) => a - b))

  // The primary's drawer lists the members; a member's says 已并入 #primary.
  await page.click('[data-merge-open]')
  await page.waitForSelector(`[data-drawer][data-kind="incident"][data-id="${primary}"] [data-case-members] [data-case-open="${ids[1]}"]`, { timeout: 30_000 })
  await page.click(`[data-case-open="${ids[1]}"]`)
  await page.waitForSelector(`[data-drawer][data-id="${ids[1]}"] [data-case-merged-into]`, { timeout: 30_000 })
  expect(await page.textContent('[data-case-merged-into]')).toContain(`已并入 #${primary}`)
  await screenshot(page, 'case-merge-incident')

  // 撤销合并 asks to confirm, then the case is gone from the drawer and its timeline says so.
  await page.click('[data-case-undo]')
  await page.click('[data-case-undo]')
  await page.waitForSelector('[data-case]', { state: 'detached', timeout: 30_000 })
  await page.waitForFunction(() => document.querySelector('.timeline')?.textContent?.includes('撤销合并'), undefined, { timeout: 30_000 })
  const undone = await api<IncidentDetail>(`/api/incidents/${ids[1]}`)
  expect(undone.case).toBeNull()
  expect(undone.history.map((h) => h.action).slice(-2)).toEqual(['merge', 'unmerge'])
  expect(consoleErrors).toEqual([])
}, SLOW)
