// 回访 on the leader's map, in real headless Chromium against the real server (demo preset): the 罗阳镇 officer opens
// an archived case whose call-back awaits them, records 不满意 with what the resident said; the case is back with its
// assignee (处置中, 重办 in its timeline naming the officer), the township's 重办率 in the 考核 panel moves to the
// API's new figure, and every KPI card equals the API.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { closePages, openPage, screenshot, waitForIdle } from '../support/browser'
import { startBrowserSuite, stopBrowserSuite } from '../support/browser-suite'
import { expectKpisMatchApi } from '../support/kpi-cards'
import { signIn } from '../support/server'
import type { RunningServer } from '../support/server'

let server: RunningServer
let browser: Browser
let officer = ''

beforeAll(async () => {
  ({ server, browser } = await startBrowserSuite({ PRESET: 'demo' }))
  officer = await signIn(server.url, 'luoyang')
}, 180_000)
afterEach(closePages)
afterAll(() => stopBrowserSuite({ server, browser }))

const LUOYANG = '330329100'
const NOTE = '浏览器测试：群众反映占道问题仍未解决'
const api = async (path: string) => (await fetch(`${server.url}${path}`, { headers: { Cookie: officer } })).json()

interface Task { id: number; incidentId: number; canRecord: boolean; assignee: { kind: string; code: string } | null }

/** An awaited call-back the officer may record, on work of the township itself (so its 重办率 is the one judged). */
async function townshipTask(): Promise<Task> {
  const page = await api(`/api/callbacks?scope=${LUOYANG}&status=awaited&limit=200`) as { items: Task[] }
  const task = page.items.find((t) => t.canRecord && t.assignee !== null && t.assignee.kind !== 'department' && t.assignee.code.startsWith(LUOYANG))
  expect(task, JSON.stringify(page.items.slice(0, 3))).toBeDefined()
  return task!
}

test('the 罗阳镇 officer records 不满意: the case is back with its assignee, 重办率 on the 考核 panel moves, KPIs equal the API', async () => {
  const task = await townshipTask()
  const { page, consoleErrors, offHostRequests } = await openPage(browser, `${server.url}/?scope=${LUOYANG}&sel=incident:${task.incidentId}`, { cookie: officer })
  await waitForIdle(page, 60_000)
  const redo = page.locator(`[data-panel="scoreboard"] [data-unit="${LUOYANG}"] [data-metric="redoRate"]`).first()
  await redo.waitFor({ timeout: 30_000 })
  const before = await redo.getAttribute('data-value')

  await page.click(`[data-callback-form][data-task="${task.id}"] [data-action="callback"]`)
  await page.selectOption(`[data-callback-form] select[name="result"]`, 'dissatisfied')
  // 不满意 without a note: the form asks for it and sends nothing.
  await page.click('[data-callback-form] [data-submit]')
  await page.waitForSelector('[data-callback-form] textarea[aria-invalid="true"]')
  expect((await api(`/api/incidents/${task.incidentId}`)).status).toBe('archived')
  await page.fill('[data-callback-form] textarea[name="note"]', NOTE)
  await page.click('[data-callback-form] [data-submit]')

  // Back with its assignee, in hand again: the drawer says so at once and equals the API.
  await page.waitForSelector('[data-callback-form]', { state: 'detached', timeout: 30_000 })
  const record = await api(`/api/incidents/${task.incidentId}`)
  expect(record.status).toBe('handling')
  expect(record.assignee).toMatchObject(task.assignee!)
  const redoStep = record.history.findLast((h: { action: string }) => h.action === 'redo')
  expect(redoStep).toMatchObject({ from: 'archived', to: 'handling', note: NOTE, by: { role: 'township' } })
  await page.waitForFunction((note) => document.querySelector('.timeline')?.textContent?.includes(note), NOTE)

  // The township's 重办率 moves to what the API now answers for the panel's own request.
  const view = await page.$eval('[data-map-state]', (e) => ({ from: e.getAttribute('data-range-from')!, to: e.getAttribute('data-range-to')! }))
  await page.waitForFunction(([sel, was]) => document.querySelector(sel!)?.getAttribute('data-value') !== was,
    [`[data-panel="scoreboard"] [data-unit="${LUOYANG}"] [data-metric="redoRate"]`, before] as const, { timeout: 30_000 })
  const board = await api(`/api/scoreboard?by=township&from=${encodeURIComponent(view.from)}`) as { rows: { unit: { code: string }; values: Record<string, number | null> }[] }
  const mine = board.rows.find((r) => r.unit.code === LUOYANG)!
  expect(Number(await redo.getAttribute('data-value'))).toBeCloseTo(mine.values.redoRate!, 9)
  expect(Number(await redo.getAttribute('data-value'))).toBeGreaterThan(Number(before || 0))
  await expectKpisMatchApi(page, server.url, officer)
  await screenshot(page, 'officer-callback-redo')
  expect(consoleErrors).toEqual([])
  expect(offHostRequests).toEqual([])
}, 180_000)
