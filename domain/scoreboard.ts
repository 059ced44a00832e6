// The 考核 scoreboard: seven figures per township or per county department, side by side, for the county centre's
// monthly assessment. Each figure judges the unit whose work it was: an incident by its assignee (a township owns the
// cases assigned to it or to one of its grids; a department those assigned to it), a call-back by the assignee it
// recorded when the case was verified, a whistle call by the township that blew it or the department it called.
//
// The definitions and the rules of which row counts where are written here once, as pure functions over plain rows.
// The API computes the same figures in SQL (api/store/scoreboard.ts); its test recomputes every value from the raw
// rows through these functions, so the SQL is checked against a second, independent spelling of each rule.
import type { Label, Labelled } from './label'
import { isOneOf, labelled } from './label'
import type { Severity } from './incident'
import { OPEN_INCIDENT_STATUSES } from './incident'
import type { MetricUnit } from './metrics'
import { isMetricId } from './metrics'
import { INCIDENT_SLA } from './sla'
import { MINUTE } from './time'

export const SCOREBOARD_METRIC_IDS = [
  'signRate', 'onTimeRate', 'overdueCount', 'supervisedCount', 'callbackSatisfaction', 'redoRate', 'whistleMedianAckMinutes',
] as const
export type ScoreboardMetricId = (typeof SCOREBOARD_METRIC_IDS)[number]

/** What the scoreboard's rows are: the county's townships, or its departments. */
export const SCOREBOARD_BY_IDS = ['township', 'department'] as const
export type ScoreboardBy = (typeof SCOREBOARD_BY_IDS)[number]

type ScoreboardMetricRow = Label & {
  readonly unit: Extract<MetricUnit, 'ratio' | 'count' | 'minutes'>
  /** Every scoreboard figure has a good direction: an assessment ranks. */
  readonly higherIsBetter: boolean
  readonly formula: string
  readonly formulaEn: string
  /** What `counts.<id>.numerator` and `.denominator` of an answer count (for a median: the calls it is taken over, of all). */
  readonly numerator: Label
  readonly denominator: Label
}
export type ScoreboardMetricDef = Labelled<ScoreboardMetricId> & Omit<ScoreboardMetricRow, keyof Label>

const TABLE: Record<ScoreboardMetricId, ScoreboardMetricRow> = {
  signRate: {
    name: '签收率', nameEn: 'Sign-off rate', unit: 'ratio', higherIsBetter: true,
    formula: '时段内交办给本单位的事件中,在签收时限(一般 2 小时、较急 1 小时、紧急 30 分钟,自交办起按自然时间计)内签收的比例;时限未到且未签收的不计入;无则为空',
    formulaEn: 'Of the incidents dispatched to the unit in the period, the share signed for within the sign-off limit (normal 2 h, urgent 1 h, critical 30 min on the clock from the dispatch); those still unsigned with time left are not judged yet; none: no value.',
    numerator: { name: '按时签收', nameEn: 'Signed in time' }, denominator: { name: '已到时限或已签收的交办', nameEn: 'Dispatches judged' },
  },
  onTimeRate: {
    name: '按期办结率', nameEn: 'On-time resolution rate', unit: 'ratio', higherIsBetter: true,
    formula: '时段内办结的本单位事件中,在办结时限(resolve_by,含同意的延期)前办结的比例;无则为空',
    formulaEn: 'Of the unit\'s incidents resolved in the period, the share resolved by their deadline (resolve_by, approved extensions included); none: no value.',
    numerator: { name: '按期办结', nameEn: 'Resolved on time' }, denominator: { name: '办结', nameEn: 'Resolved' },
  },
  overdueCount: {
    name: '超期件数', nameEn: 'Overdue cases', unit: 'count', higherIsBetter: false,
    formula: '办结时限落在时段内且已过的本单位事件中,未按期办结的件数(晚于时限办结,或至今未办结)',
    formulaEn: 'Of the unit\'s incidents whose deadline fell in the period and has passed, those not resolved by it (resolved later, or still open).',
    numerator: { name: '超期', nameEn: 'Overdue' }, denominator: { name: '时限在时段内且已过', nameEn: 'Deadlines passed in the period' },
  },
  supervisedCount: {
    name: '督办件数', nameEn: 'Supervision orders', unit: 'count', higherIsBetter: false,
    formula: '时段内对本单位事件下达的督办次数(县级与乡镇督办均计)',
    formulaEn: 'Supervision orders (督办, county or township level) given in the period on the unit\'s incidents.',
    numerator: { name: '督办次数', nameEn: 'Orders' }, denominator: { name: '被督办事件', nameEn: 'Incidents supervised' },
  },
  callbackSatisfaction: {
    name: '回访满意率', nameEn: 'Call-back satisfaction', unit: 'ratio', higherIsBetter: true,
    formula: '时段内完成的、评价本单位(核查时的承办单位)的回访中,满意与基本满意的比例;无则为空',
    formulaEn: 'Of the call-backs done in the period that judge the unit (the assignee when the case was verified), the share satisfied or basically satisfied; none: no value.',
    numerator: { name: '满意与基本满意', nameEn: 'Satisfied or basically satisfied' }, denominator: { name: '完成回访', nameEn: 'Call-backs done' },
  },
  redoRate: {
    name: '重办率', nameEn: 'Redo rate', unit: 'ratio', higherIsBetter: false,
    formula: '时段内完成的、评价本单位的回访中,不满意(退回重办)的比例;无则为空',
    formulaEn: 'Of the call-backs done in the period that judge the unit, the share dissatisfied (sent back to be redone); none: no value.',
    numerator: { name: '不满意', nameEn: 'Dissatisfied' }, denominator: { name: '完成回访', nameEn: 'Call-backs done' },
  },
  whistleMedianAckMinutes: {
    name: '吹哨响应中位时间', nameEn: 'Median whistle response', unit: 'minutes', higherIsBetter: false,
    formula: '时段内的吹哨(部门:被吹哨的;乡镇:本乡镇吹的)从吹哨到签收的分钟数中位数,只计已签收的;无则为空',
    formulaEn: 'Median minutes from whistle to acknowledgement of the calls in the period (a department: calls to it; a township: calls it made), over the acknowledged ones; none: no value.',
    numerator: { name: '已签收吹哨', nameEn: 'Calls acknowledged' }, denominator: { name: '吹哨', nameEn: 'Calls' },
  },
}

export const SCOREBOARD_METRICS: readonly ScoreboardMetricDef[] = labelled(SCOREBOARD_METRIC_IDS, TABLE)

export const isScoreboardMetricId = (value: unknown): value is ScoreboardMetricId => isOneOf(SCOREBOARD_METRIC_IDS, value)
export const isScoreboardBy = (value: unknown): value is ScoreboardBy => isOneOf(SCOREBOARD_BY_IDS, value)

export function getScoreboardMetric(id: ScoreboardMetricId): ScoreboardMetricDef {
  return { id, ...TABLE[id] }
}

/** The counts behind one value: see each metric's `numerator` and `denominator`. */
export interface ScoreCount { readonly numerator: number; readonly denominator: number }
export type ScoreValue = number | null

const round2 = (x: number) => Math.round(x * 100) / 100

/**
 * A value from its counts: a ratio is numerator ÷ denominator (null over none), a count the numerator, the median
 * its minutes (null when no call was acknowledged, rounded to hundredths as the dashboard's median is).
 */
export function scoreValue(id: ScoreboardMetricId, count: ScoreCount, medianMs: number | null = null): ScoreValue {
  const unit = TABLE[id].unit
  if (unit === 'count') return count.numerator
  if (unit === 'minutes') return count.numerator === 0 || medianMs === null ? null : round2(medianMs / MINUTE)
  return count.denominator === 0 ? null : count.numerator / count.denominator
}

/**
 * The sign-off limit (签收时限) of an incident of this severity: its acceptance limit, on the clock, counted from the
 * dispatch (交办) instead of the report.
 */
export const signOffLimitMs = (severity: Severity): number => INCIDENT_SLA[severity].acceptMs

/** The unit an assignee counts for: a grid for its township (the code starts with it), a department for itself. */
export function unitOfAssignee(by: ScoreboardBy, kind: string | null, code: string | null): string | null {
  if (code === null) return null
  if (by === 'department') return kind === 'department' ? code : null
  if (kind === 'township') return code
  return kind === 'grid' ? code.slice(0, 9) : null
}

/** The period [from, to) and the instant the figures are for. */
export interface ScoreWindow { readonly from: number; readonly to: number; readonly now: number }
const inWindow = (t: number | null, w: ScoreWindow): t is number => t !== null && t >= w.from && t < w.to

/** An incident as the scoreboard reads it (columns of `incidents`; the assignee is the current one). */
export interface ScoreIncident {
  readonly severity: Severity
  readonly status: string
  readonly assigneeKind: string | null
  readonly assigneeCode: string | null
  readonly dispatchedAt: number | null
  readonly signedAt: number | null
  readonly resolvedAt: number | null
  readonly resolveBy: number
}
/** A 督办 step (incident_events action 'supervise') with its incident's current assignee. */
export interface ScoreSupervision { readonly incidentId: number; readonly at: number; readonly assigneeKind: string | null; readonly assigneeCode: string | null }
/** A call-back task (callbacks): the assignee it judges, its result once done. */
export interface ScoreCallback { readonly assigneeKind: string | null; readonly assigneeCode: string | null; readonly result: string | null; readonly doneAt: number | null }
/** A whistle call: the township that blew it and the department called. */
export interface ScoreWhistle { readonly township: string; readonly department: string; readonly whistledAt: number; readonly acknowledgedAt: number | null }

export interface ScoreRows {
  readonly incidents: readonly ScoreIncident[]
  readonly supervisions: readonly ScoreSupervision[]
  readonly callbacks: readonly ScoreCallback[]
  readonly whistles: readonly ScoreWhistle[]
}

const count = (numerator: number, denominator: number): ScoreCount => ({ numerator, denominator })
const ofUnit = (by: ScoreboardBy, unit: string) => (r: { assigneeKind: string | null; assigneeCode: string | null }) =>
  unitOfAssignee(by, r.assigneeKind, r.assigneeCode) === unit

/**
 * signRate: dispatched to the unit in the period; signed in time = signed at most the limit after the dispatch. One
 * not signed yet whose limit has not passed at `now` is not judged yet: it leaves both counts.
 */
export function signRateCount(rows: readonly ScoreIncident[], by: ScoreboardBy, unit: string, w: ScoreWindow): ScoreCount {
  let n = 0
  let d = 0
  for (const r of rows.filter(ofUnit(by, unit))) {
    if (!inWindow(r.dispatchedAt, w)) continue
    const limitEnds = r.dispatchedAt + signOffLimitMs(r.severity)
    if (r.signedAt === null && w.now <= limitEnds) continue
    d++
    if (r.signedAt !== null && r.signedAt <= limitEnds) n++
  }
  return count(n, d)
}

/** onTimeRate: resolved in the period (resolvedAt set; a reopened case has none); on time = at or before resolveBy. */
export function onTimeRateCount(rows: readonly ScoreIncident[], by: ScoreboardBy, unit: string, w: ScoreWindow): ScoreCount {
  const resolved = rows.filter(ofUnit(by, unit)).filter((r) => inWindow(r.resolvedAt, w))
  return count(resolved.filter((r) => r.resolvedAt! <= r.resolveBy).length, resolved.length)
}

/**
 * overdueCount: deadline in the period and before `now` (passed); overdue = resolved after it, or not resolved and
 * still open (exactly at the deadline is in time, as everywhere: domain/sla.ts).
 */
export function overdueCountOf(rows: readonly ScoreIncident[], by: ScoreboardBy, unit: string, w: ScoreWindow): ScoreCount {
  const due = rows.filter(ofUnit(by, unit)).filter((r) => inWindow(r.resolveBy, w) && r.resolveBy < w.now)
  const late = due.filter((r) => (r.resolvedAt !== null ? r.resolvedAt > r.resolveBy : (OPEN_INCIDENT_STATUSES as readonly string[]).includes(r.status)))
  return count(late.length, due.length)
}

/** supervisedCount: 督办 steps in the period on the unit's incidents; the denominator is how many incidents they were on. */
export function supervisedCountOf(rows: readonly ScoreSupervision[], by: ScoreboardBy, unit: string, w: ScoreWindow): ScoreCount {
  const steps = rows.filter(ofUnit(by, unit)).filter((r) => inWindow(r.at, w))
  return count(steps.length, new Set(steps.map((r) => r.incidentId)).size)
}

export const SATISFIED_RESULTS: readonly string[] = ['satisfied', 'basicallySatisfied']
export const REDO_RESULT = 'dissatisfied'

const callbacksDone = (rows: readonly ScoreCallback[], by: ScoreboardBy, unit: string, w: ScoreWindow) =>
  rows.filter(ofUnit(by, unit)).filter((r) => r.result !== null && inWindow(r.doneAt, w))

/** callbackSatisfaction: of the call-backs done in the period judging the unit, 满意 or 基本满意. */
export function callbackSatisfactionCount(rows: readonly ScoreCallback[], by: ScoreboardBy, unit: string, w: ScoreWindow): ScoreCount {
  const done = callbacksDone(rows, by, unit, w)
  return count(done.filter((r) => SATISFIED_RESULTS.includes(r.result!)).length, done.length)
}

/** redoRate: of the call-backs done in the period judging the unit, 不满意. */
export function redoRateCount(rows: readonly ScoreCallback[], by: ScoreboardBy, unit: string, w: ScoreWindow): ScoreCount {
  const done = callbacksDone(rows, by, unit, w)
  return count(done.filter((r) => r.result === REDO_RESULT).length, done.length)
}

/** The middle value of an odd count, the mean of the two middle values of an even one; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** whistleMedianAckMinutes: the unit's calls whistled in the period; the median over the acknowledged ones, in ms. */
export function whistleAck(rows: readonly ScoreWhistle[], by: ScoreboardBy, unit: string, w: ScoreWindow): { count: ScoreCount; medianMs: number | null } {
  const calls = rows.filter((r) => (by === 'township' ? r.township : r.department) === unit && inWindow(r.whistledAt, w))
  const acked = calls.filter((r) => r.acknowledgedAt !== null).map((r) => r.acknowledgedAt! - r.whistledAt)
  return { count: count(acked.length, calls.length), medianMs: median(acked) }
}

/** Every figure of one unit from plain rows: what the API answers for it. */
export function scoreUnit(rows: ScoreRows, by: ScoreboardBy, unit: string, w: ScoreWindow): {
  values: Record<ScoreboardMetricId, ScoreValue>; counts: Record<ScoreboardMetricId, ScoreCount>
} {
  const ack = whistleAck(rows.whistles, by, unit, w)
  const counts: Record<ScoreboardMetricId, ScoreCount> = {
    signRate: signRateCount(rows.incidents, by, unit, w),
    onTimeRate: onTimeRateCount(rows.incidents, by, unit, w),
    overdueCount: overdueCountOf(rows.incidents, by, unit, w),
    supervisedCount: supervisedCountOf(rows.supervisions, by, unit, w),
    callbackSatisfaction: callbackSatisfactionCount(rows.callbacks, by, unit, w),
    redoRate: redoRateCount(rows.callbacks, by, unit, w),
    whistleMedianAckMinutes: ack.count,
  }
  const values = Object.fromEntries(SCOREBOARD_METRIC_IDS.map((id) =>
    [id, scoreValue(id, counts[id], id === 'whistleMedianAckMinutes' ? ack.medianMs : null)])) as Record<ScoreboardMetricId, ScoreValue>
  return { values, counts }
}

/**
 * The scoreboard metrics the township choropleth takes as `metric=` beside the dashboard's (domain/metrics.ts):
 * those the dashboard has not under the same id. They are figures of townships as units (their assignees' work), so
 * they colour townships only: a grid is no unit of assessment.
 */
export const TOWNSHIP_CHOROPLETH_METRIC_IDS: readonly ScoreboardMetricId[] = SCOREBOARD_METRIC_IDS.filter((id) => !isMetricId(id))
export const isTownshipChoroplethMetric = (value: unknown): value is ScoreboardMetricId =>
  typeof value === 'string' && (TOWNSHIP_CHOROPLETH_METRIC_IDS as readonly string[]).includes(value)
