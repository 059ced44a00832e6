// SQL for warnings (研判预警): the alerts, their history, the versions of each rule's parameters and the snoozes.
// What the rules read to judge (counts of incidents, overdue work, whistle calls, sites) is in alert-inputs.ts.
import { OPEN_ALERT_STATUSES } from '../../domain/alerts/alert-status'
import type { ActorFields } from './rows'
import { ACTOR_COLUMNS, historyTable, insertRow, insertText, recordTable } from './rows'
import { inList } from './rule-sql'
import type { Sql } from './sql'
import type { Where } from './where'
import { addIn, addScope, where } from './where'

export interface AlertRow {
  id: number
  rule: string; level: string; status: string
  /** The key an open alert is kept under: the rule, then what it is about. */
  subject: string
  county: string; township: string | null; grid: string | null
  lng: number | null; lat: number | null
  /** JSON text (services/alerts/evidence.ts). */
  evidence: string
  paramsVersion: number
  raisedAt: number; lastSeenAt: number
  closedAt: number | null; closeReason: string | null
  updatedAt: number
}
export type NewAlertRow = Omit<AlertRow, 'id'>
export type AlertPatch = Partial<Pick<AlertRow, 'level' | 'status' | 'evidence' | 'paramsVersion' | 'lastSeenAt' | 'closedAt' | 'closeReason'>>

export interface AlertEventRow extends ActorFields {
  id: number; alertId: number; at: number; action: string; fromStatus: string | null; toStatus: string
  note: string | null; detail: string | null
}

export interface AlertFilter {
  /** The county, a township or a grid. */
  scope?: string
  /** Alerts whose span [raised_at, last_seen_at] meets [from, to). */
  from?: number
  to?: number
  rule?: string[]
  level?: string[]
  status?: string[]
}

export interface RuleParamsRow extends ActorFields { rule: string; version: number; params: string; at: number }

const COLUMNS = `id, rule, level, status, subject, county, township, grid, lng, lat, evidence,
  params_version AS paramsVersion, raised_at AS raisedAt, last_seen_at AS lastSeenAt, closed_at AS closedAt,
  close_reason AS closeReason, updated_at AS updatedAt`
const INSERT_COLUMNS = ['rule', 'level', 'status', 'subject', 'county', 'township', 'grid', 'lng', 'lat', 'evidence',
  'params_version', 'raised_at', 'last_seen_at', 'closed_at', 'close_reason', 'updated_at'] as const

/** The WHERE term of the partial unique index alerts_open_subject, written the same way. */
const OPEN_SQL = inList('status', OPEN_ALERT_STATUSES as string[])

function alertWhere(f: AlertFilter): Where {
  const w = where()
  addScope(w, f.scope)
  if (f.from !== undefined) { w.clauses.push('last_seen_at >= @from'); w.params.from = f.from }
  if (f.to !== undefined) { w.clauses.push('raised_at < @to'); w.params.to = f.to }
  addIn(w, 'rule', 'ru', f.rule)
  addIn(w, 'level', 'lv', f.level)
  addIn(w, 'status', 'st', f.status)
  return w
}

export function alertQueries(db: Sql) {
  const insertParams = insertText('alert_rule_params', ['rule', 'version', 'params', 'at', ...ACTOR_COLUMNS])
  const insertSnooze = insertText('alert_snoozes', ['rule', 'subject', 'until', 'at', ...ACTOR_COLUMNS])
  return {
    ...recordTable<AlertRow, NewAlertRow, AlertFilter, AlertPatch>(db, {
      table: 'alerts', columns: COLUMNS, insertColumns: INSERT_COLUMNS,
      // Newest first, keyset-paginated by (raisedAt, id).
      list: { where: alertWhere, key: 'raised_at', order: 'DESC' },
    }),
    ...historyTable<AlertEventRow>(db, 'alert_events', ['alert_id', 'at', 'action', 'from_status', 'to_status', 'note', 'detail', ...ACTOR_COLUMNS]),

    /** Every open alert of a rule (an evaluation compares what it found with them). */
    openOf: (rule: string) => db.all<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE ${OPEN_SQL} AND rule = ?`, [rule]),
    /** The open alert about a subject, locked for the calling transaction (dialect.forUpdate). */
    openBySubject: (subject: string) =>
      db.get<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE ${OPEN_SQL} AND subject = ?${db.dialect.forUpdate}`, [subject]),
    /** The newest closed alert about a subject, if any. */
    lastClosed: (subject: string) =>
      db.get<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE subject = ? AND NOT ${OPEN_SQL} ORDER BY id DESC LIMIT 1`, [subject]),
    /** Open alerts nobody took up (still new) whose condition was last seen before `before`. */
    unattendedSince: (before: number) =>
      db.all<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE status = 'new' AND last_seen_at < ? ORDER BY id`, [before]),
    /** An evaluation saw these alerts' conditions again, unchanged: their last_seen_at moves, nothing else. */
    async seen(ids: readonly number[], at: number): Promise<void> {
      if (ids.length === 0) return
      await db.run(`UPDATE alerts SET last_seen_at = @at WHERE ${db.dialect.inJsonArray('id', 'ids', 'integer')}`, { at, ids: JSON.stringify(ids) })
    },
    /** The newest version of each rule's parameters that an administrator set. */
    currentParams: () => db.all<RuleParamsRow>(`SELECT rule, version, params, at, ${ACTOR_COLUMNS.map((c) => (c === 'actor' ? c : `${c} AS ${c.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())}`)).join(', ')}
      FROM alert_rule_params p WHERE version = (SELECT max(version) FROM alert_rule_params q WHERE q.rule = p.rule)`),
    addParams: (row: Omit<RuleParamsRow, never>) => insertRow(db, insertParams, row),

    /** Subjects snoozed at `now`. */
    snoozedAt: async (now: number): Promise<Set<string>> =>
      new Set((await db.all<{ subject: string }>('SELECT DISTINCT subject FROM alert_snoozes WHERE until > ?', [now])).map((r) => r.subject)),
    /** Until when a subject is snoozed, or null when it is not at `now`. */
    snoozedUntil: async (subject: string, now: number): Promise<number | null> =>
      (await db.get<{ until: number | null }>('SELECT max(until) AS until FROM alert_snoozes WHERE subject = ? AND until > ?', [subject, now]))?.until ?? null,
    addSnooze: (row: { rule: string; subject: string; until: number; at: number } & ActorFields) => insertRow(db, insertSnooze, row),
  }
}
export type AlertQueries = ReturnType<typeof alertQueries>
