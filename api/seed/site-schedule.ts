// The inspections of one supervised site: on the cadence of its risk grade (5–25 % early, so rounding to
// office hours never makes a site late by accident), a finding followed by re-checks until one passes. An
// "overdue" site simply stops being visited somewhat more than one cadence before the horizon, so
// isInspectionOverdue() holds for it and for no other site.
import type { InspectionResult, SiteCategory, SiteGrade } from '../../domain/sites'
import { inspectionCadenceMs } from '../../domain/sites'
import { DAY, HOUR } from '../../domain/time'
import { localDayStart } from '../../domain/calendar'
import type { Rng } from './random'
import { Weighted } from './random'
import type { Finding } from './site-names'

export interface PlannedInspection {
  at: number
  result: InspectionResult
  kind: Finding
  mobile: boolean
  offSite: boolean
  /** For penalties: decided by the simple procedure (简易程序). */
  simple: boolean
  /** Filled in once results are final (see site-warnings.ts). */
  note: string | null
  penaltyYuan: number | null
}

export interface ScheduleOptions {
  /** Regular inspections are kept from about one cadence before this. */
  readonly historyFrom: number
  /** No regular inspection after this. */
  readonly horizon: number
  /** Re-checks may run up to here (the horizon, or `now` when every finding must be closed). */
  readonly recheckUntil: number
  readonly overdue: boolean
  /** Re-checks always pass in the end (closed history). */
  readonly closeAll: boolean
  readonly mobileShare: number
}

const RESULTS: Record<SiteGrade, Weighted<InspectionResult>> = {
  red: new Weighted([['pass', 0.62], ['rectify', 0.28], ['penalty', 0.1]]),
  orange: new Weighted([['pass', 0.72], ['rectify', 0.22], ['penalty', 0.06]]),
  yellow: new Weighted([['pass', 0.8], ['rectify', 0.16], ['penalty', 0.04]]),
  blue: new Weighted([['pass', 0.86], ['rectify', 0.12], ['penalty', 0.02]]),
}
// Cameras and sensors (非现场执法) cover fuel stations and lifts better than a pharmacy's shelves.
const OFF_SITE: Record<SiteCategory, number> = { vaccine: 0.03, drug: 0.03, device: 0.03, 'special-equipment': 0.12, hazchem: 0.15 }

/** Some time in office hours on the local day of `t`, whole minutes. */
export function officeHours(rng: Rng, t: number): number {
  return Math.floor((localDayStart(t) + rng.between(8.5 * HOUR, 17.5 * HOUR)) / 60_000) * 60_000
}

export function inspectionSchedule(rng: Rng, grade: SiteGrade, category: SiteCategory, registeredAt: number, o: ScheduleOptions): PlannedInspection[] {
  const cadence = inspectionCadenceMs(grade)
  const limit = o.overdue ? o.horizon - cadence - rng.between(DAY, 0.4 * cadence) : o.horizon
  // An overdue site gets no visit after its cut-off, re-checks included, unless history must close every finding.
  const recheckLimit = o.overdue && !o.closeAll ? limit : o.recheckUntil
  const make = (at: number, result: InspectionResult, kind: Finding): PlannedInspection => ({
    at, result, kind, mobile: rng.chance(o.mobileShare), offSite: rng.chance(OFF_SITE[category]), simple: rng.chance(0.6), note: null, penaltyYuan: null,
  })
  const firstAfterRegistration = registeredAt + rng.between(DAY, 20 * DAY)
  let t = officeHours(rng, Math.max(o.historyFrom - cadence * rng.between(0, 0.9), firstAfterRegistration))
  const out: PlannedInspection[] = []
  while (t <= limit) {
    const result = RESULTS[grade].draw(rng)
    out.push(make(t, result, result))
    let last = t
    if (result !== 'pass') {
      for (let r = t; ;) {
        r = officeHours(rng, r + rng.between(5 * DAY, 25 * DAY))
        if (r > recheckLimit) break
        const passed = rng.chance(0.9) || (o.closeAll && r > o.horizon)
        out.push(make(r, passed ? 'pass' : 'rectify', passed ? 'recheck-pass' : 'rectify'))
        last = r
        if (passed) break
      }
    }
    t = officeHours(rng, last + cadence * rng.between(0.75, 0.95))
  }
  return out
}
