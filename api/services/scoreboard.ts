// The 考核 scoreboard: every township of the county, or every county department, with the seven figures of
// domain/scoreboard.ts for a period. The store counts (store/scoreboard.ts); the domain turns counts into values, so
// a value is null only where the metric's own rule says there is no basis. A unit with no work still has its row.
import type { ScoreboardAnswer, ScoreboardRow } from '../../domain/answers/scoreboard'
import { DEPARTMENTS } from '../../domain/departments'
import { DEFAULT_RANGE_PRESET, presetWindow } from '../../domain/range-presets'
import type { ScoreboardBy, ScoreboardMetricId, ScoreCount, ScoreValue } from '../../domain/scoreboard'
import { SCOREBOARD_METRIC_IDS, scoreValue } from '../../domain/scoreboard'
import type { Range } from '../../domain/time'
import { badRequest } from '../errors'
import type { Store } from '../store'
import type { CountsByUnit } from '../store/scoreboard'
import type { RegionStats } from './region-stats'
import { resultMemo } from './result-memo'

/** As the dashboard's summary: figures that depend on `now` are served at most this long after they were computed. */
export const SCOREBOARD_TTL_MS = 2000

export interface ScoreboardRequest {
  by: ScoreboardBy
  range: Range
  /** Only these units' rows (a township officer's own, a department's own); all of them when absent. */
  only?: string | undefined
}

const NONE: ScoreCount = { numerator: 0, denominator: 0 }
const iso = (t: number) => new Date(t).toISOString()

export function scoreboardService({ store, regions, now }: { store: Store; regions: RegionStats; now: () => number }) {
  const memo = resultMemo<Promise<ScoreboardAnswer>>({ ttlMs: SCOREBOARD_TTL_MS, max: 64, now })
  store.onCommit(() => memo.clear())

  /** The units of a kind, in the order a table lists them: townships by code, departments in the county's list order. */
  function units(by: ScoreboardBy): ScoreboardRow['unit'][] {
    if (by === 'department') return DEPARTMENTS.map((d) => ({ code: d.id, name: d.name, nameEn: d.nameEn }))
    // The geodata names townships in Chinese only; the map labels them so in either language.
    return regions.townships.map((code) => {
      const name = regions.name(code) ?? code
      return { code, name, nameEn: name }
    })
  }

  /** [from, to): without `to`, up to and including now; without `from`, the web's default 近30天, as the metrics. */
  function period(range: Range, at: number) {
    const to = range.to ?? at + 1
    const from = range.from ?? presetWindow(DEFAULT_RANGE_PRESET, to - 1).from
    if (to <= from) throw badRequest(`the period is empty: to (${iso(range.to ?? at)}) must be after from (${iso(from)}); send from= earlier than to=`, 'invalid_range')
    return { from, to, shownTo: range.to ?? at }
  }

  async function compute(req: ScoreboardRequest): Promise<ScoreboardAnswer> {
    const at = now()
    const { from, to, shownTo } = period(req.range, at)
    const q = { by: req.by, from, to, now: at }
    const s = store.scoreboard
    const callbacks = await s.callbacks(q)
    const whistles = await s.whistleAck(q)
    const counts: Record<ScoreboardMetricId, CountsByUnit> = {
      signRate: await s.signRate(q),
      onTimeRate: await s.onTimeRate(q),
      overdueCount: await s.overdueCount(q),
      supervisedCount: await s.supervisedCount(q),
      callbackSatisfaction: callbacks.satisfied,
      redoRate: callbacks.redo,
      whistleMedianAckMinutes: whistles.counts,
    }
    const rows = units(req.by).filter((u) => req.only === undefined || u.code === req.only).map((unit): ScoreboardRow => {
      const of = Object.fromEntries(SCOREBOARD_METRIC_IDS.map((id) => [id, counts[id].get(unit.code) ?? NONE])) as Record<ScoreboardMetricId, ScoreCount>
      const values = Object.fromEntries(SCOREBOARD_METRIC_IDS.map((id) => [id,
        scoreValue(id, of[id], id === 'whistleMedianAckMinutes' ? whistles.medianMs.get(unit.code) ?? null : null)])) as Record<ScoreboardMetricId, ScoreValue>
      return { unit, values, counts: of }
    })
    return { by: req.by, from: iso(from), to: iso(shownTo), now: iso(at), metrics: [...SCOREBOARD_METRIC_IDS], rows }
  }

  return {
    /** The scoreboard by township or department for a period (only one unit's row when `only` names it). */
    table: (req: ScoreboardRequest): Promise<ScoreboardAnswer> => memo.get(req, () => compute(req)),

    /**
     * One scoreboard metric per township, for the township choropleth: { <township code>: value } over every
     * township of the county.
     */
    async townshipValues(metric: ScoreboardMetricId, range: Range): Promise<{ from: string; to: string; values: Record<string, ScoreValue> }> {
      const answer = await memo.get({ by: 'township', range }, () => compute({ by: 'township', range }))
      return { from: answer.from, to: answer.to, values: Object.fromEntries(answer.rows.map((r) => [r.unit.code, r.values[metric]])) }
    },
  }
}
export type ScoreboardService = ReturnType<typeof scoreboardService>
