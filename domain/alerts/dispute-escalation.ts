// Dispute escalation (矛盾升级): a dispute escalated to county level (县级调处), and the same parties in a second
// dispute within `days` days — matched on the identities stored on the server (a party's name and phone as
// entered, normalised), never on masked strings, which many different people share; the alert shows them masked.
// Levels: a county-level escalation is 橙; a repeat between the same parties 黄, 橙 when it was a high-risk dispute.
import type { DisputeLevel } from '../dispute'
import type { Instant } from '../time'
import { DAY } from '../time'
import type { AlertLevel, AlertRuleSpec, ParamValues } from './rule'
import { defaultParams } from './rule'

export const DISPUTE_ESCALATION_RULE = {
  id: 'dispute-escalation', name: '矛盾纠纷升级', nameEn: 'Dispute escalation',
  params: [
    { id: 'days', name: '同一当事人再起纠纷', nameEn: 'Same parties again within', default: 90, min: 7, max: 365, integer: true, unit: 'days' },
  ],
} as const satisfies AlertRuleSpec

const DEFAULTS = defaultParams(DISPUTE_ESCALATION_RULE)

/** A dispute that reached county level is escalated: 橙. */
export function escalationLevel(level: DisputeLevel): AlertLevel | null {
  return level === 'county' ? 'orange' : null
}

export interface Party { readonly name: string; readonly phone?: string | null | undefined }

/**
 * One party's identity as stored: the name without spaces, and the phone's digits when there is one (a name alone
 * matches only another entry with no phone, so two 张伟 with different phones are two people).
 */
export function partyKey(p: Party): string {
  const digits = (p.phone ?? '').replace(/\D/g, '')
  return `${p.name.replace(/\s+/g, '')}|${digits}`
}

export interface PartiedDispute { readonly id: number; readonly reportedAt: Instant; readonly parties: readonly Party[]; readonly highRisk: boolean }

/**
 * Earlier disputes sharing two or more parties (one shared party is a neighbour who keeps calling, two is the same
 * quarrel) with `dispute` within `days` before it: its level, or null when there is none.
 */
export function repeatBetweenParties(dispute: PartiedDispute, earlier: readonly PartiedDispute[], given: ParamValues = {}): { level: AlertLevel; with: number[] } | null {
  const span = { ...DEFAULTS, ...given }.days! * DAY
  const mine = new Set(dispute.parties.map(partyKey))
  const shared = (d: PartiedDispute) => new Set(d.parties.map(partyKey).filter((k) => mine.has(k))).size
  const matches = earlier.filter((d) => d.id !== dispute.id && d.reportedAt <= dispute.reportedAt &&
    dispute.reportedAt - d.reportedAt <= span && shared(d) >= Math.min(2, mine.size))
  if (matches.length === 0) return null
  return { level: dispute.highRisk ? 'orange' : 'yellow', with: matches.map((d) => d.id) }
}
