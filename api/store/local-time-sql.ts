// The county's local calendar (domain/calendar.ts) in SQL: the start of the local day, week or month holding an
// epoch-ms expression, built from the domain's LOCAL_OFFSET_MS so the SQL and the TypeScript cannot disagree.
// Migration 1 spelt the day expression out by hand in the incident_days triggers; shipped migrations stay as they
// are, and test/unit/local-time-sql.test.ts holds localDaySql to the text that migration wrote.
import { LOCAL_OFFSET_MS } from '../../domain/calendar'
import { DAY } from '../../domain/time'

// SQLite's and PostgreSQL's % keep the sign of the dividend, unlike localDayStart's floor: the two agree for every instant after
// 1970-01-01 00:00 local, which is every record the county holds.

/** Local midnight at or before `t`. */
export function localDaySql(t: string): string {
  return `(${t} - (${t} + ${LOCAL_OFFSET_MS}) % ${DAY})`
}

/** Monday local midnight at or before `t`: + 3 days because 1970-01-01 was a Thursday. */
export function localWeekSql(t: string): string {
  return `(${t} - (${t} + ${LOCAL_OFFSET_MS} + ${3 * DAY}) % ${7 * DAY})`
}

// Months need a calendar, which each engine spells its own way: Dialect.localMonth (dialect.ts).
