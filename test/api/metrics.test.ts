import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { METRIC_IDS } from '../../domain/metrics'
import { T0, testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertDispute, insertIncident, insertInspection, insertSite, insertWhistle } from '../support/fixtures'

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

// The scenario every expectation below is computed from by hand. Default period: [T0 − 30 days, T0].
beforeAll(() => {
  t = testApp()
  const s = t.store
  const inc = (name: string, f: Parameters<typeof insertIncident>[1]) => { ids[name] = insertIncident(s, f) }
  // 罗阳镇, village 005, grid A
  inc('todayReported', { reportedAt: T0 - 2 * HOUR }) // accept-by = T0 exactly: not yet overdue
  inc('criticalHandling', { reportedAt: M - 5 * DAY, status: 'handling', severity: 'critical' }) // overdue
  inc('resolved10h', { reportedAt: M - 3 * DAY, status: 'resolved', resolvedAt: M - 3 * DAY + 10 * HOUR })
  inc('archived30h', { reportedAt: M - 10 * DAY, status: 'archived', resolvedAt: M - 10 * DAY + 30 * HOUR, type: 'illegal-stacking' })
  inc('returned', { reportedAt: M - 2 * DAY, status: 'returned', type: 'penalty-evidence', source: 'department' })
  inc('oldOpen', { reportedAt: M - 40 * DAY, status: 'accepted', severity: 'urgent' }) // outside the period, open, overdue
  // 罗阳镇, village 005, grid B
  inc('acceptedB', { reportedAt: M - 1 * DAY, status: 'accepted', grid: GRIDS.luoyangB })
  // 罗阳镇, village 006
  inc('archived4h', { reportedAt: M - 4 * DAY, status: 'archived', resolvedAt: M - 4 * DAY + 4 * HOUR, grid: GRIDS.luoyangOtherVillage, source: 'hotline' })
  // 司前畲族镇
  inc('criticalToday', { reportedAt: T0 - HOUR, severity: 'critical', grid: GRIDS.siqian }) // accept-by T0 − 30 min: overdue
  inc('resolved2h', { reportedAt: M - 20 * DAY, status: 'resolved', resolvedAt: M - 20 * DAY + 2 * HOUR, grid: GRIDS.siqian, type: 'food-safety' })

  insertDispute(s, { acceptedAt: M - 3 * DAY, status: 'succeeded', level: 'village' })
  insertDispute(s, { acceptedAt: M - 6 * DAY, status: 'succeeded', level: 'township', type: 'land-forest' })
  insertDispute(s, { acceptedAt: M - 1 * DAY, status: 'failed', level: 'village', grid: GRIDS.luoyangB })
  insertDispute(s, { acceptedAt: M - 8 * DAY, status: 'litigation', level: 'county', grid: GRIDS.siqian })
  insertDispute(s, { acceptedAt: M - 2 * DAY, status: 'mediating', level: 'village', grid: GRIDS.siqian })
  insertDispute(s, { acceptedAt: M - 50 * DAY, status: 'succeeded', level: 'village' }) // outside the period

  const s1 = insertSite(s, { registeredAt: M - 100 * DAY, nextInspectionDue: T0 - HOUR, grade: 'red' }) // overdue
  const s2 = insertSite(s, { registeredAt: M - 100 * DAY, nextInspectionDue: T0 + 10 * DAY, grade: 'blue', grid: GRIDS.siqian })
  insertSite(s, { registeredAt: M - 100 * DAY, nextInspectionDue: T0, grade: 'orange', grid: GRIDS.luoyangOtherVillage }) // due exactly now
  insertSite(s, { registeredAt: T0 + DAY, nextInspectionDue: T0 + 31 * DAY }) // registered after now: not on the list yet
  insertInspection(s, { siteId: s1, at: M - 2 * DAY, mobile: true })
  insertInspection(s, { siteId: s1, at: M - 3 * DAY, mobile: false })
  insertInspection(s, { siteId: s2, at: M - 5 * DAY, mobile: true })
  insertInspection(s, { siteId: s1, at: M - 40 * DAY, mobile: true }) // outside

  insertWhistle(s, { whistledAt: M - 2 * DAY, acknowledgedAt: M - 2 * DAY + 10 * MIN, rating: 4, incidentId: ids.criticalHandling })
  insertWhistle(s, { whistledAt: M - 3 * DAY, acknowledgedAt: M - 3 * DAY + 30 * MIN, rating: 5, department: 'housing' })
  insertWhistle(s, { whistledAt: M - 4 * DAY, acknowledgedAt: M - 4 * DAY + 20 * MIN, township: SIQIAN, incidentId: ids.criticalToday })
  insertWhistle(s, { whistledAt: M - 1 * DAY, township: SIQIAN, kind: 'joint-enforcement' })
  insertWhistle(s, { whistledAt: M - 45 * DAY, acknowledgedAt: M - 45 * DAY + 5 * MIN }) // outside
})
afterAll(() => t.close())

const summary = async (query = '') => {
  const res = await t.json(`/api/metrics/summary${query}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.metrics as Record<string, number>
}

const COUNTY = {
  reports: 9, reportsToday: 2, reportsPer1000Households: 0.09, open: 5, overdue: 3, overdueRate: 0.6,
  resolved: 4, closureRate: 0.5, avgHandlingHours: 11.5, offListShare: 1 / 9,
  disputes: 5, disputeSuccessRate: 0.5, disputeVillageShare: 0.5,
  sites: 3, sitesOverdueInspection: 1, mobileEnforcementRate: 2 / 3,
  whistles: 4, whistleMedianAckMinutes: 20, whistleAvgRating: 4.5,
}

describe('summary', () => {
  test('every metric id of the county, exactly', async () => {
    const res = await t.json('/api/metrics/summary')
    expect(res.body).toMatchObject({ scope: '330329', from: new Date(T0 - 30 * DAY).toISOString(), to: new Date(T0).toISOString(), now: new Date(T0).toISOString() })
    expect(Object.keys(res.body.metrics).sort()).toEqual([...METRIC_IDS].sort())
    expect(res.body.metrics).toEqual(COUNTY)
  })

  test('a township: returned incidents leave closureRate\'s denominator; medians of an even count average the middle two', async () => {
    expect(await summary(`?scope=${LUOYANG}`)).toEqual({
      reports: 7, reportsToday: 1, reportsPer1000Households: expect.any(Number), open: 4, overdue: 2, overdueRate: 0.5,
      resolved: 3, closureRate: 0.5, avgHandlingHours: 14.67, offListShare: 1 / 7,
      disputes: 3, disputeSuccessRate: 2 / 3, disputeVillageShare: 0.5,
      sites: 2, sitesOverdueInspection: 1, mobileEnforcementRate: 0.5,
      whistles: 2, whistleMedianAckMinutes: 20, whistleAvgRating: 4.5,
    })
    expect(await summary(`?scope=${SIQIAN}`)).toEqual({
      reports: 2, reportsToday: 1, reportsPer1000Households: expect.any(Number), open: 1, overdue: 1, overdueRate: 1,
      resolved: 1, closureRate: 0.5, avgHandlingHours: 2, offListShare: 0,
      disputes: 2, disputeSuccessRate: 0, disputeVillageShare: 0,
      sites: 1, sitesOverdueInspection: 0, mobileEnforcementRate: 1,
      whistles: 2, whistleMedianAckMinutes: 20, whistleAvgRating: 0,
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
    const before = t.count('incidents')
    t.clock.now = T0 + 1 // todayReported's accept-by was exactly T0
    try {
      const m = await summary()
      expect([m.overdue, m.open, m.overdueRate]).toEqual([4, 5, 0.8])
      expect(m.sitesOverdueInspection).toBe(2) // the orange site was due at T0
    } finally { t.clock.now = T0 }
    expect(t.count('incidents')).toBe(before)
  })

  test('an empty scope or period reads zeros, never null', async () => {
    const empty = await summary('?scope=330329230&from=2026-01-01&to=2026-02-01')
    expect(Object.values(empty).every((v) => v === 0)).toBe(true)
    expect(Object.keys(empty)).toHaveLength(METRIC_IDS.length)
  })

  test('filter-bar filters apply to the incident metrics only', async () => {
    const m = await summary('?source=hotline')
    expect([m.reports, m.resolved, m.avgHandlingHours, m.open]).toEqual([1, 1, 4, 0])
    expect(m.disputes).toBe(COUNTY.disputes)
    const off = await summary('?onList=false')
    expect([off.reports, off.offListShare, off.closureRate]).toEqual([1, 1, 0])
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
    expect([rate.values[LUOYANG], rate.values[SIQIAN], rate.values['330329230']]).toEqual([0.5, 1, 0])
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
    ['an unknown metric', '/api/metrics/breakdown?metric=happiness&by=township', 422, 'unknown_metric', /reports, reportsToday, .*whistleAvgRating/],
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

describe('timeseries', () => {
  let ts: TestApp
  beforeAll(() => {
    ts = testApp()
    const at = (reportedAt: number, f: Partial<Parameters<typeof insertIncident>[1]> = {}) => insertIncident(ts.store, { reportedAt, ...f })
    at(M - DAY - 1) // 23:59:59.999 on the 25th, local
    at(M - DAY, { status: 'resolved', resolvedAt: M - DAY + 3 * HOUR }) // local midnight of the 26th
    at(M - 1, { status: 'returned', type: 'penalty-evidence' }) // the last instant of the 26th
    at(M + HOUR) // the 27th, 01:00
    at(Date.parse('2026-11-23T00:00:00+08:00') - 1) // Sunday 22nd, the week of the 16th
    at(Date.parse('2026-11-01T00:00:00+08:00')) // 1 November local = 31 October UTC
    at(Date.parse('2026-11-01T00:00:00+08:00') - 1) // the last instant of October, local
    insertDispute(ts.store, { acceptedAt: M - DAY + 5 * HOUR })
    insertWhistle(ts.store, { whistledAt: M - 1 })
  })
  afterAll(() => ts.close())

  const series = async (query: string) => {
    const res = await ts.json(`/api/metrics/timeseries?${query}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body as { metric: string; interval: string; scope: string; points: { t: string; value: number }[] }
  }
  const values = (s: { points: { value: number }[] }) => s.points.map((p) => p.value)

  test('day buckets start at local midnight (UTC+8) and are contiguous, empty days 0', async () => {
    const s = await series('metric=reports&interval=day&from=2026-11-22&to=2026-11-27')
    expect(s).toMatchObject({ metric: 'reports', interval: 'day', scope: '330329' })
    expect(s.points.map((p) => p.t)).toEqual(['22', '23', '24', '25', '26'].map((d) => `2026-11-${d}T00:00:00+08:00`))
    expect(values(s)).toEqual([1, 0, 0, 1, 2])
  })

  test('a range that is not day-aligned counts only its own part of the edge buckets', async () => {
    const s = await series(`metric=reports&interval=day&from=${new Date(M - DAY - 1).toISOString()}&to=${new Date(M + 2 * HOUR).toISOString()}`)
    expect(s.points.map((p) => p.t)).toEqual(['2026-11-25T00:00:00+08:00', '2026-11-26T00:00:00+08:00', '2026-11-27T00:00:00+08:00'])
    expect(values(s)).toEqual([1, 2, 1])
  })

  test('weeks start on Monday and months on the 1st, local time', async () => {
    const weeks = await series('metric=reports&interval=week&from=2026-11-09&to=2026-11-30')
    expect(weeks.points.map((p) => p.t)).toEqual(['2026-11-09T00:00:00+08:00', '2026-11-16T00:00:00+08:00', '2026-11-23T00:00:00+08:00'])
    expect(values(weeks)).toEqual([0, 1, 4])
    const months = await series('metric=reports&interval=month&from=2026-09-01&to=2026-12-01')
    expect(months.points.map((p) => p.t)).toEqual(['2026-09-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00'])
    expect(values(months)).toEqual([0, 1, 6])
  })

  test('rates and other entities per bucket', async () => {
    const q = 'interval=day&from=2026-11-25&to=2026-11-28'
    expect(values(await series(`metric=closureRate&${q}`))).toEqual([0, 1, 0]) // the 26th: 1 resolved of 2 − 1 returned
    expect(values(await series(`metric=avgHandlingHours&${q}`))).toEqual([0, 3, 0])
    expect(values(await series(`metric=resolved&${q}`))).toEqual([0, 1, 0])
    expect(values(await series(`metric=disputes&${q}`))).toEqual([0, 1, 0])
    expect(values(await series(`metric=whistles&${q}`))).toEqual([0, 1, 0])
  })

  test('by default a series shows 30 days, 12 weeks or 12 months up to now', async () => {
    const days = await series('metric=reports')
    expect(days.points).toHaveLength(30)
    expect(days.points.at(-1)).toEqual({ t: '2026-11-27T00:00:00+08:00', value: 1 })
    const months = await series('metric=reports&interval=month')
    expect(months.points).toHaveLength(12)
    expect(months.points[0]!.t).toBe('2025-12-01T00:00:00+08:00')
    expect((await series('metric=reports&interval=week')).points).toHaveLength(12)
  })

  test('the buckets of a series add up to the summary of the same period', async () => {
    const period = `from=2026-10-15&to=${new Date(T0).toISOString()}`
    const total = values(await series(`metric=reports&interval=day&${period}`)).reduce((a, b) => a + b, 0)
    const summary = await ts.json(`/api/metrics/summary?${period}`)
    expect(total).toBe(summary.body.metrics.reports)
    expect(total).toBe(7)
  })
})

describe('the day rollup', () => {
  let r: TestApp
  // mulberry32: a deterministic stream, so a failure reproduces.
  let seed = 7
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  const STATUSES = ['reported', 'accepted', 'dispatched', 'handling', 'resolved', 'archived', 'returned']

  beforeAll(async () => {
    r = testApp()
    for (let i = 0; i < 800; i++) {
      const status = pick(STATUSES)
      insertIncident(r.store, {
        reportedAt: T0 - Math.floor(rnd() * 70 * DAY), status, grid: pick(Object.values(GRIDS)),
        type: pick(['road-occupation', 'penalty-evidence', 'food-safety', 'illegal-stacking']),
        severity: pick(['normal', 'urgent', 'critical'] as const), source: pick(['patrol', 'hotline', 'app']),
      })
    }
    // Writes through the service as well: intake, a walk through the life cycle, a reopen (clears resolvedAt).
    const { body } = await r.post('/api/incidents', { type: 'road-occupation', point: { lng: 119.708034, lat: 27.559551 }, description: '测试', source: 'patrol', severity: 'urgent' })
    for (const action of ['accept', 'dispatch', 'start', 'resolve', 'reopen', 'resolve', 'verify']) {
      r.clock.now += HOUR
      expect((await r.post(`/api/incidents/${body.id}/transitions`, { action })).status).toBe(200)
    }
    r.clock.now = T0
    // And rows changed or removed behind the services' back.
    r.store.db.prepare(`UPDATE incidents SET status = 'archived', resolved_at = reported_at + 7200000 WHERE id % 7 = 0 AND status = 'handling'`).run()
    r.store.db.prepare(`UPDATE incidents SET township = '330329101', village = '330329101200', grid = '33032910120001', reported_at = reported_at - 3600000 WHERE id % 11 = 0`).run()
    r.store.db.prepare('DELETE FROM incidents WHERE id % 13 = 0 AND id NOT IN (SELECT incident_id FROM incident_events)').run()
  })
  afterAll(() => r.close())

  test('equals a GROUP BY over the raw rows after inserts, transitions, updates and deletes', () => {
    const rollup = r.store.db.prepare(`SELECT day, township, status, on_list, n, handled, handling_ms FROM incident_days
      WHERE n > 0 ORDER BY 1, 2, 3, 4`).all()
    const raw = r.store.db.prepare(`SELECT reported_at - (reported_at + 28800000) % 86400000 AS day, township, status, on_list,
      count(*) AS n, sum(resolved_at IS NOT NULL) AS handled, coalesce(sum(resolved_at - reported_at), 0) AS handling_ms
      FROM incidents GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`).all()
    expect(rollup.length).toBeGreaterThan(100)
    expect(rollup).toEqual(raw)
    expect(r.store.db.prepare('SELECT count(*) AS n FROM incident_days WHERE n < 0').get()).toEqual({ n: 0 })
  })

  // Naming every source makes the filter one the rollup cannot answer, so the same figures come from the raw rows.
  const RAW = '&source=patrol,hotline,app,camera,department'
  test.each([
    ['the default period', ''],
    ['whole local days', '&from=2026-10-01&to=2026-11-27'],
    ['ragged edges', `&from=${new Date(M - 33 * DAY + 5 * HOUR + 17).toISOString()}&to=${new Date(M - 2 * DAY - 7 * HOUR).toISOString()}`],
    ['less than a day', `&from=${new Date(M - 3 * DAY + HOUR).toISOString()}&to=${new Date(M - 3 * DAY + 20 * HOUR).toISOString()}`],
    ['a status filter', '&status=resolved,archived,returned&from=2026-10-01'],
  ])('gives the raw rows\' figures: %s', async (_name, query) => {
    for (const scope of ['330329', LUOYANG, SIQIAN]) {
      const viaRollup = await r.json(`/api/metrics/summary?scope=${scope}${query}`)
      const viaRaw = await r.json(`/api/metrics/summary?scope=${scope}${query}${RAW}`)
      expect(viaRollup.status).toBe(200)
      expect(viaRollup.body.metrics.reports).toBeGreaterThan(0)
      expect(viaRollup.body.metrics, scope).toEqual(viaRaw.body.metrics)
    }
    const series = async (extra: string) => (await r.json(`/api/metrics/timeseries?metric=closureRate&interval=week${query}${extra}`)).body.points
    expect(await series('')).toEqual(await series(RAW))
    const towns = async (extra: string) => (await r.json(`/api/metrics/choropleth?level=township&metric=avgHandlingHours${query}${extra}`)).body.values
    expect(await towns('')).toEqual(await towns(RAW))
  })

  test('the planner uses the covering and partial indexes', () => {
    const q = { scope: '330329', from: T0 - 30 * DAY, to: T0, now: T0, filter: {}, key: { kind: 'total' } as const }
    expect(r.store.metrics.explain('openIncidents', q).join()).toMatch(/COVERING INDEX incidents_open/)
    expect(r.store.metrics.explain('openIncidents', { ...q, scope: LUOYANG }).join()).toMatch(/COVERING INDEX incidents_open \(grid>\? AND grid<\?\)/)
    expect(r.store.metrics.explain('incidents', q).join()).toMatch(/COVERING INDEX incidents_metrics_time/)
    expect(r.store.metrics.explain('incidents', { ...q, scope: LUOYANG }).join()).toMatch(/COVERING INDEX incidents_metrics_township/)
    expect(r.store.metrics.explain('incidents', { ...q, filter: { category: ['market'] } }).join()).toMatch(/COVERING INDEX incidents_metrics_time/)
    const byGrid = /COVERING INDEX incidents_metrics_grid \(grid=\? AND reported_at>\? AND reported_at<\?\)/
    const grids = [GRIDS.luoyangA, GRIDS.luoyangB]
    expect(r.store.metrics.explain('incidents', { ...q, grids, key: { kind: 'dim', dim: 'grid' } }).join()).toMatch(byGrid)
    expect(r.store.metrics.explain('incidents', { ...q, scope: VILLAGE_005, grids }).join()).toMatch(byGrid)
  })
})

describe('the article\'s stored figures', () => {
  let f: TestApp
  beforeAll(() => {
    f = testApp()
    const staff = f.store.db.prepare('INSERT INTO stationed_staff (township, domain, staff) VALUES (?, ?, ?)')
    staff.run(LUOYANG, 'justice', 5); staff.run(LUOYANG, 'market', 7); staff.run(SIQIAN, 'housing', 3)
    const posts = f.store.db.prepare('INSERT INTO flexible_posts (township, posts) VALUES (?, ?)')
    posts.run(LUOYANG, 3); posts.run(SIQIAN, 2); posts.run('330329102', 0)
    const ind = f.store.db.prepare('INSERT INTO indicators (id, scope, period_from, period_to, value, source) VALUES (?, ?, ?, ?, ?, ?)')
    ind.run('online-acceptance', '330329', Date.parse('2020-01-01T00:00:00+08:00'), Date.parse('2020-12-01T00:00:00+08:00'), 0.8, '中国机构编制网 2020-12-04')
    ind.run('mobile-penalty', '330329', Date.parse('2020-01-01T00:00:00+08:00'), Date.parse('2020-12-01T00:00:00+08:00'), 0.9, '中国机构编制网 2020-12-04')
    ind.run('online-acceptance', LUOYANG, Date.parse('2021-01-01T00:00:00+08:00'), Date.parse('2021-02-01T00:00:00+08:00'), 0.85, 'synthetic')
  })
  afterAll(() => f.close())

  test('staffing: stationed staff per township × domain with totals, flexible posts per township', async () => {
    const { status, body } = await f.json('/api/metrics/staffing')
    expect(status).toBe(200)
    expect(body.stationed.domains).toEqual(['justice', 'natural-resources', 'market', 'housing', 'enforcement'])
    expect(body.stationed.townships).toHaveLength(19)
    expect(body.stationed.townships[0]).toEqual({
      township: LUOYANG, name: '罗阳镇', total: 12, byDomain: { justice: 5, 'natural-resources': 0, market: 7, housing: 0, enforcement: 0 },
    })
    expect(body.stationed.byDomain).toEqual({ justice: 5, 'natural-resources': 0, market: 7, housing: 3, enforcement: 0 })
    expect(body.stationed.total).toBe(15)
    expect(body.flexiblePosts).toEqual({
      townships: [{ township: LUOYANG, name: '罗阳镇', posts: 3 }, { township: SIQIAN, name: '司前畲族镇', posts: 2 }], total: 5, townshipCount: 2,
    })
  })

  test('indicators by scope and overlapping period', async () => {
    const all = await f.json('/api/metrics/indicators')
    expect(all.body.indicators).toHaveLength(3)
    expect(all.body.indicators[0]).toEqual({
      id: 'mobile-penalty', scope: '330329', value: 0.9, source: '中国机构编制网 2020-12-04',
      period: { from: '2019-12-31T16:00:00.000Z', to: '2020-11-30T16:00:00.000Z' },
    })
    const county2020 = await f.json('/api/metrics/indicators?scope=330329&from=2020-07-01&to=2020-12-01')
    expect(county2020.body.indicators.map((i: { id: string }) => i.id)).toEqual(['mobile-penalty', 'online-acceptance'])
    expect((await f.json('/api/metrics/indicators?from=2021-01-15')).body.indicators).toEqual([expect.objectContaining({ scope: LUOYANG, value: 0.85 })])
    expect((await f.json('/api/metrics/indicators?scope=330329999')).status).toBe(422)
  })
})
