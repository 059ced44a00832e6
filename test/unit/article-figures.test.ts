import { describe, expect, it } from 'vitest'
import { ARTICLE_FIGURES, ARTICLE_FIGURE_ROWS, monthlyReportPlan } from '../../domain/article-figures'

describe('article figures', () => {
  it('monthly plan sums to 18,356 with November ÷ July rounding to 2.65', () => {
    const plan = monthlyReportPlan()
    expect(plan.map((m) => m.month)).toEqual(['2020-07', '2020-08', '2020-09', '2020-10', '2020-11'])
    expect(plan.reduce((s, m) => s + m.reports, 0)).toBe(ARTICLE_FIGURES.gridReports.total)
    const jul = plan[0]?.reports ?? 0
    const nov = plan[4]?.reports ?? 0
    expect(Math.round((nov / jul) * 100) / 100).toBe(2.65)
  })

  it('plan grows every month by 20–30 % ("近25%")', () => {
    const plan = monthlyReportPlan()
    for (let i = 1; i < plan.length; i++) {
      const growth = (plan[i]?.reports ?? 0) / (plan[i - 1]?.reports ?? 1) - 1
      expect(growth).toBeGreaterThan(0.2)
      expect(growth).toBeLessThan(0.3)
    }
  })

  it('the labelled rows agree with the constants', () => {
    const value = (nameEn: string) => ARTICLE_FIGURE_ROWS.find((r) => r.nameEn === nameEn)?.value
    expect(value('Grid reports, Jul–Nov 2020')).toBe(ARTICLE_FIGURES.gridReports.total)
    expect(value('Stationed staff in five domains')).toBe(ARTICLE_FIGURES.stationed.staff)
    expect(value('Items struck out')).toBe(ARTICLE_FIGURES.lists.struckOut)
    expect(value('Dispute centre resident staff')).toBe(ARTICLE_FIGURES.disputeCentre.residentStaff)
  })
})
