// Open311 end to end: an administrator makes an intake token, a request is filed with a real `curl -d` (the form
// encoding GeoReport v2 clients send) and appears on the signed-in leader's map within 2 s, through the live
// stream, without a reload; read back through GET requests/{id}.xml it is open and public (no reporter).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { closePages, openPage, waitForIdle } from '../support/browser'
import { startBrowserSuite, stopBrowserSuite } from '../support/browser-suite'
import { signIn } from '../support/server'
import type { RunningServer } from '../support/server'
import '../../web/src/map/test-hook-type'

const run = promisify(execFile)

let server: RunningServer
let browser: Browser
let cookie = ''
let key = ''

beforeAll(async () => {
  ({ server, browser } = await startBrowserSuite({ PRESET: 'demo' }))
  cookie = await signIn(server.url, 'leader')
  const admin = await signIn(server.url, 'admin')
  const res = await fetch(`${server.url}/api/admin/tokens`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: admin },
    body: JSON.stringify({ name: '12345热线平台(测试)', role: 'intake' }),
  })
  if (res.status !== 201) throw new Error(`creating the intake token: ${res.status} ${await res.text()}`)
  key = (await res.json() as { secret: string }).secret
}, 180_000)
afterEach(closePages)
afterAll(() => stopBrowserSuite({ server, browser }))

test('a request filed with curl -d is on the leader\'s map within 2 s', async () => {
  const { page, consoleErrors } = await openPage(browser, server.url, { cookie })
  await waitForIdle(page)
  await page.waitForSelector('[data-live="up"]', { timeout: 15_000 })
  const liveIds = () => page.evaluate(() => window.__onemap!.sourceIds('incidents-live'))

  const { stdout } = await run('curl', ['-sS', '--fail-with-body',
    '-d', `api_key=${key}`, '-d', 'jurisdiction_id=330329', '-d', 'service_code=illegal-stacking',
    '-d', 'lat=27.559551', '-d', 'long=119.708034', '-d', 'description=浏览器测试：Open311 上报乱堆乱放',
    '-d', 'first_name=小红', '-d', 'last_name=李', '-d', 'phone=13900002222',
    `${server.url}/open311/v2/requests.json`])
  const filedAt = Date.now()
  const [filed] = JSON.parse(stdout) as { service_request_id: string; service_notice: string }[]
  const id = Number(filed!.service_request_id)
  expect(id).toBeGreaterThan(0)
  await expect.poll(liveIds, { timeout: 2_000, interval: 50 }).toContain(id)
  expect(Date.now() - filedAt).toBeLessThan(2_000)

  // Read back as anyone would: open, the township's, without the reporter or the text.
  const xml = await (await fetch(`${server.url}/open311/v2/requests/${id}.xml`)).text()
  const [request] = new XMLParser({ parseTagValue: false, isArray: (n) => n === 'request' }).parse(xml).service_requests.request
  expect(request).toMatchObject({ service_request_id: String(id), status: 'open', service_code: 'illegal-stacking', agency_responsible: '罗阳镇' })
  expect(xml).not.toMatch(/小红|13900002222|浏览器测试/)
  // The leader's drawer reads the record whole: the reporter is there for those who may see it.
  const record = await (await fetch(`${server.url}/api/incidents/${id}`, { headers: { Cookie: cookie } })).json() as { source: string; reporter: { name: string } }
  expect(record.source).toBe('app')
  expect(record.reporter.name).toBe('李小红')
  expect(consoleErrors).toEqual([])
})
