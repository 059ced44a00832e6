import { describe, expect, it } from 'vitest'
import {
  DisputeCreate,
  IncidentCreate,
  IncidentTransitionRequest,
  ScopeCode,
  SiteInspectionCreate,
  TransitionRequest,
  WhistleCreate,
  WhistleTransitionRequest,
} from '../../domain/schemas'

const incident = {
  type: 'illegal-building',
  point: { lng: 119.7127, lat: 27.556319, crs: 'gcj02' },
  description: '村口新搭建彩钢棚',
  source: 'patrol',
  severity: 'urgent',
}

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message).join('\n') ?? ''

describe('IncidentCreate', () => {
  it('accepts a valid report and fills defaults', () => {
    const parsed = IncidentCreate.parse({ ...incident, point: { lng: 119.7, lat: 27.5 }, severity: undefined, reporter: { name: '张三', phone: '13812345678' } })
    expect(parsed.point.crs).toBe('wgs84')
    expect(parsed.severity).toBe('normal')
  })

  it('trims the description', () => {
    expect(IncidentCreate.parse({ ...incident, description: '  棚  ' }).description).toBe('棚')
  })

  it.each([
    ['an unknown key', { ...incident, severty: 'urgent' }, /Unrecognized key/],
    ['an unknown key in the point', { ...incident, point: { ...incident.point, alt: 3 } }, /Unrecognized key/],
    ['an unknown type', { ...incident, type: 'ufo' }, /expected one of .*"illegal-building"/],
    ['an unknown crs', { ...incident, point: { lng: 119.7, lat: 27.5, crs: 'cgcs' } }, /"wgs84"\|"gcj02"\|"bd09"/],
    ['lng out of range', { ...incident, point: { lng: 200, lat: 27.5 } }, /lng must be between -180 and 180/],
    ['lat out of range', { ...incident, point: { lng: 119.7, lat: -91 } }, /lat must be between -90 and 90/],
    ['an infinite lng', { ...incident, point: { lng: Infinity, lat: 27.5 } }, /expected number/],
    ['NaN lat', { ...incident, point: { lng: 119.7, lat: NaN } }, /expected number/],
    ['an empty description', { ...incident, description: '   ' }, /must not be empty/],
    ['a 2001-character description', { ...incident, description: '违'.repeat(2001) }, /at most 2000/],
    ['an unknown source', { ...incident, source: 'rumour' }, /"patrol"/],
    ['a bad phone', { ...incident, reporter: { phone: 'call me' } }, /phone/],
  ])('rejects %s', (_, input, message) => {
    const r = IncidentCreate.safeParse(input)
    expect(r.success).toBe(false)
    expect(messages(r)).toMatch(message)
  })

  it('accepts a description of exactly 2000 characters', () => {
    expect(IncidentCreate.safeParse({ ...incident, description: '违'.repeat(2000) }).success).toBe(true)
  })
})

describe('transition requests', () => {
  it('generic: any action word, note up to 1000 characters', () => {
    expect(TransitionRequest.safeParse({ action: 'accept', note: 'ok' }).success).toBe(true)
    expect(TransitionRequest.safeParse({ action: 'accept', note: 'x'.repeat(1001) }).success).toBe(false)
    expect(TransitionRequest.safeParse({ action: 'accept', by: 'me' }).success).toBe(false)
  })

  it('incident: lists the valid actions on a bad one', () => {
    const r = IncidentTransitionRequest.safeParse({ action: 'approve' })
    expect(messages(r)).toContain('"supervise"')
  })

  it('whistle: rating goes with rate and only with it', () => {
    expect(WhistleTransitionRequest.safeParse({ action: 'rate', rating: 5 }).success).toBe(true)
    expect(messages(WhistleTransitionRequest.safeParse({ action: 'rate' }))).toMatch(/rating from 1 to 5/)
    expect(WhistleTransitionRequest.safeParse({ action: 'rate', rating: 6 }).success).toBe(false)
    expect(WhistleTransitionRequest.safeParse({ action: 'rate', rating: 4.5 }).success).toBe(false)
    expect(messages(WhistleTransitionRequest.safeParse({ action: 'close', rating: 3 }))).toMatch(/only with action "rate"/)
  })
})

describe('other create schemas', () => {
  it('DisputeCreate needs a named party and fills the "343" defaults', () => {
    const ok = DisputeCreate.parse({
      type: 'land-forest',
      point: { lng: 119.9, lat: 27.6 },
      description: '山林界址争议',
      parties: [{ name: '王五' }, { name: '赵六', phone: '13900000000' }],
    })
    expect(ok).toMatchObject({ level: 'village', method: 'sweep', risk: 'low', crossRegion: false })
    expect(DisputeCreate.safeParse({ ...ok, parties: [] }).success).toBe(false)
    expect(DisputeCreate.safeParse({ ...ok, parties: [{ phone: '13900000000' }] }).success).toBe(false)
    expect(DisputeCreate.safeParse({ ...ok, level: 'province' }).success).toBe(false)
  })

  it('WhistleCreate needs a township code of this county and a known department', () => {
    const base = { township: '330329111', department: 'enforcement', reason: '违建联合执法' }
    expect(WhistleCreate.parse(base).urgent).toBe(false)
    expect(messages(WhistleCreate.safeParse({ ...base, township: '330329111005' }))).toMatch(/9-digit code/)
    expect(WhistleCreate.safeParse({ ...base, department: 'army' }).success).toBe(false)
  })

  it('WhistleCreate takes a kind (default other) and an incident id that is a positive whole number', () => {
    const base = { township: '330329111', department: 'enforcement', reason: '违建联合执法' }
    expect(WhistleCreate.parse(base).kind).toBe('other')
    expect(WhistleCreate.parse({ ...base, kind: 'livelihood', incidentId: 12 })).toMatchObject({ kind: 'livelihood', incidentId: 12 })
    expect(messages(WhistleCreate.safeParse({ ...base, kind: 'party' }))).toMatch(/joint-enforcement/)
    for (const incidentId of ['12', 0, -1, 1.5]) expect(WhistleCreate.safeParse({ ...base, incidentId }).success).toBe(false)
  })

  it('SiteInspectionCreate takes a result and flags', () => {
    expect(SiteInspectionCreate.parse({ result: 'rectify', mobile: true })).toEqual({ result: 'rectify', mobile: true, offSite: false })
    expect(SiteInspectionCreate.safeParse({ result: 'fine' }).success).toBe(false)
  })

  it('ScopeCode accepts county, township, village and grid codes only', () => {
    for (const s of ['330329', '330329100', '330329100005', '33032910000501']) expect(ScopeCode.safeParse(s).success).toBe(true)
    expect(ScopeCode.safeParse('330300').success).toBe(false)
  })
})

describe('IncidentTransitionRequest: each extra field with its action', () => {
  const ok = (body: unknown) => IncidentTransitionRequest.safeParse(body)
  const fails = (body: unknown, path: string, message: RegExp) => {
    const r = ok(body)
    expect(r.success).toBe(false)
    const issue = r.error!.issues.find((i) => i.path.join('.') === path)
    expect(issue?.message, JSON.stringify(r.error!.issues)).toMatch(message)
  }
  it('a note is required where it is the result, the reason or the order', () => {
    for (const action of ['resolve', 'reopen', 'sendBack', 'refuseExtension', 'supervise']) fails({ action }, 'note', new RegExp(`${action} needs a note`))
    expect(ok({ action: 'resolve', note: '已清理完毕' }).success).toBe(true)
    expect(ok({ action: 'accept' }).success).toBe(true)
  })
  it('assignee: optional with dispatch, required with transfer, refused with anything else', () => {
    expect(ok({ action: 'dispatch' }).success).toBe(true)
    expect(ok({ action: 'dispatch', assignee: { kind: 'department', code: 'market' } }).success).toBe(true)
    fails({ action: 'transfer', note: '不属本部门' }, 'assignee', /transfer needs assignee/)
    fails({ action: 'accept', assignee: { kind: 'township', code: '330329100' } }, 'assignee', /goes only with action "dispatch" or "transfer"/)
    fails({ action: 'dispatch', assignee: { kind: 'grid', code: '330329100' } }, 'assignee.code', /14-digit/)
    fails({ action: 'dispatch', assignee: { kind: 'bureau', code: 'x' } }, 'assignee.kind', /department, township or grid/)
  })
  it('until goes with requestExtension (required there), level with supervise only', () => {
    fails({ action: 'requestExtension', note: '需协调' }, 'until', /requestExtension needs until/)
    expect(ok({ action: 'requestExtension', note: '需协调', until: '2026-12-10T09:00:00+08:00' }).success).toBe(true)
    fails({ action: 'requestExtension', note: '需协调', until: 'next week' }, 'until', /ISO 8601/)
    fails({ action: 'approveExtension', until: '2026-12-10T09:00:00Z' }, 'until', /goes only with action "requestExtension"/)
    expect(ok({ action: 'supervise', note: '限期办结', level: 'county' }).success).toBe(true)
    fails({ action: 'accept', level: 'county' }, 'level', /goes only with action "supervise"/)
    fails({ action: 'supervise', note: '限期办结', level: 'province' }, 'level', /township|county/)
  })
  it('ifUpdatedAt goes with any action; an unknown key is still refused', () => {
    expect(ok({ action: 'accept', ifUpdatedAt: '2026-11-27T02:00:00.000Z' }).success).toBe(true)
    fails({ action: 'accept', ifUpdated: 'x' }, '', /ifUpdated/)
  })
})
