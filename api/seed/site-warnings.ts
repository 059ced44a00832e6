// Site warnings. Findings (责令整改, 立案处罚) open a warning that the next passing inspection clears; sensors on
// the platform (冷链, 可燃气体, 电梯) raise short-lived alarms of their own. Both are derived after the inspection
// list is final, so a warning is open exactly when the inspections say it should be.
import type { SiteCategory } from '../../domain/sites'
import { DAY, HOUR } from '../../domain/time'
import type { Rng } from './random'
import type { PlannedInspection } from './site-schedule'
import { inspectionNote, penaltyYuan } from './site-names'
import { SYNTHETIC_MARK } from './synthetic-text'

export interface SiteWarning {
  readonly raisedAt: number
  readonly clearedAt: number | null
  readonly kind: 'rectify' | 'penalty' | 'monitoring'
  readonly message: string
}

interface SiteLike {
  readonly category: SiteCategory
  readonly registeredAt: number
  readonly inspections: readonly PlannedInspection[]
}

/** Writes each inspection's note and fine, and returns the warnings its findings opened. */
export function annotate(rng: Rng, site: SiteLike): SiteWarning[] {
  const out: SiteWarning[] = []
  let open: { raisedAt: number; kind: 'rectify' | 'penalty'; message: string } | null = null
  for (const insp of site.inspections) {
    insp.note = inspectionNote(rng, site.category, insp.kind, insp.simple)
    insp.penaltyYuan = insp.result === 'penalty' ? penaltyYuan(rng, insp.simple) : null
    if (insp.result === 'pass') {
      if (open) out.push({ ...open, clearedAt: insp.at })
      open = null
    } else if (!open) {
      open = { raisedAt: insp.at, kind: insp.result, message: insp.note }
    }
  }
  if (open) out.push({ ...open, clearedAt: null })
  return out
}

/** Alarms a year per site, by field; drugs and devices have no sensors on the platform. */
const ALARMS: Record<SiteCategory, { readonly perYear: number; readonly messages: readonly string[] }> = {
  vaccine: { perYear: 1, messages: ['冷链温度超限报警'] },
  drug: { perYear: 0, messages: [] },
  device: { perYear: 0, messages: [] },
  'special-equipment': { perYear: 0.3, messages: ['电梯困人报警', '设备运行参数异常'] },
  hazchem: { perYear: 1.5, messages: ['可燃气体浓度报警', '储罐液位异常', '视频监控发现违规作业'] },
}

export function monitoringWarnings(
  rng: Rng,
  site: SiteLike,
  plan: { readonly historyFrom: number; readonly horizon: number; readonly closeAll: boolean },
  now: number,
): SiteWarning[] {
  const alarms = ALARMS[site.category]
  const from = Math.max(plan.historyFrom, site.registeredAt)
  const expected = (alarms.perYear * Math.max(0, plan.horizon - from)) / (365 * DAY)
  const count = Math.floor(expected + rng.next())
  const out: SiteWarning[] = []
  for (let i = 0; i < count; i++) {
    const raisedAt = Math.floor(rng.between(from, plan.horizon) / 1000) * 1000
    const clearedAt = Math.floor((raisedAt + rng.between(HOUR, 3 * DAY)) / 1000) * 1000
    const message = `${SYNTHETIC_MARK}${rng.pick(alarms.messages)}`
    out.push({ raisedAt, clearedAt: clearedAt <= now || plan.closeAll ? clearedAt : null, kind: 'monitoring', message })
  }
  return out.sort((a, b) => a.raisedAt - b.raisedAt)
}
