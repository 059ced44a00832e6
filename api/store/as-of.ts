// The incidents table as it stood at an earlier instant (domain/as-of.ts says what that means). A row nobody
// changed after the instant (updated_at at or before it) is its own past; the few changed since are rebuilt from
// their history above the store (the rule is the domain's) and bound as JSON. The relation below joins the two,
// with the incidents table's column names, so any incident query can read it in place of the table.
import type { IncidentStepRow } from '../../domain/as-of'
import { DISPUTE_LEVEL_IDS, disputeDeadline } from '../../domain/dispute'
import type { IncidentRow } from './incidents'
import { INCIDENT_COLUMNS } from './incidents'
import type { Dialect } from './dialect'
import type { Sql } from './sql'

/** The columns a history step can change (domain/as-of.ts), with their types in the JSON rows. */
const CHANGING = {
  status: 'text', accepted_at: 'bigint', dispatched_at: 'bigint', started_at: 'bigint', resolved_at: 'bigint',
  verified_at: 'bigint', returned_at: 'bigint', supervised_at: 'bigint', signed_at: 'bigint', accept_by: 'bigint',
  resolve_by: 'bigint', assignee_kind: 'text', assignee_code: 'text', extension_until: 'bigint', extension_note: 'text',
  extension_requested_at: 'bigint', updated_at: 'bigint',
} as const
/** The columns no step changes. */
const FIXED = ['id', 'type', 'category', 'module', 'department', 'on_list', 'list_item', 'source', 'severity', 'lng', 'lat',
  'crs_in', 'township', 'village', 'grid', 'description', 'reporter_name', 'reporter_phone', 'reported_at', 'synthetic', 'county']

/** One changed incident as bound: snake_case keys of CHANGING plus id. */
export type IncidentStateJson = Record<keyof typeof CHANGING | 'id', string | number | null>

const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)

/** The JSON object of one rebuilt row: its id and the columns a step can change. */
export function stateJson(row: IncidentRow): IncidentStateJson {
  const r = row as unknown as Record<string, string | number | null>
  const out: Record<string, string | number | null> = { id: row.id }
  for (const key of Object.keys(r)) if (snake(key) in CHANGING) out[snake(key)] = r[key] ?? null
  return out as IncidentStateJson
}

/**
 * The FROM item `alias` of the incidents at @asOf: the rows reported by then and unchanged since, and the rows
 * changed since with their state then from @asOfIncidents (a JSON array of stateJson). PostgreSQL's generated
 * point (geom) comes along for the spatial filters.
 */
export function incidentsAtSql(d: Dialect, engine: 'sqlite' | 'postgres', alias: string): string {
  const extra = engine === 'postgres' ? ['geom'] : []
  const fixed = [...FIXED, ...extra]
  const changing = Object.keys(CHANGING)
  // The rebuilt rows first, each finding its incident by id: SQLite's planner otherwise may scan the incidents and
  // parse the JSON again for every row (10 s for a township of the 2020 data); CROSS JOIN keeps its order.
  const join = engine === 'sqlite' ? 'CROSS JOIN' : 'JOIN'
  return `(SELECT ${[...fixed, ...changing].join(', ')} FROM incidents WHERE reported_at <= @asOf AND updated_at <= @asOf
    UNION ALL
    SELECT ${[...fixed.map((c) => `i.${c}`), ...changing.map((c) => `x.${c}`)].join(', ')}
    FROM ${d.jsonRecords('asOfIncidents', { id: 'bigint', ...CHANGING }, 'x')} ${join} incidents i ON i.id = x.id) AS ${alias}`
}

/**
 * `from` (a FROM clause) reading the incidents at @asOf when it reads the incidents table first (bare or with a
 * one-letter alias). A join to incidents from another record (a whistle call's, a call-back's) keeps the table: it
 * reads the incident's place and kind, which no step changes, and joining the relation would cost a scan per row.
 */
export function fromIncidentsAt(from: string, d: Dialect, engine: 'sqlite' | 'postgres'): string {
  return from.replace(/^incidents(?: ([a-z])\b)?/, (_, alias: string | undefined) => incidentsAtSql(d, engine, alias ?? 'incidents'))
}

const DISPUTE_FIXED = ['id', 'type', 'method', 'risk', 'cross_region', 'mediator', 'lng', 'lat', 'crs_in', 'township', 'village',
  'grid', 'summary', 'parties', 'accepted_at', 'synthetic', 'county']
const DISPUTE_CHANGING = ['status', 'level', 'level_accepted_at', 'escalations', 'started_at', 'closed_at', 'updated_at', 'deadline']
/** The dispute's latest step at or before @asOf: `column` of it. */
const lastStep = (column: string) =>
  `(SELECT e.${column} FROM dispute_events e WHERE e.dispute_id = d.id AND e.at <= @asOf ORDER BY e.at DESC, e.id DESC LIMIT 1)`

/**
 * The FROM item `alias` of the disputes at @asOf: those accepted by then, as they stood (domain/as-of.ts). A dispute
 * changed since reads its status and level from its last step by then (every step records both), its level's
 * acceptance from its last acceptance or escalation by then, and its deadline from that (domain/dispute.ts
 * disputeDeadline: calendar days, so SQL can add them). The steps are few per dispute and indexed by (dispute, at).
 */
export function disputesAtSql(engine: 'sqlite' | 'postgres', alias: string): string {
  const fixed = [...DISPUTE_FIXED, ...(engine === 'postgres' ? ['geom'] : [])]
  const limit = (level: string) => `CASE ${level} ${DISPUTE_LEVEL_IDS.map((l) => `WHEN '${l}' THEN ${disputeDeadline(0, l)}`).join(' ')} END`
  const rebuilt = `SELECT d.*, coalesce(${lastStep('to_status')}, 'accepted') AS at_status, coalesce(${lastStep('to_level')}, d.level) AS at_level,
      coalesce((SELECT max(e.at) FROM dispute_events e WHERE e.dispute_id = d.id AND e.at <= @asOf AND e.action IN ('accept', 'escalate')), d.accepted_at) AS at_level_accepted_at,
      (SELECT count(*) FROM dispute_events e WHERE e.dispute_id = d.id AND e.at <= @asOf AND e.action = 'escalate') AS at_escalations,
      coalesce((SELECT max(e.at) FROM dispute_events e WHERE e.dispute_id = d.id AND e.at <= @asOf), d.accepted_at) AS at_updated_at
    FROM disputes d WHERE d.accepted_at <= @asOf AND d.updated_at > @asOf`
  return `(SELECT ${[...fixed, ...DISPUTE_CHANGING].join(', ')} FROM disputes WHERE accepted_at <= @asOf AND updated_at <= @asOf
    UNION ALL
    SELECT ${fixed.map((c) => `r.${c}`).join(', ')}, r.at_status, r.at_level, r.at_level_accepted_at, r.at_escalations,
      CASE WHEN r.started_at <= @asOf THEN r.started_at END, CASE WHEN r.closed_at <= @asOf THEN r.closed_at END, r.at_updated_at,
      r.at_level_accepted_at + ${limit('r.at_level')}
    FROM (${rebuilt}) r) AS ${alias}`
}

/** `from` reading the disputes at @asOf when it reads the disputes table first (bare or with a one-letter alias). */
export function fromDisputesAt(from: string, engine: 'sqlite' | 'postgres'): string {
  return from.replace(/^disputes(?: ([a-z])\b)?/, (_, alias: string | undefined) => disputesAtSql(engine, alias ?? 'disputes'))
}

export function asOfQueries(db: Sql) {
  return {
    /** The incidents reported at or before `t` and changed after it: whole rows, as stored now. */
    changedSince: (t: number) =>
      db.all<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE updated_at > @t AND reported_at <= @t ORDER BY id`, { t }),
    /** The history of the given incidents, oldest first per incident. */
    async stepsOf(ids: readonly number[]): Promise<Map<number, IncidentStepRow[]>> {
      const out = new Map<number, IncidentStepRow[]>()
      if (ids.length === 0) return out
      const rows = await db.all<IncidentStepRow & { incidentId: number }>(`SELECT incident_id AS incidentId, at, action,
        from_status AS fromStatus, to_status AS toStatus, note, detail FROM incident_events
        WHERE ${db.dialect.inJsonArray('incident_id', 'ids', 'integer')} ORDER BY incident_id, at, id`, { ids: JSON.stringify(ids) })
      for (const { incidentId, ...step } of rows) {
        const list = out.get(incidentId) ?? []
        list.push(step)
        out.set(incidentId, list)
      }
      return out
    },
  }
}
export type AsOfQueries = ReturnType<typeof asOfQueries>
