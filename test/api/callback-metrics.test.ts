// 回访率, 满意率 and 重办率 against a recomputation from the raw rows: many incidents verified at random times in
// several townships, call-back tasks drawn for some, answered (or not) at random. The summary of the county and of
// each township, a breakdown by township and by source, a filter and the choropleth all equal what the rows say.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { SATISFIED_RESULTS } from '../../domain/callback'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertCallback, insertIncident } from '../support/fixtures'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const FROM = T0 - 20 * DAY
const TO = T0 - 2 * DAY
const TOWNSHIPS = ['330329100', '330329101']

let t: TestApp
beforeAll(async () => {
  t = await testApp()
  let seed = 20261207
  const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31 }
  const grids = [GRIDS.luoyangA, GRIDS.luoyangB, GRIDS.luoyangOtherVillage, GRIDS.siqian]
  for (let n = 0; n < 120; n++) {
    const reportedAt = T0 - Math.floor(random() * 30 * DAY)
    const id = await insertIncident(t.store, {
      reportedAt, status: 'archived', resolvedAt: reportedAt + Math.floor(random() * 2 * DAY),
      grid: grids[Math.floor(random() * grids.length)], source: random() < 0.5 ? 'hotline' : 'patrol',
    })
    const row = (await t.store.incidents.get(id))!
    if (random() < 0.7) {
      const answered = random() < 0.8
      const roll = random()
      await insertCallback(t.store, {
        incidentId: id, township: row.township, createdAt: row.verifiedAt!,
        result: answered ? (roll < 0.6 ? 'satisfied' : roll < 0.85 ? 'basicallySatisfied' : 'dissatisfied') : null,
        doneAt: answered ? row.verifiedAt! + Math.floor(random() * 6 * DAY) : null,
      })
    }
  }
})
afterAll(async () => await t.close())

interface Raw { township: string; source: string; verifiedAt: number | null; taskAt: number | null; result: string | null; doneAt: number | null }

/** The three rates from the raw rows, for the rows `keep` admits. */
async function recompute(keep: (r: Raw) => boolean = () => true) {
  const incidents = (await t.store.sql.all<Raw & { id: number }>('SELECT id, township, source, verified_at AS "verifiedAt" FROM incidents')).filter(keep)
  const tasks = await t.store.sql.all<{ incidentId: number; createdAt: number; result: string | null; doneAt: number | null }>(
    'SELECT incident_id AS "incidentId", created_at AS "createdAt", result, done_at AS "doneAt" FROM callbacks')
  const byId = new Map(incidents.map((i) => [i.id, i]))
  const inRange = (x: number | null) => x !== null && x >= FROM && x < TO
  const mine = tasks.filter((c) => byId.has(c.incidentId))
  const verified = incidents.filter((i) => inRange(i.verifiedAt)).length
  const doneOfVerified = mine.filter((c) => inRange(c.createdAt) && c.result !== null).length
  const done = mine.filter((c) => c.result !== null && inRange(c.doneAt))
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b)
  return {
    callbackRate: ratio(doneOfVerified, verified),
    satisfactionRate: ratio(done.filter((c) => (SATISFIED_RESULTS as readonly string[]).includes(c.result!)).length, done.length),
    redoRate: ratio(done.filter((c) => c.result === 'dissatisfied').length, done.length),
  }
}

// As the rows stand now (asOf = the clock): left out, asOf would be the period's end, when the answers given
// since were not given yet (test/api/as-of.test.ts holds that reading).
const range = `from=${new Date(FROM).toISOString()}&to=${new Date(TO).toISOString()}&asOf=${T0}`
const close = (got: Record<string, number | null>, want: Record<string, number | null>) => {
  for (const [k, v] of Object.entries(want)) {
    if (v === null) expect(got[k], k).toBeNull()
    else expect(got[k], k).toBeCloseTo(v, 12)
  }
}

test('the summary of the county and of each township equals the recomputation', async () => {
  const county = (await t.json(`/api/metrics/summary?${range}`)).body.metrics
  const want = await recompute()
  expect(want.callbackRate).not.toBeNull()
  close(county, want)
  for (const township of TOWNSHIPS) {
    close((await t.json(`/api/metrics/summary?scope=${township}&${range}`)).body.metrics, await recompute((r) => r.township === township))
  }
})

test('a filter narrows numerator and basis alike; breakdowns and the choropleth agree with the rows', async () => {
  close((await t.json(`/api/metrics/summary?source=hotline&${range}`)).body.metrics, await recompute((r) => r.source === 'hotline'))
  for (const metric of ['callbackRate', 'satisfactionRate', 'redoRate'] as const) {
    const bySource = (await t.json(`/api/metrics/breakdown?metric=${metric}&by=source&${range}`)).body.items as { key: string; value: number | null }[]
    for (const item of bySource) close({ [metric]: item.value }, { [metric]: (await recompute((r) => r.source === item.key))[metric] })
    const choropleth = (await t.json(`/api/metrics/choropleth?level=township&metric=${metric}&${range}`)).body.values as Record<string, number | null>
    for (const township of TOWNSHIPS) close({ [metric]: choropleth[township]! }, { [metric]: (await recompute((r) => r.township === township))[metric] })
  }
})

test('a time series has a point per bucket', async () => {
  const res = await t.json(`/api/metrics/timeseries?metric=satisfactionRate&interval=week&${range}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  expect(res.body.points.length).toBeGreaterThan(1)
})
