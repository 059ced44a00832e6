// 突增: for every grid and category with at least `minReports` reports in the last hour, day or week, the same
// window of each of the previous `baselineWeeks` weeks (own history) and the township's mean per grid (the prior),
// judged by domain/alerts/spike.ts. Only pairs that could be raised (enough reports now) have their history read.
// One alert per grid and category: the window with the smallest p speaks for it.
import type { ParamValues } from '../../../domain/alerts/rule'
import { SPIKE_RULE, SPIKE_WINDOWS, baselineWindows, judgeSpike } from '../../../domain/alerts/spike'
import { countyOf } from '../../../domain/regions'
import type { Store } from '../../store'
import type { WindowSeries } from '../../store/alert-inputs'
import type { Finding } from './finding'
import { EVIDENCE_IDS_MAX, subjectOf } from './finding'

export interface SpikeContext {
  store: Store
  now: number
  params: ParamValues
  /** How many grids each township has (the prior is a mean per grid). */
  gridsPerTownship: ReadonlyMap<string, number>
  /** Only these grids (an incremental evaluation after reports came in); all when undefined. */
  grids?: readonly string[] | undefined
}

interface Candidate { township: string; grid: string; category: string; window: (typeof SPIKE_WINDOWS)[number]; observed: number; expected: number; p: number; level: Finding['level'] }

export async function spikeFindings({ store, now, params, gridsPerTownship, grids }: SpikeContext): Promise<Finding[]> {
  const minReports = params.minReports!
  const weeks = params.baselineWeeks!
  const best = new Map<string, Candidate>()
  // Windows end just after `now`, so a report stamped this very millisecond counts (an evaluation right after it).
  const end = now + 1
  for (const window of SPIKE_WINDOWS) {
    const counts = await store.alertInputs.windowCounts(end - window.ms, end, minReports, grids)
    if (counts.length === 0) continue
    const windows = baselineWindows(end, window.ms, weeks)
    const categories = [...new Set(counts.map((c) => c.category))]
    const townships = [...new Set(counts.map((c) => c.township))]
    const [series, totals] = await Promise.all([
      store.alertInputs.windowSeries(windows, townships, [...new Set(counts.map((c) => c.grid))], categories),
      store.alertInputs.townshipWindowTotals(windows, townships, categories),
    ])
    const own = new Map<string, WindowSeries>(series.map((s) => [`${s.grid}|${s.category}`, s]))
    const townshipTotal = new Map<string, number>()
    for (const t of totals) townshipTotal.set(`${t.township}|${t.category}`, Number(t.total))
    for (const c of counts) {
      const s = own.get(`${c.grid}|${c.category}`)
      const baseline = Array.from({ length: weeks }, (_, i) => Number(s?.[`b${i}`] ?? 0))
      const gridCount = Math.max(1, gridsPerTownship.get(c.township) ?? 1)
      const prior = (townshipTotal.get(`${c.township}|${c.category}`) ?? 0) / (weeks * gridCount)
      const judged = judgeSpike({ observed: Number(c.count), baseline, prior, windowMs: window.ms }, params)
      if (!judged.raised) continue
      const key = `${c.grid}|${c.category}`
      const before = best.get(key)
      if (before === undefined || judged.p < before.p) {
        best.set(key, { township: c.township, grid: c.grid, category: c.category, window, observed: Number(c.count), expected: judged.expected, p: judged.p, level: judged.level! })
      }
    }
  }
  const findings: Finding[] = []
  for (const c of best.values()) {
    const from = end - c.window.ms
    const recordIds = await store.alertInputs.reportIds(c.grid, c.category, from, end, EVIDENCE_IDS_MAX)
    findings.push({
      rule: SPIKE_RULE.id, subject: subjectOf(SPIKE_RULE.id, c.grid, c.category), level: c.level,
      county: countyOf(c.township), township: c.township, grid: c.grid, point: null,
      evidence: {
        recordKind: 'incident', recordIds, count: c.observed, observed: c.observed, expected: round(c.expected), p: c.p,
        window: c.window.id, windowFrom: from, windowTo: now, category: c.category,
      },
    })
  }
  return findings
}

const round = (x: number) => Math.round(x * 1e4) / 1e4
