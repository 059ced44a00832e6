// What a rule's evaluation hands on: one finding per subject it judged alarming now. The reconciler
// (reconcile.ts) raises a new alert for it or updates the open one kept under the same subject.
import type { AlertLevel } from '../../../domain/alerts/rule'
import type { ALERT_RECORD_KINDS } from '../../../domain/answers/alert'

/** The evidence as stored (JSON text in alerts.evidence): times in epoch ms, as in the store. */
export interface StoredEvidence {
  recordKind: (typeof ALERT_RECORD_KINDS)[number]
  /** Newest first, at most EVIDENCE_IDS_MAX. */
  recordIds: number[]
  count: number
  observed?: number | null
  expected?: number | null
  p?: number | null
  window?: string | null
  windowFrom?: number | null
  windowTo?: number | null
  category?: string | null
  department?: string | null
}

/** An alert lists at most this many record ids (a pile-up of 800 overdue cases names the newest 200). */
export const EVIDENCE_IDS_MAX = 200

export interface Finding {
  rule: string
  /** The rule id, then what it is about: `spike|<grid>|<category>`, `site-risk|inspection|<site id>` … */
  subject: string
  level: AlertLevel
  county: string
  township: string | null
  grid: string | null
  /** A point for a place, a site or a township seat; null when the grid (or township) is the place. */
  point: [number, number] | null
  evidence: StoredEvidence
}

export const subjectOf = (rule: string, ...parts: (string | number)[]) => [rule, ...parts].join('|')

/** Whether a finding says something new about its open alert: a louder or quieter level, other records. */
export function changesAlert(open: { level: string; evidence: string }, found: Finding): boolean {
  if (open.level !== found.level) return true
  const before = JSON.parse(open.evidence) as StoredEvidence
  return before.count !== found.evidence.count || before.recordIds.join(',') !== found.evidence.recordIds.join(',')
}
