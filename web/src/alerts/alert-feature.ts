// An alert (研判预警) as the screens read it: the feature GET /api/alerts lists and the stream's alert.raised /
// alert.updated carry (geometry = the grid's polygon, or a point for a place or a site). Pure: which alerts are open,
// which belong to a scope, the order the panel lists them in, the one line of evidence, and where on the map it is.
import type { Feature, Geometry } from 'geojson'
import { ALERT_STATUSES, OPEN_ALERT_STATUSES, isOpenAlert as isOpenStatus } from '../../../domain/alerts/alert-status'
import { ALERT_LEVEL_IDS, ALERT_LEVELS } from '../../../domain/alerts/rule'
import type { AlertLevel } from '../../../domain/alerts/rule'
import { ALERT_RULES } from '../../../domain/alerts/rules'
import { SPIKE_WINDOWS } from '../../../domain/alerts/spike'
import { isWithinScope } from '../../../domain/regions'
import { DAY, HOUR } from '../../../domain/time'
import type { Lang } from '../i18n'
import type { AlertMessages } from '../i18n/alerts'
import { formatValue } from '../i18n/format'
import { geometryBounds } from '../map/bounds'

/**
 * What was seen, as the evidence says it (the list's summary has the figures, the alert's own answer the record ids
 * too); a figure a rule does not judge is null.
 */
export interface EvidenceSummary {
  recordKind?: string
  recordIds?: number[]
  observed?: number | null
  expected?: number | null
  p?: number | null
  count?: number | null
  /** A window id ('1h', '24h', '7d') or its length in ms. */
  window?: string | number | null
  [key: string]: unknown
}

export interface AlertProps {
  id: number
  rule: string
  level: AlertLevel
  status: string
  /** The rule's title from the reference. */
  title?: { name: string; nameEn: string } | null
  township?: string | null
  grid?: string | null
  raisedAt: string
  lastSeenAt?: string
  updatedAt?: string
  evidence?: EvidenceSummary | null
  [key: string]: unknown
}

export type AlertFeature = Feature<Geometry | null, AlertProps>

export { OPEN_ALERT_STATUSES }
/** 新 / 已研判 / 处置中: an alert still to be dealt with (已解除 and 误报 close it). */
export const isOpenAlert = (p: Pick<AlertProps, 'status'>) => isOpenStatus(p.status)

/** The most specific region an alert is about: its grid, else its township (null: the county's, a department's). */
export const alertArea = (p: Pick<AlertProps, 'grid' | 'township'>): string | null => p.grid ?? p.township ?? null

/**
 * Whether the alert belongs to a view of `scope`: its area lies in the scope (a grid's alert in its township's view),
 * or the scope lies in its area (a township's alert stays in view of one of its grids); an alert of no area (a
 * department's) at the county only.
 */
export function alertInScope(p: Pick<AlertProps, 'grid' | 'township'>, scope: string): boolean {
  const area = alertArea(p)
  if (area === null) return scope.length === 6
  return isWithinScope(area, scope) || isWithinScope(scope, area)
}

const LEVEL_RANK: Record<string, number> = Object.fromEntries(ALERT_LEVEL_IDS.map((id, i) => [id, i]))
const levelRank = (level: string) => LEVEL_RANK[level] ?? ALERT_LEVEL_IDS.length

/** The panel's order: 红 before 橙 before 黄, and in each level the newest first. */
export function byLevelNewestFirst(a: AlertProps, b: AlertProps): number {
  return levelRank(a.level) - levelRank(b.level) || Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || b.id - a.id
}

/**
 * An alert's heading: its rule, and what it is about where the rule is about one kind of thing (同类事件突增（生态环境）,
 * 吹哨未响应（住建）). Not the answer's title, which repeats the place every row and drawer already says beside it.
 * `nameOf` names a category or department id (the reference's lists); the rule alone when it cannot.
 */
export function alertTitle(p: Pick<AlertProps, 'rule' | 'evidence'>, lang: Lang, nameOf?: (list: 'categories' | 'departments', id: string) => string): string {
  const rule = ruleName(p.rule, lang)
  const e = p.evidence
  const about = !nameOf || !e ? '' : typeof e.category === 'string' ? nameOf('categories', e.category) : typeof e.department === 'string' ? nameOf('departments', e.department) : ''
  return about ? (lang === 'en' ? `${rule} (${about})` : `${rule}（${about}）`) : rule
}

export function ruleName(rule: string, lang: Lang): string {
  const spec = ALERT_RULES.find((r) => r.id === rule)
  return spec ? (lang === 'en' ? spec.nameEn : spec.name) : rule
}

export function statusName(status: string, lang: Lang): string {
  const s = ALERT_STATUSES.find((x) => x.id === status)
  return s ? (lang === 'en' ? s.nameEn : s.name) : status
}

export function levelName(level: string, lang: Lang): string {
  const l = ALERT_LEVELS.find((x) => x.id === level)
  return l ? (lang === 'en' ? l.nameEn : l.name) : level
}

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '')

/** A window as words: '1h' → 近1小时, 3 600 000 → 1小时. */
function windowText(w: string | number | null | undefined, lang: Lang, t: AlertMessages): string {
  if (w === undefined || w === null) return ''
  const named = SPIKE_WINDOWS.find((x) => x.id === w || x.ms === w)
  if (named) return lang === 'en' ? named.nameEn : named.name
  const ms = typeof w === 'number' ? w : NaN
  if (!Number.isFinite(ms) || ms <= 0) return typeof w === 'string' ? w : ''
  return ms % DAY === 0 ? fill(t.evDays, { n: String(ms / DAY) }) : fill(t.evHours, { n: String(Math.round(ms / HOUR)) })
}

/** An expected count: two significant digits below one (0.04, where 0.0 would read as "none"), one decimal to ten. */
export function expectedText(x: number): string {
  if (x > 0 && x < 1) return String(Number(x.toPrecision(2)))
  return x < 10 ? x.toFixed(1) : String(Math.round(x))
}

/** p as a reader takes it: below a millionth "<1e-6", else two significant digits. */
export function pText(p: number): string {
  if (p < 1e-6) return '<1e-6'
  return p < 0.001 ? p.toExponential(1) : p.toPrecision(2)
}

/** A span as a reader takes it: minutes under two hours, hours under two days, else days. */
function spanText(ms: number, t: AlertMessages): string {
  if (ms < 2 * HOUR) return fill(t.evMinutes, { n: String(Math.max(0, Math.round(ms / 60_000))) })
  if (ms < 2 * DAY) return fill(t.evHours, { n: String(Math.round(ms / HOUR)) })
  return fill(t.evDays, { n: String(Math.round(ms / DAY)) })
}

/**
 * The evidence in one line, in the terms of its rule: a spike "近1小时 12 件 · 期望 0.04 · p <1e-6", a pile-up
 * "超期 11 件（阈值 5）" or a township's rate against the county's, a site "超时 5天", a whistle call "已等 3小时未签收";
 * '' when the summary says nothing a reader can use. `withP` false leaves p out (the wall: read by people who
 * act on the count, not on the statistic).
 */
export function evidenceLine(e: EvidenceSummary | null | undefined, lang: Lang, t: AlertMessages, rule?: string, { withP = true } = {}): string {
  if (!e) return ''
  const count = (x: number) => formatValue(x, 'count', lang)
  const observed = typeof e.observed === 'number' ? e.observed : null
  const expected = typeof e.expected === 'number' ? e.expected : null
  switch (rule) {
    case 'site-risk':
      return observed === null ? '' : fill(t.evSiteLate, { d: spanText(observed * HOUR, t) })
    case 'whistle-unanswered':
      if (observed === null) return ''
      // A department's repeat counts calls against its threshold; one call, the minutes it has waited.
      return expected !== null ? fill(t.evWhistleRepeat, { n: count(observed), m: count(expected) }) : fill(t.evWhistleWaiting, { d: spanText(observed * 60_000, t) })
    case 'overdue-pile-up':
      if (observed === null) return ''
      if (!Number.isInteger(observed)) return fill(t.evOverdueRate, { r: formatValue(observed, 'ratio', lang), c: expected === null ? '—' : formatValue(expected, 'ratio', lang) })
      return fill(t.evOverdue, { n: count(observed) }) + (expected === null ? '' : fill(t.evThreshold, { n: count(expected) }))
    case 'repeat-place':
      return observed === null && typeof e.count !== 'number' ? '' : fill(t.evRepeat, { n: count(observed ?? (e.count as number)) })
  }
  const parts: string[] = []
  const within = windowText(e.window, lang, t)
  const n = observed ?? (typeof e.count === 'number' ? e.count : null)
  if (n !== null) parts.push(`${within ? `${within} ` : ''}${fill(t.evObserved, { n: count(n) })}`)
  else if (within) parts.push(within)
  if (expected !== null) parts.push(fill(t.evExpected, { n: expectedText(expected) }))
  if (withP && typeof e.p === 'number' && Number.isFinite(e.p)) parts.push(fill(t.evP, { p: pText(e.p) }))
  return parts.join(' · ')
}

/** Where the map frames an alert: its geometry's box (a point's is a point). Null without geometry. */
export function alertBounds(f: Pick<AlertFeature, 'geometry'>): [[number, number], [number, number]] | null {
  if (!f.geometry) return null
  const b = geometryBounds(f.geometry)
  return Number.isFinite(b[0][0]) ? b : null
}

/** The middle of an alert's area, where its pulse sits and the wall flies to. */
export function alertCenter(f: Pick<AlertFeature, 'geometry'>): [number, number] | null {
  const b = alertBounds(f)
  return b && [(b[0][0] + b[1][0]) / 2, (b[0][1] + b[1][1]) / 2]
}

/** A feature from the list or the stream, checked enough to be drawn and listed; null when it is not an alert. */
export function asAlertFeature(data: unknown): AlertFeature | null {
  const f = data as { type?: unknown; id?: unknown; geometry?: unknown; properties?: Record<string, unknown> } | null
  const p = f?.properties
  if (!p || typeof p !== 'object') return null
  const id = Number(p.id ?? f.id)
  if (!Number.isFinite(id) || typeof p.rule !== 'string' || typeof p.level !== 'string' || typeof p.status !== 'string') return null
  return { type: 'Feature', id, geometry: (f.geometry ?? null) as Geometry | null, properties: { ...(p as unknown as AlertProps), id } }
}
