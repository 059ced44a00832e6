import { describe, expect, it } from 'vitest'
import { allowedAlertActions, isOpenAlert, nextAlertStatus } from '../../domain/alerts/alert-status'

describe('an alert\'s life cycle', () => {
  it('goes new → acknowledged → handling → cleared', () => {
    expect(nextAlertStatus('new', 'acknowledge')).toEqual({ ok: true, status: 'acknowledged' })
    expect(nextAlertStatus('acknowledged', 'handle')).toEqual({ ok: true, status: 'handling' })
    expect(nextAlertStatus('handling', 'clear')).toEqual({ ok: true, status: 'cleared' })
  })
  it('takes a false alarm only with its reason', () => {
    const refused = nextAlertStatus('new', 'falseAlarm', { note: '  ' })
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.message).toMatch(/reason/)
    expect(nextAlertStatus('handling', 'falseAlarm', { note: '演练' })).toEqual({ ok: true, status: 'falseAlarm' })
  })
  it('snoozes for 1 to 24 whole hours and keeps the status', () => {
    expect(nextAlertStatus('acknowledged', 'snooze', { hours: 24 })).toEqual({ ok: true, status: 'acknowledged' })
    for (const hours of [0, 25, 1.5, undefined]) expect(nextAlertStatus('new', 'snooze', { hours }).ok).toBe(false)
  })
  it('ends at cleared and falseAlarm', () => {
    expect(allowedAlertActions('cleared')).toEqual([])
    expect(allowedAlertActions('falseAlarm')).toEqual([])
    const r = nextAlertStatus('cleared', 'acknowledge')
    expect(!r.ok && r.message).toMatch(/final/)
    expect(allowedAlertActions('new')).toEqual(['acknowledge', 'handle', 'clear', 'falseAlarm', 'snooze'])
    expect(isOpenAlert('handling') && !isOpenAlert('cleared')).toBe(true)
  })
})
