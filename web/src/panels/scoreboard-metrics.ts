// The 考核 metrics as the screens read them (label, unit, which way is better, the formula in words, what the
// counts behind a value count), from their one definition in domain/scoreboard.ts; an id the web does not know
// (a newer server) is left out rather than shown without a label.
import { isScoreboardMetricId, getScoreboardMetric } from '../../../domain/scoreboard'
import type { ScoreboardMetricDef } from '../../../domain/scoreboard'

export type { ScoreboardMetricId } from '../../../domain/scoreboard'
export type ScoreboardMetricMeta = ScoreboardMetricDef

export function scoreboardMetric(id: string): ScoreboardMetricMeta | undefined {
  return isScoreboardMetricId(id) ? getScoreboardMetric(id) : undefined
}
