// Anomalies planted across a preset's history at fixed strengths: the truth `npm run backtest` measures the
// warning rules against (so the measure is not circular: what is planted, where and when is decided here, before
// and apart from the rules). Written to the meta table as `planted` (JSON) with the ids of every planted record.
//
//  - 突增 (spike): 45 bursts of one category in one grid within 24 h — 5 at each of the strengths 3×, 5× and 10× in
//    grids of each base rate: low (the pair had under 0.05 reports a day over the 8 weeks before), middle (0.05 to
//    0.2) and high (0.2 and over; the busiest pair of the demo has about 0.55). A strength counts against one
//    report a day, since no pair of the demo expects as many: 3×, 5× and 10× are 3, 5 and 10 reports in the 24 h,
//    at random times, on top of what the pair draws anyway. Spread evenly from 9 weeks after the start (the rule's
//    baseline needs 8) to two days before the end (`now`, or the end of a past period); a pair is not planted twice within 9 weeks. Where no pair of the
//    wanted base rate exists at that time (the early months are quiet), the nearest is taken and the manifest says
//    the base rate measured.
//  - 一件事 (repeat place): 30 places, 10 each with 3, 4 and 6 reports of one type within 60 m of the first and 20
//    days of it, in grids drawn by households.
//  - 吹哨未响应: 12 calls signed for 1 to 6 hours after their 30-minute limit (every other one urgent); not in
//    taishun-2020, whose calls are the article's.
// The planted reports are part of the preset's volume (each month draws that many fewer), so every count the preset
// promises (the article's 18,356 reports and their months) still holds.
import { CATEGORY_IDS, INCIDENT_TYPES } from '../../domain/catalogue'
import type { IncidentTypeId } from '../../domain/catalogue'
import { DEPARTMENT_IDS } from '../../domain/departments'
import { DAY, HOUR } from '../../domain/time'
import { WHISTLE_SLA } from '../../domain/whistle'
import type { Period, SeedContext } from './context'
import type { LivePlants } from './planted-anomalies'
import { plantedRows } from './planted-rows'
import type { Rng } from './random'

export const SPIKE_STRENGTHS = [3, 5, 10] as const
export const BASE_RATES = [
  { id: 'low', below: 0.05 },
  { id: 'middle', below: 0.2 },
  { id: 'high', below: Infinity },
] as const
export type BaseRate = (typeof BASE_RATES)[number]['id']
export const REPEAT_SIZES = [3, 4, 6] as const
export const REPEAT_RADIUS_M = 60
const SPIKES_PER_CELL = 5
const REPEATS_PER_SIZE = 10
const LATE_CALLS = 12
const BASELINE = 56 * DAY
const WARM_UP = 63 * DAY
const REPEAT_SPAN = 20 * DAY

interface SpikePlan { strength: number; base: BaseRate; from: number; times: number[] }
interface RepeatPlan { size: number; times: number[] }
interface CallPlan { at: number; lateBy: number; urgent: boolean }
export interface HistoryPlan { spikes: SpikePlan[]; repeats: RepeatPlan[]; calls: CallPlan[] }

/** What was planted, with the ids of its records: the meta row `planted`. */
export interface PlantedManifest {
  spikes: { strength: number; base: BaseRate; perDay: number; grid: string; category: string; from: number; to: number; ids: number[] }[]
  repeats: { size: number; grid: string; type: string; from: number; to: number; times: number[]; ids: number[] }[]
  calls: { id: number; at: number; acknowledgedAt: number; urgent: boolean }[]
  /** The anomalies planted at `now` for a fresh demo (planted-anomalies.ts). */
  live: LivePlants
}

const spread = (rng: Rng, from: number, span: number, n: number) =>
  Array.from({ length: n }, () => Math.floor(rng.between(from, from + span))).sort((a, b) => a - b)

/** Where and when, decided from the period alone (before the drawn records, which give up the planted volume). */
export function historyPlan(ctx: SeedContext, period: Period, opts: { calls: boolean }): HistoryPlan {
  const rng = ctx.rng('planted-history')
  const end = Math.min(ctx.now, period.to)
  const cells = SPIKE_STRENGTHS.flatMap((strength) => BASE_RATES.map((b) => ({ strength, base: b.id as BaseRate })))
  const order = Array.from({ length: SPIKES_PER_CELL }, () => rng.shuffle([...cells])).flat()
  const lo = period.from + WARM_UP
  const hi = end - 2 * DAY
  const spikes = hi - lo < order.length * DAY ? [] : order.map((cell, i) => {
    const slot = lo + ((hi - lo - DAY) * i) / order.length
    const from = Math.floor(slot + rng.between(0, 12 * HOUR))
    return { ...cell, from, times: spread(rng, from, DAY, cell.strength) }
  })
  const sizes = Array.from({ length: REPEATS_PER_SIZE }, () => [...REPEAT_SIZES]).flat()
  const repeatLo = period.from + DAY
  const repeatHi = end - REPEAT_SPAN - DAY
  const repeats = repeatHi <= repeatLo ? [] : sizes.map((size, i) => {
    const anchor = Math.floor(repeatLo + ((repeatHi - repeatLo) * i) / sizes.length + rng.between(0, DAY))
    return { size, times: [anchor, ...spread(rng, anchor + 1, REPEAT_SPAN, size - 1)] }
  })
  const calls = Array.from({ length: opts.calls ? LATE_CALLS : 0 }, (_, i) => ({
    at: Math.floor(period.from + 7 * DAY + ((end - 3 * DAY - period.from - 7 * DAY) * i) / LATE_CALLS + rng.between(9 * HOUR, 17 * HOUR)),
    lateBy: Math.round(rng.between(1, 6) * HOUR),
    urgent: i % 2 === 0,
  }))
  return { spikes, repeats, calls }
}

/** Every planted report's time (each month draws that many fewer). */
export const historyReportTimes = (plan: HistoryPlan) => [...plan.spikes.flatMap((s) => s.times), ...plan.repeats.flatMap((r) => r.times)]

const typesOf = (category: string) => INCIDENT_TYPES.filter((t) => t.category === category)

/** Writes the planned anomalies among the drawn records (after them: their ids follow) and the manifest. */
export function plantHistory(ctx: SeedContext, plan: HistoryPlan, live: LivePlants): PlantedManifest {
  const rng = ctx.rng('planted-history-places')
  const rows = plantedRows(ctx, rng)
  const db = ctx.writer.database
  const lifeAt = (t: number) => (t + 3 * DAY <= ctx.now ? 'archived' as const : 'accepted' as const)
  const used: { key: string; from: number }[] = []

  const spikes = plan.spikes.map((s) => {
    // Reports per pair over the 8 weeks before, as drawn: the base rate the burst stands on.
    const counts = new Map((db.prepare(`SELECT grid || '|' || category AS key, count(*) AS n FROM incidents
      WHERE reported_at >= ? AND reported_at < ? GROUP BY grid, category`).all(s.from - BASELINE, s.from) as { key: string; n: number }[])
      .map((r) => [r.key, r.n / (BASELINE / DAY)]))
    const free = (key: string) => !used.some((u) => u.key === key && Math.abs(u.from - s.from) < WARM_UP)
    const band = BASE_RATES.find((b) => b.id === s.base)!
    const floor = BASE_RATES[BASE_RATES.indexOf(band) - 1]?.below ?? 0
    let key: string | undefined
    if (s.base === 'low') {
      for (let tries = 0; tries < 1000 && key === undefined; tries++) {
        const k = `${ctx.grids.pick(rng).id}|${rng.pick(CATEGORY_IDS)}`
        if ((counts.get(k) ?? 0) < band.below && free(k) && typesOf(k.split('|')[1]!).length > 0) key = k
      }
    } else {
      const candidates = [...counts].filter(([k, r]) => r >= floor && r < band.below && free(k)).map(([k]) => k).sort()
      key = candidates.length > 0 ? rng.pick(candidates) : [...counts].filter(([k]) => free(k)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]
    }
    const [grid, category] = key!.split('|') as [string, string]
    used.push({ key: key!, from: s.from })
    const place = ctx.grids.places.find((p) => p.id === grid)!
    const perDay = counts.get(key!) ?? 0
    const ids = s.times.map((reportedAt) =>
      rows.incident({ place, type: rng.pick(typesOf(category)).id, reportedAt, point: ctx.grids.point(rng, grid), life: lifeAt(reportedAt) }))
    const measured = BASE_RATES.find((b) => perDay < b.below)!.id
    return { strength: s.strength, base: measured, perDay: Math.round(perDay * 1000) / 1000, grid, category, from: s.from, to: s.from + DAY, ids }
  })

  const repeats = plan.repeats.map((r) => {
    const place = ctx.grids.pick(rng)
    const type: IncidentTypeId = rng.pick(INCIDENT_TYPES).id
    const anchor = ctx.grids.point(rng, place.id)
    const ids = r.times.map((reportedAt, i) => rows.incident({
      place, type, reportedAt, life: lifeAt(reportedAt),
      point: i === 0 ? anchor : ctx.grids.pointNear(rng, place.id, anchor, REPEAT_RADIUS_M),
    }))
    const times = r.times.map((t) => Math.floor(t / 1000) * 1000)
    return { size: r.size, grid: place.id, type, from: times[0]!, to: times.at(-1)!, times, ids }
  })

  const calls = plan.calls.map((c) => {
    const place = ctx.grids.pick(rng)
    const acknowledgedAt = c.at + WHISTLE_SLA.acknowledgeMs + c.lateBy
    const id = rows.call({
      township: place.township, townshipName: place.townshipName, department: rng.pick(DEPARTMENT_IDS), ask: '联合处置请求（迟签收）',
      urgent: c.urgent, at: c.at, acknowledgedAt: acknowledgedAt <= ctx.now ? acknowledgedAt : null,
    })
    return { id, at: Math.floor(c.at / 1000) * 1000, acknowledgedAt: Math.floor(acknowledgedAt / 1000) * 1000, urgent: c.urgent }
  })

  const manifest: PlantedManifest = { spikes, repeats, calls, live }
  ctx.writer.into('meta', ['key', 'value'])(['planted', JSON.stringify(manifest)])
  return manifest
}
