// `asOf=` with hostile values on every route that takes it: a 4xx with an error code and a message saying what to
// send (never a 500), and nothing stored. Far past instants are answerable (nothing existed yet): 200.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { T0, testApp } from '../../support/app'
import type { TestApp } from '../../support/app'

let t: TestApp
beforeAll(async () => { t = await testApp() })
afterAll(async () => await t.close())

const ROUTES = ['/api/metrics/summary', '/api/metrics/choropleth?metric=reports', '/api/metrics/timeseries?metric=reports',
  '/api/metrics/breakdown?metric=reports&by=status', '/api/incidents', '/api/disputes', '/api/sites']
const HOSTILE: [string, number][] = [
  ['yesterday', 400], ['2026-13-01', 400], ['2026-02-30', 400], ['NaN', 400], ['-1', 400], ['1e999', 400], ['%00', 400],
  ['%27%3B%20DROP%20TABLE%20incidents%3B--', 400], [`${'9'.repeat(5000)}`, 400], ['__proto__', 400], ['2026-11-27T02:00:00', 400],
  ['2099-01-01', 422], [String(T0 + 1), 422], ['999999999999999', 422], ['2026-11-27T10:00:00.001%2B08:00', 422],
]

test('every hostile asOf is a 4xx naming the problem, and the tables are untouched', async () => {
  const before = await t.count('incidents')
  const wrong: string[] = []
  for (const route of ROUTES) {
    for (const [value, expected] of HOSTILE) {
      const { status, body } = await t.json(`${route}${route.includes('?') ? '&' : '?'}asOf=${value}`)
      if (status !== expected || typeof body?.error?.code !== 'string' || !(body.error.message.length > 10)) {
        wrong.push(`${route} asOf=${value.slice(0, 40)}: ${status} ${JSON.stringify(body).slice(0, 200)}`)
      }
    }
  }
  expect(wrong).toEqual([])
  expect(await t.count('incidents')).toBe(before)
})

test('an instant before any record is answerable: nothing existed yet', async () => {
  for (const route of ROUTES) {
    for (const value of ['0', '1970-01-01', '2000-01-01T00:00:00Z']) {
      const { status } = await t.json(`${route}${route.includes('?') ? '&' : '?'}asOf=${value}`)
      expect(status, `${route} asOf=${value}`).toBe(200)
    }
  }
})
