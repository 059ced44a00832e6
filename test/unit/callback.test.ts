// The call-back rules as data: the draw is reproducible and honours its shares, the due date counts 5 working days
// (holidays and adjusted working weekends included), lateness, and who calls.
import { describe, expect, test } from 'vitest'
import {
  CALLBACK_LIMIT_WORKING_DAYS, CALLBACK_RESULTS, DEFAULT_CALLBACK_SHARES, callbackBucket, callbackDueBy, callbackOwner, callbackStatusOf,
  drawsCallback, isCallbackLate, mayRecordCallback, whoMayRecordCallback,
} from '../../domain/callback'
import { addWorkingDays } from '../../domain/working-days'

const IDS = Array.from({ length: 10_000 }, (_, i) => i + 1)
const share = (source: string, shares: { citizen: number; other: number }, ids = IDS) => ids.filter((id) => drawsCallback(id, source, shares)).length / ids.length
const local = (text: string) => Date.parse(`${text}+08:00`)

describe('drawsCallback', () => {
  test('is reproducible: the same id, source and shares draw the same every time', () => {
    const first = IDS.map((id) => drawsCallback(id, 'patrol', DEFAULT_CALLBACK_SHARES))
    expect(IDS.map((id) => drawsCallback(id, 'patrol', DEFAULT_CALLBACK_SHARES))).toEqual(first)
    expect(callbackBucket(48040)).toBe(callbackBucket(48040))
  })

  test('honours the shares within a percentage point over 10,000 ids, and over runs of consecutive ids', () => {
    for (const pct of [1, 10, 25, 50, 90]) {
      expect(Math.abs(share('patrol', { citizen: 100, other: pct }) - pct / 100)).toBeLessThan(0.01)
      expect(Math.abs(share('hotline', { citizen: pct, other: 0 }) - pct / 100)).toBeLessThan(0.01)
    }
    const run = Array.from({ length: 10_000 }, (_, i) => 1_000_000 + i)
    expect(Math.abs(share('camera', { citizen: 100, other: 10 }, run) - 0.1)).toBeLessThan(0.01)
  })

  test('0% draws none and 100% draws all; citizen = the hotline and the app', () => {
    expect(share('hotline', { citizen: 100, other: 0 })).toBe(1)
    expect(share('app', { citizen: 100, other: 0 })).toBe(1)
    expect(share('patrol', { citizen: 100, other: 0 })).toBe(0)
    expect(share('department', { citizen: 0, other: 100 })).toBe(1)
    expect(share('hotline', { citizen: 0, other: 100 })).toBe(0)
  })

  test('a smaller share draws a subset of a larger one (raising the share only adds cases)', () => {
    const at = (pct: number) => new Set(IDS.filter((id) => drawsCallback(id, 'patrol', { citizen: 100, other: pct })))
    const ten = at(10)
    expect([...ten].every((id) => at(30).has(id))).toBe(true)
  })
})

describe('callbackDueBy', () => {
  test('5 working days, the verification day not counted, ending at midnight after the fifth', () => {
    expect(CALLBACK_LIMIT_WORKING_DAYS).toBe(5)
    // Wednesday 2 December 2026, afternoon: Thu, Fri, Mon, Tue, Wed → the end of Wednesday 9 December.
    expect(callbackDueBy(local('2026-12-02T15:00:00'))).toBe(local('2026-12-10T00:00:00'))
    expect(callbackDueBy(local('2026-12-02T15:00:00'))).toBe(addWorkingDays(local('2026-12-02T15:00:00'), 5))
  })

  test('holidays do not count; an adjusted working weekend does', () => {
    // Tuesday 29 September 2026: Wed 30 Sep, then the National Day holiday 1–7 Oct, Thu 8, Fri 9, Sat 10 (a working Saturday), Mon 12.
    expect(callbackDueBy(local('2026-09-29T10:00:00'))).toBe(local('2026-10-13T00:00:00'))
  })
})

describe('lateness and state', () => {
  const dueBy = local('2026-12-10T00:00:00')
  test('awaited past its due time is late; met at the exact instant; answered after it stays late', () => {
    expect(isCallbackLate({ dueBy, doneAt: null }, dueBy)).toBe(false)
    expect(isCallbackLate({ dueBy, doneAt: null }, dueBy + 1)).toBe(true)
    expect(isCallbackLate({ dueBy, doneAt: dueBy - 1 }, dueBy + 99)).toBe(false)
    expect(isCallbackLate({ dueBy, doneAt: dueBy + 1 }, dueBy + 99)).toBe(true)
    expect(callbackStatusOf({ dueBy, doneAt: null, result: null }, dueBy + 1)).toBe('late')
    expect(callbackStatusOf({ dueBy, doneAt: null, result: null }, dueBy)).toBe('awaited')
    expect(callbackStatusOf({ dueBy, doneAt: dueBy + 1, result: 'satisfied' }, dueBy + 1)).toBe('done')
  })
})

describe('who calls, who records', () => {
  test('the county centre for a case a county role dispatched, else the township', () => {
    expect(callbackOwner('leader')).toBe('county')
    expect(callbackOwner('admin')).toBe('county')
    expect(callbackOwner('township')).toBe('township')
    expect(callbackOwner('grid')).toBe('township')
    expect(callbackOwner(null)).toBe('township')
  })

  test('the owner side records: the township\'s officer, or a leader for the county', () => {
    const officer = { role: 'township' as const, township: '330329100', grids: [], department: null }
    const other = { ...officer, township: '330329101' }
    const leader = { role: 'leader' as const, township: null, grids: [], department: null }
    const township = { owner: 'township', township: '330329100' }
    const county = { owner: 'county', township: '330329100' }
    expect([mayRecordCallback(officer, township), mayRecordCallback(other, township), mayRecordCallback(leader, township)]).toEqual([true, false, false])
    expect([mayRecordCallback(officer, county), mayRecordCallback(leader, county)]).toEqual([false, true])
    expect(whoMayRecordCallback(county)).toMatch(/county leader/)
  })

  test('results are labelled in both languages', () => {
    expect(CALLBACK_RESULTS.map((r) => r.name)).toEqual(['满意', '基本满意', '不满意'])
    expect(CALLBACK_RESULTS.every((r) => r.nameEn.length > 0)).toBe(true)
  })
})
