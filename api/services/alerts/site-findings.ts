// 重点场所风险: red- and orange-grade sites whose inspection has lapsed, and site warnings left open past the limit
// (domain/alerts/site-risk.ts), each at its site's point; the evidence names the site either way.
import type { ParamValues } from '../../../domain/alerts/rule'
import { SITE_RISK_RULE, lapsedInspection, unhandledWarning } from '../../../domain/alerts/site-risk'
import { countyOf } from '../../../domain/regions'
import type { SiteGrade } from '../../../domain/sites'
import { HOUR } from '../../../domain/time'
import type { Store } from '../../store'
import type { Finding } from './finding'
import { subjectOf } from './finding'

const RULE = SITE_RISK_RULE.id

export async function siteFindings(store: Store, now: number, params: ParamValues): Promise<Finding[]> {
  const findings: Finding[] = []
  for (const s of await store.alertInputs.lapsedSites(now, ['red', 'orange'])) {
    const level = lapsedInspection({ grade: s.grade as SiteGrade, lastInspectionAt: s.lastInspectionAt === null ? null : Number(s.lastInspectionAt), registeredAt: Number(s.registeredAt) }, now)
    if (level === null) continue
    findings.push({
      rule: RULE, subject: subjectOf(RULE, 'inspection', s.id), level, county: countyOf(s.township), township: s.township, grid: s.grid,
      point: [s.lng, s.lat],
      evidence: { recordKind: 'site', recordIds: [s.id], count: 1, observed: Math.round((now - Number(s.nextInspectionDue)) / HOUR), windowFrom: Number(s.nextInspectionDue), windowTo: now },
    })
  }
  for (const w of await store.alertInputs.openWarnings(now - params.warningLimitHours! * HOUR)) {
    const level = unhandledWarning(w.grade as SiteGrade, Number(w.raisedAt), now, params)
    if (level === null) continue
    findings.push({
      rule: RULE, subject: subjectOf(RULE, 'warning', w.id), level, county: countyOf(w.township), township: w.township, grid: w.grid,
      point: [w.lng, w.lat],
      evidence: { recordKind: 'site', recordIds: [w.siteId], count: 1, observed: Math.round((now - Number(w.raisedAt)) / HOUR), windowFrom: Number(w.raisedAt), windowTo: now },
    })
  }
  return findings
}
