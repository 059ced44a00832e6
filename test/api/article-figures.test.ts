// The article's figures (domain/article-figures.ts), read back through the API from a store seeded with the
// taishun-2020 preset: what a reader of the dashboard sees, on the run's engine. test/seed/taishun-2020.test.ts
// checks the same rows in SQL; here they must survive the store's queries, the formulas and the routes, and come
// out the same on SQLite and on PostgreSQL (this file runs in both projects, and the figures are exact).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedStore } from '../../api/seed/seed-store'
import { NANPUXI, TAISHUN_2020_EARLIEST_NOW, TAISHUN_2020_PERIOD } from '../../api/seed/presets/taishun-2020'
import { ARTICLE_FIGURES, monthlyReportPlan } from '../../domain/article-figures'
import { STATIONED_DOMAIN_IDS } from '../../domain/departments'
import { COUNTY_CODE } from '../../domain/regions'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'

const F = ARTICLE_FIGURES
/** A week into 2021: late-November work has been closed in December, as the preset requires. */
const NOW = TAISHUN_2020_EARLIEST_NOW + 7 * 86_400_000
const PERIOD = `from=${new Date(TAISHUN_2020_PERIOD.from).toISOString()}&to=${new Date(TAISHUN_2020_PERIOD.to).toISOString()}`

let t: TestApp
beforeAll(async () => {
  t = await testApp(NOW)
  await seedStore(t.store, { preset: 'taishun-2020', now: NOW })
}, 600_000)
afterAll(async () => await t?.close())

async function ok(path: string) {
  const res = await t.json(path)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}

describe('the article\'s figures through the API (taishun-2020)', () => {
  it('counts 18,356 grid reports in July–November 2020, all of them closed by now', async () => {
    const { metrics, from, to } = await ok(`/api/metrics/summary?${PERIOD}&asOf=${NOW}`)
    // July 1st to December 1st, local midnights (UTC+8).
    expect({ from, to }).toEqual({ from: '2020-06-30T16:00:00.000Z', to: '2020-11-30T16:00:00.000Z' })
    expect(metrics.reports).toBe(F.gridReports.total)
    expect(metrics.open).toBe(0)
    expect(metrics.overdue).toBe(0)
  })

  it('as of the period\'s end (the default), the late-November work still open then is open', async () => {
    const { metrics, now } = await ok(`/api/metrics/summary?${PERIOD}`)
    expect(now).toBe('2020-11-30T16:00:00.000Z')
    expect(metrics.reports).toBe(F.gridReports.total)
    // Recomputed from the history: each incident's last step at or before the end, open statuses.
    const open = await t.store.sql.get<{ n: number }>(`SELECT count(*) AS n FROM incidents i WHERE i.reported_at <= @end AND
      (SELECT e.to_status FROM incident_events e WHERE e.incident_id = i.id AND e.at <= @end ORDER BY e.at DESC, e.id DESC LIMIT 1)
      IN ('reported', 'accepted', 'dispatched', 'handling')`, { end: TAISHUN_2020_PERIOD.to })
    expect(metrics.open).toBe(Number(open!.n))
    expect(metrics.open).toBeGreaterThan(0)
  })

  it('grows by month as monthlyReportPlan(): November ÷ July = 2.65, about 25 % a month', async () => {
    const { points } = await ok(`/api/metrics/timeseries?metric=reports&interval=month&${PERIOD}`)
    expect(points).toEqual(monthlyReportPlan().map(({ month, reports }) => ({ t: `${month}-01T00:00:00+08:00`, value: reports })))
    const values = (points as { value: number }[]).map((p) => p.value)
    expect(values.reduce((a, b) => a + b, 0)).toBe(F.gridReports.total)
    expect(Math.round((values[4]! / values[0]!) * 100) / 100).toBe(F.gridReports.novOverJul)
    // "每月环比新增近25%" is approximate (ARTICLE_FIGURE_ROWS marks it so): the plan's steady rate is 2.65^¼ − 1 ≈ 27.6 %.
    for (let i = 1; i < values.length; i++) expect(Math.abs(values[i]! / values[i - 1]! - 1 - F.gridReports.monthOnMonthGrowth)).toBeLessThan(0.05)
  })

  it('has 287 stationed staff in the five domains, in every township', async () => {
    const { stationed } = await ok('/api/metrics/staffing')
    expect(stationed.total).toBe(F.stationed.staff)
    expect(stationed.domains).toEqual([...STATIONED_DOMAIN_IDS])
    expect(STATIONED_DOMAIN_IDS).toHaveLength(F.stationed.domains)
    expect(Object.values(stationed.byDomain as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(F.stationed.staff)
    expect(stationed.townships).toHaveLength(19)
    for (const town of stationed.townships as { total: number }[]) expect(town.total).toBeGreaterThan(0)
  })

  it('has 21 flexible posts in 12 townships, among them 罗阳镇, 泗溪镇 and 雅阳镇', async () => {
    const { flexiblePosts } = await ok('/api/metrics/staffing')
    expect(flexiblePosts.total).toBe(F.flexiblePosts.posts)
    expect(flexiblePosts.townshipCount).toBe(F.flexiblePosts.townships)
    expect(flexiblePosts.townships).toHaveLength(F.flexiblePosts.townships)
    const holders = (flexiblePosts.townships as { township: string }[]).map((p) => p.township)
    expect(holders).toEqual(expect.arrayContaining(['330329100', '330329104', '330329106']))
  })

  it('gives 南浦溪镇 26 joint enforcement calls and 130 livelihood calls', async () => {
    const { items } = await ok(`/api/metrics/breakdown?metric=whistles&by=type&scope=${NANPUXI}&${PERIOD}`)
    expect(items).toEqual([
      { key: 'livelihood', value: F.nanpuxi.livelihoodMatters },
      { key: 'joint-enforcement', value: F.nanpuxi.jointEnforcement },
    ])
  })

  it('handles 90 % of the period\'s inspections on mobile', async () => {
    const { metrics } = await ok(`/api/metrics/summary?${PERIOD}`)
    expect(metrics.mobileEnforcementRate).toBe(F.rates.mobilePenalty)
  })

  it('serves the article\'s other figures as the county\'s indicators for the period', async () => {
    const { indicators } = await ok(`/api/metrics/indicators?scope=${COUNTY_CODE}&${PERIOD}`)
    const period = { from: new Date(TAISHUN_2020_PERIOD.from).toISOString(), to: new Date(TAISHUN_2020_PERIOD.to).toISOString() }
    for (const row of indicators as { scope: string; period: unknown; source: string }[]) {
      expect(row).toMatchObject({ scope: COUNTY_CODE, period, source: 'article' })
    }
    expect(Object.fromEntries((indicators as { id: string; value: number }[]).map((r) => [r.id, r.value]))).toEqual({
      cadreMattersOnline: F.villageCadreOnlineReviews,
      onlineApplicationRate: F.rates.onlineAcceptance,
      mobilePenaltyRate: F.rates.mobilePenalty,
      disputeCentreStaff: F.disputeCentre.residentStaff,
      disputeCentrePlatforms: F.disputeCentre.platforms,
      disputeCentreRotatingUnits: F.disputeCentre.rotatingUnits,
      gentryMediators: F.gentry.mediators,
      gentryKeyProjects: F.gentry.keyProjects,
      projectsBroughtBack: F.gentry.projectsReturned,
      hqsReturned: F.gentry.hqsReturned,
      stationedAdjustments: F.stationed.adjustmentsConsulted,
      stationedMovedForPoorWork: F.stationed.movedForPoorWork,
      flexiblePostsMovedDown: F.flexiblePosts.postsMovedDown,
    })
  })

  it('lists the 82 items of the responsibility list under 17 lead departments', async () => {
    const { listItems } = await ok('/api/reference')
    expect(listItems).toHaveLength(F.lists.listItems)
    expect(new Set((listItems as { department: string }[]).map((i) => i.department)).size).toBe(F.lists.departments)
  })
})
