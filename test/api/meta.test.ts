import { afterAll, beforeAll, expect, test } from 'vitest'
import { METRIC_IDS } from '../../domain/metrics'
import { calendarWarning } from '../../domain/working-days'
import { ROUTES } from '../../api/auth/policy'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => await t.close())

test('health answers with the time and the newest event id', async () => {
  const res = await t.json('/api/health')
  expect(res.status).toBe(200)
  expect(res.body).toMatchObject({ status: 'ok', lastEventId: expect.any(Number) })
})

test('health says when limits in working days run into a year without published holidays, as the server does at start', async () => {
  // T0, 27 Nov 2026: the 2026 notice covers the year and December is not near yet.
  expect((await t.json('/api/health')).body.calendarWarning).toBeNull()
  const saved = t.clock.now
  try {
    // 7 Dec 2026: a limit set now may run into 2027, which has no notice in the calendar.
    t.clock.now = Date.parse('2026-12-07T10:00:00+08:00')
    const { body } = await t.json('/api/health')
    expect(body.calendarWarning).toBe(calendarWarning(t.clock.now))
    expect(body.calendarWarning).toMatch(/for 2027 .*weekends only/)
  } finally {
    t.clock.now = saved
  }
})

test('the reference describes incident limits: acceptance on the clock, resolution in working days', async () => {
  const { body } = await t.json('/api/reference')
  expect(body.incident.sla).toEqual({
    normal: { acceptMs: 2 * 3_600_000, resolve: { workingDays: 7 } },
    urgent: { acceptMs: 3_600_000, resolve: { workingDays: 3 } },
    critical: { acceptMs: 30 * 60_000, resolve: { workingDays: 1 } },
  })
  expect(body.calendar.working).toContain('2026-10-10')
})

test('reference lists carry Chinese and English labels and every metric', async () => {
  const { body } = await t.json('/api/reference')
  expect(body.departments).toHaveLength(17)
  expect(body.listItems).toHaveLength(82)
  expect(body.metrics.map((m: { id: string }) => m.id)).toEqual([...METRIC_IDS])
  expect(body.incidentTypes.length).toBeGreaterThanOrEqual(60)
})

test('the OpenAPI 3.1 document lists every route the app serves and the request bodies it validates', async () => {
  const { body } = await t.json('/api/openapi.json')
  expect(body.openapi).toBe('3.1.0')
  for (const path of ['/api/incidents', '/api/incidents/{id}/transitions', '/api/disputes', '/api/whistles', '/api/sites/{id}/inspections', '/api/metrics/summary', '/api/metrics/choropleth', '/api/stream', '/api/regions/grids']) {
    expect(body.paths[path], path).toBeDefined()
  }
  const incidentBody = body.paths['/api/incidents'].post.requestBody.content['application/json'].schema
  expect(incidentBody.required).toEqual(expect.arrayContaining(['type', 'point', 'description', 'source']))
})

test('every documented GET path without parameters is served (the document does not promise routes that do not exist)', async () => {
  const { body } = await t.json('/api/openapi.json')
  const paths = Object.keys(body.paths).filter((p) => !p.includes('{') && body.paths[p].get && p !== '/api/stream')
  for (const path of paths) {
    const res = await t.app.request(path.includes('metrics/') && !path.endsWith('summary') ? `${path}?metric=reports&level=township&by=township` : path, { headers: t.auth })
    const text = await res.text()
    expect(text, path).not.toMatch(/no API route/)
    // A briefing renders in the server that serves the web pages (npm start), not in an app built for a test.
    if (path === '/api/briefings/render') { expect(res.status, text).toBe(503); continue }
    expect(res.status, `${path}: ${text.slice(0, 200)}`).toBeLessThan(500)
  }
})

test('the OpenAPI document and the policy table (api/auth/policy.ts) list the same routes, and mark the same ones public', async () => {
  const { body } = await t.json('/api/openapi.json')
  // An operation whose credential is a body field (Open311's api_key) says so in x-credential: it is not public.
  const documented = Object.entries(body.paths as Record<string, Record<string, { security?: unknown[]; 'x-credential'?: string }>>)
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, open: Array.isArray(op.security) && op.security.length === 0 && !op['x-credential'] })))
  // Parameters by position only (the policy's :file is the document's {y}.mvt).
  const norm = (p: string) => p.replace(/:\w+(\.\w+)?/g, ':x')
  // The feature service (/ogc) has its own OpenAPI document at /ogc/api (test/api/ogc.test.ts holds it to the table).
  const policy = new Map(ROUTES.filter((r) => !r.path.startsWith('/ogc')).map((r) => [`${r.method} ${norm(r.path)}`, r.access === 'public']))
  const doc = new Map(documented.map((d) => [norm(d.key), d.open]))
  expect([...doc.keys()].filter((k) => !policy.has(k)), 'documented, not in the policy table').toEqual([])
  expect([...policy.keys()].filter((k) => !doc.has(k)), 'in the policy table, not documented').toEqual([])
  expect([...policy].filter(([k, open]) => doc.get(k) !== open).map(([k, open]) => `${k}: policy ${open ? 'public' : 'signed-in'}`)).toEqual([])
})
