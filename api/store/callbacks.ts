// SQL for call-back tasks (回访, migration 9 says what each column means). A list item joins the incident it is
// about for its type, place and reporter; rows come out camelCased by the SELECT itself.
import type { ActorFields } from './rows'
import { insertRow, insertText, patchRow } from './rows'
import type { Sql } from './sql'
import type { Keyset, Where } from './where'
import { addRange, addScope, sql, where } from './where'

export interface CallbackRow extends ActorFields {
  id: number
  incidentId: number
  county: string; township: string
  owner: string
  /** Whose work the answer judges: the incident's assignee when it was verified. */
  assigneeKind: string | null; assigneeCode: string | null
  createdAt: number; dueBy: number
  /** Null while the call is awaited. */
  result: string | null; note: string | null; doneAt: number | null
  synthetic: number
  updatedAt: number
}
export type NewCallbackRow = Omit<CallbackRow, 'id'>
/** What recording the answer changes. */
export type CallbackAnswer = Pick<CallbackRow, 'result' | 'note' | 'doneAt' | 'actor' | 'actorName' | 'actorRole'>

/** A list item: the task and what it shows of its incident. */
export interface CallbackItemRow extends CallbackRow {
  type: string; source: string; village: string; grid: string; status: string; lng: number; lat: number
  reporterName: string | null; reporterPhone: string | null
}

export interface CallbackFilter {
  scope?: string
  /** awaited: no answer yet; done: answered; late: awaited and past due at `now`. */
  status?: 'awaited' | 'done' | 'late'
  now: number
  /** The verification that made the task, [from, to). */
  from?: number
  to?: number
}

const COLUMNS = (c: string) => `${c}id, ${c}incident_id AS incidentId, ${c}county, ${c}township, ${c}owner, ${c}assignee_kind AS assigneeKind,
  ${c}assignee_code AS assigneeCode, ${c}created_at AS createdAt, ${c}due_by AS dueBy, ${c}result, ${c}note, ${c}done_at AS doneAt,
  ${c}actor, ${c}actor_name AS actorName, ${c}actor_role AS actorRole, ${c}synthetic, ${c}updated_at AS updatedAt`
const INSERT_COLUMNS = ['incident_id', 'county', 'township', 'owner', 'assignee_kind', 'assignee_code', 'created_at', 'due_by',
  'result', 'note', 'done_at', 'actor', 'actor_name', 'actor_role', 'synthetic', 'updated_at'] as const
const ITEM_SELECT = `SELECT ${COLUMNS('c.')}, i.type, i.source, i.village, i.grid, i.status, i.lng, i.lat, i.reporter_name AS reporterName,
  i.reporter_phone AS reporterPhone FROM callbacks c JOIN incidents i ON i.id = c.incident_id`

function callbackWhere(f: CallbackFilter): Where {
  const w = where()
  addScope(w, f.scope, 'i.')
  addRange(w, 'c.created_at', f.from, f.to)
  if (f.status === 'awaited') w.clauses.push('c.result IS NULL')
  if (f.status === 'done') w.clauses.push('c.result IS NOT NULL')
  if (f.status === 'late') { w.clauses.push('c.result IS NULL AND c.due_by < @now'); w.params.now = f.now }
  return w
}

export function callbackQueries(db: Sql) {
  const insert = insertText('callbacks', INSERT_COLUMNS)
  const byIncident = `SELECT ${COLUMNS('')} FROM callbacks WHERE incident_id = ? ORDER BY created_at, id`
  return {
    insert: (row: NewCallbackRow): Promise<number> => insertRow(db, insert, row),
    get: (id: number) => db.get<CallbackRow>(`SELECT ${COLUMNS('')} FROM callbacks WHERE id = ?`, [id]),
    /** Every task of one incident, oldest first (a case redone and verified again may have several). */
    ofIncident: (incidentId: number) => db.all<CallbackRow>(byIncident, [incidentId]),
    /** The task awaiting an answer on this incident, if any (at most one: a redo ends the previous). */
    awaited: (incidentId: number) =>
      db.get<CallbackRow>(`SELECT ${COLUMNS('')} FROM callbacks WHERE incident_id = ? AND result IS NULL ORDER BY id DESC LIMIT 1`, [incidentId]),
    answer: (id: number, answer: CallbackAnswer, at: number) => patchRow(db, 'callbacks', id, { ...answer }, at),
    /** Newest verification first, keyset-paginated by (createdAt, id). */
    list(f: CallbackFilter, limit: number, after?: Keyset): Promise<CallbackItemRow[]> {
      const w = callbackWhere(f)
      if (after) {
        w.clauses.push('(c.created_at < @afterAt OR c.created_at = @afterAt AND c.id < @afterId)')
        Object.assign(w.params, { afterAt: after.at, afterId: after.id })
      }
      return db.all<CallbackItemRow>(`${ITEM_SELECT} ${sql(w)} ORDER BY c.created_at DESC, c.id DESC LIMIT ${Math.trunc(limit)}`, w.params)
    },
    /** How many tasks the filter holds (an export counts before it starts). */
    async count(f: CallbackFilter): Promise<number> {
      const w = callbackWhere(f)
      return Number((await db.get<{ n: number }>(`SELECT count(*) AS n FROM callbacks c JOIN incidents i ON i.id = c.incident_id ${sql(w)}`, w.params))!.n)
    },
    /** The role that took the incident's latest 交办 step (null: none, or the system's own), for the task's owner. */
    async dispatcherRole(incidentId: number): Promise<string | null> {
      const row = await db.get<{ role: string | null }>(
        `SELECT actor_role AS role FROM incident_events WHERE incident_id = ? AND action = 'dispatch' ORDER BY at DESC, id DESC LIMIT 1`, [incidentId])
      return row?.role ?? null
    },
  }
}
export type CallbackQueries = ReturnType<typeof callbackQueries>
