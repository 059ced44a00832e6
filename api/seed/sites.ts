// Supervised high-risk sites (重点监管对象) in the five key fields, with their inspections and warnings. A site's
// last inspection and next due date are derived from its inspections, and warnings from their results (each
// finding opens one, the next pass clears them), so the three tables can never disagree.
import type { SiteCategory, SiteGrade } from '../../domain/sites'
import { SITE_CATEGORY_IDS, siteInspectionDue, supervisingDepartment } from '../../domain/sites'
import { DAY, HOUR } from '../../domain/time'
import type { Window } from '../../domain/calendar'
import { countyOf } from '../../domain/regions'
import type { SeedContext } from './context'
import type { Place } from './grid-sampler'
import { Weighted } from './random'
import type { PlannedInspection } from './site-schedule'
import { inspectionSchedule } from './site-schedule'
import { exactMobileShare } from './site-mobile'
import { siteName } from './site-names'
import { annotate, monitoringWarnings } from './site-warnings'
import type { SiteWarning } from './site-warnings'

export interface SitePlan {
  readonly counts: Readonly<Record<SiteCategory, number>>
  readonly historyFrom: number
  readonly horizon: number
  readonly overdueShare: number
  readonly mobileShare: number
  /** Every finding re-checked and every warning cleared (closed history). */
  readonly closeAll: boolean
  /** Inside this window exactly 90 % of inspections, and of penalty inspections, are mobile. */
  readonly exactMobileIn?: Window
}

export interface PlannedSite {
  readonly category: SiteCategory
  readonly grade: SiteGrade
  readonly name: string
  readonly place: Place
  readonly point: [number, number]
  readonly registeredAt: number
  inspections: PlannedInspection[]
}

const GRADES: Record<SiteCategory, Weighted<SiteGrade>> = {
  vaccine: new Weighted([['red', 0.1], ['orange', 0.3], ['yellow', 0.4], ['blue', 0.2]]),
  drug: new Weighted([['red', 0.03], ['orange', 0.12], ['yellow', 0.3], ['blue', 0.55]]),
  device: new Weighted([['red', 0.02], ['orange', 0.1], ['yellow', 0.28], ['blue', 0.6]]),
  'special-equipment': new Weighted([['red', 0.05], ['orange', 0.15], ['yellow', 0.3], ['blue', 0.5]]),
  hazchem: new Weighted([['red', 0.15], ['orange', 0.3], ['yellow', 0.3], ['blue', 0.25]]),
}

function planSites(ctx: SeedContext, plan: SitePlan): PlannedSite[] {
  const rng = ctx.rng('sites')
  const townships = [...new Set(ctx.grids.places.map((p) => p.township))].sort()
  const names = new Set<string>()
  const sites: PlannedSite[] = []
  for (const category of SITE_CATEGORY_IDS) {
    for (let i = 0; i < plan.counts[category]; i++) {
      // Vaccination clinics sit in every township's health centre; shops and plants follow population.
      const place = category === 'vaccine' ? ctx.grids.pickIn(rng, townships[i % townships.length] ?? '') : ctx.grids.pick(rng)
      let name = siteName(rng, category, place)
      for (let n = 2; names.has(name); n++) name = `${siteName(rng, category, place)}${n > 4 ? `（${n}）` : ''}`
      names.add(name)
      const registeredAt = rng.chance(0.08)
        ? Math.floor(rng.between(plan.historyFrom, plan.horizon - 60 * DAY) / HOUR) * HOUR
        : Math.floor((plan.historyFrom - rng.between(30 * DAY, 1500 * DAY)) / HOUR) * HOUR
      sites.push({ category, grade: GRADES[category].draw(rng), name, place, point: ctx.grids.point(rng, place.id), registeredAt, inspections: [] })
    }
  }
  const overdue = new Set(rng.shuffle(sites.map((_, i) => i)).slice(0, Math.round(plan.overdueShare * sites.length)))
  sites.forEach((s, i) => {
    s.inspections = inspectionSchedule(rng, s.grade, s.category, s.registeredAt, {
      historyFrom: plan.historyFrom, horizon: plan.horizon, recheckUntil: plan.closeAll ? ctx.now : plan.horizon,
      overdue: overdue.has(i), closeAll: plan.closeAll, mobileShare: plan.mobileShare,
    })
  })
  return sites
}

const SITE_COLUMNS = ['id', 'category', 'name', 'grade', 'department', 'lng', 'lat', 'township', 'village', 'grid',
  'registered_at', 'last_inspection_at', 'next_inspection_due', 'synthetic', 'updated_at', 'county'] as const
const INSPECTION_COLUMNS = ['id', 'site_id', 'at', 'result', 'mobile', 'off_site', 'note', 'penalty_yuan'] as const
const WARNING_COLUMNS = ['id', 'site_id', 'raised_at', 'cleared_at', 'kind', 'message'] as const

export function writeSites(ctx: SeedContext, plan: SitePlan): void {
  const sites = planSites(ctx, plan)
  if (plan.exactMobileIn) exactMobileShare(ctx.rng('sites-exact-mobile'), sites, plan.exactMobileIn)
  const rng = ctx.rng('site-texts')
  const insertSite = ctx.writer.into('sites', SITE_COLUMNS)
  const insertInspection = ctx.writer.into('inspections', INSPECTION_COLUMNS)
  const insertWarning = ctx.writer.into('site_warnings', WARNING_COLUMNS)
  const inspections: [number, PlannedInspection][] = []
  const warnings: [number, SiteWarning][] = []
  sites.forEach((s, i) => {
    const last = s.inspections.at(-1)?.at ?? null
    const due = siteInspectionDue({ grade: s.grade, lastInspectionAt: last, registeredAt: s.registeredAt })
    insertSite([i + 1, s.category, s.name, s.grade, supervisingDepartment(s.category), s.point[0], s.point[1],
      s.place.township, s.place.village, s.place.id, s.registeredAt, last, due, 1, Math.max(s.registeredAt, last ?? 0),
      countyOf(s.place.township)])
    for (const insp of s.inspections) inspections.push([i + 1, insp])
    const found = [...annotate(rng, s), ...monitoringWarnings(rng, s, plan, ctx.now)]
    for (const w of found) warnings.push([i + 1, w])
  })
  // Ids in time order across sites, as a live system would hand them out.
  inspections.sort((a, b) => a[1].at - b[1].at || a[0] - b[0])
  inspections.forEach(([siteId, insp], i) => {
    insertInspection([i + 1, siteId, insp.at, insp.result, insp.mobile ? 1 : 0, insp.offSite ? 1 : 0, insp.note, insp.penaltyYuan])
  })
  warnings.sort((a, b) => a[1].raisedAt - b[1].raisedAt || a[0] - b[0])
  warnings.forEach(([siteId, w], i) => insertWarning([i + 1, siteId, w.raisedAt, w.clearedAt, w.kind, w.message]))
}
