// The 考核 metrics as the screens read them: label, unit, which way is better, the formula in words.
// TEMPORARY: a copy of the contract until domain/scoreboard.ts lands; then this re-exports the domain's table.
import type { MetricUnit } from '../../../domain/metrics'

export const SCOREBOARD_METRIC_IDS = ['signRate', 'onTimeRate', 'overdueCount', 'supervisedCount', 'callbackSatisfaction', 'redoRate', 'whistleMedianAckMinutes'] as const
export type ScoreboardMetricId = (typeof SCOREBOARD_METRIC_IDS)[number]

export interface ScoreboardMetricMeta {
  id: ScoreboardMetricId
  name: string
  nameEn: string
  unit: MetricUnit
  higherIsBetter: boolean
  formula: string
  formulaEn: string
}

const TABLE: Record<ScoreboardMetricId, Omit<ScoreboardMetricMeta, 'id'>> = {
  signRate: { name: '签收率', nameEn: 'Signed in time', unit: 'ratio', higherIsBetter: true, formula: '时限内签收 ÷ 交办', formulaEn: 'Signed within the limit ÷ dispatched' },
  onTimeRate: { name: '按期办结率', nameEn: 'Resolved on time', unit: 'ratio', higherIsBetter: true, formula: '按期办结 ÷ 办结', formulaEn: 'Resolved by the deadline ÷ resolved' },
  overdueCount: { name: '超期件数', nameEn: 'Overdue', unit: 'count', higherIsBetter: false, formula: '时限落在时段内且未按期办结', formulaEn: 'Deadline in the range and not resolved by it' },
  supervisedCount: { name: '督办件数', nameEn: 'Supervised', unit: 'count', higherIsBetter: false, formula: '时段内督办次数', formulaEn: 'Supervision steps in the range' },
  callbackSatisfaction: { name: '回访满意率', nameEn: 'Call-back satisfaction', unit: 'ratio', higherIsBetter: true, formula: '(满意 + 基本满意) ÷ 已回访', formulaEn: '(satisfied + basically satisfied) ÷ call-backs done' },
  redoRate: { name: '重办率', nameEn: 'Redo rate', unit: 'ratio', higherIsBetter: false, formula: '不满意 ÷ 已回访', formulaEn: 'Dissatisfied ÷ call-backs done' },
  whistleMedianAckMinutes: { name: '吹哨响应中位时间', nameEn: 'Whistle median response', unit: 'minutes', higherIsBetter: false, formula: '吹哨到签收分钟数的中位数', formulaEn: 'Median minutes from whistle to acknowledgement' },
}

export function scoreboardMetric(id: string): ScoreboardMetricMeta | undefined {
  const row = (TABLE as Record<string, Omit<ScoreboardMetricMeta, 'id'> | undefined>)[id]
  return row ? { id: id as ScoreboardMetricId, ...row } : undefined
}
