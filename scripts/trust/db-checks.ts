// Checks of a database file after a crash or a backup, computed from the raw rows with SQL written here, not
// with the app's metric code, so a bug there cannot hide itself. Each check returns problems as sentences;
// none means the check passed.
import type { Database } from 'better-sqlite3'
import { OPEN_INCIDENT_STATUSES, RESOLVED_INCIDENT_STATUSES } from '../../domain/incident'
import { inList } from '../../api/store/rule-sql'

export const DAY = 86_400_000
const LOCAL = 8 * 3_600_000

export function integrity(db: Database): string[] {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>
  const fk = db.pragma('foreign_key_check') as unknown[]
  return [
    ...(rows.length === 1 && rows[0]!.integrity_check === 'ok' ? [] : [`integrity_check: ${rows.map((r) => r.integrity_check).join('; ')}`]),
    ...(fk.length ? [`foreign_key_check: ${fk.length} rows point at nothing`] : []),
  ]
}

/** No half-written record: every incident has its report event and its change-feed event; the rollup agrees. */
export function partialRows(db: Database): string[] {
  const problems: string[] = []
  const noHistory = db.prepare(`SELECT count(*) AS n FROM incidents i
    WHERE NOT EXISTS (SELECT 1 FROM incident_events e WHERE e.incident_id = i.id AND e.action = 'report')`).get() as { n: number }
  if (noHistory.n) problems.push(`${noHistory.n} incidents have no 'report' event in incident_events`)
  const noFeed = db.prepare(`SELECT count(*) AS n FROM incidents i WHERE i.synthetic = 0
    AND NOT EXISTS (SELECT 1 FROM events e WHERE e.kind = 'incident.created' AND e.entity_id = i.id)`).get() as { n: number }
  if (noFeed.n) problems.push(`${noFeed.n} incidents written through the API have no incident.created event`)
  const orphanKeys = db.prepare(`SELECT count(*) AS n FROM idempotency k WHERE k.location LIKE '/api/incidents/%'
    AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = CAST(substr(k.location, 16) AS INTEGER))`).get() as { n: number }
  if (orphanKeys.n) problems.push(`${orphanKeys.n} stored Idempotency-Key responses name an incident that does not exist`)
  // incident_days must equal a GROUP BY over incidents (rows with n = 0 are emptied buckets, equal to absent).
  const recomputed = `SELECT reported_at - (reported_at + ${LOCAL}) % ${DAY} AS day, township, status, on_list,
    count(*) AS n, sum(resolved_at IS NOT NULL) AS handled, coalesce(sum(resolved_at - reported_at), 0) AS handling_ms
    FROM incidents GROUP BY 1, 2, 3, 4`
  const rollup = `SELECT day, township, status, on_list, n, handled, handling_ms FROM incident_days WHERE n > 0`
  const only = (a: string, b: string) =>
    (db.prepare(`SELECT count(*) AS n FROM (SELECT * FROM (${a}) EXCEPT SELECT * FROM (${b}))`).get() as { n: number }).n
  const diff = only(recomputed, rollup) + only(rollup, recomputed)
  if (diff) problems.push(`incident_days differs from its recomputation from incidents in ${diff} rows`)
  return problems
}

export interface RawFigures {
  reports: number; resolved: number; returned: number; offList: number; handled: number; handlingMs: number
  open: number; disputes: number
}

/** 办结 or 核查归档: the statuses the closure figures count (domain/incident.ts). */
const RESOLVED = inList('status', RESOLVED_INCIDENT_STATUSES)

/** The period's figures straight from the rows: [from, to), times as stored (ms since the epoch). */
export function rawFigures(db: Database, from: number, to: number): RawFigures {
  const r = db.prepare(`SELECT count(*) AS reports,
      coalesce(sum(${RESOLVED}), 0) AS resolved,
      coalesce(sum(status = 'returned'), 0) AS returned,
      coalesce(sum(on_list = 0), 0) AS offList,
      coalesce(sum(${RESOLVED} AND resolved_at IS NOT NULL), 0) AS handled,
      coalesce(sum(CASE WHEN ${RESOLVED} THEN coalesce(resolved_at - reported_at, 0) END), 0) AS handlingMs
    FROM incidents WHERE reported_at >= ? AND reported_at < ?`).get(from, to) as Omit<RawFigures, 'open' | 'disputes'>
  const o = db.prepare(`SELECT count(*) AS n FROM incidents WHERE ${inList('status', OPEN_INCIDENT_STATUSES)}`).get() as { n: number }
  const d = db.prepare('SELECT count(*) AS n FROM disputes WHERE accepted_at >= ? AND accepted_at < ?').get(from, to) as { n: number }
  return { ...r, open: o.n, disputes: d.n }
}

export function rawByRegion(db: Database, column: 'township' | 'grid', from: number, to: number): Map<string, number> {
  const rows = db.prepare(`SELECT ${column} AS k, count(*) AS n FROM incidents WHERE reported_at >= ? AND reported_at < ? GROUP BY 1`).all(from, to) as Array<{ k: string; n: number }>
  return new Map(rows.map((r) => [r.k, r.n]))
}

const round2 = (x: number) => Math.round(x * 100) / 100
// Nothing to divide by: no value (null), as the API answers for a metric with an empty basis.
const ratio = (a: number, b: number) => (b === 0 ? null : a / b)

/** What /api/metrics/summary must say for these raw figures (the metric definitions of domain/metrics.ts). */
export function expectedMetrics(f: RawFigures): Record<string, number | null> {
  const avg = ratio(f.handlingMs, f.handled)
  return {
    reports: f.reports, resolved: f.resolved, open: f.open, disputes: f.disputes,
    closureRate: ratio(f.resolved, f.reports - f.returned),
    offListShare: ratio(f.offList, f.reports),
    avgHandlingHours: avg === null ? null : round2(avg / 3_600_000),
  }
}

/** Whether the API's value differs from the rows' (null only equals null). */
export const differs = (api: number | null, rows: number | null) =>
  api === null || rows === null ? api !== rows : Math.abs(api - rows) > 1e-9

/** Local (UTC+8) midnight of the day `ms` falls in, and that date as YYYY-MM-DD. */
export function localDay(ms: number): { start: number; date: string } {
  const start = ms - ((ms + LOCAL) % DAY)
  return { start, date: new Date(start + LOCAL).toISOString().slice(0, 10) }
}
