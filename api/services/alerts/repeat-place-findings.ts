// 一件事: reports of one category clustered within `radiusM` metres and `days` days in one township
// (domain/alerts/repeat-place.ts), at the first report's point. Every report of the last `days` days is read but
// those already in a case (merged, as of the evaluation's instant): a merged matter raises no candidate. The
// evidence lists the candidate's report ids, which the alert drawer offers to merge. The alert is kept under its
// first report, so a place found again as more reports join it is the same alert.
import type { ParamValues } from '../../../domain/alerts/rule'
import { REPEAT_PLACE_RULE, findRepeatPlaces } from '../../../domain/alerts/repeat-place'
import { countyOf } from '../../../domain/regions'
import { DAY } from '../../../domain/time'
import type { Store } from '../../store'
import type { Finding } from './finding'
import { EVIDENCE_IDS_MAX, subjectOf } from './finding'

const RULE = REPEAT_PLACE_RULE.id

export async function repeatPlaceFindings(store: Store, now: number, params: ParamValues): Promise<Finding[]> {
  const rows = await store.alertInputs.placedReports(now - params.days! * DAY, now + 1)
  const gridOf = new Map(rows.map((r) => [r.id, r.grid]))
  return findRepeatPlaces(rows.map((r) => ({ ...r, at: Number(r.at) })), params).map((place) => {
    const last = place.reports.at(-1)!
    return {
      rule: RULE, subject: subjectOf(RULE, place.anchor.id), level: place.level,
      county: countyOf(place.township), township: place.township, grid: gridOf.get(place.anchor.id) ?? null,
      point: [place.anchor.lng, place.anchor.lat],
      evidence: {
        recordKind: 'incident', recordIds: place.reports.map((r) => r.id).reverse().slice(0, EVIDENCE_IDS_MAX), count: place.reports.length,
        observed: place.reports.length, expected: params.minReports!, category: place.category, windowFrom: place.anchor.at, windowTo: last.at,
      },
    } satisfies Finding
  })
}
