// The county's local calendar (domain/calendar.ts) in SQL: the start of the local day, week or month holding an
// epoch-ms expression, built from the domain's LOCAL_OFFSET_MS so the SQL and the TypeScript cannot disagree.
// Migration 1 spelt the day expression out by hand in the incident_days triggers; shipped migrations stay as they
// are, and test/unit/local-time-sql.test.ts holds localDaySql to the text that migration wrote.
import { LOCAL_OFFSET_MS } from '../../domain/calendar'
import { DAY } from '../../domain/time'

const OFFSET_S = LOCAL_OFFSET_MS / 1000

// SQLite's % keeps the sign of the dividend, unlike localDayStart's floor: the two agree for every instant after
// 1970-01-01 00:00 local, which is every record the county holds.

/** Local midnight at or before `t`. */
export function localDaySql(t: string): string {
  return `(${t} - (${t} + ${LOCAL_OFFSET_MS}) % ${DAY})`
}

/** Monday local midnight at or before `t`: + 3 days because 1970-01-01 was a Thursday. */
export function localWeekSql(t: string): string {
  return `(${t} - (${t} + ${LOCAL_OFFSET_MS} + ${3 * DAY}) % ${7 * DAY})`
}

/** Local midnight on the 1st of the month holding `t` (months need the calendar: SQLite's 'start of month'). */
export function localMonthSql(t: string): string {
  return `((unixepoch(${t} / 1000 + ${OFFSET_S}, 'unixepoch', 'start of month') - ${OFFSET_S}) * 1000)`
}
