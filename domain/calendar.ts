// The county's local calendar. 泰顺县 keeps Asia/Shanghai time, UTC+8 all year (China has had no daylight saving
// since 1991), so a local day is a fixed 24 h slice of epoch milliseconds: day and week arithmetic is exact and only
// months need the calendar. Every local day, week, month and date the web, the API and the seed compute comes from
// here, whatever the server's or the browser's own time zone; SQL gets the same buckets from
// api/store/local-time-sql.ts, built from LOCAL_OFFSET_MS.
import type { Instant } from './time'
import { DAY, HOUR } from './time'

/** How far local time runs ahead of UTC. The one definition of the county's offset. */
export const LOCAL_OFFSET_MS = 8 * HOUR

/** The same zone by name, for Intl date formatting; test/unit/calendar.test.ts holds it to LOCAL_OFFSET_MS. */
export const LOCAL_TIME_ZONE = 'Asia/Shanghai'

/** The offset as ISO 8601 writes it: "+08:00". */
export const LOCAL_OFFSET_ISO = `+${String(LOCAL_OFFSET_MS / HOUR).padStart(2, '0')}:00`

/** A half-open span of time [from, to). */
export interface Window {
  readonly from: Instant
  readonly to: Instant
}

/** Local midnight at or before t. */
export function localDayStart(t: Instant): Instant {
  return t - mod(t + LOCAL_OFFSET_MS, DAY)
}

/** The local day holding t, midnight to midnight: "today" is localDay(now). */
export function localDay(t: Instant): Window {
  const from = localDayStart(t)
  return { from, to: from + DAY }
}

/** Monday local midnight at or before t (weeks are ISO weeks, Monday to Sunday). */
export function localWeekStart(t: Instant): Instant {
  // 1970-01-01 was a Thursday: shifting by 3 days makes Mondays multiples of 7 days.
  return t - mod(t + LOCAL_OFFSET_MS + 3 * DAY, 7 * DAY)
}

/** 0 = Sunday … 6 = Saturday, in local time. */
export function localWeekday(t: Instant): number {
  return new Date(t + LOCAL_OFFSET_MS).getUTCDay()
}

/** [year, month0] of the local month holding t (month0: 0 = January). */
export function localYearMonth(t: Instant): [number, number] {
  const d = new Date(t + LOCAL_OFFSET_MS)
  return [d.getUTCFullYear(), d.getUTCMonth()]
}

/** Local midnight starting the given month; `month0` may run past 0–11 (Date.UTC carries it into the year). */
export function localMonthStart(year: number, month0: number): Instant {
  return Date.UTC(year, month0, 1) - LOCAL_OFFSET_MS
}

/** The local month holding t, from the 1st to the next 1st: "this month" is localMonth(now). */
export function localMonth(t: Instant): Window {
  const [y, m] = localYearMonth(t)
  return { from: localMonthStart(y, m), to: localMonthStart(y, m + 1) }
}

/** Local calendar months from the one holding `first` up to `end`; the last may be partial (it ends at `end`). */
export function monthWindows(first: Instant, end: Instant): Window[] {
  const [y, m] = localYearMonth(first)
  const out: Window[] = []
  for (let i = 0; ; i++) {
    const from = localMonthStart(y, m + i)
    if (from >= end) return out
    out.push({ from, to: Math.min(localMonthStart(y, m + i + 1), end) })
  }
}

/** The local calendar date of t: "2026-11-27". */
export function localDate(t: Instant): string {
  return new Date(t + LOCAL_OFFSET_MS).toISOString().slice(0, 10)
}

/** Local midnight starting a date written "2026-11-27"; NaN when it is not a real date ("2027-02-29"). */
export function localDateStart(date: string): Instant {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00${LOCAL_OFFSET_ISO}`) : NaN
  // Date.parse rolls 2027-02-29 over to 1 March: a real date survives the round trip.
  return Number.isFinite(t) && localDate(t) === date ? t : NaN
}

/**
 * The last instant of a local date (23:59:59.999): how far a limit set "to the 20th" runs — through the 20th.
 * NaN when it is not a real date.
 */
export function localDateEnd(date: string): Instant {
  return localDateStart(date) + DAY - 1
}

/** "2026-11-27T00:00:00+08:00": an instant as the local wall-clock time it is (to the second). */
export function isoLocal(t: Instant): string {
  return `${new Date(t + LOCAL_OFFSET_MS).toISOString().slice(0, 19)}${LOCAL_OFFSET_ISO}`
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n
}
