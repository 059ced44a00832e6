// Which kind of record an alert's evidence lists (its recordIds): the rule says it (a spike counts incidents, a
// site's risk is the site), unless the evidence names the kind itself.
import type { AlertProps } from './alert-feature'

export type EvidenceKind = 'incident' | 'dispute' | 'site' | 'whistle'

const RULE_RECORDS: Record<string, EvidenceKind> = {
  spike: 'incident', 'repeat-place': 'incident', 'overdue-pile-up': 'incident',
  'site-risk': 'site', 'whistle-unanswered': 'whistle', 'dispute-escalation': 'dispute',
}
const KINDS: readonly string[] = ['incident', 'dispute', 'site', 'whistle']

export function evidenceRecordKind(p: Pick<AlertProps, 'rule' | 'evidence'>): EvidenceKind | null {
  const own = p.evidence?.recordKind
  if (typeof own === 'string' && KINDS.includes(own)) return own as EvidenceKind
  return RULE_RECORDS[p.rule] ?? null
}
