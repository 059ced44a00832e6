import { expect, test } from 'vitest'
import { lapsedInspection, unhandledWarning } from '../../domain/alerts/site-risk'
import { departmentRepeats, unansweredLevel, wasUnanswered } from '../../domain/alerts/whistle-unanswered'
import { inspectionCadenceMs } from '../../domain/sites'
import { DAY, HOUR, MINUTE } from '../../domain/time'

const T = Date.parse('2026-12-07T09:00:00+08:00')

test('a red-grade site with a lapsed inspection is 红, an orange-grade one 橙, lower grades none', () => {
  const lapsed = (grade: 'red' | 'orange' | 'yellow') => ({ grade, lastInspectionAt: T - inspectionCadenceMs(grade) - 1, registeredAt: T - 400 * DAY })
  expect(lapsedInspection(lapsed('red'), T)).toBe('red')
  expect(lapsedInspection(lapsed('orange'), T)).toBe('orange')
  expect(lapsedInspection(lapsed('yellow'), T)).toBeNull()
  expect(lapsedInspection({ ...lapsed('red'), lastInspectionAt: T - 1 }, T)).toBeNull()
})

test('a site warning unhandled past 72 h takes its site\'s grade', () => {
  expect(unhandledWarning('red', T - 72 * HOUR, T)).toBeNull()
  expect(unhandledWarning('red', T - 72 * HOUR - 1, T)).toBe('red')
  expect(unhandledWarning('blue', T - 80 * HOUR, T)).toBe('yellow')
  expect(unhandledWarning('orange', T - 2 * HOUR, T, { warningLimitHours: 1 })).toBe('orange')
})

test('a whistle call not signed for within 30 minutes: 黄, then 橙, then 红 past 4 h; urgent calls 橙 at once', () => {
  const call = { whistledAt: T, acknowledgedAt: null, urgent: false }
  expect(unansweredLevel(call, T + 30 * MINUTE)).toBeNull()
  expect(unansweredLevel(call, T + 31 * MINUTE)).toBe('yellow')
  expect(unansweredLevel(call, T + 30 * MINUTE + 2 * HOUR + 1)).toBe('orange')
  expect(unansweredLevel(call, T + 30 * MINUTE + 4 * HOUR + 1)).toBe('red')
  expect(unansweredLevel({ ...call, urgent: true }, T + 31 * MINUTE)).toBe('orange')
  expect(unansweredLevel({ ...call, acknowledgedAt: T + 40 * MINUTE }, T + 5 * HOUR)).toBeNull()
})

test('a department with three calls answered late (or not at all) within a week', () => {
  const late = (daysAgo: number) => ({ whistledAt: T - daysAgo * DAY, acknowledgedAt: T - daysAgo * DAY + 45 * MINUTE, urgent: false })
  const onTime = { whistledAt: T - DAY, acknowledgedAt: T - DAY + 10 * MINUTE, urgent: false }
  expect(wasUnanswered(late(1), T)).toBe(true)
  expect(wasUnanswered(onTime, T)).toBe(false)
  expect(departmentRepeats([late(1), late(2), onTime], T)).toBe(false)
  expect(departmentRepeats([late(1), late(2), late(6)], T)).toBe(true)
  expect(departmentRepeats([late(1), late(2), late(8)], T)).toBe(false)
})
