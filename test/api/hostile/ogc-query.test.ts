// The feature service (/ogc) with hostile query strings: every one a 4xx OGC exception ({ code, description } saying
// what to send), never a 500 and never a 200 with features the caller may not see; the tables untouched.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testApp } from '../../support/app'
import type { TestApp } from '../../support/app'
import { GRIDS, insertIncident } from '../../support/fixtures'

let t: TestApp
let officer: string
beforeAll(async () => {
  t = await testApp()
  officer = await t.token('township', { township: '330329100' })
  await insertIncident(t.store, { reportedAt: t.clock.now - 3_600_000, grid: GRIDS.siqian })
})
afterAll(async () => await t.close())

const HOSTILE: string[] = [
  'bbox=%00', 'bbox=1e999,0,0,0', 'bbox=NaN,NaN,NaN,NaN', 'bbox=,,,', 'bbox=119,27,120,28,1', `bbox=${'1,'.repeat(5000)}1`,
  'bbox-crs=__proto__', 'crs=constructor', 'crs=%27%3B%20DROP%20TABLE%20incidents%3B--', `crs=${'x'.repeat(5000)}`,
  'datetime=%00', 'datetime=../..%00', 'datetime=2026-01-01T00:00:00Z/2026-01-01T00:00:00Z/..', 'datetime=-1', 'datetime=1e999', 'datetime=9999-99-99',
  'limit=1e3', 'limit=%20', 'limit=99999999999', 'limit=0x10', 'cursor=%00', 'cursor=MTIzNDU2Nzg5MDEyMzQ1Njc4OTAuMQ', 'cursor=LTEuLTE',
  'f=%00', 'f=JSON', 'f=geojson', 'status=reported%00', "status=reported'%20OR%201=1--", 'township=330329100%00', 'grid=33032910000501%27',
  'scope=330329&township=330329101&grid=33032910000501', 'overdue=maybe', 'onList=2',
]

test('every hostile query on items is a 4xx OGC exception naming the problem, and the tables are untouched', async () => {
  const before = await t.count('incidents')
  const wrong: string[] = []
  for (const q of HOSTILE) {
    for (const path of ['/ogc/collections/incidents/items', '/ogc/collections/townships/items']) {
      const { status, body } = await t.json(`${path}?${q}`)
      // A filter the boundaries do not take (status, overdue …) is ignored there, as OGC lets a server ignore unknown parameters.
      if (status === 200 && path.includes('townships')) continue
      if (status < 400 || status >= 500 || typeof body?.code !== 'string' || !(body.description?.length > 10)) {
        wrong.push(`${path}?${q.slice(0, 60)}: ${status} ${JSON.stringify(body).slice(0, 200)}`)
      }
    }
  }
  expect(wrong).toEqual([])
  expect(await t.count('incidents')).toBe(before)
})

test('a township officer probing for other townships gets a 403 or its own features, never another township\'s', async () => {
  for (const q of ['township=330329101', 'scope=330329', `grid=${GRIDS.siqian}`, 'scope=330329100&township=330329101', 'village=330329101200']) {
    const { status, body } = await t.json(`/ogc/collections/incidents/items?${q}`, {}, officer)
    if (status === 200) expect((body.features as { properties: { township: string } }[]).every((f) => f.properties.township === '330329100'), q).toBe(true)
    else expect([400, 403], `${q}: ${status} ${JSON.stringify(body)}`).toContain(status)
  }
  const { body } = await t.json('/ogc/collections/incidents/items?limit=10000', {}, officer)
  expect(body.features).toEqual([])
})
