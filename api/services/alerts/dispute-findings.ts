// 矛盾升级: open disputes escalated to county level, and open disputes between the same parties as an earlier one
// within `days` days (domain/alerts/dispute-escalation.ts), at the dispute's point. The parties are compared as
// stored (names and phones: personal data that never leaves in an alert; the evidence names dispute ids only).
import { DISPUTE_ESCALATION_RULE, escalationLevel, repeatBetweenParties } from '../../../domain/alerts/dispute-escalation'
import type { Party, PartiedDispute } from '../../../domain/alerts/dispute-escalation'
import type { ParamValues } from '../../../domain/alerts/rule'
import type { DisputeLevel, DisputeStatus } from '../../../domain/dispute'
import { OPEN_DISPUTE_STATUSES } from '../../../domain/dispute'
import { countyOf } from '../../../domain/regions'
import { DAY } from '../../../domain/time'
import type { Store } from '../../store'
import type { DisputeRow } from '../../store/alert-inputs'
import type { Finding } from './finding'
import { subjectOf } from './finding'

const RULE = DISPUTE_ESCALATION_RULE.id

function parties(json: string): Party[] {
  try {
    const list = JSON.parse(json) as unknown
    return Array.isArray(list) ? list.filter((p): p is Party => typeof p?.name === 'string') : []
  } catch {
    return []
  }
}

export async function disputeFindings(store: Store, now: number, params: ParamValues): Promise<Finding[]> {
  const span = params.days! * DAY
  // Open disputes, and the earlier ones they may repeat: accepted within two spans of now.
  const rows = await store.alertInputs.disputes(now - 2 * span)
  const partied = (r: DisputeRow): PartiedDispute => ({ id: r.id, reportedAt: Number(r.acceptedAt), parties: parties(r.parties), highRisk: r.risk === 'high' })
  const all = rows.map(partied)
  const place = (r: DisputeRow) => ({ county: countyOf(r.township), township: r.township, grid: r.grid, point: [r.lng, r.lat] as [number, number] })
  const findings: Finding[] = []
  for (const r of rows) {
    if (!OPEN_DISPUTE_STATUSES.includes(r.status as DisputeStatus)) continue
    const escalated = escalationLevel(r.level as DisputeLevel)
    if (escalated !== null) {
      findings.push({ rule: RULE, subject: subjectOf(RULE, 'county', r.id), level: escalated, ...place(r),
        evidence: { recordKind: 'dispute', recordIds: [r.id], count: 1 } })
    }
    const repeat = repeatBetweenParties(partied(r), all, params)
    if (repeat !== null) {
      const ids = [r.id, ...repeat.with.sort((a, b) => b - a)]
      findings.push({ rule: RULE, subject: subjectOf(RULE, 'repeat', r.id), level: repeat.level, ...place(r),
        evidence: { recordKind: 'dispute', recordIds: ids, count: ids.length, observed: ids.length } })
    }
  }
  return findings
}
