// Site risk (重点场所风险): a red- or orange-grade supervised site whose inspection has lapsed, or a site warning
// left unhandled past `warningLimitHours`. Levels: a red-grade site with a lapsed inspection is 红; an
// orange-grade one 橙; an unhandled warning takes its site's grade (红 for red, 橙 for orange, else 黄).
import type { SiteClock, SiteGrade } from '../sites'
import { isInspectionOverdue } from '../sites'
import type { Instant } from '../time'
import { HOUR } from '../time'
import type { AlertLevel, AlertRuleSpec, ParamValues } from './rule'
import { defaultParams } from './rule'

export const SITE_RISK_RULE = {
  id: 'site-risk', name: '重点场所风险', nameEn: 'Supervised site at risk',
  params: [
    { id: 'warningLimitHours', name: '预警处置时限', nameEn: 'A warning handled within', default: 72, min: 1, max: 720, integer: true, unit: 'hours' },
  ],
} as const satisfies AlertRuleSpec

const DEFAULTS = defaultParams(SITE_RISK_RULE)
const GRADE_LEVEL: Partial<Record<SiteGrade, AlertLevel>> = { red: 'red', orange: 'orange' }

/** A site's lapsed inspection: 红 or 橙 by its grade; null for lower grades or an inspection on time. */
export function lapsedInspection(site: SiteClock, now: Instant): AlertLevel | null {
  const level = GRADE_LEVEL[site.grade]
  return level !== undefined && isInspectionOverdue(site, now) ? level : null
}

/** An open site warning raised at `raisedAt`: its alert's level once past the limit, else null. */
export function unhandledWarning(grade: SiteGrade, raisedAt: Instant, now: Instant, given: ParamValues = {}): AlertLevel | null {
  const limit = { ...DEFAULTS, ...given }.warningLimitHours! * HOUR
  if (now - raisedAt <= limit) return null
  return GRADE_LEVEL[grade] ?? 'yellow'
}
