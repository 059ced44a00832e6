// 吹哨未响应: each call not signed for past its limit (at its township's seat), and each department that left
// `repeatCount` or more calls of the week unanswered (county-wide: no township's alone). domain/alerts/whistle-unanswered.ts.
import type { ParamValues } from '../../../domain/alerts/rule'
import { WHISTLE_UNANSWERED_RULE, departmentRepeats, unansweredLevel, wasUnanswered } from '../../../domain/alerts/whistle-unanswered'
import type { WhistleCall } from '../../../domain/alerts/whistle-unanswered'
import { COUNTY_CODE, countyOf } from '../../../domain/regions'
import { DAY } from '../../../domain/time'
import type { Store } from '../../store'
import type { Finding } from './finding'
import { EVIDENCE_IDS_MAX, subjectOf } from './finding'

const RULE = WHISTLE_UNANSWERED_RULE.id

export async function whistleFindings(store: Store, now: number, params: ParamValues, seatOf: (township: string) => [number, number] | null): Promise<Finding[]> {
  const rows = await store.alertInputs.whistleCalls(now, now - 7 * DAY)
  // A signature after `now` has not happened yet (a replay of a past instant).
  const signed = (at: number | null) => (at === null || Number(at) > now ? null : Number(at))
  const call = (r: (typeof rows)[number]): WhistleCall => ({ whistledAt: Number(r.whistledAt), acknowledgedAt: signed(r.acknowledgedAt), urgent: Number(r.urgent) === 1 })
  const findings: Finding[] = []
  const byDepartment = new Map<string, typeof rows>()
  for (const r of rows) {
    const level = unansweredLevel(call(r), now, params)
    if (level !== null) {
      findings.push({
        rule: RULE, subject: subjectOf(RULE, 'call', r.id), level, county: countyOf(r.township), township: r.township, grid: null,
        point: seatOf(r.township),
        evidence: { recordKind: 'whistle', recordIds: [r.id], count: 1, observed: Math.round((now - Number(r.whistledAt)) / 60_000), department: r.department },
      })
    }
    if (now - Number(r.whistledAt) <= 7 * DAY) byDepartment.set(r.department, [...(byDepartment.get(r.department) ?? []), r])
  }
  for (const [department, calls] of byDepartment) {
    if (!departmentRepeats(calls.map(call), now, params)) continue
    const late = calls.filter((r) => wasUnanswered(call(r), now)).map((r) => r.id).reverse()
    findings.push({
      rule: RULE, subject: subjectOf(RULE, 'department', department), level: 'orange', county: COUNTY_CODE, township: null, grid: null, point: null,
      evidence: { recordKind: 'whistle', recordIds: late.slice(0, EVIDENCE_IDS_MAX), count: late.length, observed: late.length, expected: params.repeatCount!, department, windowFrom: now - 7 * DAY, windowTo: now },
    })
  }
  return findings
}
