// What the API says about a supervised site: the stored row in the API's words, with the inspection clock
// (overdue) and the stage of the enforcement chain (检查 → 强制 → 处罚) derived from its latest inspection.
import type { SiteFeature, SiteInspection, SiteRecord, SiteWarning } from '../../domain/answers/site'
import type { InspectionResult, SiteClock, SiteGrade } from '../../domain/sites'
import { INSPECTION_RESULT_IDS, chainStageOf, isInspectionOverdue, isUrgentSite } from '../../domain/sites'
import type { InspectionRow, SiteRow, WarningRow } from '../store/sites'
import { recordFeature } from './record-feature'
import { freeText, iso, stepBy } from './record-view'

const clockOf = (row: SiteRow): SiteClock =>
  ({ grade: row.grade as SiteGrade, lastInspectionAt: row.lastInspectionAt, registeredAt: row.registeredAt })

/** Null before the first inspection, and for a result this server does not know (a newer import). */
function chainStage(result: string | null) {
  return INSPECTION_RESULT_IDS.includes(result as InspectionResult) ? chainStageOf(result as InspectionResult) : null
}

export function siteRecord(row: SiteRow, now: number): SiteRecord {
  return {
    id: row.id,
    category: row.category, name: row.name, grade: row.grade, department: row.department,
    point: [row.lng, row.lat] as [number, number],
    township: row.township, village: row.village, grid: row.grid,
    registeredAt: iso(row.registeredAt), lastInspectionAt: iso(row.lastInspectionAt),
    nextInspectionDue: iso(row.nextInspectionDue),
    overdue: isInspectionOverdue(clockOf(row), now),
    openWarnings: row.openWarnings,
    urgent: isUrgentSite(row.grade as SiteGrade, row.openWarnings),
    lastResult: row.lastResult,
    chainStage: chainStage(row.lastResult),
    updatedAt: iso(row.updatedAt),
    synthetic: row.synthetic === 1,
  }
}

/** A map feature: the point and what the layer styles and filters by. */
export function siteFeature(row: SiteRow, now: number): SiteFeature {
  return recordFeature(row.id, [row.lng, row.lat], {
    category: row.category, name: row.name, grade: row.grade, department: row.department,
    overdue: isInspectionOverdue(clockOf(row), now), openWarnings: row.openWarnings,
    urgent: isUrgentSite(row.grade as SiteGrade, row.openWarnings),
    chainStage: chainStage(row.lastResult), township: row.township, grid: row.grid,
    nextInspectionDue: iso(row.nextInspectionDue),
  })
}

export function inspectionView(i: InspectionRow, masked = false): SiteInspection {
  return {
    id: i.id, siteId: i.siteId, at: iso(i.at), result: i.result, stage: chainStage(i.result),
    mobile: i.mobile === 1, offSite: i.offSite === 1, note: freeText(i.note, masked), penaltyYuan: i.penaltyYuan,
    by: stepBy(i, masked),
  }
}

export function warningView(w: WarningRow, masked = false): SiteWarning {
  return {
    id: w.id, siteId: w.siteId, kind: w.kind, message: freeText(w.message, masked), raisedAt: iso(w.raisedAt), clearedAt: iso(w.clearedAt),
    open: w.clearedAt === null, by: stepBy(w, masked),
    clearedBy: stepBy({ actor: w.clearedBy, actorName: w.clearedByName, actorRole: w.clearedByRole }, masked),
  }
}
