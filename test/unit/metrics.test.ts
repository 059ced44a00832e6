import { describe, expect, it } from 'vitest'
import { METRICS, METRIC_IDS, METRIC_UNITS, getMetric, isMetricId } from '../../domain/metrics'

describe('metric definitions', () => {
  it('includes the metrics the API and web are written against', () => {
    const required = ['reports', 'open', 'overdue', 'closureRate', 'avgHandlingHours', 'offListShare', 'disputes', 'disputeSuccessRate', 'sites', 'sitesOverdueInspection', 'whistles', 'whistleMedianAckMinutes']
    expect(METRIC_IDS).toEqual(expect.arrayContaining(required))
  })

  it('lists each metric once, in METRIC_IDS order, with labels, a known unit and a description', () => {
    expect(METRICS.map((m) => m.id)).toEqual([...METRIC_IDS])
    for (const m of METRICS) {
      expect(METRIC_UNITS).toContain(m.unit)
      expect(m.name && m.nameEn && m.description && m.descriptionEn).toBeTruthy()
    }
  })

  it('ratios that measure success point up, burdens point down', () => {
    expect(getMetric('closureRate').higherIsBetter).toBe(true)
    expect(getMetric('overdue').higherIsBetter).toBe(false)
    expect(getMetric('offListShare').higherIsBetter).toBe(false)
    expect(getMetric('reports').higherIsBetter).toBeNull()
  })

  it('narrows unknown input', () => {
    expect(isMetricId('overdue')).toBe(true)
    expect(isMetricId('Overdue')).toBe(false)
    expect(isMetricId(3)).toBe(false)
  })
})
