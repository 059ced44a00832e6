// The demo preset: the twelve local months up to `now` (the current one partial), growing like the article's
// first months and then levelling off, with open work, overdue items and live-looking timers at `now`.
import { localMonthStart, localYearMonth, monthWindows } from '../../../domain/calendar'
import type { Window } from '../../../domain/calendar'
import type { Period, SeedContext } from '../context'
import { writeDisputes } from '../disputes'
import { writeIncidents } from '../incidents'
import { countPerWindow, plantAnomalies, plantedReportTimes, plantsIn } from '../planted-anomalies'
import { historyPlan, historyReportTimes, plantHistory } from '../planted-history'
import { writeIndicators } from '../indicators'
import { apportion } from '../random'
import { writeFlexiblePosts, writeServicePoints, writeStationedStaff } from '../reference-records'
import { writeSites } from '../sites'
import type { TimeShape } from '../time-shape'
import { INCIDENT_SHAPE, OFFICE_SHAPE, windowWeight } from '../time-shape'
import { writeWhistles } from '../whistles'

/**
 * Incidents a month, month 0 the oldest: a logistic ramp from 2,000 that grows about 24 % in its first month
 * (the article's "近25%") and flattens towards 6,000 by month 11. Sums to about 53,000 over twelve whole months.
 */
export const demoMonthlyIncidents = (i: number) => 6400 / (1 + 2.2 * 0.72 ** i)

export interface DemoOptions {
  /** Total incidents instead of the ramp's own (about 45–53k, by how far the current month has run). */
  readonly incidents?: number
}

/** The share of its month that a (possibly partial) month window holds, by activity rather than by clock time. */
function fill(shape: TimeShape, w: Window): number {
  const [y, m] = localYearMonth(w.from)
  return windowWeight(shape, w) / windowWeight(shape, { from: w.from, to: localMonthStart(y, m + 1) })
}

/** The demo's months (local, the last one partial, ending at `now`). */
export function demoPeriod(now: number): Period & { readonly months: readonly Window[] } {
  const [y, m] = localYearMonth(now)
  const from = localMonthStart(y, m - 11)
  return { from, to: now, months: monthWindows(from, now) }
}

/** Incidents per month of the demo: the ramp, the current month in proportion to how far it has run. */
export function demoIncidentMonths(now: number, incidents?: number): { window: Window; count: number }[] {
  const weights = demoPeriod(now).months.map((w, i) => demoMonthlyIncidents(i) * fill(INCIDENT_SHAPE, w))
  const counts = apportion(incidents ?? Math.round(weights.reduce((a, b) => a + b, 0)), weights)
  return demoPeriod(now).months.map((window, i) => ({ window, count: counts[i] ?? 0 }))
}

export function buildDemo(ctx: SeedContext, opts: DemoOptions): Period {
  const { months: windows, ...period } = demoPeriod(ctx.now)
  // Anomalies planted for the warnings — at `now` for a fresh demo (planted-anomalies.ts) and across the history
  // for the backtest (planted-history.ts) — are part of their months' volume: each month's draw is that many fewer.
  const months = demoIncidentMonths(ctx.now, opts.incidents)
  // The history's plants only where they are a few per cent of each month (not in the small builds tests draw).
  const counts = months.map((m) => m.count)
  const history = historyPlan(ctx, period, { calls: true })
  const live = countPerWindow(plantedReportTimes(ctx.now), months.map((m) => m.window))
  const historic = countPerWindow(historyReportTimes(history), months.map((m) => m.window))
  const plant = plantsIn(counts, live)
  const plantHistoric = plant && counts.every((n, i) => n >= 20 * historic[i]!)
  const planted = live.map((n, i) => n + (plantHistoric ? historic[i]! : 0))
  writeIncidents(ctx, {
    months: plant ? months.map((m, i) => ({ ...m, count: m.count - planted[i]! })) : months,
    // Burden-shifting falls as the list takes hold: 8 % off-list pushes in the first month, 3 % in the last.
    offListShare: (i) => 0.08 - (0.05 * i) / 11,
    life: { lateShare: 0.08, stragglerShare: 0.0006, returnShare: 0.88 },
  })

  const volume = ctx.rng('demo-volumes')
  writeDisputes(ctx, {
    months: windows.map((window, i) => ({ window, count: Math.round(volume.around(140 + 8 * i, 0.08) * fill(OFFICE_SHAPE, window)) })),
  })
  writeSites(ctx, {
    counts: { vaccine: 38, drug: 172, device: 96, 'special-equipment': 186, hazchem: 108 },
    historyFrom: period.from, horizon: ctx.now, overdueShare: 0.07, mobileShare: 0.9, closeAll: false,
  })
  writeWhistles(ctx, {
    batches: windows.map((window, i) => ({ window, count: Math.round(volume.around(60 + 6.5 * i, 0.1) * fill(OFFICE_SHAPE, window)) })),
    lateShare: 0.07,
  })
  if (plant) {
    const plantedNow = plantAnomalies(ctx)
    if (plantHistoric) plantHistory(ctx, history, plantedNow)
  }
  writeStationedStaff(ctx)
  writeFlexiblePosts(ctx)
  writeServicePoints(ctx)
  writeIndicators(ctx, period, 'synthetic')
  return period
}
