// A county department's queue (/queue) in real headless Chromium against the real server with the demo preset:
// the 罗阳镇 officer dispatches (交办) an incident to 市场监管 through the API; the department's clerk, signed in at
// /, lands on /queue, sees it arrive with the cue, and signs (签收), starts (开始处置) and resolves (办结) it with
// buttons, each step shown at once and equal to the API's record. Then English at 1920×1080 by keyboard alone.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { closePages, openPage, screenshot } from '../support/browser'
import { startBrowserSuite, stopBrowserSuite } from '../support/browser-suite'
import { signIn, signInWith } from '../support/server'
import type { RunningServer } from '../support/server'
import type { QueueTestHook } from '../../web/src/queue/use-queue'

const DEPT_LOGIN = 'dept-market'
const DEPT_PASSWORD = 'taishun-dept-market-demo'

let server: RunningServer
let browser: Browser
let officer = ''
let clerk = ''

beforeAll(async () => {
  ({ server, browser } = await startBrowserSuite({ PRESET: 'demo' }))
  officer = await signIn(server.url, 'luoyang')
  clerk = await signInWith(server.url, DEPT_LOGIN, DEPT_PASSWORD)
}, 180_000)
afterEach(closePages)
afterAll(() => stopBrowserSuite({ server, browser }))

const get = async <T>(path: string, as: string): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, { headers: { Cookie: as } })
  expect(res.status, `GET ${path}`).toBe(200)
  return res.json() as Promise<T>
}
const post = async <T>(path: string, body: unknown, as = officer): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: as }, body: JSON.stringify(body) })
  expect(res.status, `POST ${path}: ${await res.clone().text()}`).toBeLessThan(300)
  return res.json() as Promise<T>
}

interface Record { id: number; status: string; updatedAt: string; signedAt: string | null; allowedActions: string[]; history: { action?: string; note?: string | null }[] }
const record = (id: number) => get<Record>(`/api/incidents/${id}`, clerk)

/** A new 无证无照经营 report in 罗阳镇 by its officer, accepted (受理): ready to be dispatched. */
async function acceptedIncident(description: string): Promise<number> {
  const { id } = await post<{ id: number }>('/api/incidents', {
    type: 'unlicensed-business', point: { lng: 119.708034, lat: 27.559551 }, source: 'patrol', severity: 'urgent', description,
  })
  await post(`/api/incidents/${id}/transitions`, { action: 'accept' })
  return id
}
const dispatchToMarket = (id: number) => post(`/api/incidents/${id}/transitions`, { action: 'dispatch', assignee: { kind: 'department', code: 'market' } })

const hook = (page: Page) => page.evaluate(() => window.__onemapQueue as QueueTestHook)
const rowOf = (id: number) => `[data-queue-item="incident:${id}"]`
const figure = async (page: Page, id: string) => Number(await page.getAttribute(`[data-count="${id}"]`, 'data-value'))

/** The row shows the record as the API has it: status and updatedAt, and its buttons are the API's allowed actions. */
async function expectRowIsRecord(page: Page, id: number) {
  const r = await record(id)
  const row = rowOf(id)
  expect(await page.getAttribute(row, 'data-status')).toBe(r.status)
  expect(await page.getAttribute(row, 'data-updated-at')).toBe(r.updatedAt)
  const buttons = await page.$$eval(`${row} [data-action]`, (els) => els.map((e) => e.getAttribute('data-action')))
  expect(buttons.sort()).toEqual(r.allowedActions.filter((a) => ['sign', 'start', 'resolve', 'sendBack', 'requestExtension'].includes(a)).sort())
  return r
}

test('a clerk signs in at / and lands on /queue; a dispatched incident arrives with the cue; 签收, 开始处置, 办结 shown at once, equal to the API', async () => {
  const id = await acceptedIncident('浏览器测试：无证经营，交办市场监管')
  const { page, consoleErrors, offHostRequests } = await openPage(browser, `${server.url}/`, { viewport: { width: 1366, height: 768 } })
  await page.waitForSelector('[data-login-form]')
  await page.fill('input[name=login]', DEPT_LOGIN)
  await page.fill('input[name=password]', DEPT_PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL(`${server.url}/queue`)
  await page.waitForSelector('[data-queue][data-queue-status="ready"]')
  // The 401s before signing in are the expected answers, not errors of the page.
  consoleErrors.splice(0)
  expect(await page.getAttribute('[data-queue]', 'data-department')).toBe('market')
  expect(await page.textContent('[data-department-name]')).toBe('县市场监督管理局')
  await page.waitForSelector('.queue-map[data-map-state="idle"]', { timeout: 60_000 })
  // The figures are the API's.
  const before = await get<{ counts: { open: number; dueSoon: number; overdue: number } }>('/api/queue', clerk)
  expect(await figure(page, 'open')).toBe(before.counts.open)
  expect(await figure(page, 'overdue')).toBe(before.counts.overdue)
  expect(await page.$$(rowOf(id))).toHaveLength(0)

  // The sound is switched on by a click (the gesture a browser needs); it plays once so the clerk hears it.
  await page.click('[data-sound-toggle]')
  expect(await page.getAttribute('[data-sound-toggle]', 'aria-pressed')).toBe('true')
  // The click made the audio context run (the toggle says so), so the cue below is heard, not only shown.
  await page.waitForFunction(() => document.querySelector('[data-sound-toggle]')?.textContent?.includes('提示音：开'))

  await dispatchToMarket(id)
  await page.waitForSelector(`${rowOf(id)}[data-fresh]`, { timeout: 15_000 })
  const cue = await hook(page)
  expect(cue.cues).toBe(1)
  expect(cue.beeps).toBe(1)
  expect(await page.textContent(`${rowOf(id)} [data-new-badge]`)).toBe('NEW')
  expect(Number(await page.getAttribute('[data-new-count]', 'data-value'))).toBe(1)
  expect(await page.title()).toMatch(/^\(1\) /)
  expect(await figure(page, 'open')).toBe(before.counts.open + 1)
  const dispatched = await expectRowIsRecord(page, id)
  expect(dispatched.status).toBe('dispatched')
  expect(await page.textContent(`${rowOf(id)} [data-status-label]`)).toContain('待签收')
  await screenshot(page, 'queue-arrival-zh-1366')

  // 签收: the step is shown from the transition's answer, and the arrival counts as seen.
  await page.click(`${rowOf(id)} [data-action="sign"]`)
  await page.waitForFunction((row) => !document.querySelector(`${row} [data-action="sign"]`), rowOf(id))
  const signed = await expectRowIsRecord(page, id)
  expect(signed.signedAt).not.toBeNull()
  expect(await page.$$(`${rowOf(id)}[data-fresh]`)).toHaveLength(0)
  expect(await page.title()).not.toMatch(/^\(/)

  await page.click(`${rowOf(id)} [data-action="start"]`)
  await page.waitForSelector(`${rowOf(id)}[data-status="handling"]`)
  await expectRowIsRecord(page, id)

  // 办结 needs its result: sent empty, the form says so and nothing is sent.
  await page.click(`${rowOf(id)} [data-action="resolve"]`)
  await page.click(`${rowOf(id)} [data-submit]`)
  expect(await page.textContent(`${rowOf(id)} [data-problem]`)).toContain('办理结果')
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('note')
  expect((await record(id)).status).toBe('handling')
  await screenshot(page, 'queue-resolve-form-zh-1366')
  const result = '已现场检查，责令停业并立案调查'
  await page.fill(`${rowOf(id)} textarea[name=note]`, result)
  await page.click(`${rowOf(id)} [data-submit]`)
  await page.waitForSelector(rowOf(id), { state: 'detached' })
  const resolved = await record(id)
  expect(resolved.status).toBe('resolved')
  expect(resolved.history.at(-1)).toMatchObject({ action: 'resolve', note: result })
  expect(await page.textContent('[data-announcement]')).toContain(`#${id}`)
  const after = await get<{ counts: { open: number } }>('/api/queue', clerk)
  expect(await figure(page, 'open')).toBe(after.counts.open)
  await screenshot(page, 'queue-after-resolve-zh-1366')

  expect(offHostRequests).toEqual([])
  expect(consoleErrors.join('\n')).toBe('')
})

test('English at 1920×1080, by keyboard alone: rows in the API\'s order; 退回交办方 asks for a reason, Esc closes, the reason sends it back', async () => {
  const id = await acceptedIncident('Browser test: unlicensed shop, sent to Market')
  await dispatchToMarket(id)
  // A fuller queue: 罗阳镇's accepted demo incidents (some past their deadline) dispatched to 市场监管 too.
  const accepted = await get<{ features: { properties: { id: number } }[] }>('/api/incidents?scope=330329100&status=accepted&limit=5', officer)
  for (const f of accepted.features.slice(0, 5)) await dispatchToMarket(f.properties.id)
  const { page, consoleErrors, offHostRequests } = await openPage(browser, `${server.url}/queue?lang=en`, { cookie: clerk })
  await page.waitForSelector(rowOf(id))
  await page.waitForSelector('.queue-map[data-map-state="idle"]', { timeout: 60_000 })
  const queue = await get<{ items: { kind: string; id: number }[]; counts: { open: number; overdue: number; dueSoon: number } }>('/api/queue', clerk)
  expect(await page.$$eval('[data-queue-item]', (els) => els.map((e) => e.getAttribute('data-queue-item')))).toEqual(queue.items.map((i) => `${i.kind}:${i.id}`))
  for (const f of ['open', 'overdue', 'dueSoon'] as const) expect(await figure(page, f)).toBe(queue.counts[f])
  expect(await page.textContent('[data-department-name]')).toBe('County Market Supervision Administration')
  expect(await page.textContent(`${rowOf(id)} [data-action="sendBack"]`)).toContain('Send back')
  // Tab reaches the row's buttons; Enter opens the form with the reason field focused; Esc closes it, focus back.
  await page.focus(`${rowOf(id)} [data-action="sign"]`)
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('sendBack')
  await page.keyboard.press('Enter')
  await page.waitForSelector(`${rowOf(id)} [data-action-form="sendBack"]`)
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('note')
  await screenshot(page, 'queue-send-back-en-1920')
  await page.keyboard.press('Escape')
  expect(await page.$$(`${rowOf(id)} [data-action-form]`)).toHaveLength(0)
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('sendBack')
  await page.keyboard.press('Enter')
  await page.keyboard.type('Not ours: the shop is a pharmacy (health)')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await page.waitForSelector(rowOf(id), { state: 'detached' })
  const r = await get<Record>(`/api/incidents/${id}`, officer)
  expect(r.status).toBe('accepted')
  expect(r.history.at(-1)).toMatchObject({ action: 'sendBack', note: 'Not ours: the shop is a pharmacy (health)' })
  expect(offHostRequests).toEqual([])
  expect(consoleErrors.join('\n')).toBe('')
})

test('a whistle call from 罗阳镇 arrives (English, 1366×768); 签收 → 报到 → 办结 each shown at once and equal to the API', async () => {
  const { page, consoleErrors, offHostRequests } = await openPage(browser, `${server.url}/queue?lang=en`, { viewport: { width: 1366, height: 768 }, cookie: clerk })
  await page.waitForSelector('[data-queue][data-queue-status="ready"]')
  await page.waitForSelector('.queue-map[data-map-state="idle"]', { timeout: 60_000 })
  const { id } = await post<{ id: number }>('/api/whistles', { township: '330329100', department: 'market', kind: 'joint-enforcement', reason: '浏览器测试：农贸市场联合执法', urgent: true })
  const row = `[data-queue-item="whistle:${id}"]`
  await page.waitForSelector(`${row}[data-fresh]`, { timeout: 15_000 })
  expect((await hook(page)).cues).toBe(1)
  expect(await page.textContent(`${row} [data-title]`)).toBe('Joint enforcement')
  await screenshot(page, 'queue-whistle-arrival-en-1366')
  const whistle = () => get<{ status: string; updatedAt: string; allowedActions: string[] }>(`/api/whistles/${id}`, clerk)
  for (const [action, status] of [['acknowledge', 'acknowledged'], ['arrive', 'arrived']] as const) {
    await page.click(`${row} [data-action="${action}"]`)
    await page.waitForSelector(`${row}[data-status="${status}"]`)
    const w = await whistle()
    expect(w.status).toBe(status)
    expect(await page.getAttribute(row, 'data-updated-at')).toBe(w.updatedAt)
    expect(await page.$$eval(`${row} [data-action]`, (els) => els.map((e) => e.getAttribute('data-action')))).toEqual(w.allowedActions)
  }
  await page.click(`${row} [data-action="close"]`)
  await page.waitForSelector(row, { state: 'detached' })
  expect((await whistle()).status).toBe('closed')
  expect(offHostRequests).toEqual([])
  expect(consoleErrors.join('\n')).toBe('')
})

test('anyone else at /queue is pointed to the map', async () => {
  const { page } = await openPage(browser, `${server.url}/queue`, { cookie: officer })
  await page.waitForSelector('[data-not-department]')
  expect(await page.$$('[data-queue]')).toHaveLength(0)
})
