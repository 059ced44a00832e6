// Statuses agree with time: every history replays through the domain's state machines to the stored row, nothing
// happens after `now`, and what is open and overdue at `now` is what a running county would have.
import { beforeAll, describe, expect, it } from 'vitest'
import type { DisputeAction, DisputeLevel, DisputeStatus } from '../../domain/dispute'
import { disputeDeadline, nextDisputeState } from '../../domain/dispute'
import type { IncidentAction, IncidentStatus, Severity } from '../../domain/incident'
import { INCIDENT_ACTION_STAMP, nextIncidentStatus } from '../../domain/incident'
import { incidentDeadlines, initialClock, isIncidentOverdue } from '../../domain/sla'
import type { WhistleAction, WhistleStatus } from '../../domain/whistle'
import { nextWhistleStatus } from '../../domain/whistle'
import { CATEGORY_IDS, INCIDENT_TYPE_IDS, getIncidentType } from '../../domain/catalogue'
import { DEPARTMENT_IDS, STATIONED_DOMAIN_IDS } from '../../domain/departments'
import { DISPUTE_LEVEL_IDS, DISPUTE_METHOD_IDS, DISPUTE_STATUS_IDS, DISPUTE_TYPE_IDS, MEDIATOR_IDS, RISK_IDS } from '../../domain/dispute'
import { INCIDENT_STATUS_IDS, SEVERITY_IDS, SOURCE_IDS } from '../../domain/incident'
import { MODULE_IDS } from '../../domain/modules'
import { INSPECTION_RESULT_IDS, SITE_CATEGORY_IDS, SITE_GRADE_IDS, SITE_WARNING_KIND_IDS } from '../../domain/sites'
import { WHISTLE_KIND_IDS, WHISTLE_STATUS_IDS } from '../../domain/whistle'
import type { Db } from '../../api/store/db'
import { OPEN_INCIDENTS_SQL, OVERDUE_SQL } from '../../api/store/rule-sql'
import { NOW, count, seeded, tables } from './helpers'

type Row = Record<string, number | string | null>
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
let db: Db
beforeAll(() => { db = seeded({ preset: 'demo', incidents: 20000 }) })

function grouped(sql: string, key: string): Map<number, Row[]> {
  const out = new Map<number, Row[]>()
  for (const e of db.prepare(sql).all() as Row[]) {
    const k = Number(e[key])
    out.set(k, [...(out.get(k) ?? []), e])
  }
  return out
}

describe('demo clock', () => {
  it('nothing is stamped after now', () => {
    for (const table of tables(db)) {
      const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[])
        .filter((c) => c === 'at' || c.endsWith('_at') || c === 'generated_at')
      for (const c of columns) expect(count(db, `SELECT count(*) FROM ${table} WHERE ${c} > ?`, NOW), `${table}.${c}`).toBe(0)
    }
  })

  it('every incident history replays through the state machine to the stored status and times (every 4th)', () => {
    const events = grouped('SELECT * FROM incident_events WHERE incident_id % 4 = 0 ORDER BY incident_id, at, id', 'incident_id')
    for (const row of db.prepare('SELECT * FROM incidents WHERE id % 4 = 0').all() as Row[]) {
      const history = events.get(Number(row.id)) ?? []
      expect(history[0]).toMatchObject({ action: 'report', from_status: null, to_status: 'reported', at: row.reported_at })
      // The stored deadlines: an approved extension in the seed moves resolve_by, and the replay must see it. A
      // 重办 (redo, after a dissatisfied call-back) gives a new resolve limit from its time: before the last redo the
      // incident ran on the deadline of its report, or of the redo before.
      const stored = { acceptBy: Number(row.accept_by), resolveBy: Number(row.resolve_by) }
      const redos = history.filter((e) => e.action === 'redo').map((e) => Number(e.at))
      const clockAt = (at: number) => {
        if (redos.length === 0 || at > redos.at(-1)!) return stored
        const since = redos.filter((r) => r < at).at(-1)
        return { acceptBy: stored.acceptBy, resolveBy: incidentDeadlines(since ?? Number(row.reported_at), row.severity as Severity).resolveBy }
      }
      const stamps: Record<string, number | null> = {}
      let status: IncidentStatus = 'reported'
      for (const e of history.slice(1)) {
        const overdue = isIncidentOverdue({ ...clockAt(Number(e.at)), status }, Number(e.at))
        const next = nextIncidentStatus(status, e.action as IncidentAction, { onList: row.on_list === 1, overdue, signed: false, extensionPending: false, callbackDissatisfied: e.action === 'redo' })
        expect(next.ok ? next.status : next.message, `incident ${row.id} ${e.action}`).toBe(e.to_status)
        expect(e.from_status).toBe(status)
        const stamp = INCIDENT_ACTION_STAMP[e.action as IncidentAction]
        if (stamp) stamps[snake(stamp)] = Number(e.at)
        if (e.action === 'reopen') stamps.resolved_at = null
        if (e.action === 'redo') { stamps.resolved_at = null; stamps.verified_at = null }
        status = e.to_status as IncidentStatus
      }
      expect(row.status).toBe(status)
      for (const c of ['accepted_at', 'dispatched_at', 'started_at', 'resolved_at', 'verified_at', 'returned_at', 'supervised_at']) {
        expect(row[c], `incident ${row.id} ${c}`).toBe(stamps[c] ?? null)
      }
      expect(row.updated_at).toBe(history.at(-1)?.at)
    }
  })

  it('every dispute history replays to its status, level, escalations and deadline', () => {
    const events = grouped('SELECT * FROM dispute_events ORDER BY dispute_id, at, id', 'dispute_id')
    for (const row of db.prepare('SELECT * FROM disputes').all() as Row[]) {
      const [first, ...rest] = events.get(Number(row.id)) ?? []
      expect(first).toMatchObject({ action: 'accept', from_status: null, to_status: 'accepted', at: row.accepted_at })
      let state = { status: 'accepted' as DisputeStatus, level: first?.to_level as DisputeLevel }
      let levelAcceptedAt = Number(row.accepted_at)
      let started: number | null = null
      let closed: number | null = null
      for (const e of rest) {
        const next = nextDisputeState(state, e.action as DisputeAction)
        expect(next.ok ? `${next.status}@${next.level}` : next.message).toBe(`${e.to_status}@${e.to_level}`)
        if (next.ok) state = { status: next.status, level: next.level }
        // As the live service stamps them: per level, and a referral keeps the failure's time.
        if (e.action === 'escalate') [levelAcceptedAt, started, closed] = [Number(e.at), null, null]
        if (e.action === 'start') started = Number(e.at)
        if (e.action === 'succeed' || e.action === 'fail') closed = Number(e.at)
      }
      expect([row.started_at, row.closed_at]).toEqual([started, closed])
      expect(`${row.status}@${row.level}`).toBe(`${state.status}@${state.level}`)
      expect(row.escalations).toBe(rest.filter((e) => e.action === 'escalate').length)
      expect(row.level_accepted_at).toBe(levelAcceptedAt)
      expect(row.deadline).toBe(disputeDeadline(levelAcceptedAt, state.level))
    }
  })

  it('every whistle history replays to its status and stamps', () => {
    const events = grouped('SELECT * FROM whistle_events ORDER BY whistle_id, at, id', 'whistle_id')
    for (const row of db.prepare('SELECT * FROM whistles').all() as Row[]) {
      const [first, ...rest] = events.get(Number(row.id)) ?? []
      expect(first).toMatchObject({ action: 'whistle', from_status: null, at: row.whistled_at })
      let status: WhistleStatus = 'whistled'
      for (const e of rest) {
        const next = nextWhistleStatus(status, e.action as WhistleAction, { rating: row.rating === null ? undefined : Number(row.rating) })
        expect(next.ok ? next.status : next.message).toBe(e.to_status)
        status = e.to_status as WhistleStatus
      }
      expect(row.status).toBe(status)
      const at = (action: string) => rest.find((e) => e.action === action)?.at ?? null
      expect([row.acknowledged_at, row.arrived_at, row.closed_at]).toEqual([at('acknowledge'), at('arrive'), at('close')])
      expect(row.rating === null).toBe(at('rate') === null)
    }
  })

  it('the last 30 days have open work, 3–8 % of it overdue; older open items are a handful of overdue stragglers', () => {
    const recent = db.prepare(`SELECT count(*) AS open, sum(${OVERDUE_SQL}) AS overdue FROM incidents WHERE ${OPEN_INCIDENTS_SQL} AND reported_at >= @since`)
      .get({ now: NOW, since: NOW - 30 * 86_400_000 }) as { open: number; overdue: number }
    expect(recent.open).toBeGreaterThan(100)
    expect(recent.overdue / recent.open).toBeGreaterThanOrEqual(0.03)
    expect(recent.overdue / recent.open).toBeLessThanOrEqual(0.08)
    const old = db.prepare(`SELECT count(*) AS open, sum(${OVERDUE_SQL}) AS overdue, sum(supervised_at IS NOT NULL) AS supervised
      FROM incidents WHERE ${OPEN_INCIDENTS_SQL} AND reported_at < @since`).get({ now: NOW, since: NOW - 30 * 86_400_000 }) as { open: number; overdue: number; supervised: number }
    expect(old.open).toBeGreaterThan(0)
    expect(old.open).toBeLessThan(20000 * 0.003)
    expect(old.overdue).toBe(old.open)
    expect(old.supervised).toBe(old.open)
    expect(count(db, "SELECT count(*) FROM incident_events WHERE action = 'supervise'")).toBeGreaterThan(old.open)
  })

  it('old incidents are closed: nothing reported more than 60 days ago is resolved-but-unverified', () => {
    expect(count(db, "SELECT count(*) FROM incidents WHERE status = 'resolved' AND reported_at < ?", NOW - 60 * 86_400_000)).toBe(0)
    expect(count(db, "SELECT count(*) FROM incidents WHERE status = 'archived'")).toBeGreaterThan(20000 * 0.8)
  })
})

describe('demo records speak the domain\'s vocabulary', () => {
  it('every enumerated column holds only ids the domain defines', () => {
    const vocab: [string, string, readonly string[]][] = [
      ['incidents', 'type', INCIDENT_TYPE_IDS], ['incidents', 'category', CATEGORY_IDS], ['incidents', 'module', MODULE_IDS],
      ['incidents', 'department', DEPARTMENT_IDS], ['incidents', 'source', SOURCE_IDS], ['incidents', 'severity', SEVERITY_IDS],
      ['incidents', 'status', INCIDENT_STATUS_IDS], ['incidents', 'crs_in', ['wgs84']],
      ['disputes', 'type', DISPUTE_TYPE_IDS], ['disputes', 'level', DISPUTE_LEVEL_IDS], ['disputes', 'method', DISPUTE_METHOD_IDS],
      ['disputes', 'risk', RISK_IDS], ['disputes', 'mediator', MEDIATOR_IDS], ['disputes', 'status', DISPUTE_STATUS_IDS],
      ['sites', 'category', SITE_CATEGORY_IDS], ['sites', 'grade', SITE_GRADE_IDS], ['sites', 'department', DEPARTMENT_IDS],
      ['inspections', 'result', INSPECTION_RESULT_IDS], ['site_warnings', 'kind', SITE_WARNING_KIND_IDS],
      ['whistles', 'kind', WHISTLE_KIND_IDS], ['whistles', 'department', DEPARTMENT_IDS], ['whistles', 'status', WHISTLE_STATUS_IDS],
      ['stationed_staff', 'domain', STATIONED_DOMAIN_IDS],
    ]
    for (const [table, column, ids] of vocab) {
      const found = db.prepare(`SELECT DISTINCT ${column} FROM ${table}`).pluck().all() as string[]
      expect(found.filter((v) => !ids.includes(v)), `${table}.${column}`).toEqual([])
    }
  })

  it('incidents carry their type\'s routing', () => {
    for (const r of db.prepare('SELECT DISTINCT type, category, module, department, on_list, list_item FROM incidents').all() as Row[]) {
      const t = getIncidentType(String(r.type))
      expect(r).toEqual({ type: t?.id, category: t?.category, module: t?.module, department: t?.department, on_list: t?.onList ? 1 : 0, list_item: t?.listItem })
    }
  })
})

describe('demo records are marked synthetic', () => {
  it('synthetic = 1 on every row of every table that has the column', () => {
    const marked = tables(db).filter((t) => (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]).includes('synthetic'))
    expect(marked).toEqual(['callbacks', 'disputes', 'flexible_posts', 'incidents', 'service_points', 'sites', 'stationed_staff', 'whistles'])
    for (const t of marked) expect(count(db, `SELECT count(*) FROM ${t} WHERE synthetic IS NOT 1`), t).toBe(0)
  })

  it('every free text starts with the synthetic mark, and the live event feed is empty', () => {
    for (const [t, c] of [['incidents', 'description'], ['disputes', 'summary'], ['whistles', 'reason'], ['inspections', 'note'], ['site_warnings', 'message']]) {
      expect(count(db, `SELECT count(*) FROM ${t} WHERE ${c} NOT LIKE '【模拟数据】%'`), `${t}.${c}`).toBe(0)
    }
    expect(count(db, 'SELECT count(*) FROM events')).toBe(0)
  })
})
