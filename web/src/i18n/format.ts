// Numbers and dates per locale: zh-CN by default, English with ?lang=en.
import { LOCAL_TIME_ZONE } from '../../../domain/calendar'
import type { MetricUnit } from '../../../domain/metrics'
import type { Lang } from '.'

const cache = new Map<string, Intl.NumberFormat>()
/** A number formatter, made once per locale and options (the panels' formats share it, panels/format.ts). */
export function nf(lang: Lang, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}:${JSON.stringify(opts)}`
  let f = cache.get(key)
  if (!f) { f = new Intl.NumberFormat(lang, opts); cache.set(key, f) }
  return f
}

/**
 * A value by its unit, the numeral alone, the same wherever it is shown (panel, ranking, map label): 1,234 · 87.5% ·
 * 12.3 (hours, minutes, per 1,000) · 4.2 (score). Fractions keep their one decimal (50.0%, 12.0), so figures line up
 * and a round value does not read as a different precision from its neighbours.
 */
export function formatValue(value: number, unit: MetricUnit, lang: Lang): string {
  switch (unit) {
    case 'ratio': return nf(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
    case 'hours':
    case 'minutes':
    case 'per1000':
    case 'score': return nf(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
    case 'count': return nf(lang, { maximumFractionDigits: 0 }).format(value)
  }
}

// A formatter costs far more to make than to use (~0.24 ms against ~0.001 ms): each is made once per locale and kind.
const dateFormats = new Map<string, Intl.DateTimeFormat>()
function df(lang: Lang, kind: string, opts: Intl.DateTimeFormatOptions) {
  const key = `${lang}:${kind}`
  let f = dateFormats.get(key)
  // hourCycle h23, not hour12: false: engines before ECMA-402's 2023 fix (older Chromium-based browsers, Node 20's
  // ICU) take that as h24 in English, and half past midnight reads 24:30.
  if (!f) { f = new Intl.DateTimeFormat(lang, { timeZone: LOCAL_TIME_ZONE, hourCycle: 'h23', ...opts }); dateFormats.set(key, f) }
  return f
}

export function formatDateTime(iso: string | number, lang: Lang): string {
  return df(lang, 'date-time', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
}

/**
 * A moment in a record's history: day and time in the year of `now` (12/07 09:32), with the year before it otherwise
 * (2025/11/29 13:45), so last year's inspection does not read as last week's.
 */
export function formatMoment(iso: string | number, lang: Lang, now: number): string {
  const year = (ms: number) => df(lang, 'year', { year: 'numeric' }).format(new Date(ms))
  const at = new Date(iso).getTime()
  if (year(at) === year(now)) return formatDateTime(at, lang)
  return df(lang, 'year-date-time', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(at))
}

export function formatDate(ms: number, lang: Lang): string {
  return df(lang, 'date', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms))
}

/** Hour and minute: 14:05. */
export function formatTime(ms: number, lang: Lang): string {
  return df(lang, 'time', { hour: '2-digit', minute: '2-digit' }).format(ms)
}

/** Month and day, short: 11/28 in both languages (a chart's axis, a span of days). */
export function formatMonthDay(ms: number, lang: Lang): string {
  return df(lang, 'month-day', { month: 'numeric', day: 'numeric' }).format(ms)
}

/** A month of a year: 26年11月 · Nov '26 (a monthly chart's axis). */
export function formatMonth(ms: number, lang: Lang): string {
  const f = df(lang, 'month', { year: '2-digit', month: 'short' })
  if (lang !== 'en') return f.format(ms)
  // English writes it "Nov 26", which reads as a day: the year gets its apostrophe.
  const part = (type: Intl.DateTimeFormatPartTypes) => f.formatToParts(ms).find((p) => p.type === type)?.value ?? ''
  return `${part('month')} '${part('year')}`
}

/** The day in words, with its weekday: 2026年11月28日星期六 · Sat, Nov 28, 2026 (the wall's header). */
export function formatLongDate(ms: number, lang: Lang): string {
  return df(lang, 'long-date', { year: 'numeric', month: lang === 'en' ? 'short' : 'long', day: 'numeric', weekday: lang === 'en' ? 'short' : 'long' }).format(ms)
}

/** The clock of the header and the wall, to the second (Beijing time). */
export function formatClock(ms: number, lang: Lang): string {
  return df(lang, 'clock', { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms)
}

/**
 * A deadline's countdown (or how far past it is), from its magnitude in ms: past two days in days and hours
 * (6天21小时, 6 d 21 h), since 165:30:08 has to be worked out; closer, hours, minutes and seconds ticking (5:07:32).
 */
export function formatCountdown(ms: number, lang: Lang): string {
  const abs = Math.abs(ms)
  const days = Math.floor(abs / 86_400_000)
  if (days >= 2) {
    const hours = Math.floor((abs % 86_400_000) / 3_600_000)
    return lang === 'en' ? `${days} d ${hours} h` : `${days}天${hours}小时`
  }
  const h = Math.floor(abs / 3_600_000)
  const m = Math.floor((abs % 3_600_000) / 60_000)
  const s = Math.floor((abs % 60_000) / 1000)
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
}
