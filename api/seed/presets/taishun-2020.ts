// The taishun-2020 preset: July–November 2020, reproducing the article's table exactly where it holds counts
// (18,356 grid reports split by monthlyReportPlan(); 287 stationed staff; 南浦溪镇's 26 joint enforcement and 130
// livelihood calls; 21 flexible posts in 12 townships; penalties 90 % on mobile) and the rest at plausible
// volumes. It is history: by the time anyone runs it everything is closed, rated and archived.
import { ARTICLE_FIGURES, monthlyReportPlan } from '../../../domain/article-figures'
import { localMonthStart, monthWindows } from '../../../domain/calendar'
import type { Period, SeedContext } from '../context'
import { writeDisputes } from '../disputes'
import { writeIncidents } from '../incidents'
import { writeIndicators } from '../indicators'
import { apportion } from '../random'
import { writeFlexiblePosts, writeServicePoints, writeStationedStaff } from '../reference-records'
import { writeSites } from '../sites'
import { historyPlan, historyReportTimes, plantHistory } from '../planted-history'
import { countPerWindow } from '../planted-anomalies'
import { writeWhistles } from '../whistles'
import type { WhistleBatch } from '../whistles'

export const NANPUXI = '330329111'
export const TAISHUN_2020_PERIOD: Period = { from: localMonthStart(2020, 6), to: localMonthStart(2020, 11) }
/** Late November work finishes in December; the preset needs `now` past it so that nothing is left open. */
export const TAISHUN_2020_EARLIEST_NOW = localMonthStart(2021, 0)

export function buildTaishun2020(ctx: SeedContext): Period {
  if (ctx.now < TAISHUN_2020_EARLIEST_NOW) {
    throw new RangeError(`the taishun-2020 preset is closed history: now must be 2021-01-01 or later, got ${new Date(ctx.now).toISOString()}`)
  }
  const period = TAISHUN_2020_PERIOD
  const windows = monthWindows(period.from, period.to)
  const plan = monthlyReportPlan()
  // Anomalies planted for the backtest of the warning rules (planted-history.ts) are part of their months' reports.
  const history = historyPlan(ctx, period, { calls: false })
  const planted = countPerWindow(historyReportTimes(history), windows)
  writeIncidents(ctx, {
    months: windows.map((window, i) => ({ window, count: (plan[i]?.reports ?? 0) - planted[i]! })),
    offListShare: (i) => 0.12 - 0.015 * i,
    life: { lateShare: 0.08, stragglerShare: 0, returnShare: 0.9 },
  })
  writeDisputes(ctx, { months: windows.map((window, i) => ({ window, count: [148, 161, 172, 180, 193][i] ?? 170 })) })
  writeSites(ctx, {
    counts: { vaccine: 38, drug: 150, device: 80, 'special-equipment': 170, hazchem: 102 },
    historyFrom: period.from, horizon: period.to - 1, overdueShare: 0.05, mobileShare: 0.9, closeAll: true,
    exactMobileIn: period,
  })
  // 南浦溪镇 used the mechanism more as the months went on; other townships call at an ordinary rate.
  const growth = [1, 1.2, 1.4, 1.6, 1.8]
  const { jointEnforcement, livelihoodMatters } = ARTICLE_FIGURES.nanpuxi
  const joint = apportion(jointEnforcement, growth)
  const livelihood = apportion(livelihoodMatters, growth)
  const batches: WhistleBatch[] = windows.flatMap((window, i) => [
    { window, count: joint[i] ?? 0, township: NANPUXI, kind: 'joint-enforcement' as const, illegalBuildingOnly: true },
    { window, count: livelihood[i] ?? 0, township: NANPUXI, kind: 'livelihood' as const, stationedOnly: true },
    { window, count: [45, 52, 58, 62, 66][i] ?? 55, excludeTownships: [NANPUXI] },
  ])
  writeWhistles(ctx, { batches, lateShare: 0.1 })
  plantHistory(ctx, history, { reports: [], calls: [] })
  writeStationedStaff(ctx)
  writeFlexiblePosts(ctx)
  writeServicePoints(ctx)
  writeIndicators(ctx, period, 'article')
  return period
}
