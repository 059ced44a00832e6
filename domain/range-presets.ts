// The periods a leader picks in the time bar — 今日 / 近7天 / 近30天 / 近12个月 — and the month-to-date comparison,
// relative to `now`. Each preset is whole local days ending with today (through tonight's midnight): "近30天" read
// on the 27th starts at midnight on the 29th of the month before, not at this hour 30×24 h ago, so a figure does
// not drift as the day goes on and agrees with the daily series drawn beside it. The web's time bar and the API's
// default period (a metric request without `from`) both use these.
import type { Window } from './calendar'
import { localDay, localMonth } from './calendar'
import type { Instant } from './time'
import { DAY } from './time'

export const RANGE_PRESET_IDS = ['today', '7d', '30d', '12m'] as const
export type RangePresetId = (typeof RANGE_PRESET_IDS)[number]

/** The period shown, or summed by the API, when none is asked for. */
export const DEFAULT_RANGE_PRESET: RangePresetId = '30d'

/** The local days each preset covers, today included. 近12个月 is 365 days (13 monthly buckets, the first partial). */
export const PRESET_DAYS: Readonly<Record<RangePresetId, number>> = { today: 1, '7d': 7, '30d': 30, '12m': 365 }

/** The `days` whole local days ending with the day holding `now`. */
export function lastLocalDays(now: Instant, days: number): Window {
  const today = localDay(now)
  return { from: today.from - (days - 1) * DAY, to: today.to }
}

export function presetWindow(preset: RangePresetId, now: Instant): Window {
  return lastLocalDays(now, PRESET_DAYS[preset])
}

/**
 * This local month so far (through the end of today), and the same span of last month. The 31st of March
 * compares with all of February, not with February plus 3 days of March.
 */
export function monthToDateWindows(now: Instant): { current: Window; previous: Window } {
  const month = localMonth(now)
  const to = localDay(now).to
  const prevStart = localMonth(month.from - 1).from
  return {
    current: { from: month.from, to },
    previous: { from: prevStart, to: Math.min(prevStart + (to - month.from), month.from) },
  }
}
