// Every GET route of the policy table, asked by a principal it answers, carries the cache class its data calls for:
// `no-store` where personal data goes out unmasked, `private` (revalidated) where the answer depends on who asks,
// public caching for public data; and every answer that is not public varies by Cookie and Authorization.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ROUTES } from '../../api/auth/policy'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertDispute, insertIncident, insertSite, insertWhistle } from '../support/fixtures'
import { alert } from './hostile/endpoints'

type Class = 'public' | 'no-store' | 'private'
type As = 'anon' | 'leader' | 'wall' | 'admin' | 'department'
interface Probe {
  route: string; as: As; path: () => string | Promise<string>; expect: Class
  /** The status the probe gets (200 unless a real answer cannot be had in a test app). */
  status?: number
}

const LUOYANG = '330329100'
const PASSWORD = 'cache-password-1'

let t: TestApp
let wall: string
let department: string
let admin: string

const incident = async () => await insertIncident(t.store, { reportedAt: t.clock.now - 3_600_000, grid: GRIDS.luoyangA })
const dispute = async () => await insertDispute(t.store, { acceptedAt: t.clock.now - 3_600_000, grid: GRIDS.luoyangA })
const site = async () => await insertSite(t.store, { registeredAt: t.clock.now - 86_400_000, nextInspectionDue: t.clock.now + 86_400_000, grid: GRIDS.luoyangA })
const whistle = async () => await insertWhistle(t.store, { whistledAt: t.clock.now - 3_600_000, township: LUOYANG })
const briefing = async () => await t.store.briefings.insert({
  scope: LUOYANG, from: t.clock.now - 86_400_000, to: t.clock.now, asOf: t.clock.now, lang: 'zh', kind: 'scheduled',
  createdAt: t.clock.now, createdBy: 'cache-test', bytes: Buffer.from('%PDF-1.4 cache'),
})
/** Two incidents of one category in 罗阳镇 merged into one case (一件事), stored as the merge route stores it. */
const caseMerge = async () => {
  const [primary, member] = [await incident(), await incident()]
  const { category } = (await t.store.incidents.get(primary))!
  const at = t.clock.now
  const id = await t.store.caseMerges.insert({ primaryId: primary, township: LUOYANG, category, note: null, mergedAt: at, actor: null, actorName: null, actorRole: null })
  await t.store.caseMerges.addMember(id, primary, true, at)
  await t.store.caseMerges.addMember(id, member, false, at)
  return id
}
const inspection = async (id: number) => (await t.services.sites.inspect(id, { result: 'pass', mobile: false, offSite: false })).inspection.id
const warning = async (id: number) => (await t.services.sites.raiseWarning(id, { kind: 'sensor', message: '缓存测试(合成)' })).warning.id

/** A record route read unmasked by a leader (no-store) and masked by a wall display (private). */
const record = (route: string, path: () => string | Promise<string>): Probe[] => [
  { route, as: 'leader', path, expect: 'no-store' },
  { route, as: 'wall', path, expect: 'private' },
  { route, as: 'leader', path: async () => { const p = await path(); return `${p}${p.includes('?') ? '&' : '?'}masked=true` }, expect: 'private' },
]
const pub = (route: string, path = () => route): Probe => ({ route, as: 'anon', path, expect: 'public' })
const figure = (route: string, path: () => string | Promise<string>): Probe => ({ route, as: 'leader', path, expect: 'private' })

const PROBES: Probe[] = [
  pub('/api/health'), pub('/api/config'), pub('/api/openapi.json'), pub('/api/reference'),
  pub('/api/regions/county'), pub('/api/regions/townships'),
  pub('/api/regions/villages', () => `/api/regions/villages?township=${LUOYANG}`),
  pub('/api/regions/grids', () => `/api/regions/grids?township=${LUOYANG}`),
  { route: '/api/auth/me', as: 'leader', path: () => '/api/auth/me', expect: 'no-store' },
  { route: '/api/auth/session', as: 'admin', path: () => '/api/auth/session', expect: 'no-store' },
  { route: '/api/auth/session', as: 'anon', path: () => '/api/auth/session', expect: 'no-store' },
  ...record('/api/incidents', () => `/api/incidents?scope=${LUOYANG}`),
  ...record('/api/incidents/:id', async () => `/api/incidents/${await incident()}`),
  // A case lists its reports as the records do (what they say, who reported): never kept.
  { route: '/api/incident-merges/:id', as: 'leader', path: async () => `/api/incident-merges/${await caseMerge()}`, expect: 'no-store' },
  ...record('/api/disputes', () => `/api/disputes?scope=${LUOYANG}`),
  ...record('/api/disputes/:id', async () => `/api/disputes/${await dispute()}`),
  ...record('/api/sites', () => `/api/sites?scope=${LUOYANG}`),
  ...record('/api/sites/:id', async () => `/api/sites/${await site()}`),
  ...record('/api/sites/:id/inspections/:iid', async () => { const id = await site(); return `/api/sites/${id}/inspections/${await inspection(id)}` }),
  ...record('/api/sites/:id/warnings/:wid', async () => { const id = await site(); return `/api/sites/${id}/warnings/${await warning(id)}` }),
  ...record('/api/whistles', () => `/api/whistles?scope=${LUOYANG}`),
  ...record('/api/whistles/:id', async () => `/api/whistles/${await whistle()}`),
  figure('/api/metrics/summary', () => `/api/metrics/summary?scope=${LUOYANG}`),
  figure('/api/metrics/timeseries', () => `/api/metrics/timeseries?metric=reports&scope=${LUOYANG}`),
  figure('/api/metrics/breakdown', () => `/api/metrics/breakdown?metric=reports&by=category&scope=${LUOYANG}`),
  figure('/api/metrics/choropleth', () => `/api/metrics/choropleth?level=grid&metric=reports&township=${LUOYANG}`),
  figure('/api/metrics/indicators', () => `/api/metrics/indicators?scope=${LUOYANG}`),
  figure('/api/metrics/staffing', () => '/api/metrics/staffing'),
  figure('/api/tiles/incidents.json', () => `/api/tiles/incidents.json?scope=${LUOYANG}`),
  figure('/api/tiles/:layer/:z/:x/:file', () => `/api/tiles/incidents/0/0/0.mvt?scope=${LUOYANG}`),
  figure('/api/tiles/:layer/:z/:x/:file', () => '/api/tiles/grids/10/857/434.mvt'),
  // Events carry records as the principal may see them: never stored.
  { route: '/api/stream', as: 'leader', path: () => '/api/stream', expect: 'no-store' },
  // A department's open work changes with every step it takes: never kept.
  { route: '/api/queue', as: 'department', path: () => '/api/queue', expect: 'no-store' },
  // Work lists and rulings that change with each step someone takes (回访 tasks, the scoreboard, alerts and their
  // rules, the call-back settings): never kept, as the queue.
  ...(['/api/callbacks', '/api/settings/callback', '/api/scoreboard', '/api/alerts', '/api/alerts/:id', '/api/alert-rules'] as const).map((route): Probe => ({
    route, as: 'leader', expect: 'no-store',
    path: async () => route === '/api/alerts/:id' ? `/api/alerts/${await alert(t)}` : route === '/api/scoreboard' ? '/api/scoreboard?by=township'
      : route === '/api/settings/callback' || route === '/api/alert-rules' ? route : `${route}?scope=${LUOYANG}`,
  })),
  { route: '/api/admin/users', as: 'admin', path: () => '/api/admin/users', expect: 'no-store' },
  { route: '/api/admin/tokens', as: 'admin', path: () => '/api/admin/tokens', expect: 'no-store' },
  { route: '/api/audit', as: 'admin', path: () => '/api/audit', expect: 'no-store' },
  // Briefings: printed figures of one's area, forwarded as files: never kept by a cache (a render needs the server's
  // browser, so its refusal is probed). The print session's door (the server's own browser, with a ticket) is
  // public: without a ticket its 404 is everyone's; with one it sets a cookie, which no cache may keep
  // (test/api/briefings.test.ts spends a ticket).
  { route: '/api/briefings', as: 'leader', path: () => '/api/briefings', expect: 'no-store' },
  { route: '/api/briefings/render', as: 'leader', path: () => `/api/briefings/render?asOf=${new Date(t.clock.now + 86_400_000).toISOString()}`, expect: 'no-store', status: 422 },
  { route: '/api/briefings/:file', as: 'leader', path: async () => `/api/briefings/${await briefing()}.pdf`, expect: 'no-store' },
  { ...pub('/api/briefings/print-session'), status: 404 },
  // OGC API – Features: its description and the boundaries are everyone's; the list of collections shows what the
  // caller may read, and a record collection's features depend on the caller's area (they carry no personal data).
  pub('/ogc'), pub('/ogc/conformance'), pub('/ogc/api'),
  { route: '/ogc/collections', as: 'leader', path: () => '/ogc/collections', expect: 'private' },
  ...(['townships', 'villages', 'grids'] as const).flatMap((id) => [
    pub(`/ogc/collections/${id}`), pub(`/ogc/collections/${id}/items`),
    pub(`/ogc/collections/${id}/items/:fid`, () => `/ogc/collections/${id}/items/${id === 'townships' ? LUOYANG : id === 'grids' ? GRIDS.luoyangA : GRIDS.luoyangA.slice(0, 12)}`),
  ]),
  ...([['incidents', incident], ['disputes', dispute], ['sites', site], ['whistles', whistle], ['alerts', () => alert(t)]] as const).flatMap(([id, make]): Probe[] => [
    figure(`/ogc/collections/${id}`, () => `/ogc/collections/${id}`),
    figure(`/ogc/collections/${id}/items`, () => `/ogc/collections/${id}/items?scope=${LUOYANG}`),
    figure(`/ogc/collections/${id}/items/:fid`, async () => `/ogc/collections/${id}/items/${await make()}`),
  ]),
  // Open311: the same public answers for everyone (a request's public part only).
  pub('/open311/v2/services.json'), pub('/open311/v2/services.xml'),
  pub('/open311/v2/services/:file', () => '/open311/v2/services/road-occupation.json'),
  pub('/open311/v2/requests.json'), pub('/open311/v2/requests.xml'),
  { route: '/open311/v2/requests/:file', as: 'anon', path: async () => `/open311/v2/requests/${await incident()}.xml`, expect: 'public' },
]

beforeAll(async () => {
  t = await testApp()
  wall = await t.token('wall')
  department = await t.token('department', { department: 'market' })
  admin = await t.adminSession('cache-admin', PASSWORD)
})
afterAll(async () => await t.close())

function headersFor(as: As): Record<string, string> {
  if (as === 'leader') return t.auth
  if (as === 'wall') return { Authorization: `Bearer ${wall}` }
  if (as === 'department') return { Authorization: `Bearer ${department}` }
  if (as === 'admin') return { Cookie: admin }
  return {}
}

function classOf(res: Response): Class | string {
  const cc = res.headers.get('Cache-Control')
  const vary = (res.headers.get('Vary') ?? '').toLowerCase()
  const byPrincipal = vary.includes('cookie') && vary.includes('authorization')
  if ((cc === null || /\bpublic\b/.test(cc)) && !vary.includes('cookie')) return 'public'
  if (cc === 'no-store' && byPrincipal) return 'no-store'
  if (cc !== null && /^private\b/.test(cc) && byPrincipal) return 'private'
  return `Cache-Control: ${cc}; Vary: ${vary}`
}

test('every GET route answers with the cache class of its data', async () => {
  const wrong: string[] = []
  for (const probe of PROBES) {
    const path = await probe.path()
    const res = await t.app.request(path, { headers: headersFor(probe.as) })
    await res.body?.cancel()
    if (res.status !== (probe.status ?? 200)) wrong.push(`${path} as ${probe.as}: status ${res.status}`)
    const got = classOf(res)
    if (got !== probe.expect) wrong.push(`${path} as ${probe.as}: ${got}, expected ${probe.expect}`)
  }
  expect(wrong).toEqual([])
})

test('every GET route of the policy table is probed', () => {
  const probed = new Set(PROBES.map((p) => p.route))
  expect(ROUTES.filter((r) => r.method === 'GET' && !probed.has(r.path)).map((r) => r.path)).toEqual([])
})

test('refusals and the answers to writes are never stored either: a token\'s secret, a new record, a 401', async () => {
  const token = await t.post('/api/admin/tokens', { name: '大屏', role: 'wall' }, { Cookie: admin }, null)
  expect(token.status).toBe(201)
  expect(token.headers.get('Cache-Control')).toBe('no-store')
  const created = await t.post('/api/incidents', { type: 'road-occupation', point: { lng: 119.708034, lat: 27.559551 }, description: '缓存测试(合成)', source: 'patrol' })
  expect(created.status).toBe(201)
  expect(created.headers.get('Cache-Control')).toBe('no-store')
  const refused = await t.json('/api/incidents', {}, null)
  expect(refused.status).toBe(401)
  expect(refused.headers.get('Cache-Control')).toBe('no-store')
  expect(refused.headers.get('Vary')).toMatch(/Cookie.*Authorization/)
})
