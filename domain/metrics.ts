// Every dashboard figure is defined here once: its id, labels, unit, which direction is good and
// how it is computed. The API computes them by these definitions; the web labels and colours them.
import type { Label } from './label'
import { isOneOf, labelled } from './label'

export const METRIC_IDS = [
  'reports',
  'cases',
  'reportsToday',
  'reportsPer1000Households',
  'open',
  'overdue',
  'overdueRate',
  'resolved',
  'closureRate',
  'avgHandlingHours',
  'offListShare',
  'disputes',
  'disputeSuccessRate',
  'disputeVillageShare',
  'sites',
  'sitesOverdueInspection',
  'mobileEnforcementRate',
  'whistles',
  'whistleMedianAckMinutes',
  'whistleAvgRating',
  'callbackRate',
  'satisfactionRate',
  'redoRate',
] as const
export type MetricId = (typeof METRIC_IDS)[number]

export const METRIC_UNITS = ['count', 'ratio', 'hours', 'minutes', 'per1000', 'score'] as const
export type MetricUnit = (typeof METRIC_UNITS)[number]

type MetricRow = Label & {
  readonly unit: MetricUnit
  /** true: up is good (green); false: up is bad (red); null: volume, neither good nor bad. */
  readonly higherIsBetter: boolean | null
  readonly description: string
  readonly descriptionEn: string
}
export type MetricDef = MetricRow & { readonly id: MetricId }

// "In the period" = reported (or accepted, whistled, registered) within the query's time window and scope.
const TABLE: Record<MetricId, MetricRow> = {
  reports: { name: '上报事件', nameEn: 'Reports', unit: 'count', higherIsBetter: null, description: '时段内上报的网格事件数(每次上报各计一次,含合并为一件事的重复上报;按件计见"事件数")', descriptionEn: 'Incidents reported in the period: every report once, repeat reports merged into a case included (Cases counts each case once).' },
  cases: { name: '事件数(一件事)', nameEn: 'Cases', unit: 'count', higherIsBetter: null, description: '时段内上报的事件,合并为一件事的重复上报只计一次(计在主件上报的时间、地点)', descriptionEn: 'Incidents reported in the period, counting each case of merged repeat reports (一件事) once: as its primary report, at its time and place. Reports merged into another\'s case are left out; an undone merge counts its reports again.' },
  reportsToday: { name: '今日上报', nameEn: 'Reports today', unit: 'count', higherIsBetter: null, description: '当日(北京时间)上报的事件数', descriptionEn: 'Incidents reported since local midnight (UTC+8).' },
  reportsPer1000Households: { name: '每千户上报', nameEn: 'Reports per 1,000 households', unit: 'per1000', higherIsBetter: null, description: '上报事件数 ÷ 户数 × 1000', descriptionEn: 'Reports ÷ households in the scope × 1,000.' },
  open: { name: '在办事件', nameEn: 'Open', unit: 'count', higherIsBetter: false, description: '状态为上报、受理、交办、处置中的事件', descriptionEn: 'Incidents now reported, accepted, dispatched or handling.' },
  overdue: { name: '超期事件', nameEn: 'Overdue', unit: 'count', higherIsBetter: false, description: '在办且已过当前时限的事件(实时计算)', descriptionEn: 'Open incidents past their current deadline, derived at query time.' },
  overdueRate: { name: '超期率', nameEn: 'Overdue rate', unit: 'ratio', higherIsBetter: false, description: '超期事件 ÷ 在办事件', descriptionEn: 'Overdue ÷ open.' },
  resolved: { name: '办结事件', nameEn: 'Resolved', unit: 'count', higherIsBetter: true, description: '时段内上报且已办结或归档的事件', descriptionEn: 'Incidents of the period now resolved or archived.' },
  closureRate: { name: '办结率', nameEn: 'Closure rate', unit: 'ratio', higherIsBetter: true, description: '办结事件 ÷ (上报事件 − 退回事件)', descriptionEn: 'Resolved ÷ (reports − returned): returned off-list pushes are not the township\'s to close.' },
  avgHandlingHours: { name: '平均办理时长', nameEn: 'Average handling time', unit: 'hours', higherIsBetter: false, description: '办结事件从上报到办结的平均小时数', descriptionEn: 'Mean hours from report to resolution over resolved incidents.' },
  offListShare: { name: '清单外占比', nameEn: 'Off-list share', unit: 'ratio', higherIsBetter: false, description: '清单外事件 ÷ 上报事件,反映部门向乡镇转嫁任务', descriptionEn: 'Off-list incidents ÷ reports: how much work departments push onto townships.' },
  disputes: { name: '矛盾纠纷', nameEn: 'Disputes', unit: 'count', higherIsBetter: null, description: '时段内受理的矛盾纠纷数', descriptionEn: 'Disputes accepted in the period.' },
  disputeSuccessRate: { name: '调解成功率', nameEn: 'Mediation success rate', unit: 'ratio', higherIsBetter: true, description: '调解成功 ÷ (调解成功 + 调解不成 + 转诉讼/仲裁)', descriptionEn: 'Settled ÷ (settled + failed + referred to court).' },
  disputeVillageShare: { name: '村级化解占比', nameEn: 'Settled in the village', unit: 'ratio', higherIsBetter: true, description: '村级调解成功 ÷ 调解成功("小事不出村")', descriptionEn: 'Settled at village level ÷ all settled ("small matters stay in the village").' },
  sites: { name: '重点监管对象', nameEn: 'Supervised sites', unit: 'count', higherIsBetter: null, description: '重点监管清单内的对象数', descriptionEn: 'Sites on the key-supervision list.' },
  sitesOverdueInspection: { name: '逾期未检', nameEn: 'Inspections overdue', unit: 'count', higherIsBetter: false, description: '超过风险等级对应检查周期未检查的对象', descriptionEn: 'Sites past the inspection cadence of their risk grade.' },
  mobileEnforcementRate: { name: '掌上执法率', nameEn: 'Mobile enforcement rate', unit: 'ratio', higherIsBetter: true, description: '移动端办理的检查 ÷ 检查总数', descriptionEn: 'Inspections recorded on mobile ÷ all inspections in the period.' },
  whistles: { name: '吹哨次数', nameEn: 'Whistle calls', unit: 'count', higherIsBetter: null, description: '时段内乡镇吹哨次数', descriptionEn: 'Whistle calls made by townships in the period.' },
  whistleMedianAckMinutes: { name: '签收时长中位数', nameEn: 'Median time to acknowledge', unit: 'minutes', higherIsBetter: false, description: '已签收吹哨从吹哨到签收的分钟数中位数', descriptionEn: 'Median minutes from whistle to acknowledgement over acknowledged calls.' },
  callbackRate: { name: '回访率', nameEn: 'Call-back rate', unit: 'ratio', higherIsBetter: true, description: '时段内核查归档的事件中已完成回访的 ÷ 时段内核查归档的事件', descriptionEn: 'Of the incidents verified (核查归档) in the period, those whose call-back is done ÷ incidents verified in the period.' },
  satisfactionRate: { name: '满意率', nameEn: 'Satisfaction rate', unit: 'ratio', higherIsBetter: true, description: '时段内完成的回访中(满意 + 基本满意) ÷ 完成的回访', descriptionEn: '(Satisfied + basically satisfied) ÷ call-backs done in the period.' },
  redoRate: { name: '重办率', nameEn: 'Redo rate', unit: 'ratio', higherIsBetter: false, description: '时段内完成的回访中不满意(重办)的 ÷ 完成的回访', descriptionEn: 'Dissatisfied (sent back to be redone, 重办) ÷ call-backs done in the period.' },
  whistleAvgRating: { name: '评哨平均分', nameEn: 'Average rating', unit: 'score', higherIsBetter: true, description: '乡镇评哨平均分(1—5)', descriptionEn: 'Mean township rating of rated calls (1–5).' },
}

export const METRICS: readonly MetricDef[] = labelled(METRIC_IDS, TABLE)

/**
 * The metrics taken over a basis: a ratio's denominator, the records an average or a median is taken over, the
 * households a rate is per. With an empty basis there is no value, and the API answers null (never 0, which would
 * read as a real 0% or 0 minutes); the web shows '—' with the reason its i18n gives for the metric.
 */
export const METRICS_WITH_BASIS = [
  'reportsPer1000Households', 'overdueRate', 'closureRate', 'avgHandlingHours', 'offListShare',
  'disputeSuccessRate', 'disputeVillageShare', 'mobileEnforcementRate', 'whistleMedianAckMinutes', 'whistleAvgRating',
  'callbackRate', 'satisfactionRate', 'redoRate',
] as const satisfies readonly MetricId[]
export type MetricWithBasis = (typeof METRICS_WITH_BASIS)[number]

/** The metrics a leader may colour the map by (the choropleth): volumes and rates that compare across areas. */
export const CHOROPLETH_METRIC_IDS = [
  'reports', 'reportsPer1000Households', 'overdueRate', 'closureRate', 'disputes', 'whistles',
] as const satisfies readonly MetricId[]
export type ChoroplethMetric = (typeof CHOROPLETH_METRIC_IDS)[number]

export function hasBasis(id: MetricId): id is MetricWithBasis {
  return isOneOf(METRICS_WITH_BASIS, id)
}

/** A metric's value as the API answers it: null when its basis is empty (METRICS_WITH_BASIS). */
export type MetricValue = number | null
/** The value of one metric: a count is always a number (0 when nothing happened); only a metric with a basis is nullable. */
export type ValueOf<M extends MetricId> = M extends MetricWithBasis ? MetricValue : number

/** The order of a ranking: largest first, and a metric with no value after every one with a value. */
export function byValueDescending(a: MetricValue, b: MetricValue): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0)
  return b - a
}

export function isMetricId(value: unknown): value is MetricId {
  return isOneOf(METRIC_IDS, value)
}

export function getMetric(id: MetricId): MetricDef {
  return { id, ...TABLE[id] }
}
