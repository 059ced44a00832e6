import { expect, test } from 'vitest'
import { escalationLevel, partyKey, repeatBetweenParties } from '../../domain/alerts/dispute-escalation'
import { ALERT_RULES } from '../../domain/alerts/rules'
import { defaultParams, paramsProblem } from '../../domain/alerts/rule'
import { DAY } from '../../domain/time'

const T = Date.parse('2026-12-07T09:00:00+08:00')
const a = { name: '张 伟', phone: '138-0000-1111' }
const b = { name: '李娜', phone: '13900002222' }
const c = { name: '王芳', phone: null }

test('a county-level dispute is an escalation', () => {
  expect(escalationLevel('county')).toBe('orange')
  expect(escalationLevel('township')).toBeNull()
})

test('the same two parties within 90 days: matched on stored identity, not on a masked or bare name', () => {
  expect(partyKey(a)).toBe(partyKey({ name: '张伟', phone: '13800001111' }))
  expect(partyKey(a)).not.toBe(partyKey({ name: '张伟', phone: '13800009999' }))
  const now = { id: 3, reportedAt: T, parties: [a, b], highRisk: false }
  expect(repeatBetweenParties(now, [{ id: 1, reportedAt: T - 30 * DAY, parties: [b, a, c], highRisk: false }])).toEqual({ level: 'yellow', with: [1] })
  expect(repeatBetweenParties({ ...now, highRisk: true }, [{ id: 1, reportedAt: T - 30 * DAY, parties: [a, b], highRisk: false }])?.level).toBe('orange')
  expect(repeatBetweenParties(now, [{ id: 1, reportedAt: T - 91 * DAY, parties: [a, b], highRisk: false }])).toBeNull()
  expect(repeatBetweenParties(now, [{ id: 1, reportedAt: T - DAY, parties: [a, c], highRisk: false }])).toBeNull()
  // Masked strings never match: 张* with another phone is somebody else.
  expect(repeatBetweenParties(now, [{ id: 1, reportedAt: T - DAY, parties: [{ name: '张*', phone: '138****1111' }, b], highRisk: false }])).toBeNull()
})

test('every rule has an id of its own, labels in both languages, and defaults inside their own ranges', () => {
  expect(new Set(ALERT_RULES.map((r) => r.id)).size).toBe(ALERT_RULES.length)
  for (const rule of ALERT_RULES) {
    expect(rule.name).toMatch(/[\u4e00-\u9fff]/)
    expect(rule.nameEn).toMatch(/[A-Za-z]/)
    expect(paramsProblem(rule, defaultParams(rule))).toBeNull()
  }
})
