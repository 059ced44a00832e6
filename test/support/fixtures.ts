// Rows written straight into the tables, with chosen times and statuses, so metric tests can state exact
// expectations (the services would stamp `now` and walk the state machines). Region codes must be real: the
// grid decides the village and township, as intake would.
import { getIncidentType } from '../../domain/catalogue'
import { countyOf } from '../../domain/regions'
import type { Severity } from '../../domain/incident'
import { incidentDeadlines } from '../../domain/sla'
import type { Store } from '../../api/store'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Real grids (geodata/grids.geojson): two in one village, one in another village of 罗阳镇, one in 司前畲族镇. */
export const GRIDS = {
  luoyangA: '33032910000501',
  luoyangB: '33032910000502',
  luoyangOtherVillage: '33032910000601',
  siqian: '33032910120001',
} as const

const place = (grid: string) => ({ county: countyOf(grid), township: grid.slice(0, 9), village: grid.slice(0, 12), grid })

export interface IncidentFixture {
  reportedAt: number
  status?: string
  severity?: Severity
  /** An incident type of domain/catalogue.ts; it decides category, module, department and on-list. */
  type?: string
  source?: string
  grid?: string
  resolvedAt?: number | null
  /** Overrides the type's on-list flag (e.g. an off-list push of an on-list type in old data). */
  onList?: boolean
  /** Who it is assigned to (交办); none unless given. */
  assignee?: { kind: 'department' | 'township' | 'grid'; code: string }
}

export async function insertIncident(store: Store, f: IncidentFixture): Promise<number> {
  const type = getIncidentType(f.type ?? 'road-occupation')
  if (!type) throw new Error(`fixture: unknown incident type ${f.type}`)
  const severity = f.severity ?? 'normal'
  const { acceptBy, resolveBy } = incidentDeadlines(f.reportedAt, severity)
  const status = f.status ?? 'reported'
  const resolvedAt = f.resolvedAt !== undefined ? f.resolvedAt : ['resolved', 'archived'].includes(status) ? f.reportedAt + DAY : null
  const id = await store.incidents.insert({
    type: type.id, category: type.category, module: type.module, department: type.department,
    onList: (f.onList ?? type.onList) ? 1 : 0, listItem: type.listItem, source: f.source ?? 'patrol', severity,
    lng: 119.708034, lat: 27.559551, crsIn: 'wgs84', ...place(f.grid ?? GRIDS.luoyangA),
    description: '测试夹具(合成)', reporterName: null, reporterPhone: null, status,
    reportedAt: f.reportedAt, acceptedAt: status === 'reported' ? null : f.reportedAt + HOUR, dispatchedAt: null,
    startedAt: null, resolvedAt, verifiedAt: status === 'archived' ? (resolvedAt ?? f.reportedAt) + HOUR : null,
    returnedAt: status === 'returned' ? f.reportedAt + HOUR : null, supervisedAt: null,
    acceptBy, resolveBy, synthetic: 1, updatedAt: f.reportedAt,
  })
  if (f.assignee) await store.sql.run('UPDATE incidents SET assignee_kind = ?, assignee_code = ? WHERE id = ?', [f.assignee.kind, f.assignee.code, id])
  return id
}

export interface DisputeFixture { acceptedAt: number; status?: string; level?: string; type?: string; grid?: string }

export async function insertDispute(store: Store, f: DisputeFixture): Promise<number> {
  const level = f.level ?? 'village'
  const limit = { village: 3, township: 7, county: 20 }[level] ?? 3
  return (await store.sql.get<{ id: number }>(`INSERT INTO disputes (type, level, method, risk, cross_region, mediator, lng, lat, crs_in,
    township, village, grid, summary, parties, status, accepted_at, level_accepted_at, deadline, synthetic, updated_at)
    VALUES (@type, @level, 'sweep', 'low', 0, 'village-committee', 119.7, 27.55, 'wgs84', @township, @village, @grid,
    '测试纠纷(合成)', '[]', @status, @acceptedAt, @acceptedAt, @deadline, 1, @acceptedAt) RETURNING id`, {
    type: f.type ?? 'neighbour', level, status: f.status ?? 'accepted', acceptedAt: f.acceptedAt,
    deadline: f.acceptedAt + limit * DAY, ...place(f.grid ?? GRIDS.luoyangA),
  }))!.id
}

export interface SiteFixture {
  registeredAt: number; nextInspectionDue: number; grade?: string; category?: string; grid?: string
  lastInspectionAt?: number | null
}

export async function insertSite(store: Store, f: SiteFixture): Promise<number> {
  return (await store.sql.get<{ id: number }>(`INSERT INTO sites (category, name, grade, department, lng, lat, township, village, grid,
    registered_at, last_inspection_at, next_inspection_due, synthetic, updated_at)
    VALUES (@category, '测试对象(合成)', @grade, 'market', 119.7, 27.55, @township, @village, @grid, @registeredAt,
    @lastInspectionAt, @nextInspectionDue, 1, @registeredAt) RETURNING id`, {
    category: f.category ?? 'drug', grade: f.grade ?? 'red', registeredAt: f.registeredAt,
    lastInspectionAt: f.lastInspectionAt ?? null, nextInspectionDue: f.nextInspectionDue, ...place(f.grid ?? GRIDS.luoyangA),
  }))!.id
}

export async function insertInspection(store: Store, f: { siteId: number; at: number; mobile: boolean }): Promise<number> {
  return (await store.sql.get<{ id: number }>(`INSERT INTO inspections (site_id, at, result, mobile, off_site) VALUES (?, ?, 'pass', ?, 0) RETURNING id`,
    [f.siteId, f.at, f.mobile ? 1 : 0]))!.id
}

export interface WhistleFixture {
  whistledAt: number; township?: string; department?: string; kind?: string; status?: string
  incidentId?: number | null; acknowledgedAt?: number | null; rating?: number | null
}

export async function insertWhistle(store: Store, f: WhistleFixture): Promise<number> {
  return (await store.sql.get<{ id: number }>(`INSERT INTO whistles (township, department, incident_id, kind, reason, urgent, status,
    whistled_at, acknowledged_at, rating, synthetic, updated_at)
    VALUES (@township, @department, @incidentId, @kind, '测试吹哨(合成)', 0, @status, @whistledAt, @acknowledgedAt, @rating, 1, @whistledAt) RETURNING id`, {
    township: f.township ?? '330329100', department: f.department ?? 'market', incidentId: f.incidentId ?? null,
    kind: f.kind ?? 'livelihood', status: f.status ?? (f.rating ? 'rated' : f.acknowledgedAt ? 'acknowledged' : 'whistled'),
    whistledAt: f.whistledAt, acknowledgedAt: f.acknowledgedAt ?? null, rating: f.rating ?? null,
  }))!.id
}

export interface CallbackFixture {
  incidentId: number
  township?: string
  owner?: 'township' | 'county'
  createdAt: number
  dueBy?: number
  result?: string | null
  doneAt?: number | null
  assignee?: { kind: 'department' | 'township' | 'grid'; code: string }
}

/** A call-back task (回访) as the verify step would have drawn it; awaited unless a result is given. */
export async function insertCallback(store: Store, f: CallbackFixture): Promise<number> {
  const township = f.township ?? GRIDS.luoyangA.slice(0, 9)
  const result = f.result ?? null
  const doneAt = result === null ? null : f.doneAt ?? f.createdAt + HOUR
  return await store.callbacks.insert({
    incidentId: f.incidentId, county: countyOf(township), township, owner: f.owner ?? 'township',
    assigneeKind: f.assignee?.kind ?? 'township', assigneeCode: f.assignee?.code ?? township,
    createdAt: f.createdAt, dueBy: f.dueBy ?? f.createdAt + 7 * DAY, result, note: result === 'dissatisfied' ? '测试夹具(合成)' : null, doneAt,
    actor: null, actorName: null, actorRole: null, synthetic: 1, updatedAt: doneAt ?? f.createdAt,
  })
}
