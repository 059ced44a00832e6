// What the detail drawer says about a record (web/src/shell/record-facts.ts), and the countdown and moments it shows
// (web/src/i18n/format.ts): names from the reference lists in the view's language, never bare codes.
import { describe, expect, test } from 'vitest'
import { buildReference } from '../../domain/reference'
import { formatCountdown, formatMoment } from '../../web/src/i18n/format'
import { en } from '../../web/src/i18n/en'
import { zhCN } from '../../web/src/i18n/zh-CN'
import { recordFacts, recordSteps } from '../../web/src/shell/record-facts'

const ref = buildReference()
const incident = {
  status: 'handling', severity: 'critical', category: 'safety', module: 'safety', department: 'fire', source: 'hotline',
  description: '群众反映消防隐患', overdue: false,
  history: [
    { at: '2026-12-07T00:09:00Z', action: 'report', from: null, to: 'reported', note: null },
    { at: '2026-12-07T00:28:00Z', action: 'accept', from: 'reported', to: 'accepted', note: null },
    { at: '2026-12-07T01:58:00Z', action: 'start', from: 'dispatched', to: 'handling', note: '已到场' },
  ],
}

describe('facts', () => {
  test('an incident in Chinese: labels and values by name, in order, the description as written', () => {
    expect(recordFacts('incident', incident, ref, zhCN, 'zh-CN').map((f) => `${f.label} ${f.value}`)).toEqual([
      '状态 处置中', '紧急程度 紧急', '类别 安全生产', '模块 大安全', '责任部门 消防救援', '来源 12345热线', '情况描述 群众反映消防隐患',
    ])
  })

  test('in English, and a code the reference does not know is shown as itself, an empty field not at all', () => {
    const facts = recordFacts('incident', { ...incident, source: 'carrier-pigeon', description: '' }, ref, en, 'en')
    expect(facts.map((f) => `${f.label}: ${f.value}`)).toEqual([
      'Status: Handling', 'Severity: Critical', 'Category: Safety', 'Module: Public safety', 'Department: Fire & rescue', 'Source: carrier-pigeon',
    ])
  })

  test('a site and a whistle call name their own codes', () => {
    expect(recordFacts('site', { grade: 'red', category: 'vaccine', department: 'health', lastResult: 'rectify', chainStage: 'inspection' }, ref, zhCN, 'zh-CN')
      .map((f) => f.value)).toEqual(['红', '疫苗', '卫生健康', '责令整改', '行政检查'])
    expect(recordFacts('whistle', { status: 'acknowledged', sla: 'due-soon', kind: 'livelihood', reason: '农民工欠薪' }, ref, zhCN, 'zh-CN')
      .map((f) => `${f.label} ${f.value}`)).toEqual(['状态 签收', '时限状态 临期', '事项类型 民生事项', '吹哨事由 农民工欠薪'])
  })
})

describe('history', () => {
  test("an incident's steps: the report by its status, an action whose status says the same once, else both", () => {
    expect(recordSteps('incident', incident, ref, zhCN, 'zh-CN').map((s) => s.text)).toEqual(['上报', '受理', '开始处置 → 处置中'])
    expect(recordSteps('incident', incident, ref, en, 'en').map((s) => s.text)).toEqual(['Reported', 'Accept → Accepted', 'Start handling → Handling'])
    expect(recordSteps('incident', incident, ref, zhCN, 'zh-CN')[2]!.note).toBe('已到场')
  })

  test('a step that leaves the status as it was (签收, 同意延期) is its action alone', () => {
    const steps = [
      { at: '2026-12-07T02:00:00Z', action: 'sign', from: 'dispatched', to: 'dispatched', note: null },
      { at: '2026-12-07T03:00:00Z', action: 'approveExtension', from: 'handling', to: 'handling', note: null },
    ]
    expect(recordSteps('incident', { ...incident, history: steps }, ref, zhCN, 'zh-CN').map((s) => s.text)).toEqual(['签收', '同意延期'])
    expect(recordSteps('incident', { ...incident, history: steps }, ref, en, 'en').map((s) => s.text)).toEqual(['Sign for it', 'Approve the extension'])
  })

  test('不同意延期 does not repeat the date asked for (it would read as granted); 申请延期 and 同意延期 say it', () => {
    const until = '2026-12-17T15:59:59.000Z'
    const steps = ['requestExtension', 'refuseExtension', 'approveExtension'].map((action) => (
      { at: '2026-12-07T02:00:00Z', action, from: 'dispatched', to: 'dispatched', note: null, detail: { until } }))
    expect(recordSteps('incident', { ...incident, history: steps }, ref, zhCN, 'zh-CN').map((s) => s.detail))
      .toEqual(['延期至 12/17 23:59', undefined, '延期至 12/17 23:59'])
  })

  test('a dispute escalated says the level it went to', () => {
    const steps = recordSteps('dispute', { history: [
      { at: '2026-12-01T02:00:00Z', action: 'accept', from: null, to: 'accepted', fromLevel: null, toLevel: 'village', note: null },
      { at: '2026-12-03T02:00:00Z', action: 'escalate', from: 'mediating', to: 'accepted', fromLevel: 'village', toLevel: 'township', note: '调解未果' },
    ] }, ref, zhCN, 'zh-CN')
    expect(steps.map((s) => s.text)).toEqual(['受理 · 村级', '上报上级 → 受理 · 乡镇级'])
  })

  test("a site's story is its inspections and warnings, oldest first", () => {
    const steps = recordSteps('site', {
      inspections: [
        { at: '2026-11-02T02:00:00Z', result: 'rectify', stage: 'inspection', note: '消防通道堵塞' },
        { at: '2025-11-29T05:45:00Z', result: 'pass', stage: 'inspection', note: null },
      ],
      warnings: [{ kind: 'sensor', message: '温控告警', raisedAt: '2026-06-01T00:00:00Z', clearedAt: '2026-06-02T00:00:00Z' }],
    }, ref, zhCN, 'zh-CN')
    expect(steps.map((s) => s.text)).toEqual(['行政检查 · 合格', '预警 · 感知设备告警', '预警解除 · 感知设备告警', '行政检查 · 责令整改'])
    expect(steps[1]!.note).toBe('温控告警')
  })
})

describe('countdown and moments', () => {
  test('past two days in days and hours; closer, ticking; the sign is the caller\'s', () => {
    const h = 3_600_000
    expect([formatCountdown(165.5 * h, 'zh-CN'), formatCountdown(165.5 * h, 'en'), formatCountdown(-49 * h, 'zh-CN')]).toEqual(['6天21小时', '6 d 21 h', '2天1小时'])
    expect([formatCountdown(5 * h + 7 * 60_000 + 32_000, 'en'), formatCountdown(-(47 * h + 59 * 60_000), 'zh-CN')]).toEqual(['5:07:32', '47:59:00'])
  })

  test("a moment of this year by day and time; of another year, with the year (Beijing's)", () => {
    const now = Date.parse('2026-12-07T02:00:00Z')
    expect(formatMoment('2026-12-07T01:32:00Z', 'zh-CN', now)).toBe('12/07 09:32')
    expect(formatMoment('2025-11-29T05:45:00Z', 'zh-CN', now)).toBe('2025/11/29 13:45')
    expect(formatMoment('2025-11-29T05:45:00Z', 'en', now)).toBe('11/29/2025, 13:45')
    // 31 December 17:00 UTC is already 1 January in Beijing: this year's.
    expect(formatMoment('2025-12-31T17:00:00Z', 'zh-CN', Date.parse('2026-01-01T03:00:00Z'))).toBe('01/01 01:00')
  })
})
