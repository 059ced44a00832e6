// Supervised high-risk sites (重点监管对象): the five key fields of the provincial enforcement
// supervision platform. A site's risk grade sets how often it must be inspected (our choice:
// red 30, orange 60, yellow 90, blue 180 days), and an inspection may lead on along the chain
// 行政检查 → 行政强制 → 行政处罚.
import type { DepartmentId } from './departments'
import type { Label, Labelled } from './label'
import { labelled } from './label'
import type { Instant } from './time'
import { DAY, isPast, toMs } from './time'

export const SITE_CATEGORY_IDS = ['vaccine', 'drug', 'device', 'special-equipment', 'hazchem'] as const
export type SiteCategory = (typeof SITE_CATEGORY_IDS)[number]
type CategoryRow = Label & { readonly department: DepartmentId }
// Vaccines are stored and given at vaccination clinics, which the health bureau supervises; drugs,
// devices and special equipment are market supervision's; hazardous chemicals are emergency management's.
const CATEGORY_TABLE: Record<SiteCategory, CategoryRow> = {
  vaccine: { name: '疫苗', nameEn: 'Vaccines', department: 'health' },
  drug: { name: '药品', nameEn: 'Drugs', department: 'market' },
  device: { name: '医疗器械', nameEn: 'Medical devices', department: 'market' },
  'special-equipment': { name: '特种设备', nameEn: 'Special equipment', department: 'market' },
  hazchem: { name: '危险化学品', nameEn: 'Hazardous chemicals', department: 'emergency' },
}
export const SITE_CATEGORIES: readonly (CategoryRow & { readonly id: SiteCategory })[] = labelled(SITE_CATEGORY_IDS, CATEGORY_TABLE)

export function supervisingDepartment(category: SiteCategory): DepartmentId {
  return CATEGORY_TABLE[category].department
}

/** Highest risk first, the order of legends and sorting. */
export const SITE_GRADE_IDS = ['red', 'orange', 'yellow', 'blue'] as const
export type SiteGrade = (typeof SITE_GRADE_IDS)[number]
type GradeRow = Label & { readonly cadenceDays: number }
const GRADE_TABLE: Record<SiteGrade, GradeRow> = {
  red: { name: '红', nameEn: 'Red', cadenceDays: 30 },
  orange: { name: '橙', nameEn: 'Orange', cadenceDays: 60 },
  yellow: { name: '黄', nameEn: 'Yellow', cadenceDays: 90 },
  blue: { name: '蓝', nameEn: 'Blue', cadenceDays: 180 },
}
export const SITE_GRADES: readonly (GradeRow & { readonly id: SiteGrade })[] = labelled(SITE_GRADE_IDS, GRADE_TABLE)

export function inspectionCadenceMs(grade: SiteGrade): number {
  return GRADE_TABLE[grade].cadenceDays * DAY
}

export function nextInspectionDue(lastInspectionAt: Date | number, grade: SiteGrade): Instant {
  return toMs(lastInspectionAt) + inspectionCadenceMs(grade)
}

export type SiteClock = {
  readonly grade: SiteGrade
  readonly lastInspectionAt: Instant | null
  /** When the site joined the key-supervision list: the clock for a site never inspected. */
  readonly registeredAt: Instant
}

/** Due one cadence after the last inspection, or after registration if never inspected. */
export function siteInspectionDue(site: SiteClock): Instant {
  return nextInspectionDue(site.lastInspectionAt ?? site.registeredAt, site.grade)
}

/** Exactly at the due instant is not overdue; 1 ms after is. */
export function isInspectionOverdue(site: SiteClock, now: Instant): boolean {
  return isPast(siteInspectionDue(site), now)
}

export const INSPECTION_RESULT_IDS = ['pass', 'rectify', 'penalty'] as const
export type InspectionResult = (typeof INSPECTION_RESULT_IDS)[number]

/** The supervision chain of the article: 行政检查 → 行政强制 → 行政处罚. */
export const CHAIN_STAGE_IDS = ['inspection', 'enforcement', 'penalty'] as const
export type ChainStage = (typeof CHAIN_STAGE_IDS)[number]
const STAGE_TABLE: Record<ChainStage, Label> = {
  inspection: { name: '行政检查', nameEn: 'Inspection' },
  enforcement: { name: '行政强制', nameEn: 'Enforcement measures' },
  penalty: { name: '行政处罚', nameEn: 'Penalty' },
}
export const CHAIN_STAGES: readonly Labelled<ChainStage>[] = labelled(CHAIN_STAGE_IDS, STAGE_TABLE)

type ResultRow = Label & { readonly stage: ChainStage; readonly opensWarning: boolean }
// Any finding leaves a warning open on the site until a later inspection passes.
const RESULT_TABLE: Record<InspectionResult, ResultRow> = {
  pass: { name: '合格', nameEn: 'Passed', stage: 'inspection', opensWarning: false },
  rectify: { name: '责令整改', nameEn: 'Ordered to rectify', stage: 'enforcement', opensWarning: true },
  penalty: { name: '立案处罚', nameEn: 'Penalty case opened', stage: 'penalty', opensWarning: true },
}
export const INSPECTION_RESULTS: readonly (ResultRow & { readonly id: InspectionResult })[] = labelled(INSPECTION_RESULT_IDS, RESULT_TABLE)

/** How far along the chain an inspection with this result took the site. */
export function chainStageOf(result: InspectionResult): ChainStage {
  return RESULT_TABLE[result].stage
}

/**
 * Why a warning is open on a site. An inspection finding opens one of its own result's kind; the
 * others are raised by hand or by a device (cold-chain temperature, gas detector) and cleared by hand.
 */
export const SITE_WARNING_KIND_IDS = ['rectify', 'penalty', 'sensor', 'licence', 'complaint', 'other'] as const
export type SiteWarningKind = (typeof SITE_WARNING_KIND_IDS)[number]
const WARNING_TABLE: Record<SiteWarningKind, Label> = {
  rectify: { name: '责令整改', nameEn: 'Ordered to rectify' },
  penalty: { name: '立案处罚', nameEn: 'Penalty case open' },
  sensor: { name: '感知设备告警', nameEn: 'Sensor alarm' },
  licence: { name: '证照到期', nameEn: 'Licence or certificate expiring' },
  complaint: { name: '投诉举报', nameEn: 'Complaint' },
  other: { name: '其他', nameEn: 'Other' },
}
export const SITE_WARNING_KINDS: readonly Labelled<SiteWarningKind>[] = labelled(SITE_WARNING_KIND_IDS, WARNING_TABLE)

/** A red-grade site with a warning open is an urgent event: the command-centre wall calls attention to it. */
export function isUrgentSite(grade: SiteGrade, openWarnings: number): boolean {
  return grade === 'red' && openWarnings > 0
}
