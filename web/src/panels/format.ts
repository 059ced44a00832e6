// Panel numbers per locale. Values are formatted by the metric's unit from the reference (ratios as percent,
// hours with one decimal); the unit word is kept apart so cards can set it smaller than the numeral.
import type { MetricId, MetricValue } from '../../../domain/metrics'
import { hasBasis } from '../../../domain/metrics'
import type { Lang } from '../i18n'
import { nf } from '../i18n/format'
import type { Unit } from '../i18n/format'
import type { Messages } from '../i18n/zh-CN'

/** The numeral alone: 1,234 · 87.5% · 12.3 (hours, minutes, per 1,000) · 4.2 (score). */
export function formatNumber(value: number, unit: Unit, lang: Lang): string {
  switch (unit) {
    case 'ratio': return nf(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
    case 'hours':
    case 'minutes':
    case 'per1000':
    case 'score': return nf(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
    case 'count': return nf(lang, { maximumFractionDigits: 0 }).format(value)
  }
}

/** The unit word shown after a numeral ('' for percentages and scores, which carry their own sense). */
export function unitLabel(unit: Unit, t: Messages): string {
  switch (unit) {
    case 'count': return t.unitCount
    case 'hours': return t.unitHours
    case 'minutes': return t.unitMinutes
    case 'per1000': return t.unitPer1000
    default: return ''
  }
}

/** Numeral and unit together, for tooltips and chart labels. */
export function formatWithUnit(value: number, unit: Unit, lang: Lang, t: Messages): string {
  const u = unitLabel(unit, t)
  const n = formatNumber(value, unit, lang)
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
export function showMetric(id: MetricId, value: MetricValue | undefined, format: (v: number) => string, t: Messages): ShownMetric {
  if (value === undefined) return { text: '—', reason: null }
  if (value === null) return { text: '—', reason: noValueReason(id, t) }
  return { text: format(value), reason: null }
}

/** Why a metric has no value: its basis is empty (only metrics with a basis are ever null). */
export function noValueReason(id: MetricId, t: Messages): string {
  return hasBasis(id) ? t.noBasis[id] : t.panelNoData
}
