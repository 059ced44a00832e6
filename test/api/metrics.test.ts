// GET /api/metrics/summary, breakdown and choropleth over one hand-computed scenario, and the validation errors.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SUMMARY_TTL_MS } from '../../api/services/metrics'
import { METRICS_WITH_BASIS, METRIC_IDS } from '../../domain/metrics'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertCallback, insertDispute, insertIncident, insertInspection, insertSite, insertWhistle } from '../support/fixtures'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const MIN = 60_000
/** Local midnight (UTC+8) of T0's day: T0 is 10:00 local on 27 November 2026. */
const M = Date.parse('2026-11-27T00:00:00+08:00')
const LUOYANG = '330329100'
const SIQIAN = '330329101'
const VILLAGE_005 = '330329100005'
const COUNTY_HOUSEHOLDS = 99_995

let t: TestApp
const ids: Record<string, number> = {}

// The scenario every expectation below is computed from by hand. Default period: 近30天, [M − 29 days, T0].
beforeAll(async () => {
  t = await testApp()
  const s = t.store
  const inc = async (name: string, f: Parameters<typeof insertIncident>[1]) => { ids[name] = await insertIncident(s, f) }
  // 罗阳镇, village 005, grid A
  await inc('todayReported', { reportedAt: T0 - 2 * HOUR }) // accept-by = T0 exactly: not yet overdue
  await inc('criticalHandling', { reportedAt: M - 5 * DAY, status: 'handling', severity: 'critical' }) // overdue
  await inc('resolved10h', { reportedAt: M - 3 * DAY, status: 'resolved', resolvedAt: M - 3 * DAY + 10 * HOUR })
  await inc('archived30h', { reportedAt: M - 10 * DAY, status: 'archived', resolvedAt: M - 10 * DAY + 30 * HOUR, type: 'illegal-stacking' })
  await inc('returned', { reportedAt: M - 2 * DAY, status: 'returned', type: 'penalty-evidence', source: 'department' })
  await inc('oldOpen', { reportedAt: M - 40 * DAY, status: 'accepted', severity: 'urgent' }) // outside the period, open, overdue
  // 罗阳镇, village 005, grid B
  await inc('acceptedB', { reportedAt: M - 1 * DAY, status: 'accepted', grid: GRIDS.luoyangB })
  // 罗阳镇, village 006
  await inc('archived4h', { reportedAt: M - 4 * DAY, status: 'archived', resolvedAt: M - 4 * DAY + 4 * HOUR, grid: GRIDS.luoyangOtherVillage, source: 'hotline' })
  // 司前畲族镇
  await inc('criticalToday', { reportedAt: T0 - HOUR, severity: 'critical', grid: GRIDS.siqian }) // accept-by T0 − 30 min: overdue
  await inc('resolved2h', { reportedAt: M - 20 * DAY, status: 'resolved', resolvedAt: M - 20 * DAY + 2 * HOUR, grid: GRIDS.siqian, type: 'food-safety' })

  await insertDispute(s, { acceptedAt: M - 3 * DAY, status: 'succeeded', level: 'village' })
  await insertDispute(s, { acceptedAt: M - 6 * DAY, status: 'succeeded', level: 'township', type: 'land-forest' })
  await insertDispute(s, { acceptedAt: M - 1 * DAY, status: 'failed', level: 'village', grid: GRIDS.luoyangB })
  await insertDispute(s, { acceptedAt: M - 8 * DAY, status: 'litigation', level: 'county', grid: GRIDS.siqian })
  await insertDispute(s, { acceptedAt: M - 2 * DAY, status: 'mediating', level: 'village', grid: GRIDS.siqian })
  await insertDispute(s, { acceptedAt: M - 50 * DAY, status: 'succeeded', level: 'village' }) // outside the period

  const s1 = await insertSite(s, { registeredAt: M - 100 * DAY, nextInspectionDue: T0 - HOUR, grade: 'red' }) // overdue
  const s2 = await insertSite(s, { registeredAt: M - 100 * DAY, nextInspectionDue: T0 + 10 * DAY, grade: 'blue', grid: GRIDS.siqian })
  await insertSite(s, { registeredAt: M - 100 * DAY, nextInspectionDue: T0, grade: 'orange', grid: GRIDS.luoyangOtherVillage }) // due exactly now
  await insertSite(s, { registeredAt: T0 + DAY, nextInspectionDue: T0 + 31 * DAY }) // registered after now: not on the list yet
  await insertInspection(s, { siteId: s1, at: M - 2 * DAY, mobile: true })
  await insertInspection(s, { siteId: s1, at: M - 3 * DAY, mobile: false })
  await insertInspection(s, { siteId: s2, at: M - 5 * DAY, mobile: true })
  await insertInspection(s, { siteId: s1, at: M - 40 * DAY, mobile: true }) // outside

  await insertWhistle(s, { whistledAt: M - 2 * DAY, acknowledgedAt: M - 2 * DAY + 10 * MIN, rating: 4, incidentId: ids.criticalHandling })
  await insertWhistle(s, { whistledAt: M - 3 * DAY, acknowledgedAt: M - 3 * DAY + 30 * MIN, rating: 5, department: 'housing' })
  await insertWhistle(s, { whistledAt: M - 4 * DAY, acknowledgedAt: M - 4 * DAY + 20 * MIN, township: SIQIAN, incidentId: ids.criticalToday })
  await insertWhistle(s, { whistledAt: M - 1 * DAY, township: SIQIAN, kind: 'joint-enforcement' })
  await insertWhistle(s, { whistledAt: M - 45 * DAY, acknowledgedAt: M - 45 * DAY + 5 * MIN }) // outside

  // 回访 of the two cases verified in the period (the fixture verifies an hour after resolving): one 满意, one 不满意.
  const verifiedAt = async (id: number) => (await s.incidents.get(id))!.verifiedAt!
  await insertCallback(s, { incidentId: ids.archived4h!, createdAt: await verifiedAt(ids.archived4h!), result: 'satisfied', doneAt: M - 3 * DAY })
  await insertCallback(s, { incidentId: ids.archived30h!, createdAt: await verifiedAt(ids.archived30h!), result: 'dissatisfied', doneAt: M - 8 * DAY })
})
afterAll(async () => await t.close())

const summary = async (query = '') => {
  const res = await t.json(`/api/metrics/summary${query}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.metrics as Record<string, number | null>
}

const COUNTY = {
  reports: 9, cases: 9, reportsToday: 2, reportsPer1000Households: 0.09, open: 5, overdue: 3, overdueRate: 0.6,
  resolved: 4, closureRate: 0.5, avgHandlingHours: 11.5, offListShare: 1 / 9,
  disputes: 5, disputeSuccessRate: 0.5, disputeVillageShare: 0.5,
  sites: 3, sitesOverdueInspection: 1, mobileEnforcementRate: 2 / 3,
  whistles: 4, whistleMedianAckMinutes: 20, whistleAvgRating: 4.5,
  callbackRate: 1, satisfactionRate: 0.5, redoRate: 0.5,
}

describe('summary', () => {
  test('every metric id of the county, exactly', async () => {
    const res = await t.json('/api/metrics/summary')
    expect(res.body).toMatchObject({ scope: '330329', from: new Date(M - 29 * DAY).toISOString(), to: new Date(T0).toISOString(), now: new Date(T0).toISOString() })
    expect(Object.keys(res.body.metrics).sort()).toEqual([...METRIC_IDS].sort())
    expect(res.body.metrics).toEqual(COUNTY)
  })

  test('a township: returned incidents leave closureRate\'s denominator; medians of an even count average the middle two', async () => {
    expect(await summary(`?scope=${LUOYANG}`)).toEqual({
      reports: 7, cases: 7, reportsToday: 1, reportsPer1000Households: expect.any(Number), open: 4, overdue: 2, overdueRate: 0.5,
      resolved: 3, closureRate: 0.5, avgHandlingHours: 14.67, offListShare: 1 / 7,
      disputes: 3, disputeSuccessRate: 2 / 3, disputeVillageShare: 0.5,
      sites: 2, sitesOverdueInspection: 1, mobileEnforcementRate: 0.5,
      whistles: 2, whistleMedianAckMinutes: 20, whistleAvgRating: 4.5,
      callbackRate: 1, satisfactionRate: 0.5, redoRate: 0.5,
    })
    expect(await summary(`?scope=${SIQIAN}`)).toEqual({
      reports: 2, cases: 2, reportsToday: 1, reportsPer1000Households: expect.any(Number), open: 1, overdue: 1, overdueRate: 1,
      resolved: 1, closureRate: 0.5, avgHandlingHours: 2, offListShare: 0,
      // The litigation concluded (as a failure), so the rate is 0; nothing settled, so no village share.
      disputes: 2, disputeSuccessRate: 0, disputeVillageShare: null,
      sites: 1, sitesOverdueInspection: 0, mobileEnforcementRate: 1,
      whistles: 2, whistleMedianAckMinutes: 20, whistleAvgRating: null,
      // Nothing verified or called back in 司前: no basis.
      callbackRate: null, satisfactionRate: null, redoRate: null,
    })
  })

  test('the county is the sum of its townships for every count', async () => {
    const county = await summary()
    const towns = await Promise.all([LUOYANG, SIQIAN].map((s) => summary(`?scope=${s}`)))
    for (const m of ['reports', 'reportsToday', 'open', 'overdue', 'resolved', 'disputes', 'sites', 'sitesOverdueInspection', 'whistles']) {
      expect(towns.reduce((a, x) => a + (x[m] ?? 0), 0), m).toBe(county[m])
    }
  })

  test('a grid ⊆ its village ⊆ its township, whistles by their linked incident', async () => {
    const town = await summary(`?scope=${LUOYANG}`)
    const village = await summary(`?scope=${VILLAGE_005}`)
    const gridA = await summary(`?scope=${GRIDS.luoyangA}`)
    const gridB = await summary(`?scope=${GRIDS.luoyangB}`)
    expect([gridA.reports, gridB.reports, village.reports, town.reports]).toEqual([5, 1, 6, 7])
    expect([gridA.open, gridB.open, village.open, town.open]).toEqual([3, 1, 4, 4])
    expect([gridA.disputes, gridB.disputes, village.disputes]).toEqual([2, 1, 3])
    expect([gridA.whistles, gridB.whistles, village.whistles, town.whistles]).toEqual([1, 0, 1, 2])
    expect([gridA.sites, village.sites, town.sites]).toEqual([1, 1, 2])
    for (const m of ['reports', 'open', 'overdue', 'resolved', 'disputes', 'sites', 'whistles']) {
      expect(gridA[m]! + gridB[m]!, m).toBeLessThanOrEqual(village[m]!)
      expect(village[m], m).toBeLessThanOrEqual(town[m]!)
    }
  })

  test('reportsPer1000Households divides by the households the geodata gives the scope', async () => {
    const county = await summary()
    expect(county.reportsPer1000Households).toBe(Math.round((9 / COUNTY_HOUSEHOLDS) * 1000 * 100) / 100)
    const grid = await summary(`?scope=${GRIDS.luoyangA}`)
    expect(grid.reportsPer1000Households).toBe(Math.round((5 / 995) * 1000 * 100) / 100) // grid A has 995 households
  })

  test('overdue is derived from the clock: moving it changes the figures with no write', async () => {
    const before = await t.count('incidents')
    // todayReported's accept-by was exactly T0. Past the summary memo's TTL: a summary computed for T0 may be
    // served for SUMMARY_TTL_MS after it (metrics-memo.test.ts), never longer.
    t.clock.now = T0 + SUMMARY_TTL_MS + 1
    try {
      const m = await summary()
      expect([m.overdue, m.open, m.overdueRate]).toEqual([4, 5, 0.8])
      expect(m.sitesOverdueInspection).toBe(2) // the orange site was due at T0
    } finally { t.clock.now = T0 }
    expect(await t.count('incidents')).toBe(before)
  })

  test('an empty scope or period: counts read 0, metrics over a basis (all of it empty) read null', async () => {
    const empty = await summary('?scope=330329230&from=2026-01-01&to=2026-02-01')
    expect(Object.keys(empty)).toHaveLength(METRIC_IDS.length)
    for (const m of METRIC_IDS) {
      // Households are the only basis an empty period keeps: the township still has them.
      const expected = m === 'reportsPer1000Households' ? 0 : (METRICS_WITH_BASIS as readonly string[]).includes(m) ? null : 0
      expect(empty[m], m).toBe(expected)
    }
  })

  test('two disputes both still in mediation: no success rate (null), not 0%', async () => {
    const fresh = await testApp()
    try {
      await insertDispute(fresh.store, { acceptedAt: M - 2 * DAY, status: 'mediating', level: 'village' })
      await insertDispute(fresh.store, { acceptedAt: M - 3 * DAY, status: 'mediating', level: 'township' })
      const res = await fresh.json('/api/metrics/summary')
      expect(res.status).toBe(200)
      expect(res.body.metrics).toMatchObject({ disputes: 2, disputeSuccessRate: null, disputeVillageShare: null, mobileEnforcementRate: null })
      const towns = await fresh.json('/api/metrics/choropleth?level=township&metric=closureRate')
      expect(towns.body.values[LUOYANG]).toBeNull()
    } finally { await fresh.close() }
  })

  test('filter-bar filters apply to the incident metrics only', async () => {
    const m = await summary('?source=hotline')
    expect([m.reports, m.resolved, m.avgHandlingHours, m.open]).toEqual([1, 1, 4, 0])
    expect(m.disputes).toBe(COUNTY.disputes)
    const off = await summary('?onList=false')
    expect([off.reports, off.offListShare, off.closureRate]).toEqual([1, 1, null]) // the one off-list report was returned: nothing to close
    const cat = await summary('?category=market&status=resolved,archived')
    expect([cat.reports, cat.resolved]).toEqual([1, 1])
  })

  test('an explicit range is [from, to): a report at `to` is left out', async () => {
    const m = await summary(`?from=${new Date(M - 5 * DAY).toISOString()}&to=${new Date(M - 3 * DAY).toISOString()}`)
    expect(m.reports).toBe(2) // criticalHandling (at from) and archived4h; resolved10h is at `to`
  })
})

describe('breakdown', () => {
  const breakdown = async (metric: string, by: string, query = '') => {
    const res = await t.json(`/api/metrics/breakdown?metric=${metric}&by=${by}${query}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ metric, by })
    return res.body.items as { key: string; value: number }[]
  }
  const total = (items: { value: number }[]) => items.reduce((a, i) => a + i.value, 0)

  test('every incident dimension partitions the summary\'s counts', async () => {
    for (const by of ['category', 'module', 'department', 'source', 'severity', 'status', 'type', 'township', 'village', 'grid']) {
      for (const metric of ['reports', 'resolved', 'open', 'overdue', 'reportsToday'] as const) {
        expect(total(await breakdown(metric, by)), `${metric} by ${by}`).toBe(COUNTY[metric])
      }
    }
  })

  test('items are sorted by value, largest first, with the formulas applied per group', async () => {
    expect(await breakdown('open', 'status')).toEqual([
      { key: 'accepted', value: 2 }, { key: 'reported', value: 2 }, { key: 'handling', value: 1 },
    ])
    expect(await breakdown('reports', 'township')).toEqual([{ key: LUOYANG, value: 7 }, { key: SIQIAN, value: 2 }])
    expect(await breakdown('avgHandlingHours', 'township')).toEqual([{ key: LUOYANG, value: 14.67 }, { key: SIQIAN, value: 2 }])
    expect(await breakdown('reports', 'grid', `&scope=${VILLAGE_005}`)).toEqual([{ key: GRIDS.luoyangA, value: 5 }, { key: GRIDS.luoyangB, value: 1 }])
  })

  test('disputes, sites, inspections and whistles by their own dimensions', async () => {
    expect(await breakdown('disputes', 'level')).toEqual([{ key: 'village', value: 3 }, { key: 'county', value: 1 }, { key: 'township', value: 1 }])
    expect(total(await breakdown('disputes', 'type'))).toBe(COUNTY.disputes)
    expect(await breakdown('sites', 'grade')).toEqual([{ key: 'blue', value: 1 }, { key: 'orange', value: 1 }, { key: 'red', value: 1 }])
    expect(await breakdown('mobileEnforcementRate', 'township')).toEqual([{ key: SIQIAN, value: 1 }, { key: LUOYANG, value: 0.5 }])
    expect(await breakdown('whistles', 'department')).toEqual([{ key: 'market', value: 3 }, { key: 'housing', value: 1 }])
    expect(total(await breakdown('whistles', 'type'))).toBe(COUNTY.whistles)
  })

  test('a dimension the metric\'s entity does not have is 422 naming the valid ones', async () => {
    const res = await t.json('/api/metrics/breakdown?metric=reports&by=level')
    expect(res.status).toBe(422)
    expect(res.body.error.message).toMatch(/category, module, department, source, severity, status, type, township, village, grid/)
    const whistles = await t.json('/api/metrics/breakdown?metric=whistles&by=grid')
    expect(whistles.status).toBe(422)
    expect(whistles.body.error.message).toMatch(/department, status, type, township/)
    expect((await t.json('/api/metrics/breakdown?metric=reports')).status).toBe(400)
  })
})

describe('two-way breakdown (then=)', () => {
  type Item = { key: string; value: number; split?: Record<string, number> }
  const get = async (q: string): Promise<Item[]> => {
    const res = await t.json(`/api/metrics/breakdown?${q}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body.items
  }

  test('sites by category, each split by grade, agree with both one-way breakdowns', async () => {
    const items = await get('metric=sites&by=category&then=grade')
    expect(items.map(({ key, value }) => ({ key, value }))).toEqual(await get('metric=sites&by=category'))
    const byGrade: Record<string, number> = {}
    for (const item of items) {
      expect(Object.values(item.split!).reduce((a, b) => a + b, 0), item.key).toBe(item.value)
      for (const [g, n] of Object.entries(item.split!)) byGrade[g] = (byGrade[g] ?? 0) + n
    }
    expect(byGrade).toEqual({ red: 1, blue: 1, orange: 1 })
  })

  test('reports by township split by category equal each township\'s own breakdown', async () => {
    const items = await get('metric=reports&by=township&then=category')
    expect(items.length).toBe(2)
    for (const item of items) {
      const own = await get(`metric=reports&by=category&scope=${item.key}`)
      expect(item.split, item.key).toEqual(Object.fromEntries(own.map((i) => [i.key, i.value])))
    }
  })

  test('a rate is computed per cell, not added up', async () => {
    const items = await get('metric=closureRate&by=township&then=source')
    expect(items.flatMap((i) => Object.keys(i.split!)).length).toBeGreaterThan(2)
    for (const item of items) {
      for (const [source, v] of Object.entries(item.split!)) {
        const own = await get(`metric=closureRate&by=source&scope=${item.key}`)
        expect(v, `${item.key} ${source}`).toBe(own.find((i) => i.key === source)!.value)
      }
    }
  })

  test.each([
    ['the same dimension twice', 'metric=sites&by=grade&then=grade', 'unknown_then', /category, department/],
    ['a region as the split', 'metric=reports&by=category&then=township', 'unknown_then', /module/],
    ['a dimension the entity lacks', 'metric=sites&by=category&then=severity', 'unknown_then', /grade/],
    ['a median', 'metric=whistleMedianAckMinutes&by=department&then=type', 'unsupported_split', /median/],
  ])('%s is 422', async (_name, q, code, message) => {
    const res = await t.json(`/api/metrics/breakdown?${q}`)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe(code)
    expect(res.body.error.message).toMatch(message)
  })
})

describe('choropleth', () => {
  const choropleth = async (query: string) => {
    const res = await t.json(`/api/metrics/choropleth?${query}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body as { level: string; metric: string; values: Record<string, number> }
  }
  const sum = (v: Record<string, number>) => Object.values(v).reduce((a, b) => a + b, 0)

  test('every township and every grid has a value, and counts add up to the county', async () => {
    const towns = await choropleth('level=township&metric=reports')
    expect(Object.keys(towns.values)).toHaveLength(19)
    expect(towns.values).toMatchObject({ [LUOYANG]: 7, [SIQIAN]: 2, '330329230': 0 })
    const grids = await choropleth('level=grid&metric=reports')
    expect(Object.keys(grids.values)).toHaveLength(721)
    for (const metric of ['reports', 'open', 'overdue', 'resolved', 'reportsToday', 'disputes', 'sites', 'sitesOverdueInspection'] as const) {
      expect(sum((await choropleth(`level=grid&metric=${metric}`)).values), metric).toBe(COUNTY[metric])
      expect(sum((await choropleth(`level=township&metric=${metric}`)).values), metric).toBe(COUNTY[metric])
    }
    expect(grids.values[GRIDS.luoyangA]).toBe(5)
  })

  test('a township restricts the grid level to its grids; ratios and rates per region', async () => {
    const res = await choropleth(`level=grid&metric=reports&township=${SIQIAN}`)
    expect(Object.keys(res.values).every((g) => g.startsWith(SIQIAN))).toBe(true)
    expect(Object.keys(res.values).length).toBeGreaterThan(1)
    expect(sum(res.values)).toBe(2)
    const per1000 = await choropleth('level=grid&metric=reportsPer1000Households')
    expect(per1000.values[GRIDS.luoyangA]).toBe(Math.round((5 / 995) * 1000 * 100) / 100)
    const rate = await choropleth('level=township&metric=overdueRate')
    expect([rate.values[LUOYANG], rate.values[SIQIAN], rate.values['330329230']]).toEqual([0.5, 1, null]) // nothing open: no rate
    // Whistles reach a grid only through their linked incident.
    expect((await choropleth('level=grid&metric=whistles')).values[GRIDS.luoyangA]).toBe(1)
  })

  test('bad level and unknown township are 422', async () => {
    const level = await t.json('/api/metrics/choropleth?level=village&metric=reports')
    expect(level.status).toBe(422)
    expect(level.body.error.message).toMatch(/township, grid/)
    expect((await t.json('/api/metrics/choropleth?level=grid&metric=reports&township=330329999')).status).toBe(422)
    expect((await t.json(`/api/metrics/choropleth?level=grid&metric=reports&township=${VILLAGE_005}`)).status).toBe(422)
  })
})

describe('validation', () => {
  test.each([
    ['an unknown metric', '/api/metrics/breakdown?metric=happiness&by=township', 422, 'unknown_metric', /reports, cases, reportsToday, .*whistleAvgRating/],
    ['a snapshot metric as a series', '/api/metrics/timeseries?metric=open', 422, 'unsupported_metric', /closureRate/],
    ['a missing metric', '/api/metrics/timeseries', 400, 'missing_parameter', /metric is required/],
    ['a bad interval', '/api/metrics/timeseries?metric=reports&interval=hour', 422, 'unknown_interval', /day, week, month/],
    ['an unknown dimension', '/api/metrics/breakdown?metric=reports&by=colour', 422, 'unknown_by', /category/],
    ['a malformed date', '/api/metrics/summary?from=27/11/2026', 400, 'invalid_date', /YYYY-MM-DD/],
    ['to before from', '/api/metrics/summary?from=2026-11-20&to=2026-11-10', 400, 'invalid_range', /after/],
    ['from after now with no to', '/api/metrics/summary?from=2027-01-01', 400, 'invalid_range', /empty/],
    ['too many buckets', '/api/metrics/timeseries?metric=reports&interval=day&from=2020-01-01&to=2026-01-01', 400, 'too_many_buckets', /more than 1000/],
    ['a malformed scope', '/api/metrics/summary?scope=abc', 400, 'invalid_scope', /township/],
    ['a scope that is no region', '/api/metrics/summary?scope=330329999', 422, 'unknown_region', /330329999/],
    ['an unknown filter value', '/api/metrics/summary?status=lost', 422, 'unknown_value', /reported/],
    ['a bad boolean', '/api/metrics/summary?onList=maybe', 400, 'bad_request', /true or false/],
  ])('%s is rejected', async (_name, path, status, code, message) => {
    const res = await t.json(path)
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    expect(res.body.error.code).toBe(code)
    expect(res.body.error.message).toMatch(message)
  })
})

describe('the default period', () => {
  // 近30天 as the web's time bar means it: the 30 local days ending today, from local midnight 29 days back, not
  // the 30×24 h up to this instant, so an API client without `from` counts what the dashboard counts.
  test('is the 30 whole local days ending today, as the web\'s 近30天', async () => {
    const own = await testApp()
    try {
      await insertIncident(own.store, { reportedAt: M - 29 * DAY }) // local midnight opening the period
      await insertIncident(own.store, { reportedAt: M - 29 * DAY - 1 }) // the last instant of the day before
      await insertIncident(own.store, { reportedAt: T0 - 30 * DAY + HOUR, grid: GRIDS.siqian }) // 30×24 h back, but the day before too
      const from = new Date(M - 29 * DAY).toISOString()
      const sum = await own.json('/api/metrics/summary')
      expect(sum.body).toMatchObject({ from, to: new Date(T0).toISOString() })
      expect(sum.body.metrics.reports).toBe(1)
      const towns = await own.json('/api/metrics/choropleth?level=township&metric=reports')
      expect(towns.body).toMatchObject({ from, values: { [LUOYANG]: 1, [SIQIAN]: 0 } })
      const byTown = await own.json('/api/metrics/breakdown?metric=reports&by=township')
      expect(byTown.body.from).toBe(from)
      expect(byTown.body.items.filter((i: { value: number }) => i.value > 0)).toEqual([{ key: LUOYANG, value: 1 }])
    } finally {
      await own.close()
    }
  })
})
