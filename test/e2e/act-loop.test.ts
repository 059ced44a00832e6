// The whole loop across screens in real headless Chromium against the real server (demo preset): 罗阳镇's township
// officer, on the map, 受理s an off-list report (药店许可现场核查, routed to 市场监管) and 交办s it to 市场监管 from
// the drawer; the department's clerk, in another browser context at /queue, 签收s, 开始处置s and 办结s it with a
// result; the officer, whose page follows live, 核查s it into 归档. The drawer's timeline names every step's actor,
// and after each step the officer's KPI cards equal /api/metrics/summary. Then extensions: the clerk asks for more
// time from /queue on two incidents; the officer grants one (the deadline and the drawer's countdown move to the end
// of the day asked for) and refuses the other (the deadline stays). Screenshots: test/e2e/screenshots/loop-*.png.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { localDate } from '../../domain/calendar'
import { DAY } from '../../domain/time'
import { formatCountdown } from '../../web/src/i18n/format'
import { endOfLocalDay } from '../../web/src/queue/queue-actions'
import { closePages, openPage, screenshot, waitForIdle } from '../support/browser'
import { startBrowserSuite, stopBrowserSuite } from '../support/browser-suite'
import { expectKpisMatchApi } from '../support/kpi-cards'
import { signIn, signInWith } from '../support/server'
import type { RunningServer } from '../support/server'

const LUOYANG = '330329100'
const DEPT_LOGIN = 'dept-market'
const DEPT_PASSWORD = 'taishun-dept-market-demo'
/** A point inside 罗阳镇 (the one queue.test.ts reports at). */
const POINT = { lng: 119.708034, lat: 27.559551 }
const OFFICER = '演示·罗阳镇干部 · 乡镇干部'
const CLERK = '演示·市场监管 · 县级部门'

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

interface Step { action: string; note?: string | null; by: { name: string; role: string } | null }
interface Detail {
  id: number; status: string; updatedAt: string; resolveBy: string | null; dueAt: string | null
  assignee: { kind: string; code: string } | null; signedAt: string | null
  extension: { until: string; note: string | null } | null; allowedActions: string[]; history: Step[]
  callbacks: unknown[]
}

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
const record = (id: number) => get<Detail>(`/api/incidents/${id}`, officer)
const report = async (type: string, description: string) =>
  (await post<{ id: number }>('/api/incidents', { type, point: POINT, source: 'patrol', severity: 'urgent', description })).id

/** Two WebGL pages at once on 2 shared cores: every wait is generous, and each is bounded. */
const SLOW = 420_000
const LIVE = { timeout: 60_000 }

const rowOf = (id: number) => `[data-queue-item="incident:${id}"]`

/** Acts from the drawer: the button, its form, the form's own fields (`fill`), confirm; the server said yes. */
async function actInDrawer(page: Page, action: string, fill?: (form: string) => Promise<void>) {
  await (await page.waitForSelector(`[data-drawer] [data-act="${action}"]`, LIVE)).click()
  const form = `[data-act-form="${action}"]`
  await page.waitForSelector(form)
  if (fill) await fill(form)
  await page.click(`${form} [data-act-confirm]`)
  await page.waitForSelector('[data-act-outcome="ok"]', LIVE)
}
const statusShown = (page: Page) => page.textContent('[data-drawer] [data-fact="status"]')

test('受理 → 交办 to 市场监管 → (clerk) 签收 → 开始处置 → 办结 → (officer) 核查归档; the timeline names each actor; the KPIs follow every step', async () => {
  const id = await report('pharmacy-license-check', '浏览器测试：药店无许可证经营，需现场核查')
  const map = await openPage(browser, `${server.url}/?sel=incident:${id}`, { cookie: officer })
  const o = map.page
  await waitForIdle(o, 90_000)
  await o.waitForSelector('[data-drawer] [data-act="accept"]', LIVE)
  expect(await statusShown(o)).toBe('上报')
  await expectKpisMatchApi(o, server.url, officer, 60_000)

  await actInDrawer(o, 'accept')
  await expect.poll(() => statusShown(o), LIVE).toBe('受理')
  await expectKpisMatchApi(o, server.url, officer, 60_000)

  // An off-list type's 交办 suggests its department: the officer only confirms.
  await actInDrawer(o, 'dispatch', async (form) => {
    expect(await o.inputValue(`${form} select[name=assignee]`)).toBe('department:market')
  })
  await expect.poll(() => statusShown(o), LIVE).toBe('交办')
  expect(await o.textContent('[data-drawer] [data-fact="assignee"]')).toBe('市场监管')
  await screenshot(o, 'loop-officer-dispatched-zh')
  await expectKpisMatchApi(o, server.url, officer, 60_000)

  // The clerk, in another browser context: the row is there with its buttons; each step as the API records it.
  const { page: c, consoleErrors: clerkErrors } = await openPage(browser, `${server.url}/queue`, { cookie: clerk, viewport: { width: 1366, height: 768 } })
  await c.waitForSelector(rowOf(id), LIVE)
  await c.click(`${rowOf(id)} [data-action="sign"]`)
  await c.waitForFunction((row) => !document.querySelector(`${row} [data-action="sign"]`), rowOf(id), LIVE)
  expect((await record(id)).signedAt).not.toBeNull()
  await expect.poll(async () => o.$('[data-drawer] [data-fact="signedAt"]').then((e) => e !== null), LIVE).toBe(true)
  await expectKpisMatchApi(o, server.url, officer, 60_000)

  await c.click(`${rowOf(id)} [data-action="start"]`)
  await c.waitForSelector(`${rowOf(id)}[data-status="handling"]`, LIVE)
  await expect.poll(() => statusShown(o), LIVE).toBe('处置中')
  await expectKpisMatchApi(o, server.url, officer, 60_000)

  const result = '已现场核查：无药品经营许可证，责令停业并立案'
  await c.click(`${rowOf(id)} [data-action="resolve"]`)
  await c.fill(`${rowOf(id)} textarea[name=note]`, result)
  await screenshot(c, 'loop-clerk-resolve-zh-1366')
  await c.click(`${rowOf(id)} [data-submit]`)
  await c.waitForSelector(rowOf(id), { state: 'detached', ...LIVE })
  expect(clerkErrors.join('\n')).toBe('')
  // The officer's page follows the department's 办结 live: the status, and 核查 offered.
  await expect.poll(() => statusShown(o), LIVE).toBe('办结')
  await expectKpisMatchApi(o, server.url, officer, 60_000)

  await actInDrawer(o, 'verify')
  await expect.poll(() => statusShown(o), LIVE).toBe('核查归档')
  await expectKpisMatchApi(o, server.url, officer, 60_000)

  // History: every step with who took it, in the API and in the drawer alike.
  const stored = await record(id)
  expect(stored.status).toBe('archived')
  const tail = stored.history.slice(-6)
  expect(tail.map((h) => h.action)).toEqual(['accept', 'dispatch', 'sign', 'start', 'resolve', 'verify'])
  const officerBy = { name: '演示·罗阳镇干部', role: 'township' }
  const clerkBy = { name: '演示·市场监管', role: 'department' }
  expect(tail.map((h) => h.by)).toEqual([officerBy, officerBy, clerkBy, clerkBy, clerkBy, officerBy])
  expect(tail[4]!.note).toBe(result)
  const shown = o.locator('[data-drawer] .timeline li')
  await expect.poll(async () => (await shown.locator('[data-step-by]').allTextContents()).slice(-6), LIVE)
    .toEqual([OFFICER, OFFICER, CLERK, CLERK, CLERK, OFFICER])
  // 签收 left the status as it was: it is said alone, not as a move to 交办. 核查归档 draws a share of cases
  // for a call-back by the id's hash, so whether 抽中回访 follows depends on the id this run got.
  const drawn = stored.callbacks.length === 1 ? ['抽中回访'] : []
  expect(stored.callbacks.length).toBeLessThanOrEqual(1)
  const steps = ['受理', '交办', '签收', '开始处置 → 处置中', '办结', '核查归档', ...drawn]
  expect((await shown.locator('.step').allTextContents()).slice(-steps.length)).toEqual(steps)
  expect(await shown.filter({ hasText: result }).count()).toBe(1)
  expect(await o.$$('[data-drawer] [data-act]')).toHaveLength(0)
  await o.$eval('[data-drawer]', (el) => { el.scrollTop = el.scrollHeight })
  await screenshot(o, 'loop-officer-archived-zh')
  expect(map.consoleErrors.join('\n')).toBe('')
}, SLOW)

test('申请延期 from /queue; the officer 同意延期 (deadline and countdown move to the day asked for) and 不同意延期 another (deadline stays)', async () => {
  const granted = await report('unlicensed-business', '浏览器测试：无证经营，申请延期后同意')
  const refused = await report('unlicensed-business', '浏览器测试：无证经营，申请延期后不同意')
  for (const id of [granted, refused]) {
    await post(`/api/incidents/${id}/transitions`, { action: 'accept' })
    await post(`/api/incidents/${id}/transitions`, { action: 'dispatch', assignee: { kind: 'department', code: 'market' } })
  }
  const before = { granted: await record(granted), refused: await record(refused) }
  expect(before.granted.resolveBy).not.toBeNull()
  // A week past the current deadline, as a date: the extension runs to the end of that day (Beijing time).
  const dateOf = (r: Detail) => localDate(Date.parse(r.resolveBy!) + 7 * DAY)
  const asked = { granted: dateOf(before.granted), refused: dateOf(before.refused) }

  const { page: c, consoleErrors: clerkErrors } = await openPage(browser, `${server.url}/queue`, { cookie: clerk, viewport: { width: 1366, height: 768 } })
  for (const [id, date] of [[granted, asked.granted], [refused, asked.refused]] as const) {
    await c.waitForSelector(rowOf(id), LIVE)
    await c.click(`${rowOf(id)} [data-action="requestExtension"]`)
    await c.fill(`${rowOf(id)} input[name=until]`, date)
    await c.fill(`${rowOf(id)} textarea[name=note]`, '需等待卫健部门联合检查结果')
    if (id === granted) await screenshot(c, 'loop-clerk-extension-form-zh-1366')
    await c.click(`${rowOf(id)} [data-submit]`)
    await c.waitForSelector(`${rowOf(id)} [data-action-form]`, { state: 'detached', ...LIVE })
    const r = await record(id)
    expect(r.extension?.until).toBe(new Date(endOfLocalDay(date)!).toISOString())
    expect(r.resolveBy).toBe(before[id === granted ? 'granted' : 'refused'].resolveBy)
    // Asked once: no second request while one is pending.
    await c.waitForSelector(`${rowOf(id)}[data-updated-at="${r.updatedAt}"]`, LIVE)
    expect(await c.$$(`${rowOf(id)} [data-action="requestExtension"]`)).toHaveLength(0)
  }
  expect(clerkErrors.join('\n')).toBe('')
  await c.context().close()

  // 同意延期: the deadline is the end of the day asked for, and the drawer's countdown runs to it.
  const { page: o, consoleErrors } = await openPage(browser, `${server.url}/?sel=incident:${granted}`, { cookie: officer })
  await o.waitForSelector('[data-drawer] [data-fact="extension"]', LIVE)
  expect(await o.getAttribute('[data-drawer] [data-sla]', 'data-due')).toBe(before.granted.resolveBy)
  await screenshot(o, 'loop-officer-extension-asked-zh')
  await actInDrawer(o, 'approveExtension')
  const newDue = new Date(endOfLocalDay(asked.granted)!).toISOString()
  expect((await record(granted)).resolveBy).toBe(newDue)
  expect((await record(granted)).extension).toBeNull()
  await expect.poll(() => o.getAttribute('[data-drawer] [data-sla]', 'data-due'), LIVE).toBe(newDue)
  // The countdown's words: days and hours to the new deadline (read and computed within the same hour).
  await expect.poll(async () => {
    const text = (await o.textContent('[data-drawer] [data-sla]'))?.trim()
    return text === `剩余时限 ${formatCountdown(Date.parse(newDue) - Date.now(), 'zh-CN')}`
  }, LIVE).toBe(true)
  expect(await o.$('[data-drawer] [data-fact="extension"]')).toBeNull()
  const approvedStep = o.locator('[data-drawer] .timeline li').last()
  await expect.poll(() => approvedStep.locator('[data-step-by]').textContent(), LIVE).toBe(OFFICER)
  await screenshot(o, 'loop-officer-extension-approved-zh')

  // 不同意延期 on the other: a reason; the deadline stays where it was.
  await o.goto(`${server.url}/?sel=incident:${refused}`)
  await o.waitForSelector('[data-drawer] [data-fact="extension"]', LIVE)
  await actInDrawer(o, 'refuseExtension', async (form) => {
    await o.fill(`${form} textarea[name=note]`, '联合检查可并行开展，请按原时限办结')
  })
  const after = await record(refused)
  expect(after.resolveBy).toBe(before.refused.resolveBy)
  expect(after.extension).toBeNull()
  expect(after.history.at(-1)).toMatchObject({ action: 'refuseExtension', note: '联合检查可并行开展，请按原时限办结', by: { name: '演示·罗阳镇干部', role: 'township' } })
  await expect.poll(() => o.$('[data-drawer] [data-fact="extension"]').then((e) => e === null), LIVE).toBe(true)
  expect(await o.getAttribute('[data-drawer] [data-sla]', 'data-due')).toBe(before.refused.resolveBy)
  // The refusal's step says why, and no date (a date under it would read as granted).
  const refusedStep = o.locator('[data-drawer] .timeline li').last()
  expect(await refusedStep.locator('.step').textContent()).toBe('不同意延期')
  expect(await refusedStep.locator('[data-step-detail]').count()).toBe(0)
  await screenshot(o, 'loop-officer-extension-refused-zh')
  expect(consoleErrors.join('\n')).toBe('')
}, SLOW)
