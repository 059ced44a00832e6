// The 考核 scoreboard's SQL: per unit (a township, or a county department), the counts behind each figure of
// domain/scoreboard.ts, one statement per table read, grouped by the unit. The rules are those the domain writes as
// pure functions; the API test holds this SQL to them by recomputing every value from raw rows.
import { OPEN_INCIDENT_STATUSES, SEVERITY_IDS } from '../../domain/incident'
import type { ScoreboardBy, ScoreCount } from '../../domain/scoreboard'
import { REDO_RESULT, SATISFIED_RESULTS, signOffLimitMs } from '../../domain/scoreboard'
import { inList } from './rule-sql'
import type { Sql } from './sql'

/** The unit an incident (or a call-back) counts for, from its assignee columns: see domain unitOfAssignee. */
function assigneeUnit(by: ScoreboardBy, alias = ''): string {
  const kind = `${alias}assignee_kind`
  const code = `${alias}assignee_code`
  return by === 'department'
    ? `CASE WHEN ${kind} = 'department' THEN ${code} END`
    : `CASE WHEN ${kind} = 'township' THEN ${code} WHEN ${kind} = 'grid' THEN substr(${code}, 1, 9) END`
}

/** The sign-off limit of the row's severity, in ms (domain signOffLimitMs). */
const SIGN_OFF_LIMIT = `CASE severity ${SEVERITY_IDS.map((s) => `WHEN '${s}' THEN ${signOffLimitMs(s)}`).join(' ')} END`

/** Counts by unit code; a metric's units with no row are absent (the service fills them in). */
export type CountsByUnit = Map<string, ScoreCount>

export interface ScoreboardQuery { by: ScoreboardBy; from: number; to: number; now: number }

interface CountRow { k: string; numerator: number; denominator: number }
const byUnit = (rows: CountRow[]): CountsByUnit =>
  new Map(rows.map((r) => [r.k, { numerator: Number(r.numerator), denominator: Number(r.denominator) }]))

export function scoreboardQueries(db: Sql) {
  const counts = async (text: string, q: ScoreboardQuery) => byUnit(await db.all<CountRow>(text, { from: q.from, to: q.to, now: q.now }))

  return {
    /**
     * signRate: dispatched to the unit in [from, to). Judged unless still unsigned with its limit not passed at now;
     * in time when signed at most the limit after the dispatch.
     */
    signRate: (q: ScoreboardQuery) => counts(`SELECT k, count(*) FILTER (WHERE signed_at IS NOT NULL AND signed_at <= due) AS numerator,
        count(*) AS denominator
      FROM (SELECT ${assigneeUnit(q.by)} AS k, signed_at, dispatched_at + ${SIGN_OFF_LIMIT} AS due FROM incidents
        WHERE dispatched_at >= @from AND dispatched_at < @to) d
      WHERE k IS NOT NULL AND NOT (signed_at IS NULL AND due >= @now)
      GROUP BY k`, q),

    /** onTimeRate: resolved in [from, to); on time when at or before resolve_by. */
    onTimeRate: (q: ScoreboardQuery) => counts(`SELECT k, count(*) FILTER (WHERE resolved_at <= resolve_by) AS numerator, count(*) AS denominator
      FROM (SELECT ${assigneeUnit(q.by)} AS k, resolved_at, resolve_by FROM incidents WHERE resolved_at >= @from AND resolved_at < @to) d
      WHERE k IS NOT NULL GROUP BY k`, q),

    /** overdueCount: resolve_by in [from, to) and before now; overdue when resolved after it or still open. */
    overdueCount: (q: ScoreboardQuery) => counts(`SELECT k,
        count(*) FILTER (WHERE resolved_at > resolve_by OR (resolved_at IS NULL AND ${inList('status', OPEN_INCIDENT_STATUSES)})) AS numerator,
        count(*) AS denominator
      FROM (SELECT ${assigneeUnit(q.by)} AS k, status, resolved_at, resolve_by FROM incidents
        WHERE resolve_by >= @from AND resolve_by < @to AND resolve_by < @now) d
      WHERE k IS NOT NULL GROUP BY k`, q),

    /** supervisedCount: 督办 steps in [from, to) by the incident's assignee; the denominator, the incidents they were on. */
    supervisedCount: (q: ScoreboardQuery) => counts(`SELECT k, count(*) AS numerator, count(DISTINCT incident_id) AS denominator
      FROM (SELECT ${assigneeUnit(q.by, 'i.')} AS k, e.incident_id FROM incident_events e JOIN incidents i ON i.id = e.incident_id
        WHERE e.action = 'supervise' AND e.at >= @from AND e.at < @to) d
      WHERE k IS NOT NULL GROUP BY k`, q),

    /**
     * The call-backs done in [from, to) judging the unit (the assignee the task recorded): satisfied (满意 or
     * 基本满意) and redo (不满意), each over the done ones.
     */
    async callbacks(q: ScoreboardQuery): Promise<{ satisfied: CountsByUnit; redo: CountsByUnit }> {
      const rows = await db.all<{ k: string; satisfied: number; redo: number; done: number }>(`SELECT k,
          count(*) FILTER (WHERE ${inList('result', SATISFIED_RESULTS)}) AS satisfied,
          count(*) FILTER (WHERE result = '${REDO_RESULT}') AS redo, count(*) AS done
        FROM (SELECT ${assigneeUnit(q.by)} AS k, result FROM callbacks WHERE result IS NOT NULL AND done_at >= @from AND done_at < @to) d
        WHERE k IS NOT NULL GROUP BY k`, { from: q.from, to: q.to })
      return {
        satisfied: new Map(rows.map((r) => [r.k, { numerator: Number(r.satisfied), denominator: Number(r.done) }])),
        redo: new Map(rows.map((r) => [r.k, { numerator: Number(r.redo), denominator: Number(r.done) }])),
      }
    },

    /**
     * The unit's whistle calls in [from, to) (a township: those it blew; a department: those to it): how many were
     * acknowledged of how many, and the median ms to acknowledgement over the acknowledged ones (the middle row of
     * an odd count, the mean of the two middle rows of an even one).
     */
    async whistleAck(q: ScoreboardQuery): Promise<{ counts: CountsByUnit; medianMs: Map<string, number> }> {
      const params = { from: q.from, to: q.to }
      const unit = q.by === 'township' ? 'township' : 'department'
      const totals = await db.all<CountRow>(`SELECT ${unit} AS k, count(*) FILTER (WHERE acknowledged_at IS NOT NULL) AS numerator,
          count(*) AS denominator
        FROM whistles WHERE whistled_at >= @from AND whistled_at < @to GROUP BY ${unit}`, params)
      const medians = await db.all<{ k: string; ms: number }>(`WITH d AS (SELECT ${unit} AS k, acknowledged_at - whistled_at AS ms FROM whistles
          WHERE whistled_at >= @from AND whistled_at < @to AND acknowledged_at IS NOT NULL),
        r AS (SELECT k, ms, row_number() OVER (PARTITION BY k ORDER BY ms) AS i, count(*) OVER (PARTITION BY k) AS n FROM d)
        SELECT k, avg(ms) AS ms FROM r WHERE i IN ((n + 1) / 2, (n + 2) / 2) GROUP BY k`, params)
      return { counts: byUnit(totals), medianMs: new Map(medians.map((r) => [r.k, Number(r.ms)])) }
    },
  }
}
export type ScoreboardQueries = ReturnType<typeof scoreboardQueries>
