// How a panel shows a metric the API answered with null (no basis): '—' with the metric's own reason, never 0%.
import { describe, expect, it } from 'vitest'
import { METRICS_WITH_BASIS } from '../../domain/metrics'
import { en } from '../../web/src/i18n/en'
import { zhCN } from '../../web/src/i18n/zh-CN'
import { choroplethStates } from '../../web/src/map/choropleth'
import { showMetric } from '../../web/src/panels/format'
import { formatValue } from '../../web/src/i18n/format'

const pct = (v: number) => formatValue(v, 'ratio', 'zh-CN')

describe('showMetric', () => {
  it('two disputes both in mediation (success rate null): — with why, not 0%', () => {
    expect(showMetric('disputeSuccessRate', null, pct, zhCN)).toEqual({ text: '—', reason: '本时段无已结束调解' })
    expect(showMetric('disputeSuccessRate', null, pct, en).reason).toBe('No mediation concluded in this range')
    expect(showMetric('mobileEnforcementRate', null, pct, zhCN)).toEqual({ text: '—', reason: '本时段无检查记录' })
  })

  it('a real 0 is shown as 0; no answer yet is — with no reason', () => {
    expect(showMetric('disputeSuccessRate', 0, pct, zhCN)).toEqual({ text: '0.0%', reason: null })
    expect(showMetric('closureRate', undefined, pct, zhCN)).toEqual({ text: '—', reason: null })
  })

  it('every metric that can have no value has a reason in both languages', () => {
    for (const id of METRICS_WITH_BASIS) {
      expect(zhCN.noBasis[id], id).toMatch(/\S/)
      expect(en.noBasis[id], id).toMatch(/\S/)
    }
  })
})

describe('choroplethStates', () => {
  it('a region with no value is drawn as no data (t = null) and takes no rank', () => {
    const t = choroplethStates({ a: 0.2, b: null, c: 0.8 }, false)
    expect([...t]).toEqual([['a', 0], ['b', null], ['c', 1]])
  })
})
