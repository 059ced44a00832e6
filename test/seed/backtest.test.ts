// The warning rules measured against the anomalies the demo seed plants (api/seed/planted-history.ts): the whole
// history replayed hour by hour (scripts/backtest/), with the demo's clock pinned so the run is the same at any
// hour CI starts it. The targets are the product's: the spike rule finds 9 in 10 bursts of 5× and 10× and raises
// at most one false alarm a day county-wide; every repeat place of 4 or 6 reports is found.
import { describe, expect, it } from 'vitest'
import { runBacktest } from '../../scripts/backtest/run'

describe('backtest of the warning rules', () => {
  it('meets its targets on the demo, and reports the weak 3× bursts and the late calls', async () => {
    const score = await runBacktest({ now: Date.parse('2026-11-30T10:00:00+08:00') })
    for (const t of score.targets) expect(t.met, `${t.name}: ${t.value}`).toBe(true)
    expect(score.spike['3x']!.planted).toBe(15)
    expect(score.spikeByBase['5x low']!.planted).toBe(5)
    // Every late call planted is alerted within the hour after its limit (one replay step).
    expect(score.calls.found).toBe(score.calls.planted)
    expect(score.calls.maxHours).toBeLessThanOrEqual(1)
  }, 900_000)

  it('meets them on the taishun-2020 history too (no late calls planted there: its calls are the article\'s)', async () => {
    const score = await runBacktest({ preset: 'taishun-2020', now: Date.parse('2021-01-01T00:00:00+08:00') })
    for (const t of score.targets) expect(t.met, `${t.name}: ${t.value}`).toBe(true)
    expect(score.calls.planted).toBe(0)
  }, 900_000)
})
