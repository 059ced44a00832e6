// Acting from the detail drawer, as data (web/src/shell/action-forms.ts, assignee-choices.ts, optimistic-record.ts,
// act-outcome.ts, history-actor.ts): what each action asks for, what stops it being sent, the request it becomes,
// what the screen shows before the answer, and what a refusal says.
import { describe, expect, test } from 'vitest'
import { buildReference } from '../../domain/reference'
import { en } from '../../web/src/i18n/en'
import { zhCN } from '../../web/src/i18n/zh-CN'
import type { ActRecord, Draft } from '../../web/src/shell/action-forms'
import { actionLabel, actionSpec, buildRequest, checkDraft, clearWarningAction, earliestUntil, endOfLocalDate, expectedStatus, initialDraft, supervisionLevels } from '../../web/src/shell/action-forms'
import { classifyRefusal, conflictMessage } from '../../web/src/shell/act-outcome'
import { assigneeGroups, assigneeName, defaultAssignee, parseAssigneeValue } from '../../web/src/shell/assignee-choices'
import { actorLabel } from '../../web/src/shell/history-actor'
import { optimisticRecord } from '../../web/src/shell/optimistic-record'
import { recordSteps } from '../../web/src/shell/record-facts'

const SEEN = '2026-12-07T02:00:00.000Z'
/** An on-list incident of 罗阳镇 (its type's department is 市场监管), due at 2026-12-10 10:00 local. */
const incident: ActRecord = {
  id: 41, status: 'accepted', updatedAt: SEEN, township: '330329100', onList: true, department: 'market',
  description: '占道经营', resolveBy: '2026-12-10T02:00:00.000Z', assignee: null,
}
const names: Record<string, string> = { '330329100': '罗阳镇', '33032910000501': '新北社区第1网格', '33032910000502': '新北社区第2网格' }
const nameOf = (c: string) => names[c] ?? c
const draftFor = (action: string, patch: Partial<Draft> = {}, record = incident, role = 'township') =>
  ({ ...initialDraft('incident', action, record, role), ...patch })

describe('what each action asks for', () => {
  test('incident actions ask only for the fields they take, the note named for what it is', () => {
    const asks = (a: string) => { const s = actionSpec('incident', a); return `${s.fields.join('+')}${s.note ? `/${s.note}` : ''}` }
    expect(Object.fromEntries(['accept', 'dispatch', 'sign', 'start', 'resolve', 'verify', 'reopen', 'return', 'supervise', 'transfer', 'sendBack',
      'requestExtension', 'approveExtension', 'refuseExtension', 'whistle'].map((a) => [a, asks(a)]))).toEqual({
      accept: '', dispatch: 'assignee', sign: '', start: '', resolve: 'note/result', verify: '', reopen: 'note/reason', return: 'note/remark',
      supervise: 'level+note/order', transfer: 'assignee+note/reason', sendBack: 'note/reason', requestExtension: 'until+note/reason',
      approveExtension: '', refuseExtension: 'note/reason', whistle: 'department+whistleKind+note+urgent/reason',
    })
  })

  test('whistle and dispute actions take an optional remark; rating also asks for the rating; an unknown action only a remark', () => {
    expect(actionSpec('whistle', 'acknowledge')).toEqual({ fields: ['note'], note: 'remark' })
    expect(actionSpec('whistle', 'rate').fields).toEqual(['rating', 'note'])
    expect(actionSpec('dispute', 'escalate')).toEqual({ fields: ['note'], note: 'remark' })
    expect(actionSpec('incident', 'somethingNew')).toEqual({ fields: ['note'], note: 'remark' })
  })

  test('labels come from domain/ in both languages; 吹哨 is its own; an unknown id shows as itself', () => {
    expect(actionLabel('incident', 'dispatch', 'zh-CN', zhCN)).toBe('交办')
    expect(actionLabel('incident', 'dispatch', 'en', en)).toBe('Dispatch')
    expect(actionLabel('whistle', 'acknowledge', 'zh-CN', zhCN)).toBe('签收')
    expect(actionLabel('incident', 'whistle', 'zh-CN', zhCN)).toBe('吹哨')
    expect(actionLabel('incident', 'whistle', 'en', en)).toBe('Blow the whistle')
    expect(actionLabel('dispute', 'mystery', 'en', en)).toBe('mystery')
  })

  test('督办 levels follow the role: a township officer 乡镇督办, a county leader 县级督办, others none', () => {
    expect(supervisionLevels('township')).toEqual(['township'])
    expect(supervisionLevels('leader')).toEqual(['county'])
    expect(supervisionLevels('department')).toEqual([])
    expect(draftFor('supervise', {}, incident, 'leader').level).toBe('county')
  })
})

describe('the assignee', () => {
  test('交办 is prefilled with the default: the township for an on-list type, the department for an off-list one', () => {
    expect(draftFor('dispatch').assignee).toBe('township:330329100')
    expect(draftFor('dispatch', {}, { ...incident, onList: false }).assignee).toBe('department:market')
    expect(defaultAssignee({ onList: false, department: 'fire', township: '330329100' })).toEqual({ kind: 'department', code: 'fire' })
    // 转办 starts empty: it must be someone else, chosen on purpose.
    expect(draftFor('transfer').assignee).toBe('')
  })

  test('the choices: 17 departments, the incident\'s own township, and only its grids', () => {
    const grids = [{ id: '33032910000502', name: '新北社区第2网格' }, { id: '33032910000501', name: '新北社区第1网格' }, { id: '33032910100101', name: '别镇网格' }]
    const groups = assigneeGroups('330329100', grids, nameOf, 'zh-CN')
    expect(groups.map((g) => [g.kind, g.choices.length])).toEqual([['department', 17], ['township', 1], ['grid', 2]])
    expect(groups[0]!.choices.find((c) => c.value === 'department:market')!.label).toBe('市场监管')
    expect(groups[2]!.choices.map((c) => c.label)).toEqual(['新北社区第1网格', '新北社区第2网格'])
    expect(assigneeGroups('330329100', [], nameOf, 'en')[0]!.choices.find((c) => c.value === 'department:market')!.label).toBe('Market')
  })

  test('values round-trip and read as people say them', () => {
    expect(parseAssigneeValue('grid:33032910000501')).toEqual({ kind: 'grid', code: '33032910000501' })
    expect(parseAssigneeValue('nobody')).toBeNull()
    expect(assigneeName({ kind: 'grid', code: '33032910000501' }, nameOf, 'zh-CN')).toBe('罗阳镇 › 新北社区第1网格')
    expect(assigneeName({ kind: 'department', code: 'market' }, nameOf, 'en')).toBe('Market')
  })
})

describe('what stops an action being sent', () => {
  test('a required reason, result or assignee left empty (blank counts as empty); an optional remark never', () => {
    expect(checkDraft('incident', 'reopen', draftFor('reopen', { note: '  ' }), incident)).toEqual({ note: 'required' })
    expect(checkDraft('incident', 'resolve', draftFor('resolve'), incident)).toEqual({ note: 'required' })
    expect(checkDraft('incident', 'transfer', draftFor('transfer'), incident)).toEqual({ assignee: 'required', note: 'required' })
    expect(checkDraft('incident', 'return', draftFor('return'), incident)).toEqual({})
    expect(checkDraft('incident', 'accept', draftFor('accept'), incident)).toEqual({})
    expect(checkDraft('incident', 'dispatch', draftFor('dispatch'), incident)).toEqual({})
    expect(checkDraft('incident', 'whistle', draftFor('whistle'), incident)).toEqual({ note: 'required' })
  })

  test('转办 to the current assignee is refused before it is sent', () => {
    const assigned = { ...incident, status: 'dispatched', assignee: { kind: 'department' as const, code: 'market' } }
    expect(checkDraft('incident', 'transfer', draftFor('transfer', { assignee: 'department:market', note: '非本部门职责' }, assigned), assigned)).toEqual({ assignee: 'sameAssignee' })
    expect(checkDraft('incident', 'transfer', draftFor('transfer', { assignee: 'department:enforcement', note: '非本部门职责' }, assigned), assigned)).toEqual({})
  })

  test('申请延期 needs a real date whose end is after the current deadline', () => {
    const ok = (until: string) => checkDraft('incident', 'requestExtension', draftFor('requestExtension', { until, note: '需协调' }), incident)
    // resolveBy is 10 Dec 10:00 local: the end of 10 Dec is later, the end of 9 Dec is not.
    expect(ok('2026-12-10')).toEqual({})
    expect(ok('2026-12-09')).toEqual({ until: 'untilTooEarly' })
    expect(ok('2026-02-30')).toEqual({ until: 'badDate' })
    expect(ok('')).toEqual({ until: 'required' })
    expect(earliestUntil(incident.resolveBy, 0)).toBe('2026-12-10')
    expect(new Date(endOfLocalDate('2026-12-10')).toISOString()).toBe('2026-12-10T15:59:59.999Z')
  })

  test('a rating must be 1 to 5', () => {
    const whistle = { id: 7, status: 'closed', updatedAt: SEEN, township: '330329100' }
    const d = (rating: string) => ({ ...initialDraft('whistle', 'rate', whistle, 'township'), rating })
    expect(checkDraft('whistle', 'rate', d(''), whistle)).toEqual({ rating: 'required' })
    expect(checkDraft('whistle', 'rate', d('6'), whistle)).toEqual({ rating: 'required' })
    expect(checkDraft('whistle', 'rate', d('4'), whistle)).toEqual({})
  })
})

describe('the request', () => {
  test('交办: the assignee as { kind, code } and ifUpdatedAt as the user saw the record', () => {
    expect(buildRequest('incident', 'dispatch', draftFor('dispatch', { assignee: 'department:market' }), incident, SEEN)).toEqual({
      path: '/api/incidents/{id}/transitions', params: { id: 41 },
      body: { action: 'dispatch', assignee: { kind: 'department', code: 'market' }, ifUpdatedAt: SEEN },
    })
  })

  test('each action sends only its own fields: 督办 level and note, 申请延期 until (end of the local day) and note, 受理 nothing', () => {
    const body = (action: string, patch: Partial<Draft>) => buildRequest('incident', action, draftFor(action, patch), incident, SEEN).body
    expect(body('supervise', { note: ' 请加快处置 ', assignee: 'department:market', until: '2026-12-20' }))
      .toEqual({ action: 'supervise', level: 'township', note: '请加快处置', ifUpdatedAt: SEEN })
    expect(body('requestExtension', { until: '2026-12-20', note: '等待部门' }))
      .toEqual({ action: 'requestExtension', until: '2026-12-20T15:59:59.999Z', note: '等待部门', ifUpdatedAt: SEEN })
    expect(body('accept', { note: 'ignored' })).toEqual({ action: 'accept', ifUpdatedAt: SEEN })
    expect(body('return', { note: '' })).toEqual({ action: 'return', ifUpdatedAt: SEEN })
    expect(body('resolve', { note: '已清理' })).toEqual({ action: 'resolve', note: '已清理', ifUpdatedAt: SEEN })
    expect(body('transfer', { assignee: 'grid:33032910000501', note: '属网格职责' }))
      .toEqual({ action: 'transfer', assignee: { kind: 'grid', code: '33032910000501' }, note: '属网格职责', ifUpdatedAt: SEEN })
  })

  test('a whistle or dispute transition carries no ifUpdatedAt (its schema takes none); 评哨 a number', () => {
    const w = { id: 7, status: 'closed', updatedAt: SEEN, township: '330329100' }
    expect(buildRequest('whistle', 'rate', { ...initialDraft('whistle', 'rate', w, 'township'), rating: '5', note: '' }, w, SEEN))
      .toEqual({ path: '/api/whistles/{id}/transitions', params: { id: 7 }, body: { action: 'rate', rating: 5 } })
    const d = { id: 3, status: 'accepted', updatedAt: SEEN, township: '330329100' }
    expect(buildRequest('dispute', 'start', { ...initialDraft('dispute', 'start', d, 'township'), note: '约双方到场' }, d, SEEN).body)
      .toEqual({ action: 'start', note: '约双方到场' })
  })

  test('吹哨 from an incident is a new whistle call for its township, linked to it, to the department chosen', () => {
    const draft = draftFor('whistle', { note: '需执法力量', whistleKind: 'joint-enforcement', urgent: true })
    expect(draft.department).toBe('market')
    expect(buildRequest('incident', 'whistle', { ...draft, department: 'enforcement' }, incident, SEEN)).toEqual({
      path: '/api/whistles', params: undefined,
      body: { township: '330329100', department: 'enforcement', kind: 'joint-enforcement', incidentId: 41, reason: '需执法力量', urgent: true },
    })
  })
})

describe('before the answer', () => {
  test('the record shows the next status, no actions, the assignee chosen and a pending step by the user', () => {
    const record = { ...incident, allowedActions: ['dispatch', 'return'], history: [{ at: SEEN, action: 'accept', from: 'reported', to: 'accepted', note: null, by: null }] }
    const body = { action: 'dispatch', assignee: { kind: 'department', code: 'market' }, ifUpdatedAt: SEEN }
    const shown = optimisticRecord('incident', 'dispatch', body, record, { name: '演示·罗阳镇干部', role: 'township' }, Date.parse('2026-12-07T03:00:00Z'))
    expect(shown.status).toBe('dispatched')
    expect(shown.allowedActions).toEqual([])
    expect(shown.assignee).toEqual({ kind: 'department', code: 'market' })
    expect(shown.history.at(-1)).toEqual({
      at: '2026-12-07T03:00:00.000Z', action: 'dispatch', from: 'accepted', to: 'dispatched', note: null,
      by: { name: '演示·罗阳镇干部', role: 'township' }, assignee: { kind: 'department', code: 'market' }, pending: true,
    })
    expect(record.status).toBe('accepted')
  })

  test('the expected status follows the life cycles in domain/; an act that keeps the status keeps it', () => {
    expect(expectedStatus('incident', 'accept', 'reported')).toBe('accepted')
    expect(expectedStatus('incident', 'supervise', 'handling')).toBe('handling')
    expect(expectedStatus('whistle', 'acknowledge', 'whistled')).toBe('acknowledged')
    expect(expectedStatus('dispute', 'escalate', 'mediating')).toBe('accepted')
  })
})

describe('refusals and the timeline', () => {
  const err = (status: number, code: string, message: string, body: unknown = null) => Object.assign(new Error(message), { status, code, body })

  test('409 conflict carries the record now; 403 and 422 in the server\'s words; no answer is a failure', () => {
    const current = { id: 41, status: 'dispatched' }
    expect(classifyRefusal(err(409, 'conflict', 'changed', { error: { code: 'conflict', message: 'changed' }, current }), zhCN))
      .toEqual({ kind: 'conflict', message: 'changed', current })
    expect(classifyRefusal(err(403, 'not_your_action', 'only the assignee may start'), zhCN))
      .toEqual({ kind: 'refused', status: 403, message: '无权办理：only the assignee may start' })
    expect(classifyRefusal(err(422, 'invalid_body', 'note: must not be empty'), en))
      .toEqual({ kind: 'refused', status: 422, message: 'Not done: note: must not be empty' })
    expect(classifyRefusal(err(409, 'invalid_transition', 'cannot dispatch'), en).kind).toBe('refused')
    expect(classifyRefusal(new TypeError('Failed to fetch'), en)).toEqual({ kind: 'failed', message: 'Could not send; nothing was changed (Failed to fetch)' })
  })

  test('the conflict says who did what when, in both languages', () => {
    const last = { at: '2026-12-07T05:30:00Z', action: 'dispatch', by: { name: '演示·县领导', role: 'leader' } }
    const zh = conflictMessage(last, 'x', (a) => actionLabel('incident', a, 'zh-CN', zhCN), 'zh-CN', zhCN)
    expect(zh).toMatch(/^办理未提交：演示·县领导（县领导）已于 .*13:30 交办。/)
    const e = conflictMessage(last, 'x', (a) => actionLabel('incident', a, 'en', en), 'en', en)
    expect(e).toMatch(/^Not sent: 演示·县领导 \(County leader\) did “Dispatch” at .*13:30/)
    expect(conflictMessage(null, 'the incident changed', (a) => a, 'en', en)).toContain('(the incident changed)')
  })

  test('each step names its actor, the system for steps before actors were recorded, and what it carried out', () => {
    const ref = buildReference()
    const history = [
      { at: '2026-12-07T00:09:00Z', action: 'report', from: null, to: 'reported', note: null, by: null },
      { at: '2026-12-07T01:00:00Z', action: 'dispatch', from: 'accepted', to: 'dispatched', note: null, by: { name: '演示·罗阳镇干部', role: 'township' },
        detail: { assignee: { kind: 'department', code: 'market' } } },
      { at: '2026-12-07T02:00:00Z', action: 'supervise', from: 'dispatched', to: 'dispatched', note: '请加快', by: { name: '演示·县领导', role: 'leader' }, level: 'county' },
    ]
    const zh = recordSteps('incident', { history }, ref, zhCN, 'zh-CN', nameOf)
    expect(zh.map((s) => [s.by, s.detail ?? ''])).toEqual([
      ['系统（迁移前）', ''], ['演示·罗阳镇干部 · 乡镇干部', '承办：市场监管'], ['演示·县领导 · 县领导', '县级督办'],
    ])
    const e = recordSteps('incident', { history }, ref, en, 'en', nameOf)
    expect(e.map((s) => [s.by, s.detail ?? ''])).toEqual([
      ['System (before actors were recorded)', ''], ['演示·罗阳镇干部 · Township officer', 'To: Market'], ['演示·县领导 · County leader', 'County supervision'],
    ])
    expect(actorLabel({ name: '某人', role: 'unknown-role' }, 'zh-CN', zhCN)).toBe('某人 · unknown-role')
    // A site: an inspection names its inspector (the system before actors were recorded); a warning only a person.
    const site = recordSteps('site', {
      inspections: [{ at: '2026-12-01T02:00:00Z', result: 'rectify', stage: 'enforcement', note: null, by: null }],
      warnings: [{ kind: 'sensor', message: '冷链温度超限', raisedAt: '2026-12-02T02:00:00Z', clearedAt: '2026-12-03T02:00:00Z', by: null,
        clearedBy: { name: '演示·罗阳镇干部', role: 'township' } }],
    }, ref, zhCN, 'zh-CN')
    expect(site.map((s) => s.by)).toEqual(['系统（迁移前）', undefined, '演示·罗阳镇干部 · 乡镇干部'])
    // An older server's steps carry no `by`: nothing is said.
    expect(recordSteps('incident', { history: [{ at: SEEN, action: 'accept', from: 'reported', to: 'accepted', note: null }] }, ref, zhCN, 'zh-CN')[0]!.by).toBeUndefined()
  })
})

describe('a site warning', () => {
  test('解除预警 takes no input and posts to the warning\'s clear route; the screen shows it cleared by the user at once', () => {
    const site = { id: 9, status: '', updatedAt: SEEN, township: '330329100', openWarnings: 2,
      warnings: [{ id: 5, kind: 'sensor', open: true, clearedAt: null }, { id: 6, kind: 'licence', open: true, clearedAt: null }] }
    expect(actionSpec('site', clearWarningAction(5))).toEqual({ fields: [] })
    expect(actionLabel('site', clearWarningAction(5), 'zh-CN', zhCN)).toBe('解除预警')
    expect(checkDraft('site', clearWarningAction(5), initialDraft('site', clearWarningAction(5), site, 'township'), site)).toEqual({})
    expect(buildRequest('site', clearWarningAction(5), initialDraft('site', clearWarningAction(5), site, 'township'), site, SEEN))
      .toEqual({ path: '/api/sites/{id}/warnings/{wid}/clear', params: { id: 9, wid: 5 }, body: {} })
    const shown = optimisticRecord('site', clearWarningAction(5), {}, site, { name: '演示·罗阳镇干部', role: 'township' }, Date.parse('2026-12-07T03:00:00Z'))
    expect(shown.openWarnings).toBe(1)
    expect(shown.warnings).toEqual([
      { id: 5, kind: 'sensor', open: false, clearedAt: '2026-12-07T03:00:00.000Z', clearedBy: { name: '演示·罗阳镇干部', role: 'township' }, pending: true },
      site.warnings[1],
    ])
  })
})
