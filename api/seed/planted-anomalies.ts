// Anomalies planted in the demo so a fresh demo shows warnings (研判预警) at once, each where the rule looks for it:
//
//  1. 突增, last hour (红): 9 reports of 露天焚烧 (open burning, category environment) in 罗阳镇 新北社区第1网格
//     (33032910000501) over the 50 minutes before `now`, just reported.
//  2. 突增, last day: 7 reports of 餐饮油烟扰民 (restaurant fumes, environment) in 南浦溪镇's first grid of its
//     first village over the 20 hours before `now`, accepted within the hour.
//  3. 超期积压 (橙): 10 reports in 司前畲族镇's first grid 35–44 days ago, taken in hand by the township and stalled
//     there past their deadline, each supervised (督办) twice: 10 overdue in one grid is twice the minimum.
//  4. 吹哨未响应: an urgent call from 南浦溪镇 to 综合执法 3 hours ago, not signed for (橙: late 2.5 h), and a call
//     from 罗阳镇 to 市场监管 6 hours ago, not signed for (红: late more than 4 h).
//
// The rest comes from the data as it is drawn: supervised sites whose inspection lapsed (重点场所风险), reports of
// one kind clustered at one place (一件事), disputes at county level or between the same parties (矛盾升级).
// The planted reports are part of the preset's volume: each month's draw is that many fewer (plantedPerMonth), so
// every count the demo promises still holds.
import type { IncidentTypeId } from '../../domain/catalogue'
import type { Window } from '../../domain/calendar'
import { DAY, HOUR, MINUTE } from '../../domain/time'
import type { SeedContext } from './context'
import type { Place } from './grid-sampler'
import type { PlantedLife } from './planted-rows'
import { plantedRows } from './planted-rows'

interface PlantedReports { grid: string | ((places: readonly Place[]) => Place); type: IncidentTypeId; times: (now: number) => number[]; life: PlantedLife }

const firstGridOf = (township: string) => (places: readonly Place[]) =>
  [...places].filter((p) => p.township === township).sort((a, b) => a.id.localeCompare(b.id))[0]!

const REPORTS: readonly PlantedReports[] = [
  { grid: '33032910000501', type: 'open-burning', times: (now) => Array.from({ length: 9 }, (_, i) => now - 50 * MINUTE + i * 6 * MINUTE), life: 'reported' },
  { grid: firstGridOf('330329111'), type: 'cooking-fumes', times: (now) => Array.from({ length: 7 }, (_, i) => now - 20 * HOUR + i * 3 * HOUR), life: 'accepted' },
  { grid: firstGridOf('330329101'), type: 'road-occupation', times: (now) => Array.from({ length: 10 }, (_, i) => now - 44 * DAY + i * DAY), life: 'stalled' },
]

const CALLS = [
  { township: '330329111', townshipName: '南浦溪镇', department: 'enforcement', ask: '河道旁违法搭建，需联合执法', urgent: true, ago: 3 * HOUR },
  { township: '330329100', townshipName: '罗阳镇', department: 'market', ask: '农贸市场食品安全投诉集中', urgent: false, ago: 6 * HOUR },
] as const

/** The times of the planted reports. */
export const plantedReportTimes = (now: number) => REPORTS.flatMap((r) => r.times(now))

/** How many of these times fall in each window (each month draws that many fewer). */
export function countPerWindow(times: readonly number[], windows: readonly Window[]): number[] {
  return windows.map((w) => times.filter((t) => t >= w.from && t < w.to).length)
}

/** Plant only when every month can give up its planted reports and keep its shape (not in a tiny test build). */
export const plantsIn = (counts: readonly number[], planted: readonly number[]) => counts.every((n, i) => n >= 4 * planted[i]!)

/** The ids of what was planted, per plan: the backtest's truth for the live anomalies. */
export interface LivePlants { readonly reports: readonly { readonly grid: string; readonly type: IncidentTypeId; readonly ids: readonly number[] }[]; readonly calls: readonly number[] }

/** Writes the anomalies after the drawn records (their ids follow the drawn ones'). */
export function plantAnomalies(ctx: SeedContext): LivePlants {
  const rng = ctx.rng('planted-anomalies')
  const rows = plantedRows(ctx, rng)
  const reports = REPORTS.map((plan) => {
    const place = typeof plan.grid === 'string' ? ctx.grids.places.find((p) => p.id === plan.grid)! : plan.grid(ctx.grids.places)
    const ids = plan.times(ctx.now).map((reportedAt) =>
      rows.incident({ place, type: plan.type, reportedAt, point: ctx.grids.point(rng, place.id), life: plan.life }))
    return { grid: place.id, type: plan.type, ids }
  })
  const calls = CALLS.map((c) => rows.call({ ...c, at: ctx.now - c.ago, acknowledgedAt: null }))
  return { reports, calls }
}
