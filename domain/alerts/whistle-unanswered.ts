// Whistle unanswered (吹哨未响应): a whistle call not signed for (签收) within its acknowledgement limit (30 minutes,
// domain/whistle.ts), and a department that left `repeatCount` or more calls unanswered so within a week. A call
// is 黄 once late, 橙 when it was urgent or is late by more than half of `redAfterHours`, 红 past it;
// a department's repeat is 橙.
import type { Instant } from '../time'
import { DAY, HOUR } from '../time'
import { WHISTLE_SLA } from '../whistle'
import type { AlertLevel, AlertRuleSpec, ParamValues } from './rule'
import { defaultParams } from './rule'

export const WHISTLE_UNANSWERED_RULE = {
  id: 'whistle-unanswered', name: '吹哨未响应', nameEn: 'Whistle call unanswered',
  params: [
    { id: 'repeatCount', name: '部门一周未响应次数', nameEn: 'Unanswered by a department in a week', default: 3, min: 2, max: 50, integer: true, unit: 'calls' },
    { id: 'redAfterHours', name: '升为红色', nameEn: 'Red after', default: 4, min: 1, max: 72, integer: true, unit: 'hours' },
  ],
} as const satisfies AlertRuleSpec

const DEFAULTS = defaultParams(WHISTLE_UNANSWERED_RULE)

export interface WhistleCall { readonly whistledAt: Instant; readonly acknowledgedAt: Instant | null; readonly urgent: boolean }

/** When the call was (or will be) late for its acknowledgement: its 签收 limit. */
export const acknowledgeBy = (call: WhistleCall): Instant => call.whistledAt + WHISTLE_SLA.acknowledgeMs

/** Was the call left unanswered past its limit (signed for late, or not yet and the limit has passed)? */
export function wasUnanswered(call: WhistleCall, now: Instant): boolean {
  const limit = acknowledgeBy(call)
  return call.acknowledgedAt === null ? now > limit : call.acknowledgedAt > limit
}

/** An open call not yet signed for: its alert's level at `now`, or null while within its limit (or signed for). */
export function unansweredLevel(call: WhistleCall, now: Instant, given: ParamValues = {}): AlertLevel | null {
  if (call.acknowledgedAt !== null || now <= acknowledgeBy(call)) return null
  const redAfter = { ...DEFAULTS, ...given }.redAfterHours! * HOUR
  const late = now - acknowledgeBy(call)
  if (late > redAfter) return 'red'
  return call.urgent || late > redAfter / 2 ? 'orange' : 'yellow'
}

/** A department that left `repeatCount` or more of its calls of the last 7 days unanswered past their limit. */
export function departmentRepeats(calls: readonly WhistleCall[], now: Instant, given: ParamValues = {}): boolean {
  const min = { ...DEFAULTS, ...given }.repeatCount!
  return calls.filter((c) => now - c.whistledAt <= 7 * DAY && wasUnanswered(c, now)).length >= min
}
