// The briefings' API without a browser, on both engines: the stored list per role and scope, the download (bytes,
// name, audit row; outside the caller's area as missing), the render's refusals (422 future asOf, 400 range and
// language, 403 scope; 503 with Retry-After when the queue is full, 503 naming the install line without Chromium)
// storing nothing, and the print session's door: a ticket good once, a session that reads only the view's figures,
// GET only, and ends. The browser renders in test/e2e/briefing.test.ts.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Principal } from '../../api/auth/principal'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'

const OWN = '330329100'
const OTHER = '330329101'
const PDF = Buffer.from('%PDF-1.4\n% a stored briefing\n%%EOF\n')

const officer: Principal = {
  kind: 'token', id: 999, actor: 'officer-t', name: '测试乡镇', role: 'township', township: OWN, grids: [], department: null,
  reach: { level: 'township', township: OWN }, via: 'bearer',
}

describe('stored briefings: list and download', () => {
  let t: TestApp
  let ids: Record<'county' | 'own' | 'other', number>
  let townshipToken = ''
  beforeAll(async () => {
    t = await testApp()
    const put = (scope: string, minutes: number) => t.store.briefings.insert({
      scope, from: t.clock.now - 30 * 86_400_000, to: t.clock.now, asOf: t.clock.now, lang: 'zh', kind: 'scheduled',
      createdAt: t.clock.now - minutes * 60_000, createdBy: 'briefing-schedule', bytes: PDF,
    })
    ids = { county: await put('330329', 3), own: await put(OWN, 2), other: await put(OTHER, 1) }
    townshipToken = await t.token('township', { township: OWN })
  })
  afterAll(async () => await t.close())

  test('a leader lists every scope, newest first; a township officer their township\'s', async () => {
    const all = await t.json('/api/briefings')
    expect(all.status).toBe(200)
    expect(all.body.items.map((b: { id: number }) => b.id)).toEqual([ids.other, ids.own, ids.county])
    expect(all.body.items[2]).toEqual({
      id: ids.county, scope: '330329', from: new Date(t.clock.now - 30 * 86_400_000).toISOString(), to: new Date(t.clock.now).toISOString(),
      asOf: new Date(t.clock.now).toISOString(), lang: 'zh', kind: 'scheduled', createdAt: new Date(t.clock.now - 180_000).toISOString(),
      createdBy: 'briefing-schedule', size: PDF.length, href: `/api/briefings/${ids.county}.pdf`,
    })
    const own = await t.json('/api/briefings', {}, townshipToken)
    expect(own.body.items.map((b: { id: number }) => b.id)).toEqual([ids.own])
    expect((await t.json('/api/briefings?limit=1')).body.items).toHaveLength(1)
    expect((await t.json('/api/briefings?limit=0')).status).toBe(400)
  })

  test('the download: the stored bytes as an attachment, audited; another township\'s reads as missing', async () => {
    const res = await t.app.request(`/api/briefings/${ids.own}.pdf`, { headers: { Authorization: `Bearer ${townshipToken}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/pdf')
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="briefing-${OWN}-20261127.pdf"`)
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true)
    const audited = await t.store.audit.list({}, 20)
    expect(audited.some((e) => e.detail === `briefing.download scope=${OWN} bytes=${PDF.length}` && e.target === `/api/briefings/${ids.own}` && e.method === 'GET')).toBe(true)

    const foreign = await t.json(`/api/briefings/${ids.other}.pdf`, {}, townshipToken)
    const unknown = await t.json('/api/briefings/987654.pdf', {}, townshipToken)
    expect(foreign.status).toBe(404)
    expect(foreign.body).toEqual({ error: { code: 'not_found', message: `no briefing with id ${ids.other}` } })
    expect(unknown.body.error.code).toBe('not_found')
    for (const bad of [`${ids.own}`, `${ids.own}.PDF`, 'x.pdf', `${ids.own}.pdf.exe`]) expect((await t.json(`/api/briefings/${bad}`)).status, bad).toBe(404)
  })
})

describe('rendering: what is refused, and how, storing nothing', () => {
  let t: TestApp
  beforeAll(async () => { t = await testApp() })
  afterAll(async () => await t.close())

  test('the view is checked first: a future asOf 422, an asOf before the period 422, a long range or an unknown language 400, a foreign scope 403', async () => {
    const cases: [string, number, string, string?][] = [
      [`asOf=${new Date(t.clock.now + 60_000).toISOString()}`, 422, 'future_as_of'],
      ['from=2026-11-01&to=2026-11-20&asOf=2026-10-01', 422, 'as_of_before_period'],
      ['from=2025-01-01&to=2026-11-01', 400, 'invalid_range'],
      ['lang=fr', 400, 'invalid_lang'],
      ['asOf=yesterday', 400, 'invalid_date'],
      [`scope=${OTHER}`, 403, 'forbidden_scope', await t.token('township', { township: OWN })],
      ['scope=33032910000501', 422, 'unsupported_scope'],
    ]
    for (const [query, status, code, as] of cases) {
      const res = await t.json(`/api/briefings/render?${query}`, {}, as)
      expect(res.status, query).toBe(status)
      expect(res.body.error.code, query).toBe(code)
    }
    expect(await t.count('briefings')).toBe(0)
  })

  test('a process that serves no web pages cannot print: 503', async () => {
    const res = await t.json('/api/briefings/render')
    expect(res.status).toBe(503)
    expect(res.body.error.code).toBe('briefing_unavailable')
  })
})

describe('a full queue and a missing Chromium', () => {
  test('the queue set to nothing: 503 briefing_busy with Retry-After, audited with its status, nothing stored', async () => {
    const t = await testApp(undefined, { briefing: { concurrency: 0, waiting: 0 } })
    try {
      t.services.briefings.setOrigin('http://127.0.0.1:9')
      const res = await t.json('/api/briefings/render?from=2026-11-01&to=2026-11-27')
      expect(res.status).toBe(503)
      expect(res.body.error.code).toBe('briefing_busy')
      expect(res.body.error.message).toMatch(/busy \(0 rendering, 0 waiting\); try again in 30 s/)
      expect(res.headers.get('Retry-After')).toBe('30')
      expect(await t.count('briefings')).toBe(0)
      const audited = await t.store.audit.list({}, 5)
      expect(audited.some((e) => e.detail?.startsWith('briefing.render scope=330329 from=2026-10-31T16:00:00.000Z to=2026-11-26T16:00:00.000Z') && e.status === 503)).toBe(true)
    } finally {
      await t.close()
    }
  })

  test('no Chromium: 503 naming the packages to install', async () => {
    const t = await testApp(undefined, { briefing: { chromiumPath: '/nonexistent/chromium' } })
    try {
      t.services.briefings.setOrigin('http://127.0.0.1:9')
      const res = await t.json('/api/briefings/render')
      expect(res.status).toBe(503)
      expect(res.body.error).toEqual({ code: 'briefing_unavailable', message: expect.stringContaining('apt-get install chromium fonts-noto-cjk') })
      expect(await t.count('briefings')).toBe(0)
    } finally {
      await t.close()
    }
  })
})

describe('the print session', () => {
  let t: TestApp
  beforeAll(async () => { t = await testApp() })
  afterAll(async () => await t.close())
  const exchange = (ticket: string) => t.app.request(`/api/briefings/print-session?ticket=${encodeURIComponent(ticket)}`)
  const cookieOf = (res: Response) => /onemap_print=([^;]+)/.exec(res.headers.get('Set-Cookie') ?? '')?.[0] ?? null

  test('a ticket is good once: it sets the print cookie and lands on its own view; spent, unknown or late it is 404', async () => {
    const ticket = t.services.briefings.access.issue(officer, OWN, '/print/briefing?scope=330329100')
    const res = await exchange(ticket)
    expect(res.status).toBe(200)
    expect(await res.clone().json()).toEqual({ printPath: '/print/briefing?scope=330329100' })
    expect(res.headers.get('Set-Cookie')).toMatch(/^onemap_print=[\w-]{43}; Max-Age=300; Path=\/api; HttpOnly; SameSite=Strict$/)
    // A credential handed out: no cache may keep it, though the door is a public route.
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect((await exchange(ticket)).status).toBe(404)
    expect((await exchange('made-up')).status).toBe(404)
    const late = t.services.briefings.access.issue(officer, OWN, '/print/briefing')
    t.clock.now += 61_000
    expect((await exchange(late)).status).toBe(404)
  })

  test('the session reads the view\'s figures as the requester, and nothing else: no other scope, no record, no write; it ends', async () => {
    const res = await exchange(t.services.briefings.access.issue(officer, OWN, '/print/briefing'))
    const Cookie = cookieOf(res)!
    const get = (path: string, init: RequestInit = {}) => t.app.request(path, { ...init, headers: { Cookie, ...init.headers } })
    expect((await get(`/api/metrics/summary?scope=${OWN}`)).status).toBe(200)
    expect((await get(`/api/incidents?scope=${OWN}`)).status).toBe(200)
    expect((await get('/api/regions/townships')).status).toBe(200)
    // Outside the view's scope, a record's detail (with personal data), another kind of read, any write.
    for (const [path, init] of [
      [`/api/metrics/summary?scope=${OTHER}`, {}],
      ['/api/metrics/summary?scope=330329', {}],
      ['/api/incidents/1', {}],
      ['/api/briefings', {}],
      ['/api/auth/me', {}],
      ['/api/incidents', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }],
    ] as const) {
      const r = await get(path, init)
      expect(r.status, path).toBe(403)
      expect((await r.json() as { error: { code: string } }).error.code, path).toBe('print_read_only')
    }
    t.clock.now += 5 * 60_000 + 1
    expect((await get(`/api/metrics/summary?scope=${OWN}`)).status).toBe(401)
  })
})

describe('the daily schedule', () => {
  test('renders the due views once each, audited as the schedule; a failed render is audited with its status and stores nothing', async () => {
    const { startBriefingSchedule } = await import('../../api/briefings/schedule')
    const t = await testApp(undefined, { briefing: { concurrency: 0, waiting: 0 } })
    try {
      t.services.briefings.setOrigin('http://127.0.0.1:9')
      const errors: string[] = []
      // 2026-11-27 10:00 UTC+8 is past 08:00: the county's and two townships' views are due; the queue refuses each.
      const stop = startBriefingSchedule({ service: t.services.briefings, at: { hour: 8, minute: 0 }, townships: [OWN, OTHER], now: () => t.clock.now, onError: (scope) => errors.push(scope) })
      await expect.poll(() => errors.length).toBe(3)
      stop()
      expect(errors).toEqual(['330329', OWN, OTHER])
      expect(await t.count('briefings')).toBe(0)
      const audited = await t.store.audit.list({ actor: 'briefing-schedule' }, 10)
      expect(audited.map((e) => [e.status, e.detail?.split(' ')[1]])).toEqual([[503, `scope=${OTHER}`], [503, `scope=${OWN}`], [503, 'scope=330329']])
    } finally {
      await t.close()
    }
  })
})
