// Dates and times per locale, always in Beijing time whatever the machine's zone.
import { describe, expect, test } from 'vitest'
import { otherLanguageHref } from '../../web/src/i18n'
import { formatClock, formatDate, formatDateTime, formatLongDate, formatMonth, formatMonthDay, formatTime, formatValue } from '../../web/src/i18n/format'

// 00:30:05 on Saturday 28 November 2026 in Beijing: half past midnight, and the UTC date is the day before.
const AT = Date.parse('2026-11-27T16:30:05Z')

describe('dates and times', () => {
  test('zh-CN', () => {
    expect([formatClock(AT, 'zh-CN'), formatTime(AT, 'zh-CN'), formatDateTime(AT, 'zh-CN'), formatDate(AT, 'zh-CN')])
      .toEqual(['00:30:05', '00:30', '11/28 00:30', '2026/11/28'])
    expect([formatMonthDay(AT, 'zh-CN'), formatMonth(AT, 'zh-CN'), formatLongDate(AT, 'zh-CN')]).toEqual(['11/28', '26年11月', '2026年11月28日星期六'])
  })

  test('English: half past midnight is 00:30, not 24:30, and a month is not read as a day', () => {
    expect([formatClock(AT, 'en'), formatTime(AT, 'en'), formatDateTime(AT, 'en'), formatDate(AT, 'en')])
      .toEqual(['00:30:05', '00:30', '11/28, 00:30', '11/28/2026'])
    expect([formatMonthDay(AT, 'en'), formatMonth(AT, 'en'), formatLongDate(AT, 'en')]).toEqual(['11/28', "Nov '26", 'Sat, Nov 28, 2026'])
  })
})

test('values by unit', () => {
  expect([formatValue(1234.4, 'count', 'zh-CN'), formatValue(0.9234, 'ratio', 'en'), formatValue(12.34, 'hours', 'en')]).toEqual(['1,234', '92.3%', '12.3'])
})

test('a round fraction keeps its decimal, so the map label and the panel read the same (50.0%, not 50%)', () => {
  expect([formatValue(0.5, 'ratio', 'zh-CN'), formatValue(12, 'hours', 'zh-CN'), formatValue(4, 'score', 'en'), formatValue(3, 'count', 'en')])
    .toEqual(['50.0%', '12.0', '4.0', '3'])
})

test('the other language is the same page with lang=en added or taken away, the rest of the link kept', () => {
  expect(otherLanguageHref('zh-CN', { pathname: '/', search: '?scope=330329100&range=7d' })).toBe('/?scope=330329100&range=7d&lang=en')
  expect(otherLanguageHref('en', { pathname: '/', search: '?scope=330329100&lang=en&range=7d' })).toBe('/?scope=330329100&range=7d')
  expect(otherLanguageHref('en', { pathname: '/wall', search: '?lang=en' })).toBe('/wall')
})
