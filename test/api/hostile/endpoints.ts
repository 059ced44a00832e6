// Every write endpoint that takes a JSON body, described once so the hostile corpus can run against each: a
// body that is accepted, and which of its fields is free text, which is an enumeration and whether it has a point.
// `target` makes a fresh record to write to (a transition needs an incident in a state that allows the action).
// POST /api/sites/:id/warnings/:wid/clear takes no body (everything is in its URL) and so is not in the corpus.
// Open311's POST requests.json|.xml takes a form, not JSON: its cases are the form edition in open311.test.ts here.
import { countyOf } from '../../../domain/regions'
import { nextInspectionDue, supervisingDepartment } from '../../../domain/sites'
import type { TestApp } from '../../support/app'
import { GRIDS, insertCallback, insertIncident } from '../../support/fixtures'

export const LUOYANG = { lng: 119.708034, lat: 27.559551 } // 罗阳镇's seat, WGS84

export interface Endpoint {
  name: string
  /** Creates what the write needs and returns the path to POST to. */
  target: (t: TestApp) => Promise<string>
  valid: Record<string, unknown>
  /** Free-text field and its maximum length. */
  text: { field: string; max: number }
  /** A field whose value must be one of a list; none for a body without one (a merge names ids and a note). */
  choice?: string
  /** Has a `point` (coordinates cases apply). */
  point: boolean
  /** Creates a record: honours Idempotency-Key. Otherwise it is a transition. */
  creates: boolean
  /** Who sends it (an API token's secret) when the valid action is not the county leader's to take; else the leader. */
  actor?: (t: TestApp) => Promise<string>
}

async function created(t: TestApp, path: string, body: unknown): Promise<number> {
  const res = await t.post(path, body)
  if (res.status !== 201) throw new Error(`fixture ${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id as number
}

export const incidentBody = { type: 'road-occupation', point: LUOYANG, description: '测试：占道经营', source: 'patrol', severity: 'urgent' }
export const disputeBody = { type: 'neighbour', point: LUOYANG, description: '测试：邻里纠纷', parties: [{ name: '张三' }] }
export const whistleBody = { township: '330329111', department: 'enforcement', kind: 'joint-enforcement', reason: '测试：违法建筑联合执法' }

/** Sites have no public create: registered as the seed does, through the store. */
export async function site(t: TestApp): Promise<number> {
  const at = t.clock.now
  const placed = t.locator.locate(LUOYANG.lng, LUOYANG.lat)!
  return await t.store.sites.insert({
    category: 'hazchem', name: '测试：重点监管对象', grade: 'red', department: supervisingDepartment('hazchem'),
    lng: LUOYANG.lng, lat: LUOYANG.lat, ...placed, county: countyOf(placed.township),
    registeredAt: at, lastInspectionAt: null, nextInspectionDue: nextInspectionDue(at, 'red'), synthetic: 1, updatedAt: at,
  })
}

/** An archived incident in 罗阳镇 whose call-back (回访, the township's to make) awaits an answer. */
export async function awaitingCallback(t: TestApp): Promise<number> {
  const id = await insertIncident(t.store, { reportedAt: t.clock.now - 86_400_000, status: 'archived' })
  await insertCallback(t.store, { incidentId: id, createdAt: t.clock.now - 60_000 })
  return id
}

/** Alerts are raised by the evaluation, not posted: one as it would have raised it, through the store. */
export async function alert(t: TestApp): Promise<number> {
  const at = t.clock.now
  const placed = t.locator.locate(LUOYANG.lng, LUOYANG.lat)!
  return await t.store.alerts.insert({
    rule: 'spike', level: 'red', status: 'new', subject: `spike|${placed.grid}|hostile${at}-${Math.random()}`, county: countyOf(placed.township),
    township: placed.township, grid: placed.grid, lng: null, lat: null, evidence: JSON.stringify({ recordKind: 'incident', recordIds: [], count: 0 }),
    paramsVersion: 0, raisedAt: at, lastSeenAt: at, closedAt: null, closeReason: null, updatedAt: at,
  })
}

/** Two fresh reports of one matter in 罗阳镇: ids a merge may name (a merge refuses ids already in a case). */
async function twoReports(t: TestApp): Promise<[number, number]> {
  const at = t.clock.now - 86_400_000
  return [await insertIncident(t.store, { reportedAt: at }), await insertIncident(t.store, { reportedAt: at, grid: GRIDS.luoyangB })]
}

/**
 * The merge's valid body names incidents, which a stored merge takes: its target makes two fresh ones and points the
 * body at them (the corpus reads `valid` after the target has run), so every case starts from ids no case holds.
 */
const mergeBody: { primary: number; members: number[]; note: string } = { primary: 0, members: [0], note: '同一处占道经营' }

export const ENDPOINTS: Endpoint[] = [
  { name: 'POST /api/incidents', target: async () => '/api/incidents', valid: incidentBody,
    text: { field: 'description', max: 2000 }, choice: 'type', point: true, creates: true },
  { name: 'POST /api/incidents/:id/transitions', target: async (t) => `/api/incidents/${await created(t, '/api/incidents', incidentBody)}/transitions`,
    valid: { action: 'accept', note: '已受理' }, text: { field: 'note', max: 1000 }, choice: 'action', point: false, creates: false },
  { name: 'POST /api/disputes', target: async () => '/api/disputes', valid: disputeBody,
    text: { field: 'description', max: 2000 }, choice: 'type', point: true, creates: true },
  { name: 'POST /api/disputes/:id/transitions', target: async (t) => `/api/disputes/${await created(t, '/api/disputes', disputeBody)}/transitions`,
    valid: { action: 'start', note: '村调委介入' }, text: { field: 'note', max: 1000 }, choice: 'action', point: false, creates: false },
  { name: 'POST /api/sites/:id/inspections', target: async (t) => `/api/sites/${await site(t)}/inspections`,
    valid: { result: 'rectify', note: '消防通道堵塞', mobile: true }, text: { field: 'note', max: 1000 }, choice: 'result', point: false, creates: true },
  { name: 'POST /api/sites/:id/warnings', target: async (t) => `/api/sites/${await site(t)}/warnings`,
    valid: { kind: 'complaint', message: '群众投诉异味' }, text: { field: 'message', max: 500 }, choice: 'kind', point: false, creates: true },
  { name: 'POST /api/whistles', target: async () => '/api/whistles', valid: whistleBody,
    text: { field: 'reason', max: 500 }, choice: 'department', point: false, creates: true },
  { name: 'POST /api/whistles/:id/transitions', target: async (t) => `/api/whistles/${await created(t, '/api/whistles', whistleBody)}/transitions`,
    valid: { action: 'acknowledge' , note: '已收到' }, text: { field: 'note', max: 1000 }, choice: 'action', point: false, creates: false,
    // 签收 is the department called's to take (whistle sides): an account of the body's department.
    actor: (t) => t.token('department', { department: whistleBody.department }) },
  { name: 'POST /api/incidents/:id/callback', target: async (t) => `/api/incidents/${await awaitingCallback(t)}/callback`,
    valid: { result: 'satisfied', note: '群众表示满意' }, text: { field: 'note', max: 1000 }, choice: 'result', point: false, creates: false,
    // The township dispatched these cases: its officer calls back.
    actor: (t) => t.token('township', { township: '330329100' }) },
  { name: 'POST /api/alerts/:id/transitions', target: async (t) => `/api/alerts/${await alert(t)}/transitions`,
    valid: { action: 'acknowledge', note: '已研判：网格员核实中' }, text: { field: 'note', max: 1000 }, choice: 'action', point: false, creates: false },
  { name: 'POST /api/incident-merges', target: async (t) => {
    const [primary, member] = await twoReports(t)
    Object.assign(mergeBody, { primary, members: [member] })
    return '/api/incident-merges'
  }, valid: mergeBody, text: { field: 'note', max: 1000 }, point: false, creates: true },
  { name: 'POST /api/incident-merges/:id/undo', target: async (t) => {
    const [primary, member] = await twoReports(t)
    return `/api/incident-merges/${await created(t, '/api/incident-merges', { primary, members: [member] })}/undo`
  }, valid: { note: '并非同一件事' }, text: { field: 'note', max: 1000 }, point: false, creates: false },
]

/** Every list route that answers CSV and XLSX too (format=; api/exports/), for the hostile export queries. */
export const EXPORT_LIST_PATHS = ['/api/incidents', '/api/disputes', '/api/sites', '/api/whistles', '/api/alerts', '/api/callbacks', '/api/audit'] as const
