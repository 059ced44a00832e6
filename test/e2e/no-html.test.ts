// Record text is never rendered as HTML. The API refuses markup on intake, but a database filled by an import or an
// older version may hold it anyway: this writes a tag that would run script and one that would bold into every
// free-text column (descriptions, notes, reasons, warnings, parties, reporters, site names, the leader's own display
// name) straight into SQLite, then opens what shows record text — the leader's detail drawer for each kind of
// record, the wall with its ticker, the grid card — and checks the DOM: no element was made from the text, the text
// is there literally, and the script never ran. (The CSP would block the inline handler anyway; the DOM check is
// what proves the text was never parsed as markup.)
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { closePages, launchBrowser, openPage, waitForIdle } from '../support/browser'
import { DEMO_WALL_TOKEN, signIn, startServer } from '../support/server'
import type { RunningServer } from '../support/server'

declare global {
  interface Window { __pwned?: number }
}

const IMG = '<img src=x onerror="window.__pwned=1">'
const BOLD = '<b>bold</b>'
const HOSTILE = `${IMG}${BOLD}`
const LUOYANG = { lng: 119.708034, lat: 27.559551 } // 罗阳镇's seat: in the demo grid 新北社区第1网格's township
const GRID = '33032910000501'

let server: RunningServer
let browser: Browser
let cookie = ''
const ids = { incident: 0, dispute: 0, whistle: 0, site: 0 }

async function post(path: string, body: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify(body),
  })
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<{ id: number }>
}

beforeAll(async () => {
  server = await startServer({ PRESET: 'demo' })
  browser = await launchBrowser()
  cookie = await signIn(server.url, 'leader')
  // One record of each kind with a history step, so every note column has a row the drawer shows.
  ids.incident = (await post('/api/incidents', { type: 'road-occupation', point: LUOYANG, source: 'patrol', description: '占道经营', reporter: { name: '张三', phone: '13912345678' } })).id
  await post(`/api/incidents/${ids.incident}/transitions`, { action: 'accept', note: '已受理' })
  ids.dispute = (await post('/api/disputes', { type: 'neighbour', point: LUOYANG, description: '邻里纠纷', parties: [{ name: '李四' }] })).id
  await post(`/api/disputes/${ids.dispute}/transitions`, { action: 'start', note: '村调委介入' })
  ids.whistle = (await post('/api/whistles', { township: '330329100', department: 'enforcement', reason: '联合执法' })).id
  // The call's own history step (吹哨) takes the hostile note below: answering it is the department's, not the leader's.
  const db = new Database(server.dbPath)
  try {
    ids.site = (db.prepare("SELECT id FROM sites WHERE township = '330329100' ORDER BY id LIMIT 1").get() as { id: number }).id
    db.exec('PRAGMA busy_timeout = 5000')
    const set = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args)
    set('UPDATE incidents SET description = ?, reporter_name = ?', HOSTILE, HOSTILE)
    set('UPDATE incident_events SET note = ?, actor_name = ?', HOSTILE, HOSTILE)
    set('UPDATE disputes SET summary = ?, parties = ?', HOSTILE, JSON.stringify([{ name: HOSTILE, phone: '13912345678' }]))
    set('UPDATE dispute_events SET note = ?', HOSTILE)
    set('UPDATE whistles SET reason = ?', HOSTILE)
    set('UPDATE whistle_events SET note = ?', HOSTILE)
    set('UPDATE sites SET name = ?', HOSTILE)
    set('INSERT INTO inspections (site_id, at, result, mobile, off_site, note) VALUES (?, ?, ?, 0, 0, ?)', ids.site, Date.now(), 'rectify', HOSTILE)
    set('UPDATE inspections SET note = ?', HOSTILE)
    set('INSERT INTO site_warnings (site_id, raised_at, kind, message) VALUES (?, ?, ?, ?)', ids.site, Date.now(), 'complaint', HOSTILE)
    set('UPDATE site_warnings SET message = ?', HOSTILE)
    set("UPDATE users SET name = ? WHERE login = 'leader'", HOSTILE)
  } finally {
    db.close()
  }
}, 240_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** What the page made of the text: elements that could only come from parsing it, and whether its script ran. */
async function injected(page: Page, root: string) {
  // Give an <img src=x> that was made a moment to fail and fire its handler.
  await page.waitForTimeout(300)
  return page.evaluate((sel) => {
    const scope = document.querySelector(sel)
    return {
      found: scope !== null,
      imgs: document.querySelectorAll('img[src="x"], img[onerror]').length,
      bolds: Array.from(document.querySelectorAll('b')).filter((b) => b.textContent === 'bold').length,
      pwned: window.__pwned,
      text: scope?.textContent ?? '',
    }
  }, root)
}

const clean = { found: true, imgs: 0, bolds: 0, pwned: undefined }

test('the leader\'s detail drawer shows tags in record text as text, for every kind of record', async () => {
  const { page } = await openPage(browser, `${server.url}/`, { cookie })
  await waitForIdle(page, 60_000)
  for (const [kind, id] of Object.entries(ids)) {
    await page.goto(`${server.url}/?sel=${kind}:${id}`)
    await page.waitForSelector('[data-drawer] .timeline .step', { timeout: 30_000 })
    const seen = await injected(page, '[data-drawer]')
    expect(seen, kind).toMatchObject(clean)
    // Shown literally (or masked, where it is a name): the tag's own characters are on screen.
    expect(seen.text, kind).toContain(BOLD)
    expect(seen.text, kind).toContain('<img src=x onerror=')
  }
  // The header's user menu shows the (hostile) display name as text too.
  const menu = await injected(page, '[data-user]')
  expect(menu).toMatchObject(clean)
  expect(menu.text).toContain(BOLD)
  await closePages()
}, 180_000)

test('the wall and its ticker show none of it as markup', async () => {
  const { page } = await openPage(browser, `${server.url}/wall?token=${DEMO_WALL_TOKEN}`)
  await page.waitForSelector('.wall', { timeout: 30_000 })
  await page.waitForSelector(`.w-ticker [data-record="incident:${ids.incident}"]`, { timeout: 30_000 })
  expect(await injected(page, '.w-ticker')).toMatchObject(clean)
  expect(await injected(page, '.wall')).toMatchObject(clean)
  await closePages()
}, 120_000)

test('the grid card shows none of it as markup', async () => {
  const { page } = await openPage(browser, `${server.url}/?scope=${GRID}`, { cookie })
  await page.waitForSelector('[data-grid-card]', { timeout: 60_000 })
  await waitForIdle(page, 60_000)
  const seen = await injected(page, '[data-grid-card]')
  expect(seen).toMatchObject(clean)
  expect(seen.text).toMatch(/\*/) // the staff, masked by the server
  await closePages()
}, 120_000)
