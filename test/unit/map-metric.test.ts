// The map's metric in the view's URL (web/src/stores/view-state.ts): a dashboard metric anywhere; a 考核 scoreboard
// figure (township-only) at the county, and below it the default, since it has no value per grid.
import { expect, test } from 'vitest'
import { CHOROPLETH_METRIC_IDS } from '../../domain/metrics'
import { TOWNSHIP_CHOROPLETH_METRIC_IDS } from '../../domain/scoreboard'
import { DEFAULT_VIEW, metricAt, parseView, serializeView } from '../../web/src/stores/view-state'

test('a scoreboard figure is kept at the county and falls back to the default below it', () => {
  for (const id of TOWNSHIP_CHOROPLETH_METRIC_IDS) {
    expect(metricAt('330329', id)).toBe(id)
    expect(metricAt('330329100', id)).toBe(DEFAULT_VIEW.metric)
    expect(parseView(`?metric=${id}`).metric).toBe(id)
    expect(parseView(`?scope=330329100&metric=${id}`).metric).toBe(DEFAULT_VIEW.metric)
    expect(parseView(serializeView({ ...DEFAULT_VIEW, metric: id }, null)).metric).toBe(id)
  }
})

test('dashboard metrics anywhere; anything else is the default', () => {
  for (const id of CHOROPLETH_METRIC_IDS) expect(metricAt('33032910000501', id)).toBe(id)
  expect(metricAt('330329', 'nonsense')).toBe(DEFAULT_VIEW.metric)
  // A dashboard metric the map does not offer (a median) is not taken from a URL either.
  expect(metricAt('330329', 'whistleMedianAckMinutes')).toBe(DEFAULT_VIEW.metric)
})
