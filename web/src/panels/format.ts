// Panel numbers per locale. Values are formatted by the metric's unit from the reference (i18n/format.ts
// formatValue, which the map's labels use too); the unit word is kept apart so cards can set it smaller than the numeral.
import type { MetricId, MetricUnit, MetricValue } from '../../../domain/metrics'
import { hasBasis, isMetricId } from '../../../domain/metrics'
import type { ScoreboardMetricId } from '../../../domain/scoreboard'
import type { Lang } from '../i18n'
import { formatValue, nf } from '../i18n/format'
import type { Messages } from '../i18n/zh-CN'

/** The unit word shown after a numeral ('' for percentages and scores, which carry their own sense). */
export function unitLabel(unit: MetricUnit, t: Messages): string {
  switch (unit) {
    case 'count': return t.unitCount
    case 'hours': return t.unitHours
    case 'minutes': return t.unitMinutes
    case 'per1000': return t.unitPer1000
    default: return ''
  }
}

/** Numeral and unit together, for tooltips and chart labels. */
export function formatWithUnit(value: number, unit: MetricUnit, lang: Lang, t: Messages): string {
  const u = unitLabel(unit, t)
  const n = formatValue(value, unit, lang)
  return u ? `${n} ${u}` : n
}

/**
 * The size of a percent change, e.g. 25.0% / 3.1%, for beside an arrow that gives its direction (▲ 25.0%; a sign as
 * well said it twice and took the room that kept 环比 on the line); null when there is no base to compare with.
 */
export function formatChange(current: number, previous: number, lang: Lang): string | null {
  if (!(previous > 0)) return null
  return nf(lang, { style: 'percent', signDisplay: 'never', minimumFractionDigits: 1, maximumFractionDigits: 1 })
    .format((current - previous) / previous)
}

/** `{n}`-style placeholders in i18n strings. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m))
}

/** A metric as shown: its text, and when it has no value, why (for the tooltip), else null. */
export interface ShownMetric { text: string; reason: string | null }

/**
 * A metric's text by `format`, or '—': before the answer (undefined), and when the API says the metric has no
 * value (null: its basis is empty), with the metric's own reason from the i18n files.
 */
export function showMetric(id: MetricId | ScoreboardMetricId, value: MetricValue | undefined, format: (v: number) => string, t: Messages): ShownMetric {
  if (value === undefined) return { text: '—', reason: null }
  if (value === null) return { text: '—', reason: noValueReason(id, t) }
  return { text: format(value), reason: null }
}

/** Why a metric has no value: its basis is empty (only metrics with a basis are ever null). */
export function noValueReason(id: MetricId | ScoreboardMetricId, t: Messages): string {
  return isMetricId(id) && hasBasis(id) ? t.noBasis[id] : t.panelNoData
}
