// Site warnings, as the live service keeps them: every finding (责令整改, 立案处罚) opens a warning of its own
// result's kind, and the next passing inspection clears all that are open. Devices on the platform (冷链, 可燃气体,
// 电梯) raise short-lived sensor alarms, and expiring licences a few more; those are cleared by hand. All are
// derived after the inspection list is final, so a warning is open exactly when the inspections say it is.
import type { SiteCategory, SiteWarningKind } from '../../domain/sites'
import { DAY, HOUR } from '../../domain/time'
import type { Rng } from './random'
import type { PlannedInspection } from './site-schedule'
import { inspectionNote, penaltyYuan } from './site-names'
import { SYNTHETIC_MARK } from './synthetic-text'

export interface SiteWarning {
  readonly raisedAt: number
  readonly clearedAt: number | null
  readonly kind: SiteWarningKind
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
  let open: Omit<SiteWarning, 'clearedAt'>[] = []
  for (const insp of site.inspections) {
    insp.note = inspectionNote(rng, site.category, insp.kind, insp.simple)
    insp.penaltyYuan = insp.result === 'penalty' ? penaltyYuan(rng, insp.simple) : null
    if (insp.result === 'pass') {
      for (const w of open) out.push({ ...w, clearedAt: insp.at })
      open = []
    } else {
      open.push({ raisedAt: insp.at, kind: insp.result, message: insp.note })
    }
  }
  for (const w of open) out.push({ ...w, clearedAt: null })
  return out
}

interface Alarm {
  readonly kind: SiteWarningKind
  readonly perYear: number
  readonly messages: readonly string[]
  /** How long until someone clears it. */
  readonly clearAfter: readonly [number, number]
}

const SENSOR_CLEAR: readonly [number, number] = [HOUR, 3 * DAY]
const LICENCE_CLEAR: readonly [number, number] = [3 * DAY, 20 * DAY]
const LICENCE = { kind: 'licence', perYear: 0.08, messages: ['许可证有效期不足30天', '设备检验合格证即将到期'], clearAfter: LICENCE_CLEAR } as const

/** Device alarms and licence reminders a year per site, by field. */
const ALARMS: Record<SiteCategory, readonly Alarm[]> = {
  vaccine: [{ kind: 'sensor', perYear: 1, messages: ['冷链温度超限报警'], clearAfter: SENSOR_CLEAR }],
  drug: [LICENCE],
  device: [LICENCE],
  'special-equipment': [{ kind: 'sensor', perYear: 0.3, messages: ['电梯困人报警', '设备运行参数异常'], clearAfter: SENSOR_CLEAR }, LICENCE],
  hazchem: [{ kind: 'sensor', perYear: 1.5, messages: ['可燃气体浓度报警', '储罐液位异常', '视频监控发现违规作业'], clearAfter: SENSOR_CLEAR }],
}

export function monitoringWarnings(
  rng: Rng,
  site: SiteLike,
  plan: { readonly historyFrom: number; readonly horizon: number; readonly closeAll: boolean },
  now: number,
): SiteWarning[] {
  const from = Math.max(plan.historyFrom, site.registeredAt)
  const out: SiteWarning[] = []
  for (const alarm of ALARMS[site.category]) {
    const count = Math.floor((alarm.perYear * Math.max(0, plan.horizon - from)) / (365 * DAY) + rng.next())
    for (let i = 0; i < count; i++) {
      const raisedAt = Math.floor(rng.between(from, plan.horizon) / 1000) * 1000
      const clearedAt = Math.floor((raisedAt + rng.between(...alarm.clearAfter)) / 1000) * 1000
      const message = `${SYNTHETIC_MARK}${rng.pick(alarm.messages)}`
      out.push({ raisedAt, clearedAt: clearedAt <= now || plan.closeAll ? clearedAt : null, kind: alarm.kind, message })
    }
  }
  return out.sort((a, b) => a.raisedAt - b.raisedAt)
}
