// What every warning rule (研判预警) declares: its id and labels, and its parameters with their defaults and the
// ranges an administrator may set them to. The rules themselves are one module each beside this one.
import type { Label } from '../label'
import { labelled } from '../label'

/** 红 / 橙 / 黄: how loud an alert is; each rule documents how it picks one. */
export const ALERT_LEVEL_IDS = ['red', 'orange', 'yellow'] as const
export type AlertLevel = (typeof ALERT_LEVEL_IDS)[number]
export const ALERT_LEVELS = labelled(ALERT_LEVEL_IDS, {
  red: { name: '红色预警', nameEn: 'Red' },
  orange: { name: '橙色预警', nameEn: 'Orange' },
  yellow: { name: '黄色预警', nameEn: 'Yellow' },
})

export interface ParamSpec extends Label {
  readonly id: string
  readonly default: number
  readonly min: number
  readonly max: number
  /** Whole numbers only (counts, days). */
  readonly integer?: boolean
  readonly unit: string
}

export interface AlertRuleSpec extends Label {
  readonly id: string
  readonly params: readonly ParamSpec[]
}

export type ParamValues = Readonly<Record<string, number>>

/** The defaults of a rule's parameters. */
export function defaultParams(rule: AlertRuleSpec): ParamValues {
  return Object.fromEntries(rule.params.map((p) => [p.id, p.default]))
}

/** What is wrong with a set of parameter values for a rule, in words that say what to send instead; null when none. */
export function paramsProblem(rule: AlertRuleSpec, values: Readonly<Record<string, unknown>>): string | null {
  for (const key of Object.keys(values)) {
    if (!rule.params.some((p) => p.id === key)) return `${rule.id} has no parameter "${key}"; its parameters: ${rule.params.map((p) => p.id).join(', ')}`
  }
  for (const p of rule.params) {
    const v = values[p.id]
    if (v === undefined) continue
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${rule.id}.${p.id} must be a number from ${p.min} to ${p.max} (${p.unit})`
    if (p.integer && !Number.isInteger(v)) return `${rule.id}.${p.id} must be a whole number from ${p.min} to ${p.max} (${p.unit})`
    if (v < p.min || v > p.max) return `${rule.id}.${p.id} = ${v} is outside ${p.min}–${p.max} (${p.unit}); default ${p.default}`
  }
  return null
}
