// Checks of a database after a crash or a backup, computed from the raw rows with SQL written here, not with the
// app's metric code, so a bug there cannot hide itself. The SQL is the store's common language (api/store/sql.ts),
// so each check reads a SQLite file or a PostgreSQL database alike: a count of a condition is a CASE (PostgreSQL
// has no sum of booleans) and every derived table has an alias (PostgreSQL 15 requires one). Each check returns
// problems as sentences; none means the check passed.
import { OPEN_INCIDENT_STATUSES, RESOLVED_INCIDENT_STATUSES } from '../../domain/incident'
import type { Store } from '../../api/store'
import { inList } from '../../api/store/rule-sql'
import type { Sql } from '../../api/store/sql'

export const DAY = 86_400_000
const LOCAL = 8 * 3_600_000

/** How many rows meet a condition, on either engine. */
const tally = (condition: string) => `coalesce(sum(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`

const count = async (sql: Sql, text: string, params?: readonly unknown[]) =>
  Number((await sql.get<{ n: number }>(text, params))!.n)

/**
 * SQLite: integrity_check and foreign_key_check. PostgreSQL checks its pages as it reads them and enforces the
 * foreign keys on every write (the seed's COPY included), so there is nothing a script could add there.
 */
export function integrity(store: Store): string[] {
  const native = store.native
  if (native.engine !== 'sqlite') return []
  const rows = native.db.pragma('integrity_check') as Array<{ integrity_check: string }>
  const fk = native.db.pragma('foreign_key_check') as unknown[]
  return [
    ...(rows.length === 1 && rows[0]!.integrity_check === 'ok' ? [] : [`integrity_check: ${rows.map((r) => r.integrity_check).join('; ')}`]),
    ...(fk.length ? [`foreign_key_check: ${fk.length} rows point at nothing`] : []),
  ]
}

/** No half-written record: every incident has its report event and its change-feed event; the rollup agrees. */
export async function partialRows(sql: Sql): Promise<string[]> {
  const problems: string[] = []
  const noHistory = await count(sql, `SELECT count(*) AS n FROM incidents i
    WHERE NOT EXISTS (SELECT 1 FROM incident_events e WHERE e.incident_id = i.id AND e.action = 'report')`)
  if (noHistory) problems.push(`${noHistory} incidents have no 'report' event in incident_events`)
  const noFeed = await count(sql, `SELECT count(*) AS n FROM incidents i WHERE i.synthetic = 0
    AND NOT EXISTS (SELECT 1 FROM events e WHERE e.kind = 'incident.created' AND e.entity_id = i.id)`)
  if (noFeed) problems.push(`${noFeed} incidents written through the API have no incident.created event`)
  const orphanKeys = await count(sql, `SELECT count(*) AS n FROM idempotency k WHERE k.location LIKE '/api/incidents/%'
    AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = CAST(substr(k.location, 16) AS INTEGER))`)
  if (orphanKeys) problems.push(`${orphanKeys} stored Idempotency-Key responses name an incident that does not exist`)
  // incident_days must equal a GROUP BY over incidents (rows with n = 0 are emptied buckets, equal to absent).
  const recomputed = `SELECT reported_at - (reported_at + ${LOCAL}) % ${DAY} AS day, township, status, on_list,
    count(*) AS n, ${tally('resolved_at IS NOT NULL')} AS handled, coalesce(sum(resolved_at - reported_at), 0) AS handling_ms
    FROM incidents GROUP BY 1, 2, 3, 4`
  const rollup = `SELECT day, township, status, on_list, n, handled, handling_ms FROM incident_days WHERE n > 0`
  const only = (a: string, b: string) =>
    count(sql, `SELECT count(*) AS n FROM (SELECT * FROM (${a}) a EXCEPT SELECT * FROM (${b}) b) d`)
  const diff = await only(recomputed, rollup) + await only(rollup, recomputed)
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
export async function rawFigures(sql: Sql, from: number, to: number): Promise<RawFigures> {
  const r = (await sql.get<Omit<RawFigures, 'open' | 'disputes'>>(`SELECT count(*) AS reports,
      ${tally(RESOLVED)} AS resolved,
      ${tally("status = 'returned'")} AS returned,
      ${tally('on_list = 0')} AS offList,
      ${tally(`${RESOLVED} AND resolved_at IS NOT NULL`)} AS handled,
      coalesce(sum(CASE WHEN ${RESOLVED} THEN coalesce(resolved_at - reported_at, 0) END), 0) AS handlingMs
    FROM incidents WHERE reported_at >= ? AND reported_at < ?`, [from, to]))!
  const open = await count(sql, `SELECT count(*) AS n FROM incidents WHERE ${inList('status', OPEN_INCIDENT_STATUSES)}`)
  const disputes = await count(sql, 'SELECT count(*) AS n FROM disputes WHERE accepted_at >= ? AND accepted_at < ?', [from, to])
  const figures = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as Omit<RawFigures, 'open' | 'disputes'>
  return { ...figures, open, disputes }
}

export async function rawByRegion(sql: Sql, column: 'township' | 'grid', from: number, to: number): Promise<Map<string, number>> {
  const rows = await sql.all<{ k: string; n: number }>(`SELECT ${column} AS k, count(*) AS n FROM incidents WHERE reported_at >= ? AND reported_at < ? GROUP BY 1`, [from, to])
  return new Map(rows.map((r) => [r.k, Number(r.n)]))
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
