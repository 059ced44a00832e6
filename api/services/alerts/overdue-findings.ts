// 超期积压: grids holding `minOverdue` or more overdue incidents, and townships whose overdue rate is well above the
// county's (domain/alerts/overdue-pile-up.ts). Overdue is the one rule the lists and tiles use (store/rule-sql.ts).
import { OVERDUE_PILE_UP_RULE, gridPileUp, townshipPileUp } from '../../../domain/alerts/overdue-pile-up'
import type { ParamValues } from '../../../domain/alerts/rule'
import { countyOf } from '../../../domain/regions'
import type { Store } from '../../store'
import type { Finding } from './finding'
import { EVIDENCE_IDS_MAX, subjectOf } from './finding'

const RULE = OVERDUE_PILE_UP_RULE.id

export async function overdueFindings(store: Store, now: number, params: ParamValues): Promise<Finding[]> {
  const overdue = await store.alertInputs.overdue(now)
  const byGrid = new Map<string, { township: string; ids: number[] }>()
  const byTownship = new Map<string, number[]>()
  for (const r of overdue) {
    const g = byGrid.get(r.grid) ?? { township: r.township, ids: [] }
    g.ids.push(r.id)
    byGrid.set(r.grid, g)
    byTownship.set(r.township, [...(byTownship.get(r.township) ?? []), r.id])
  }
  // Newest first: the ids ascend with time.
  const newest = (ids: number[]) => [...ids].reverse().slice(0, EVIDENCE_IDS_MAX)
  const findings: Finding[] = []
  for (const [grid, { township, ids }] of byGrid) {
    const level = gridPileUp(ids.length, params)
    if (level === null) continue
    findings.push({
      rule: RULE, subject: subjectOf(RULE, 'grid', grid), level, county: countyOf(township), township, grid, point: null,
      evidence: { recordKind: 'incident', recordIds: newest(ids), count: ids.length, observed: ids.length, expected: params.minOverdue! },
    })
  }
  const load = await store.alertInputs.townshipLoad(now)
  const county = load.reduce((a, t) => ({ open: a.open + Number(t.open), overdue: a.overdue + Number(t.overdue) }), { open: 0, overdue: 0 })
  for (const t of load) {
    const mine = { open: Number(t.open), overdue: Number(t.overdue) }
    const level = townshipPileUp(mine, county, params)
    if (level === null) continue
    const ids = byTownship.get(t.township) ?? []
    findings.push({
      rule: RULE, subject: subjectOf(RULE, 'township', t.township), level, county: countyOf(t.township), township: t.township, grid: null, point: null,
      evidence: {
        recordKind: 'incident', recordIds: newest(ids), count: mine.overdue,
        observed: rate(mine.overdue, mine.open), expected: rate(county.overdue, county.open),
      },
    })
  }
  return findings
}

const rate = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1e4) / 1e4)
