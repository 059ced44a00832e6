import chineseDays from 'chinese-days'
import { describe, expect, it } from 'vitest'
import {
  CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, HOLIDAY_NOTICES, addWorkingDays, calendarCovers, calendarWarning, isWorkingDay,
  workingDayCalendar,
} from '../../domain/working-days'
import { localDate as localDateOf, localDateStart } from '../../domain/calendar'
import { DAY } from '../../domain/time'

const at = (local: string) => Date.parse(`${local}+08:00`)

describe('working days', () => {
  it('counts 3 working days from the Thursday before the 2026 National Day holiday past the Mid-Autumn break', () => {
    // Thu 24 Sep 2026; Fri 25 – Sun 27 Sep off (中秋); Mon 28, Tue 29, Wed 30 work.
    expect(localDateOf(addWorkingDays(at('2026-09-24T15:00:00'), 3) - 1)).toBe('2026-09-30')
    expect(addWorkingDays(at('2026-09-24T15:00:00'), 3)).toBe(at('2026-10-01T00:00:00'))
  })

  it('skips the National Day week and counts the adjusted working Saturday (调休)', () => {
    // After Wed 30 Sep: 1–7 Oct off, Thu 8 and Fri 9 work, Sat 10 Oct is a working Saturday.
    expect(localDateOf(addWorkingDays(at('2026-09-24T09:00:00'), 5) - 1)).toBe('2026-10-09')
    expect(localDateOf(addWorkingDays(at('2026-09-24T09:00:00'), 6) - 1)).toBe('2026-10-10')
    expect(isWorkingDay(at('2026-10-10T12:00:00'))).toBe(true)
    expect(isWorkingDay(at('2026-10-11T12:00:00'))).toBe(false)
  })

  it('does not count the starting day, and ends at midnight of the last day', () => {
    // Mon 7 Dec 2026, any hour: 1 working day ends at 24:00 on Tue 8 Dec.
    expect(addWorkingDays(at('2026-12-07T00:00:00'), 1)).toBe(at('2026-12-09T00:00:00'))
    expect(addWorkingDays(at('2026-12-07T23:59:59'), 1)).toBe(at('2026-12-09T00:00:00'))
    // Fri 11 Dec: the weekend is skipped.
    expect(addWorkingDays(at('2026-12-11T10:00:00'), 1)).toBe(at('2026-12-15T00:00:00'))
  })

  it('refuses a limit that is not a whole number of days', () => {
    expect(() => addWorkingDays(0, 0)).toThrow(/whole number/)
    expect(() => addWorkingDays(0, 1.5)).toThrow(/whole number/)
  })

  it('counts weekends only for a year no notice covers', () => {
    expect(calendarCovers(CALENDAR_LAST_YEAR + 1)).toBe(false)
    // 1 Jan 2027 is a Friday: without a notice, a working day.
    expect(isWorkingDay(at('2027-01-01T12:00:00'))).toBe(true)
    expect(isWorkingDay(at('2027-01-02T12:00:00'))).toBe(false)
  })

  it('holds every day from 2020 to the last notice equal to an independent compilation (chinese-days)', () => {
    const differ: string[] = []
    for (let t = localDateStart(`${CALENDAR_FIRST_YEAR}-01-01`); t < localDateStart(`${CALENDAR_LAST_YEAR + 1}-01-01`); t += DAY) {
      const date = localDateOf(t)
      if (isWorkingDay(t) !== chineseDays.isWorkday(date)) differ.push(date)
    }
    expect(differ).toEqual([])
  })

  it('cites a notice for every year and lists only weekends as adjusted working days', () => {
    for (const n of HOLIDAY_NOTICES) expect(n.notice).toMatch(/国办发明电|国务院办公厅/)
    const calendar = workingDayCalendar()
    for (const d of calendar.working) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay())
    expect(calendar.off).toContain('2026-10-07')
  })
})

describe('the start-up warning', () => {
  it('names a missing year, and the next one in its last month', () => {
    expect(calendarWarning(at('2026-06-01T12:00:00'))).toBeNull()
    expect(calendarWarning(at('2026-12-07T12:00:00'))).toMatch(/for 2027 /)
    expect(calendarWarning(at('2028-03-01T12:00:00'))).toMatch(/for 2028 /)
  })
})
