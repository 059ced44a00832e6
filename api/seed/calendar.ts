// Local calendar of the county (Asia/Shanghai, UTC+8 all year: China has no daylight saving), so days, weekdays,
// hours and months in the synthetic data are the ones a Taishun user sees, whatever the server's time zone.
import { DAY, HOUR } from '../../domain/time'

export const SHANGHAI_OFFSET_MS = 8 * HOUR

/** Midnight (UTC+8) of the local day containing `t`. */
export function localDayStart(t: number): number {
  return Math.floor((t + SHANGHAI_OFFSET_MS) / DAY) * DAY - SHANGHAI_OFFSET_MS
}

/** 0 = Sunday … 6 = Saturday, in local time. */
export function localWeekday(t: number): number {
  return new Date(t + SHANGHAI_OFFSET_MS).getUTCDay()
}

/** Midnight (UTC+8) starting the given local month; `month0` may run past 0–11 (Date.UTC normalises it). */
export function localMonthStart(year: number, month0: number): number {
  return Date.UTC(year, month0, 1) - SHANGHAI_OFFSET_MS
}

/** [year, month0] of the local month containing `t`. */
export function localYearMonth(t: number): [number, number] {
  const d = new Date(t + SHANGHAI_OFFSET_MS)
  return [d.getUTCFullYear(), d.getUTCMonth()]
}

/** "2020-07" for the local month starting at `start`. */
export function monthLabel(start: number): string {
  return new Date(start + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7)
}

/** A half-open window [from, to) of time. */
export interface Window {
  readonly from: number
  readonly to: number
}

/** Local calendar months from `firstMonthStart` up to `end`; the last may be partial (it ends at `end`). */
export function monthWindows(firstMonthStart: number, end: number): Window[] {
  const [y, m] = localYearMonth(firstMonthStart)
  const out: Window[] = []
  for (let i = 0; ; i++) {
    const from = localMonthStart(y, m + i)
    if (from >= end) return out
    out.push({ from, to: Math.min(localMonthStart(y, m + i + 1), end) })
  }
}
