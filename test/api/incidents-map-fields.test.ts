// GET /api/incidents?fields=map: the map's lean list (web/src/api/map-data.ts asks for it). The same incidents as
// the list, with only id, status, overdue, severity and a deadline still ahead, in pages of up to 20,000 so a month of the county is one
// request: the demo's ~6,000 took two sequential requests at the list's cap of 5,000.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { LEAN_MAP_PAGE } from '../../api/http/page'
import { seedStore } from '../../api/seed/seed-store'
import { MAX_POINTS } from '../../web/src/api/map-data'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
  await seedStore(t.store, { preset: 'demo', now: T0, incidents: 6000 })
}, 120_000)
afterAll(async () => await t.close())

const range = `from=${new Date(T0 - 365 * 86_400_000).toISOString()}&to=${new Date(T0 + 3_600_000).toISOString()}`

test('the same incidents as the list, with only what the map draws', async () => {
  const full = await t.json(`/api/incidents?scope=330329&${range}&limit=5000`)
  const lean = await t.json(`/api/incidents?scope=330329&${range}&fields=map&limit=5000`)
  expect(lean.status).toBe(200)
  expect(lean.body.features.map((f: { id: number }) => f.id)).toEqual(full.body.features.map((f: { id: number }) => f.id))
  lean.body.features.forEach((f: Record<string, any>, i: number) => {
    const a = full.body.features[i]
    // The deadline only while it is ahead: what the map needs to turn the incident overdue when the time comes.
    const ahead = a.properties.dueAt !== null && !a.properties.overdue
    expect(f).toEqual({ type: 'Feature', id: a.id, geometry: a.geometry,
      properties: { id: a.id, severity: a.properties.severity, status: a.properties.status, overdue: a.properties.overdue, ...(ahead ? { dueAt: a.properties.dueAt } : {}) } })
  })
  expect(lean.body.features.some((f: { properties: { overdue: boolean } }) => f.properties.overdue)).toBe(true)
  const ahead = lean.body.features.filter((f: { properties: { dueAt?: string } }) => f.properties.dueAt)
  expect(ahead.length).toBeGreaterThan(0)
  expect(ahead.every((f: { properties: { dueAt: string } }) => Date.parse(f.properties.dueAt) > T0)).toBe(true)
})

test('pages of up to 20,000 (the list stops at 5,000; a larger limit is a 400) and the same filters', async () => {
  const count = (await t.json(`/api/tiles/incidents.json?scope=330329&${range}`)).body.count as number
  expect(count).toBeGreaterThan(5000)
  const lean = await t.json(`/api/incidents?scope=330329&${range}&fields=map&limit=20000`)
  expect(lean.body.features).toHaveLength(Math.min(count, 20_000))
  expect(lean.body.next).toBeNull()
  expect((await t.json(`/api/incidents?scope=330329&${range}&fields=map&limit=20001`)).status).toBe(400)
  expect((await t.json(`/api/incidents?scope=330329&${range}&limit=5000`)).body.features).toHaveLength(5000)
  expect((await t.json(`/api/incidents?scope=330329&${range}&limit=5001`)).status).toBe(400)
  const urgent = await t.json(`/api/incidents?scope=330329&${range}&fields=map&severity=urgent&limit=20000`)
  expect(urgent.body.features.length).toBeGreaterThan(0)
  expect(urgent.body.features.every((f: { properties: { severity: string } }) => f.properties.severity === 'urgent')).toBe(true)
})

test('any other fields value is a 400 that says what to send', async () => {
  const bad = await t.json('/api/incidents?fields=id,status')
  expect(bad.status).toBe(400)
  expect(bad.body.error.message).toMatch(/use fields=map/)
})

test("the lean page's cap is the web's MAX_POINTS: the map's one request is never cut short, nor larger than it draws", () => {
  expect(LEAN_MAP_PAGE.cap).toBe(MAX_POINTS)
})
