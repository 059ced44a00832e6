// The working-day calendar: which local days count when a limit is written in working days (工作日). A day works
// unless it is a Saturday or Sunday, or a statutory holiday; an adjusted working weekend (调休上班) works although
// it is a weekend. The holidays and adjusted days are data, one entry per year from the State Council General
// Office's yearly notice (国务院办公厅关于…部分节假日安排的通知), cited with its document number. A year with no
// notice yet counts weekends only (`calendarCovers` says so, and the server says so at start).
// Limits in minutes or hours (a 30-minute sign-off, a 2-hour acceptance) run on the clock and never come here.
import { localDate, localDateStart, localDayStart, localWeekday } from './calendar'
import type { Instant } from './time'
import { DAY } from './time'

/** A local date as the notices write it: "2026-10-01". */
export type LocalDate = string

export interface YearNotice {
  readonly year: number
  /** The notice: its document number and date, so each entry below can be checked against it. */
  readonly notice: string
  /** Days off, as inclusive [first, last] ranges (weekends inside a range are listed with it). */
  readonly off: readonly (readonly [LocalDate, LocalDate])[]
  /** Weekend days that are working days (调休上班). */
  readonly working: readonly LocalDate[]
}

export const HOLIDAY_NOTICES: readonly YearNotice[] = [
  {
    year: 2020,
    notice: '国办发明电〔2019〕16号 (2019-11-21); 春节 extended to 2 February by 国办发明电〔2020〕1号 (2020-01-26), which also cancelled the working Saturday of 1 February',
    off: [['2020-01-01', '2020-01-01'], ['2020-01-24', '2020-02-02'], ['2020-04-04', '2020-04-06'], ['2020-05-01', '2020-05-05'],
      ['2020-06-25', '2020-06-27'], ['2020-10-01', '2020-10-08']],
    working: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  {
    year: 2021,
    notice: '国办发明电〔2020〕27号 (2020-11-25)',
    off: [['2021-01-01', '2021-01-03'], ['2021-02-11', '2021-02-17'], ['2021-04-03', '2021-04-05'], ['2021-05-01', '2021-05-05'],
      ['2021-06-12', '2021-06-14'], ['2021-09-19', '2021-09-21'], ['2021-10-01', '2021-10-07']],
    working: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  {
    year: 2022,
    notice: '国办发明电〔2021〕11号 (2021-10-25)',
    off: [['2022-01-01', '2022-01-03'], ['2022-01-31', '2022-02-06'], ['2022-04-03', '2022-04-05'], ['2022-04-30', '2022-05-04'],
      ['2022-06-03', '2022-06-05'], ['2022-09-10', '2022-09-12'], ['2022-10-01', '2022-10-07']],
    working: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  {
    year: 2023,
    notice: '国办发明电〔2022〕16号 (2022-12-08)',
    off: [['2022-12-31', '2023-01-02'], ['2023-01-21', '2023-01-27'], ['2023-04-05', '2023-04-05'], ['2023-04-29', '2023-05-03'],
      ['2023-06-22', '2023-06-24'], ['2023-09-29', '2023-10-06']],
    working: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  {
    year: 2024,
    notice: '国办发明电〔2023〕7号 (2023-10-25)',
    off: [['2024-01-01', '2024-01-01'], ['2024-02-10', '2024-02-17'], ['2024-04-04', '2024-04-06'], ['2024-05-01', '2024-05-05'],
      ['2024-06-10', '2024-06-10'], ['2024-09-15', '2024-09-17'], ['2024-10-01', '2024-10-07']],
    working: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  {
    year: 2025,
    notice: '国办发明电〔2024〕12号 (2024-11-12)',
    off: [['2025-01-01', '2025-01-01'], ['2025-01-28', '2025-02-04'], ['2025-04-04', '2025-04-06'], ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'], ['2025-10-01', '2025-10-08']],
    working: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    notice: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
    off: [['2026-01-01', '2026-01-03'], ['2026-02-15', '2026-02-23'], ['2026-04-04', '2026-04-06'], ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'], ['2026-09-25', '2026-09-27'], ['2026-10-01', '2026-10-07']],
    working: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
]

/** The first and the last year a notice covers: outside them, weekends only. */
export const CALENDAR_FIRST_YEAR = HOLIDAY_NOTICES[0]!.year
export const CALENDAR_LAST_YEAR = HOLIDAY_NOTICES[HOLIDAY_NOTICES.length - 1]!.year

function* datesOf([first, last]: readonly [LocalDate, LocalDate]): Generator<LocalDate> {
  for (let t = localDateStart(first); t <= localDateStart(last); t += DAY) yield localDate(t)
}

const OFF = new Set(HOLIDAY_NOTICES.flatMap((n) => n.off.flatMap((range) => [...datesOf(range)])))
const WORKING = new Set(HOLIDAY_NOTICES.flatMap((n) => n.working))

/** Does a notice cover this year? If not, only weekends are off (the server warns at start). */
export function calendarCovers(year: number): boolean {
  return HOLIDAY_NOTICES.some((n) => n.year === year)
}

/** Is the local day holding t a working day? */
export function isWorkingDay(t: Instant): boolean {
  const date = localDate(t)
  if (WORKING.has(date)) return true
  if (OFF.has(date)) return false
  const weekday = localWeekday(t)
  return weekday !== 0 && weekday !== 6
}

/**
 * The deadline of a limit of `days` working days starting at `from`: as the Civil Code counts periods (art. 201,
 * 203), the starting day is not counted, the period ends at 24:00 of its last working day. So 3 working days
 * from a Thursday afternoon end at midnight after the following Tuesday when no holiday intervenes. `days` ≥ 1.
 */
export function addWorkingDays(from: Instant, days: number): Instant {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`a working-day limit is a whole number of days ≥ 1, not ${days}`)
  let day = localDayStart(from)
  for (let counted = 0; counted < days;) {
    day += DAY
    if (isWorkingDay(day)) counted++
  }
  return day + DAY
}

/** The calendar as /api/reference serves it, so every client counts the same days. */
export interface WorkingDayCalendar {
  readonly firstYear: number
  readonly lastYear: number
  /** Holidays by date (weekends inside a holiday listed too). */
  readonly off: readonly LocalDate[]
  /** Weekend days that are working days. */
  readonly working: readonly LocalDate[]
  readonly notices: readonly { readonly year: number; readonly notice: string }[]
}

export function workingDayCalendar(): WorkingDayCalendar {
  return {
    firstYear: CALENDAR_FIRST_YEAR,
    lastYear: CALENDAR_LAST_YEAR,
    off: [...OFF].sort(),
    working: [...WORKING].sort(),
    notices: HOLIDAY_NOTICES.map(({ year, notice }) => ({ year, notice })),
  }
}

/**
 * What the server says at start when working-day limits may be counted without a notice: the current year has
 * none, or the year ends within a month and the next has none (a limit set in late December runs into January).
 * Null when the calendar covers both. The State Council publishes each year's notice in the autumn before.
 */
export function calendarWarning(now: Instant): string | null {
  const year = Number(localDate(now).slice(0, 4))
  const missing = [year, ...(localDate(now + 31 * DAY).startsWith(String(year + 1)) ? [year + 1] : [])].filter((y) => !calendarCovers(y))
  if (missing.length === 0) return null
  return `no State Council holiday notice for ${missing.join(' and ')} in domain/working-days.ts: limits in working days count weekends only there until its holidays and adjusted working days are added`
}
