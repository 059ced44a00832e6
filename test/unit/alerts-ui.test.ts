// The alert screens' pure parts as data: which alerts a view shows and in what order, the evidence in one line, the
// actions' forms and requests, and the alert layer's place among the overlays.
import { describe, expect, it } from 'vitest'
import { alertActions, buildAlertRequest, checkAlertDraft } from '../../web/src/alerts/alert-actions'
import { alertCenter, alertInScope, alertTitle, asAlertFeature, byLevelNewestFirst, evidenceLine, isOpenAlert } from '../../web/src/alerts/alert-feature'
import type { AlertProps } from '../../web/src/alerts/alert-feature'
import { evidenceRecordKind } from '../../web/src/alerts/evidence-records'
import { alertMessages } from '../../web/src/i18n/alerts'
import { composeOverlays } from '../../web/src/map/overlay'
import { OVERLAYS } from '../../web/src/map/overlays'
import { pulses } from '../../web/src/map/alert-pulse'

const props = (p: Partial<AlertProps>): AlertProps => ({ id: 1, rule: 'spike', level: 'yellow', status: 'new', raisedAt: '2026-12-07T08:00:00Z', ...p })

describe('the alerts a view shows', () => {
  it('red first, newest first within a level', () => {
    const list = [
      props({ id: 1, level: 'yellow', raisedAt: '2026-12-07T09:00:00Z' }),
      props({ id: 2, level: 'red', raisedAt: '2026-12-07T07:00:00Z' }),
      props({ id: 3, level: 'orange', raisedAt: '2026-12-07T08:00:00Z' }),
      props({ id: 4, level: 'red', raisedAt: '2026-12-07T08:30:00Z' }),
    ]
    expect([...list].sort(byLevelNewestFirst).map((p) => p.id)).toEqual([4, 2, 3, 1])
  })

  it('a grid alert in its township and the county; a township alert in its grids too; open ones only', () => {
    const grid = { township: '330329100', grid: '33032910000101' }
    expect(alertInScope(grid, '330329')).toBe(true)
    expect(alertInScope(grid, '330329100')).toBe(true)
    expect(alertInScope(grid, '330329101')).toBe(false)
    expect(alertInScope({ township: '330329100', grid: null }, '33032910000101')).toBe(true)
    expect(alertInScope({ township: null, grid: null }, '330329')).toBe(true)
    expect(alertInScope({ township: null, grid: null }, '330329100')).toBe(false)
    expect(['new', 'acknowledged', 'handling', 'cleared', 'falseAlarm'].map((status) => isOpenAlert({ status }))).toEqual([true, true, true, false, false])
  })

  it('reads a stream feature, and frames it at its middle', () => {
    const f = asAlertFeature({ type: 'Feature', id: 5, geometry: { type: 'Polygon', coordinates: [[[119, 27], [120, 27], [120, 28], [119, 28], [119, 27]]] }, properties: { id: 5, rule: 'spike', level: 'red', status: 'new', raisedAt: 'x' } })
    expect(alertCenter(f!)).toEqual([119.5, 27.5])
    expect(asAlertFeature({ properties: { id: 5 } })).toBeNull()
    expect(asAlertFeature(null)).toBeNull()
  })

  it('is headed by its rule and what it is about, not by the answer’s title (which repeats the place)', () => {
    const nameOf = (list: string, id: string) => `${list}:${id}`
    expect(alertTitle({ rule: 'spike', evidence: { category: 'environment' } }, 'zh-CN', nameOf)).toBe('同类事件突增（categories:environment）')
    expect(alertTitle({ rule: 'whistle-unanswered', evidence: { department: 'housing' } }, 'en', nameOf)).toBe('Whistle call unanswered (departments:housing)')
    expect(alertTitle({ rule: 'overdue-pile-up', evidence: { category: null } }, 'zh-CN', nameOf)).toBe('超期积压')
    expect(alertTitle({ rule: 'unknown-rule' }, 'zh-CN')).toBe('unknown-rule')
  })
})

describe('the evidence in one line', () => {
  const zh = alertMessages('zh-CN')
  const en = alertMessages('en')
  it('a spike: the window, what came, what was expected, p', () => {
    expect(evidenceLine({ window: '1h', observed: 12, expected: 0.31, p: 1e-9, count: 12 }, 'zh-CN', zh)).toBe('近1小时 12 件 · 期望 0.31 · p <1e-6')
    expect(evidenceLine({ window: '1h', observed: 12, expected: 0.0412 }, 'zh-CN', zh)).toBe('近1小时 12 件 · 期望 0.041')
    expect(evidenceLine({ window: '24h', observed: 9, expected: 2, p: 0.00042 }, 'en', en)).toBe('last 24 h 9 reports · expected 2.0 · p 4.2e-4')
  })
  it('a count, or a township’s rate against the county’s', () => {
    expect(evidenceLine({ observed: 15, expected: null, p: null, count: 15, window: null }, 'zh-CN', zh, 'overdue-pile-up')).toBe('超期 15 件')
    expect(evidenceLine({ observed: 0.42, expected: 0.1, count: 21 }, 'zh-CN', zh, 'overdue-pile-up')).toBe('超期率 42.0% · 全县 10.0%')
    expect(evidenceLine({ observed: 11, expected: 5, count: 11 }, 'zh-CN', zh, 'overdue-pile-up')).toBe('超期 11 件（阈值 5）')
    expect(evidenceLine({ observed: 134, count: 1 }, 'zh-CN', zh, 'site-risk')).toBe('超时 6天')
    expect(evidenceLine({ observed: 95, count: 1 }, 'zh-CN', zh, 'whistle-unanswered')).toBe('已等 95分钟 未签收')
    expect(evidenceLine({ observed: 4, expected: 3, count: 4 }, 'en', en, 'whistle-unanswered')).toBe('4 unanswered in a week (threshold 3)')
    expect(evidenceLine({ window: '1h', observed: 12, expected: 0.5, p: 1e-9 }, 'zh-CN', zh, 'spike', { withP: false })).toBe('近1小时 12 件 · 期望 0.5')
    expect(evidenceLine(null, 'zh-CN', zh)).toBe('')
  })
  it('knows which records the ids are of', () => {
    expect(evidenceRecordKind({ rule: 'spike' })).toBe('incident')
    expect(evidenceRecordKind({ rule: 'site-risk' })).toBe('site')
    expect(evidenceRecordKind({ rule: 'spike', evidence: { recordKind: 'whistle' } })).toBe('whistle')
    expect(evidenceRecordKind({ rule: 'nope' })).toBeNull()
  })
})

describe('acting on an alert', () => {
  it('offers what the server allows, else what the life cycle allows', () => {
    expect(alertActions({ status: 'new', allowedActions: ['acknowledge'] })).toEqual(['acknowledge'])
    expect(alertActions({ status: 'new' })).toEqual(expect.arrayContaining(['acknowledge', 'falseAlarm', 'snooze']))
    expect(alertActions({ status: 'cleared' })).toEqual([])
  })
  it('误报 needs its reason; 暂缓 a whole number of hours from 1 to 24; 已研判 takes its note as given', () => {
    expect(checkAlertDraft('falseAlarm', { note: '  ', hours: '' })).toEqual({ note: 'required' })
    expect(checkAlertDraft('snooze', { note: '', hours: '25' })).toEqual({ hours: 'hoursRange' })
    expect(checkAlertDraft('snooze', { note: '', hours: '2.5' })).toEqual({ hours: 'hoursRange' })
    expect(checkAlertDraft('acknowledge', { note: '', hours: '' })).toEqual({})
    expect(buildAlertRequest('acknowledge', { note: ' 已核实，派员 ', hours: '4' })).toEqual({ action: 'acknowledge', note: '已核实，派员' })
    expect(buildAlertRequest('snooze', { note: '', hours: '6' })).toEqual({ action: 'snooze', hours: 6 })
    expect(buildAlertRequest('falseAlarm', { note: '演练数据', hours: '4' })).toEqual({ action: 'falseAlarm', note: '演练数据' })
  })
})

describe('the alert layer', () => {
  it('pulses new 红 alerts, and new 橙 ones over an area; never 黄, never one already judged', () => {
    const area = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }
    const point = { type: 'Point' as const, coordinates: [0, 0] }
    const f = (level: string, status: string, geometry: typeof area | typeof point) => ({ type: 'Feature' as const, geometry, properties: props({ level: level as 'red', status }) })
    expect(pulses(f('red', 'new', point))).toBe(true)
    expect(pulses(f('orange', 'new', area))).toBe(true)
    expect(pulses(f('orange', 'new', point))).toBe(false)
    expect(pulses(f('yellow', 'new', area))).toBe(false)
    expect(pulses(f('red', 'acknowledged', area))).toBe(false)
  })

  it('draws areas above the regions and under the records; rings the evidence above every record', () => {
    const ids = composeOverlays(OVERLAYS).layers.map((l) => l.id)
    expect(ids.indexOf('alerts-fill')).toBeGreaterThan(ids.indexOf('grids-fill'))
    expect(ids.indexOf('alerts-line')).toBeLessThan(ids.indexOf('incidents-point'))
    expect(ids.indexOf('alert-records-ring')).toBeGreaterThan(ids.indexOf('whistles-arc'))
    expect(ids.indexOf('alert-records-ring')).toBeLessThan(ids.indexOf('townships-label'))
  })
})
