import { describe, expect, it } from 'vitest'
import { DEPARTMENT_IDS } from '../../domain/departments'
import {
  INSPECTION_RESULT_IDS,
  SITE_CATEGORIES,
  SITE_GRADE_IDS,
  chainStageOf,
  isInspectionOverdue,
  nextInspectionDue,
  siteInspectionDue,
  supervisingDepartment,
} from '../../domain/sites'

const D = 24 * 3600_000
const T0 = Date.UTC(2020, 6, 1)

describe('supervised sites', () => {
  it('has the five key fields of the article, each with a real department', () => {
    expect(SITE_CATEGORIES.map((c) => c.name)).toEqual(['疫苗', '药品', '医疗器械', '特种设备', '危险化学品'])
    expect(SITE_CATEGORIES.map((c) => supervisingDepartment(c.id))).toEqual(['health', 'market', 'market', 'market', 'emergency'])
    for (const c of SITE_CATEGORIES) expect(DEPARTMENT_IDS).toContain(c.department)
  })

  it.each([
    ['red', 30],
    ['orange', 60],
    ['yellow', 90],
    ['blue', 180],
  ] as const)('%s sites are due %d days after the last inspection; overdue 1 ms later', (grade, days) => {
    expect(nextInspectionDue(T0, grade)).toBe(T0 + days * D)
    const site = { grade, lastInspectionAt: T0, registeredAt: T0 - 400 * D }
    expect(isInspectionOverdue(site, T0 + days * D)).toBe(false)
    expect(isInspectionOverdue(site, T0 + days * D + 1)).toBe(true)
  })

  it('riskier grades are inspected more often', () => {
    const cadences = SITE_GRADE_IDS.map((g) => nextInspectionDue(0, g))
    expect([...cadences].sort((a, b) => a - b)).toEqual(cadences)
  })

  it('a site never inspected is due one cadence after it was registered', () => {
    const site = { grade: 'red' as const, lastInspectionAt: null, registeredAt: T0 }
    expect(siteInspectionDue(site)).toBe(T0 + 30 * D)
    expect(isInspectionOverdue(site, T0 + 30 * D + 1)).toBe(true)
  })

  it('follows the chain inspection → enforcement → penalty', () => {
    expect(INSPECTION_RESULT_IDS.map(chainStageOf)).toEqual(['inspection', 'enforcement', 'penalty'])
  })
})
