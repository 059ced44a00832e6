// The wall's pure parts as data: how a canvas fits a screen, its URL parameters, and which stream events are urgent.
import { describe, expect, it } from 'vitest'
import { fitCanvas, isWide, parseCanvas } from '../../web/src/wall/canvas'
import { parseBannerMs, parseTour } from '../../web/src/wall/params'
import { stepKey, tourSteps } from '../../web/src/wall/tour-steps'
import { URGENT_PRIORITY, recordFromEvent, urgentOf } from '../../web/src/wall/urgent'

describe('the wall canvas', () => {
  it('parses ?canvas= and falls back to 1920×1080', () => {
    expect(parseCanvas('')).toEqual({ width: 1920, height: 1080 })
    expect(parseCanvas('?canvas=3840x2160')).toEqual({ width: 3840, height: 2160 })
    expect(parseCanvas('?canvas=5760x1080')).toEqual({ width: 5760, height: 1080 })
    for (const bad of ['?canvas=4k', '?canvas=10x10', '?canvas=99999x1080', '?canvas=1080x5760']) expect(parseCanvas(bad)).toEqual({ width: 1920, height: 1080 })
  })

  it('letterboxes, never stretches, and counts sizes in lines of a 1080-line grid', () => {
    expect(fitCanvas({ width: 1920, height: 1080 }, { width: 1920, height: 1080 })).toEqual({ left: 0, top: 0, width: 1920, height: 1080, unit: 1, gridWidth: 1920 })
    expect(fitCanvas({ width: 1920, height: 1080 }, { width: 3840, height: 2160 }).unit).toBe(2)
    // The 4K canvas is the 1080 layout with twice the pixels.
    expect(fitCanvas({ width: 3840, height: 2160 }, { width: 3840, height: 2160 })).toEqual(fitCanvas({ width: 1920, height: 1080 }, { width: 3840, height: 2160 }))
    // A 16:10 screen: bars above and below.
    const f = fitCanvas({ width: 1920, height: 1080 }, { width: 1920, height: 1200 })
    expect(f).toMatchObject({ left: 0, top: 60, width: 1920, height: 1080 })
    // Three screens wide on one 16:9 screen: bars, and the wide layout.
    const w = fitCanvas({ width: 5760, height: 1080 }, { width: 1920, height: 1080 })
    expect(w).toMatchObject({ width: 1920, height: 360, top: 360, gridWidth: 5760 })
    expect(w.width / w.height).toBeCloseTo(5760 / 1080, 2)
    expect(isWide(w)).toBe(true)
    expect(isWide(f)).toBe(false)
  })

  it('reads ?tour= and ?banner=', () => {
    expect(parseTour('')).toBeNull()
    expect(parseTour('?tour=30')).toBe(30)
    expect(parseTour('?tour=0.2')).toBe(1)
    expect(parseTour('?tour=-3')).toBeNull()
    expect(parseTour('?tour=x')).toBeNull()
    expect(parseBannerMs('')).toBe(15_000)
    expect(parseBannerMs('?banner=4')).toBe(4000)
    expect(parseBannerMs('?banner=0')).toBe(15_000)
  })
})

describe('urgent events', () => {
  const feature = (properties: Record<string, unknown>) => ({ type: 'Feature', id: 7, geometry: { type: 'Point', coordinates: [119.7, 27.55] }, properties: { id: 7, township: '330329100', ...properties } })
  const urgent = (kind: string, properties: Record<string, unknown>) => {
    const r = recordFromEvent({ id: 42, kind, data: feature(properties) }, 0)
    return r && urgentOf(r)
  }

  it('a new 紧急 incident is urgent; an update or a lesser severity is not', () => {
    expect(urgent('incident.created', { severity: 'critical', reportedAt: '2026-11-28T01:00:00Z' })).toMatchObject({
      key: 'incident:7', reason: 'critical', point: [119.7, 27.55], township: '330329100', eventId: 42, at: Date.parse('2026-11-28T01:00:00Z'),
    })
    expect(urgent('incident.updated', { severity: 'critical' })).toBeNull()
    expect(urgent('incident.created', { severity: 'urgent' })).toBeNull()
  })

  it('a warning on a red-grade site, an open high-risk dispute, an open whistle call past its SLA', () => {
    expect(urgent('site.updated', { urgent: true, openWarnings: 1 })?.key).toBe('site:7:1')
    expect(urgent('site.updated', { urgent: false, openWarnings: 1 })).toBeNull()
    expect(urgent('dispute.created', { risk: 'high', status: 'accepted', level: 'village' })?.key).toBe('dispute:7:village')
    expect(urgent('dispute.updated', { risk: 'high', status: 'succeeded', level: 'village' })).toBeNull()
    expect(urgent('dispute.updated', { risk: 'medium', status: 'mediating' })).toBeNull()
    expect(urgent('whistle.updated', { sla: 'breached', status: 'acknowledged' })?.key).toBe('whistle:7:acknowledged')
    expect(urgent('whistle.updated', { sla: 'breached', status: 'closed' })).toBeNull()
    expect(urgent('whistle.created', { sla: 'ok', status: 'whistled' })).toBeNull()
  })

  it('a county 督办 on a 紧急 incident interrupts, once per 督办; a township one, or on a lesser incident, does not', () => {
    const supervised = (severity: string, level: string, at = '2026-12-07T05:00:00Z') => {
      const r = recordFromEvent({ id: 43, kind: 'incident.supervised', data: feature({
        severity, status: 'handling', dueAt: '2026-12-05T01:00:00Z',
        supervision: { level, note: '请今日办结，联系人13912345678', at, by: { name: '演示·县领导', role: 'leader' } },
      }) }, 0)
      return { r, u: r && urgentOf(r) }
    }
    const { r, u } = supervised('critical', 'county')
    expect(u).toMatchObject({ key: `incident:7:county:${Date.parse('2026-12-07T05:00:00Z')}`, record: 'incident:7', reason: 'county-supervision', action: 'supervised' })
    expect(u!.priority).toBe(URGENT_PRIORITY['county-supervision'])
    // Its time is the 督办's; what the wall keeps of it is the level and the role: no note, no name, anywhere.
    expect(r).toMatchObject({ at: Date.parse('2026-12-07T05:00:00Z'), supervision: { level: 'county', role: 'leader' } })
    expect(JSON.stringify(r)).not.toMatch(/13912345678|联系人|演示/)
    // A second 督办 later is news again.
    expect(supervised('critical', 'county', '2026-12-08T05:00:00Z').u!.key).not.toBe(u!.key)
    expect(supervised('critical', 'township').u).toBeNull()
    expect(supervised('urgent', 'county').u).toBeNull()
    // Without a readable supervision it is an ordinary update.
    const plain = recordFromEvent({ id: 44, kind: 'incident.supervised', data: feature({ severity: 'critical', supervision: { level: 'x' } }) }, 0)
    expect(plain).toMatchObject({ action: 'updated' })
    expect(urgentOf(plain!)).toBeNull()
  })

  it('a 红 alert interrupts once, flown to at the middle of its grid; an orange one, or a closed one, does not', () => {
    const square = { type: 'Polygon', coordinates: [[[119.7, 27.5], [119.72, 27.5], [119.72, 27.52], [119.7, 27.52], [119.7, 27.5]]] }
    const alert = (kind: string, properties: Record<string, unknown>) => {
      const r = recordFromEvent({ id: 45, kind, data: { type: 'Feature', id: 9, geometry: square, properties: { id: 9, rule: 'spike', township: '330329100', grid: '33032910000101', raisedAt: '2026-12-07T08:00:00Z', ...properties } } }, 0)
      return { r, u: r && urgentOf(r) }
    }
    const raised = alert('alert.raised', { level: 'red', status: 'new' })
    expect(raised.r).toMatchObject({ kind: 'alert', action: 'created', at: Date.parse('2026-12-07T08:00:00Z'), township: '330329100' })
    expect(raised.r!.point![0]).toBeCloseTo(119.71)
    expect(raised.r!.point![1]).toBeCloseTo(27.51)
    expect(raised.u).toMatchObject({ key: 'alert:9:red', record: 'alert:9', reason: 'red-alert' })
    // Seen again by the next evaluation, or judged: the same key, so the queue does not show it twice.
    expect(alert('alert.updated', { level: 'red', status: 'acknowledged' }).u!.key).toBe('alert:9:red')
    expect(alert('alert.raised', { level: 'orange', status: 'new' }).u).toBeNull()
    expect(alert('alert.updated', { level: 'red', status: 'falseAlarm' }).u).toBeNull()
    expect(URGENT_PRIORITY['red-alert']).toBeLessThan(URGENT_PRIORITY.critical)
    expect(URGENT_PRIORITY['red-alert']).toBeGreaterThan(URGENT_PRIORITY['county-supervision'])
  })

  it('a new danger goes before an escalation, an escalation before a clock that ran out', () => {
    expect(URGENT_PRIORITY.critical).toBeGreaterThan(URGENT_PRIORITY['county-supervision'])
    expect(URGENT_PRIORITY['red-site']).toBeGreaterThan(URGENT_PRIORITY['high-risk'])
    expect(URGENT_PRIORITY['county-supervision']).toBeGreaterThan(URGENT_PRIORITY['sla-breached'])
  })

  it('ignores what it does not understand', () => {
    expect(recordFromEvent({ id: 1, kind: 'reset', data: {} }, 0)).toBeNull()
    expect(recordFromEvent({ id: 1, kind: 'incident.created', data: null }, 0)).toBeNull()
    expect(recordFromEvent({ id: 1, kind: 'incident.created', data: { properties: {} } }, 0)).toBeNull()
  })
})

describe('the tour steps', () => {
  const fc = (ids: string[]) => ({ type: 'FeatureCollection' as const, features: ids.map((id) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [0, 0] }, properties: { id, name: id } })) })
  const townships = fc(['330329102', '330329100', '330329101'])
  const villages = fc(['330329100002', '330329101001', '330329100001'])
  const scopes = (ids: string[]) => ids.map((scope) => ({ scope, page: null }))
  it('the county wall shows the county, then the 预警 and 考核 pages, then the townships in code order', () => {
    expect(tourSteps('330329', townships, villages)).toEqual([
      { scope: '330329', page: null },
      { scope: '330329', page: 'alerts' },
      { scope: '330329', page: 'scoreboard-township' },
      { scope: '330329', page: 'scoreboard-department' },
      ...scopes(['330329100', '330329101', '330329102']),
    ])
    expect(tourSteps('330329', townships, villages).map(stepKey))
      .toEqual(['330329', 'alerts', 'scoreboard-township', 'scoreboard-department', '330329100', '330329101', '330329102'])
    // Without pages (a caller that asks for none), the tour is the scopes alone.
    expect(tourSteps('330329', townships, villages, [])).toEqual(scopes(['330329', '330329100', '330329101', '330329102']))
  })
  it("a township's wall tours its own villages only, without the county's pages", () => {
    expect(tourSteps('330329100', townships, villages)).toEqual(scopes(['330329100', '330329100001', '330329100002']))
  })
  it('below a village, and before the regions load, the tour stays home', () => {
    expect(tourSteps('330329100001', townships, villages)).toEqual(scopes(['330329100001']))
    // The pages need no regions: they come at once after the county.
    expect(tourSteps('330329', null, null).map(stepKey)).toEqual(['330329', 'alerts', 'scoreboard-township', 'scoreboard-department'])
  })
})
