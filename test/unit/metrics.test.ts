import { describe, expect, it } from 'vitest'
import { METRICS, METRICS_WITH_BASIS, METRIC_IDS, METRIC_UNITS, byValueDescending, getMetric, isMetricId } from '../../domain/metrics'
import { metricValue } from '../../api/services/metric-formulas'

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

  it('the API\'s formulas have no value (null) exactly for the metrics declared to have a basis, when it is empty', () => {
    const nothing = METRIC_IDS.filter((m) => metricValue(m, {}) === null)
    expect(nothing).toEqual([...METRICS_WITH_BASIS])
    // A basis that holds something gives a number, 0 included.
    expect(metricValue('disputeSuccessRate', { disputesSucceeded: 0, disputesConcluded: 2 })).toBe(0)
    expect(metricValue('whistleMedianAckMinutes', { whistleAckMedianMs: 0, whistlesAcknowledged: 1 })).toBe(0)
  })

  it('ranks no value after every value', () => {
    expect([null, 0.2, null, 1, 0].sort(byValueDescending)).toEqual([1, 0.2, 0, null, null])
  })
})
