// The domain's rules as SQL terms. A query that needs "open", "overdue" or "the township of a grid" takes the term
// from here, built from the domain's lists, so a change to a rule reaches every query (and the web, which reads the
// same lists) at once. Values come only from the domain's constant lists, never from input: they are written into
// the SQL, so SQLite can match a term against a partial index's WHERE (bound parameters cannot).
import { OPEN_DISPUTE_STATUSES } from '../../domain/dispute'
import { OPEN_INCIDENT_STATUSES } from '../../domain/incident'
import type { ScopeLevel } from '../../domain/regions'
import { SCOPE_CODE_LENGTH } from '../../domain/regions'
import { ACCEPT_CLOCK_STATUSES, RESOLVE_CLOCK_STATUSES } from '../../domain/sla'
import { SITE_GRADE_IDS, inspectionCadenceMs } from '../../domain/sites'

// camelCase ids (basicallySatisfied) are as safe as snake_case ones: letters and underscores only.
const IDENTIFIER = /^[A-Za-z_]+$/

/** `column IN ('a', 'b')` over a domain list; throws on a value that is not a plain identifier (no quoting games). */
export function inList(column: string, values: readonly string[]): string {
  const bad = values.find((v) => !IDENTIFIER.test(v))
  if (bad !== undefined || values.length === 0) throw new RangeError(`inList(${column}): "${bad ?? ''}" is not a domain identifier`)
  return `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`
}

/** The code at `level` that holds the code in `column` (its first digits, domain/regions.ts). */
export function codeAt(column: string, level: ScopeLevel): string {
  return `substr(${column}, 1, ${SCOPE_CODE_LENGTH[level]})`
}

/** Open incidents (the SLA clock runs). Also the WHERE term of the partial index incidents_open (migrations.ts). */
export const OPEN_INCIDENTS_SQL = inList('status', OPEN_INCIDENT_STATUSES)

/** True for an incident open and past its current deadline at @now (domain/sla.ts incidentDueAt). */
export const OVERDUE_SQL = `(${inList('status', ACCEPT_CLOCK_STATUSES)} AND accept_by < @now OR ${inList('status', RESOLVE_CLOCK_STATUSES)} AND resolve_by < @now)`

/** True for a dispute open and past its level's deadline at @now (domain/dispute.ts isDisputeOverdue). */
export const DISPUTE_OVERDUE_SQL = `(${inList('status', OPEN_DISPUTE_STATUSES)} AND deadline < @now)`

/**
 * A site's next inspection due as it stood at @now (domain/sites.ts siteInspectionDue over the inspections made by
 * then): the stored one when its clock started at or before @now (no inspection since moved it), else one cadence
 * after the last inspection by @now, or after registration. `sites` is the sites table's name or alias.
 */
export const siteDueAtSql = (sites = 'sites') => `CASE WHEN coalesce(${sites}.last_inspection_at, ${sites}.registered_at) <= @now
  THEN ${sites}.next_inspection_due
  ELSE coalesce((SELECT max(past.at) FROM inspections past WHERE past.site_id = ${sites}.id AND past.at <= @now), ${sites}.registered_at)
    + CASE ${sites}.grade ${SITE_GRADE_IDS.map((g) => `WHEN '${g}' THEN ${inspectionCadenceMs(g)}`).join(' ')} END END`
