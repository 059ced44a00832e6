// What the wall's ticker and banner say about a record (web/src/wall/describe.ts), in both languages: a 督办 as
// 「县级督办 · 紧急」 with where, what and how late, never its note; a new 吹哨 call with its department and kind.
// Run without a browser: the URL is a stand-in, the reference lists are the domain's own.
import { afterAll, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { buildReference } from '../../domain/reference'

const location = { search: '', pathname: '/wall' }
vi.stubGlobal('window', { location, addEventListener: () => {} })
vi.stubGlobal('history', { pushState: () => {}, replaceState: () => {} })
afterAll(() => { vi.unstubAllGlobals() })

const { useDescribe, lateBy } = await import('../../web/src/wall/describe')
const { useReferenceStore } = await import('../../web/src/stores/reference')
const { useRegionsStore } = await import('../../web/src/stores/regions')
const { recordFromEvent } = await import('../../web/src/wall/urgent')
const { messages } = await import('../../web/src/i18n')

function describer(lang: 'zh-CN' | 'en') {
  location.search = lang === 'en' ? '?lang=en' : ''
  setActivePinia(createPinia())
  useReferenceStore().data = buildReference()
  const regions = useRegionsStore()
  regions.townships = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { id: '330329100', name: '罗阳镇' } }] } as never
  return useDescribe()
}

const HOUR = 3_600_000
const at = Date.parse('2026-12-07T05:00:00Z')
const supervisedEvent = (level: string, severity = 'critical', dueAt = new Date(at - 2 * 24 * HOUR - 3 * HOUR).toISOString()) => recordFromEvent({
  id: 9, kind: 'incident.supervised',
  data: { type: 'Feature', id: 7, geometry: { type: 'Point', coordinates: [119.7, 27.55] }, properties: {
    id: 7, type: 'road-occupation', township: '330329100', severity, status: 'handling', overdue: true, dueAt,
    supervision: { level, note: '联系人13912345678，今日必须办结', at: new Date(at).toISOString(), by: { name: '演示·县领导', role: 'leader' } },
  } },
}, at + 1000)!

describe('the wall describes a 督办', () => {
  it('in Chinese: 县级督办 · 紧急 · 罗阳镇 · 占道经营 · 超期2天', () => {
    const line = describer('zh-CN')(supervisedEvent('county'))
    expect(line).toMatchObject({ tag: '县级督办 · 紧急', what: '占道经营', place: '罗阳镇', late: '超期2天', tone: 'danger', kind: '网格事件' })
    expect(JSON.stringify(line)).not.toMatch(/13912345678|联系人|演示/)
    expect(describer('zh-CN')(supervisedEvent('township', 'normal'))).toMatchObject({ tag: '乡镇督办', tone: 'warn' })
  })

  it('in English', () => {
    const line = describer('en')(supervisedEvent('county'))
    expect(line).toMatchObject({ tag: 'County supervision · Critical', what: 'Street vending on the road', place: '罗阳镇', late: '2\u00a0d\u00a0overdue', tone: 'danger' })
    expect(describer('en')(supervisedEvent('township', 'urgent'))).toMatchObject({ tag: 'Township supervision · Urgent', tone: 'warn' })
  })

  it('how late: whole days from a day on, whole hours, then minutes; nothing before the deadline or without one', () => {
    const zh = messages('zh-CN')
    const en = messages('en')
    expect(lateBy(new Date(at - 26 * HOUR).toISOString(), at, zh)).toBe('超期1天')
    expect(lateBy(new Date(at - 5 * HOUR - 10).toISOString(), at, zh)).toBe('超期5小时')
    expect(lateBy(new Date(at - 5 * HOUR).toISOString(), at, en)).toBe('5\u00a0h\u00a0overdue')
    expect(lateBy(new Date(at - 59 * 60_000 - 5).toISOString(), at, zh)).toBe('超期59分钟')
    expect(lateBy(new Date(at - 10_000).toISOString(), at, en)).toBe('1\u00a0min\u00a0overdue')
    expect(lateBy(new Date(at + 10_000).toISOString(), at, zh)).toBe('')
    expect(lateBy(null, at, zh)).toBe('')
    expect(lateBy('not a time', at, zh)).toBe('')
  })
})

describe('the wall describes a 吹哨 call', () => {
  const whistle = recordFromEvent({
    id: 10, kind: 'whistle.created',
    data: { type: 'Feature', id: 3, geometry: null, properties: { id: 3, township: '330329100', department: 'market', kind: 'joint-enforcement', status: 'whistled', sla: 'ok', whistledAt: new Date(at).toISOString() } },
  }, at)!
  it('with its department and kind, in both languages', () => {
    const zh = describer('zh-CN')(whistle)
    expect(zh).toMatchObject({ kind: '吹哨报到', place: '罗阳镇', tag: '', late: '' })
    expect(zh.what).toMatch(/^市场监管 · /)
    const en = describer('en')(whistle)
    expect(en).toMatchObject({ kind: 'Whistle call', place: '罗阳镇' })
    expect(en.what).toMatch(/Market/)
  })
})
