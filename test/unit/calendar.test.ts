// The county's local calendar (domain/calendar.ts) and the periods built on it (domain/range-presets.ts). UTC+8 has
// no daylight saving, so the edges that matter are local midnight (16:00 UTC), month ends, the leap day and the
// year end. Instants are written in UTC here on purpose: the functions must not read the host's time zone.
import { describe, expect, it } from 'vitest'
import {
  LOCAL_OFFSET_ISO, LOCAL_OFFSET_MS, LOCAL_TIME_ZONE, isoLocal, localDate, localDateStart, localDay, localDayStart, localMonth,
  localMonthStart, localWeekStart, localWeekday, localYearMonth, monthWindows,
} from '../../domain/calendar'
import { DEFAULT_RANGE_PRESET, PRESET_DAYS, RANGE_PRESET_IDS, lastLocalDays, monthToDateWindows, presetWindow } from '../../domain/range-presets'
import { DAY, HOUR } from '../../domain/time'

const utc = (iso: string) => Date.parse(`${iso}Z`)
const local = (iso: string) => Date.parse(`${iso}+08:00`)
const dates = (w: { from: number; to: number }) => [localDate(w.from), localDate(w.to)]

describe('the local day', () => {
  it('turns at 16:00:00.000 UTC: 15:59:59.999 is still the day before', () => {
    const last = utc('2026-11-26T15:59:59.999')
    const first = utc('2026-11-26T16:00:00.000')
    expect(localDate(last)).toBe('2026-11-26')
    expect(localDate(first)).toBe('2026-11-27')
    expect(localDayStart(last)).toBe(utc('2026-11-25T16:00:00.000'))
    expect(localDayStart(first)).toBe(first)
    expect(localDay(last)).toEqual({ from: first - DAY, to: first })
    expect(localDay(first)).toEqual({ from: first, to: first + DAY })
  })

  it('is the same 24 hours whatever the UTC date says', () => {
    // 07:59 local on 1 July is still 30 June in UTC.
    const t = local('2020-07-01T07:59:00')
    expect(new Date(t).toISOString().slice(0, 10)).toBe('2020-06-30')
    expect(localDate(t)).toBe('2020-07-01')
    expect(localDayStart(t)).toBe(local('2020-07-01T00:00:00'))
    expect(localWeekday(t)).toBe(3)
  })

  it('reads and writes dates, refusing days the calendar does not have', () => {
    expect(localDateStart('2026-11-27')).toBe(utc('2026-11-26T16:00:00'))
    expect(localDateStart('2028-02-29')).toBe(local('2028-02-29T00:00:00'))
    expect(localDateStart('2027-02-29')).toBeNaN()
    expect(localDateStart('2026-11-31')).toBeNaN()
    expect(localDateStart('27/11/2026')).toBeNaN()
    expect(isoLocal(utc('2026-11-26T16:00:00'))).toBe('2026-11-27T00:00:00+08:00')
    expect(LOCAL_OFFSET_ISO).toBe('+08:00')
  })

  it('names the zone whose offset it uses, all year', () => {
    const offsetOf = (t: number) => {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: LOCAL_TIME_ZONE, timeZoneName: 'longOffset' }).formatToParts(t)
      return parts.find((p) => p.type === 'timeZoneName')?.value
    }
    for (const iso of ['2026-01-15T00:00:00', '2026-07-15T00:00:00', '2028-02-29T12:00:00', '2026-12-31T16:00:00']) {
      expect(offsetOf(utc(iso))).toBe(`GMT${LOCAL_OFFSET_ISO}`)
    }
    expect(LOCAL_OFFSET_MS).toBe(8 * HOUR)
  })
})

describe('local weeks and months', () => {
  it('starts weeks on Monday local midnight', () => {
    // Sunday 22 November, 23:59:59.999 local, is the week of Monday the 16th; Monday the 23rd starts the next.
    expect(localWeekStart(local('2026-11-23T00:00:00') - 1)).toBe(local('2026-11-16T00:00:00'))
    expect(localWeekStart(local('2026-11-23T00:00:00'))).toBe(local('2026-11-23T00:00:00'))
    expect(localWeekStart(local('2026-11-29T23:59:59.999'))).toBe(local('2026-11-23T00:00:00'))
  })

  it('turns the month at the last local midnight of the month', () => {
    const last = utc('2026-11-30T15:59:59.999')
    expect(localYearMonth(last)).toEqual([2026, 10])
    expect(localYearMonth(last + 1)).toEqual([2026, 11])
    expect(localMonth(last)).toEqual({ from: local('2026-11-01T00:00:00'), to: last + 1 })
    expect(localMonth(last + 1).from).toBe(last + 1)
  })

  it('gives February 29 days in a leap year and 28 otherwise', () => {
    const feb = (y: number) => localMonth(local(`${y}-02-10T12:00:00`))
    expect((feb(2028).to - feb(2028).from) / DAY).toBe(29)
    expect((feb(2027).to - feb(2027).from) / DAY).toBe(28)
    const leap = local('2028-02-29T23:59:59.999')
    expect(localDate(leap)).toBe('2028-02-29')
    expect(localDate(leap + 1)).toBe('2028-03-01')
    expect(localMonth(leap + 1).from).toBe(leap + 1)
  })

  it('turns the year at 16:00 UTC on 31 December', () => {
    const last = utc('2026-12-31T15:59:59.999')
    expect(localDate(last)).toBe('2026-12-31')
    expect(localYearMonth(last + 1)).toEqual([2027, 0])
    expect(localMonth(last)).toEqual({ from: localMonthStart(2026, 11), to: last + 1 })
    expect(localMonthStart(2026, 12)).toBe(last + 1) // month0 past December carries into the year
    // Friday 1 January 2027 is in the week that began on Monday 28 December.
    expect(localWeekStart(last + 1)).toBe(local('2026-12-28T00:00:00'))
  })

  it('cuts a span into calendar months, the last one partial', () => {
    const months = monthWindows(localMonthStart(2020, 6), localMonthStart(2020, 11))
    expect(months.map(dates)).toEqual([
      ['2020-07-01', '2020-08-01'], ['2020-08-01', '2020-09-01'], ['2020-09-01', '2020-10-01'],
      ['2020-10-01', '2020-11-01'], ['2020-11-01', '2020-12-01'],
    ])
    const now = local('2026-11-27T15:30:00')
    expect(monthWindows(localMonthStart(2026, 9), now).at(-1)).toEqual({ from: localMonthStart(2026, 10), to: now })
  })
})

describe('range presets', () => {
  it('are whole local days ending tonight at midnight', () => {
    const now = local('2026-11-27T15:30:00')
    expect(dates(presetWindow('today', now))).toEqual(['2026-11-27', '2026-11-28'])
    expect(dates(presetWindow('7d', now))).toEqual(['2026-11-21', '2026-11-28'])
    expect(dates(presetWindow('30d', now))).toEqual(['2026-10-29', '2026-11-28'])
    expect(dates(presetWindow('12m', now))).toEqual(['2025-11-28', '2026-11-28'])
    for (const id of RANGE_PRESET_IDS) {
      const w = presetWindow(id, now)
      expect((w.to - w.from) / DAY).toBe(PRESET_DAYS[id])
      expect(localDayStart(w.from)).toBe(w.from)
    }
    expect(DEFAULT_RANGE_PRESET).toBe('30d')
  })

  it('do not move during the day, and move at local midnight', () => {
    const midnight = utc('2026-11-26T16:00:00.000')
    expect(presetWindow('30d', midnight)).toEqual(presetWindow('30d', midnight + DAY - 1))
    expect(dates(presetWindow('30d', midnight - 1))).toEqual(['2026-10-28', '2026-11-27'])
    expect(dates(presetWindow('today', midnight - 1))).toEqual(['2026-11-26', '2026-11-27'])
    expect(dates(presetWindow('today', midnight))).toEqual(['2026-11-27', '2026-11-28'])
  })

  it('count the leap day as a day', () => {
    expect(dates(lastLocalDays(local('2028-03-02T09:00:00'), 7))).toEqual(['2028-02-25', '2028-03-03'])
    expect(dates(presetWindow('12m', local('2028-12-31T09:00:00')))).toEqual(['2028-01-02', '2029-01-01'])
  })
})

describe('month to date', () => {
  it('compares this month so far with the same days of last month', () => {
    const w = monthToDateWindows(local('2026-11-27T15:30:00'))
    expect(dates(w.current)).toEqual(['2026-11-01', '2026-11-28'])
    expect(dates(w.previous)).toEqual(['2026-10-01', '2026-10-28'])
  })

  it('compares the 31st of March with all of February, leap year or not', () => {
    expect(dates(monthToDateWindows(local('2027-03-31T10:00:00')).previous)).toEqual(['2027-02-01', '2027-03-01'])
    expect(dates(monthToDateWindows(local('2028-03-31T10:00:00')).previous)).toEqual(['2028-02-01', '2028-03-01'])
    // The 29th of March 2028 matches February's 29 days exactly; in 2027 it is capped at February's 28.
    expect(dates(monthToDateWindows(local('2028-03-29T10:00:00')).previous)).toEqual(['2028-02-01', '2028-03-01'])
    expect(dates(monthToDateWindows(local('2027-03-29T10:00:00')).previous)).toEqual(['2027-02-01', '2027-03-01'])
  })

  it('reaches back over the year end and turns at 16:00 UTC', () => {
    const newYear = utc('2026-12-31T16:00:00.000')
    expect(dates(monthToDateWindows(newYear).current)).toEqual(['2027-01-01', '2027-01-02'])
    expect(dates(monthToDateWindows(newYear).previous)).toEqual(['2026-12-01', '2026-12-02'])
    expect(dates(monthToDateWindows(newYear - 1).current)).toEqual(['2026-12-01', '2027-01-01'])
    expect(dates(monthToDateWindows(newYear - 1).previous)).toEqual(['2026-11-01', '2026-12-01'])
  })
})
