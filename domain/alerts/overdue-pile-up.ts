// Overdue pile-up (超期积压): work piling up late in one place — `minOverdue` or more overdue incidents in one grid,
// or a township whose overdue rate (overdue among its open incidents) is more than `rateFactor` times the
// county's. Levels: 红 at three times the minimum in a grid or four times the county's rate; 橙 at twice the
// minimum or three times the rate; else 黄.
import type { AlertLevel, AlertRuleSpec, ParamValues } from './rule'
import { defaultParams } from './rule'

export const OVERDUE_PILE_UP_RULE = {
  id: 'overdue-pile-up', name: '超期积压', nameEn: 'Overdue pile-up',
  params: [
    { id: 'minOverdue', name: '网格超期件数', nameEn: 'Overdue in a grid at least', default: 5, min: 2, max: 200, integer: true, unit: 'incidents' },
    { id: 'rateFactor', name: '乡镇超期率倍数', nameEn: 'Township rate above the county\'s ×', default: 2, min: 1.2, max: 10, unit: '×' },
    { id: 'minOpen', name: '乡镇在办下限', nameEn: 'Open in a township at least', default: 10, min: 1, max: 1000, integer: true, unit: 'incidents' },
  ],
} as const satisfies AlertRuleSpec

const DEFAULTS = defaultParams(OVERDUE_PILE_UP_RULE)

/** A grid's overdue count: the alert's level, or null when it is not a pile-up. */
export function gridPileUp(overdue: number, given: ParamValues = {}): AlertLevel | null {
  const min = { ...DEFAULTS, ...given }.minOverdue!
  if (overdue < min) return null
  return overdue >= 3 * min ? 'red' : overdue >= 2 * min ? 'orange' : 'yellow'
}

export interface RateInput { readonly overdue: number; readonly open: number }

/**
 * A township's overdue rate against the county's: the level, or null. A township with few open incidents is left
 * out (`minOpen`: 1 of 2 late is 50 % and says little); so is any township when nothing in the county is late.
 */
export function townshipPileUp(township: RateInput, county: RateInput, given: ParamValues = {}): AlertLevel | null {
  const params = { ...DEFAULTS, ...given }
  if (township.open < params.minOpen! || county.open === 0 || county.overdue === 0) return null
  const ratio = (township.overdue / township.open) / (county.overdue / county.open)
  if (ratio <= params.rateFactor!) return null
  return ratio > 4 ? 'red' : ratio > 3 ? 'orange' : 'yellow'
}
