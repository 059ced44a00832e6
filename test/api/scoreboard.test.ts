// GET /api/scoreboard on the run's engine: every value of every unit equals what domain/scoreboard.ts computes from
// the raw rows, read back with plain SELECTs (the SQL of api/store/scoreboard.ts is checked against the rules'
// second spelling, not against itself). The data set mixes chosen edge cases (at the period's edges, exactly at a
// limit) with a reproducible random spread; the demo seed's figures are checked the same way and for range. Then who
// sees which rows, the refusals, and the township choropleth of the scoreboard's figures.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { seedStore } from '../../api/seed/seed-store'
import type { Store } from '../../api/store'
import { DEPARTMENT_IDS } from '../../domain/departments'
import type { Severity } from '../../domain/incident'
import { SEVERITY_IDS } from '../../domain/incident'
import type { ScoreboardBy, ScoreCallback, ScoreIncident, ScoreRows, ScoreSupervision, ScoreWhistle } from '../../domain/scoreboard'
import { SCOREBOARD_METRICS, SCOREBOARD_METRIC_IDS, TOWNSHIP_CHOROPLETH_METRIC_IDS, scoreUnit, signOffLimitMs } from '../../domain/scoreboard'
import { testApp } from '../support/app'
import type { TestApp } from '../support/app'
import { GRIDS, insertIncident, insertWhistle } from '../support/fixtures'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const LUOYANG = '330329100'
const SIQIAN = '330329101'
const TOWNSHIP_GRIDS: Record<string, string[]> = { [LUOYANG]: [GRIDS.luoyangA, GRIDS.luoyangB, GRIDS.luoyangOtherVillage], [SIQIAN]: [GRIDS.siqian] }
const DEPARTMENTS_USED = ['market', 'water', 'enforcement']
const STATUSES = ['dispatched', 'handling', 'resolved', 'archived', 'accepted', 'returned']

type Assignee = { kind: 'department' | 'township' | 'grid'; code: string } | null

/** A reproducible stream of numbers in [0, 1) (mulberry32). */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface IncidentSpec {
  township: string; severity: Severity; status: string; assignee: Assignee; reportedAt: number
  dispatchedAt: number | null; signedAt: number | null; resolvedAt: number | null; resolveBy: number
}

async function addIncident(store: Store, f: IncidentSpec): Promise<number> {
  const grid = TOWNSHIP_GRIDS[f.township]![0]!
  const id = await insertIncident(store, {
    reportedAt: f.reportedAt, status: f.status, severity: f.severity, grid, resolvedAt: f.resolvedAt, ...(f.assignee ? { assignee: f.assignee } : {}),
  })
  await store.sql.run('UPDATE incidents SET dispatched_at = @d, signed_at = @s, resolved_at = @r, resolve_by = @b WHERE id = @id',
    { d: f.dispatchedAt, s: f.signedAt, r: f.resolvedAt, b: f.resolveBy, id })
  return id
}

async function addSupervision(store: Store, incidentId: number, at: number) {
  await store.sql.run(`INSERT INTO incident_events (incident_id, at, action, from_status, to_status, note, detail)
    VALUES (?, ?, 'supervise', 'handling', 'handling', '督办(测试)', '{"level":"county"}')`, [incidentId, at])
}

async function addCallback(store: Store, incidentId: number, township: string, assignee: Assignee, createdAt: number, result: string | null, doneAt: number | null) {
  await store.sql.run(`INSERT INTO callbacks (incident_id, county, township, owner, assignee_kind, assignee_code, created_at, due_by, result, note,
      done_at, synthetic, updated_at)
    VALUES (@incidentId, '330329', @township, 'township', @kind, @code, @createdAt, @dueBy, @result, NULL, @doneAt, 1, @createdAt)`, {
    incidentId, township, kind: assignee?.kind ?? null, code: assignee?.code ?? null, createdAt, dueBy: createdAt + 7 * DAY, result, doneAt,
  })
}

/** Everything the scoreboard reads, back from the tables with plain SELECTs and joined here. */
async function rawRows(store: Store): Promise<ScoreRows> {
  const num = (v: unknown) => (v === null ? null : Number(v))
  const incidents = await store.sql.all<Record<string, unknown>>(`SELECT id, severity, status, assignee_kind, assignee_code, dispatched_at, signed_at,
    resolved_at, resolve_by FROM incidents`)
  const byId = new Map(incidents.map((r) => [Number(r.id), r]))
  const events = await store.sql.all<Record<string, unknown>>(`SELECT incident_id, at, action FROM incident_events`)
  const callbacks = await store.sql.all<Record<string, unknown>>(`SELECT assignee_kind, assignee_code, result, done_at FROM callbacks`)
  const whistles = await store.sql.all<Record<string, unknown>>(`SELECT township, department, whistled_at, acknowledged_at FROM whistles`)
  return {
    incidents: incidents.map((r): ScoreIncident => ({
      severity: r.severity as Severity, status: r.status as string, assigneeKind: r.assignee_kind as string | null, assigneeCode: r.assignee_code as string | null,
      dispatchedAt: num(r.dispatched_at), signedAt: num(r.signed_at), resolvedAt: num(r.resolved_at), resolveBy: Number(r.resolve_by),
    })),
    supervisions: events.filter((e) => e.action === 'supervise').map((e): ScoreSupervision => {
      const incident = byId.get(Number(e.incident_id))!
      return { incidentId: Number(e.incident_id), at: Number(e.at), assigneeKind: incident.assignee_kind as string | null, assigneeCode: incident.assignee_code as string | null }
    }),
    callbacks: callbacks.map((r): ScoreCallback => ({
      assigneeKind: r.assignee_kind as string | null, assigneeCode: r.assignee_code as string | null, result: r.result as string | null, doneAt: num(r.done_at),
    })),
    whistles: whistles.map((r): ScoreWhistle => ({
      township: r.township as string, department: r.department as string, whistledAt: Number(r.whistled_at), acknowledgedAt: num(r.acknowledged_at),
    })),
  }
}

interface Answer {
  by: ScoreboardBy; from: string; to: string; now: string; metrics: string[]
  rows: { unit: { code: string; name: string; nameEn: string }; values: Record<string, number | null>; counts: Record<string, { numerator: number; denominator: number }> }[]
}

/** Every value and count of every row equals the domain's from the raw rows; `to` is the period's end as the API used it. */
function expectRecomputed(answer: Answer, rows: ScoreRows, window: { from: number; to: number; now: number }) {
  const mismatches: string[] = []
  for (const row of answer.rows) {
    const expected = scoreUnit(rows, answer.by, row.unit.code, window)
    for (const id of SCOREBOARD_METRIC_IDS) {
      const v = expected.values[id]
      const got = row.values[id]
      const same = v === null || got === null || got === undefined ? v === got : Math.abs(v - got) < 1e-9
      if (!same) mismatches.push(`${row.unit.code} ${id}: ${got}, recomputed ${v}`)
      if (JSON.stringify(row.counts[id]) !== JSON.stringify(expected.counts[id])) {
        mismatches.push(`${row.unit.code} ${id} counts: ${JSON.stringify(row.counts[id])}, recomputed ${JSON.stringify(expected.counts[id])}`)
      }
    }
  }
  expect(mismatches).toEqual([])
}

let t: TestApp
let townships: string[]

beforeAll(async () => {
  t = await testApp()
  const now = t.clock.now
  townships = (await t.json('/api/regions/townships')).body.features.map((f: { properties: { id: string } }) => f.properties.id).sort()
  const store = t.store
  const next = random(20261207)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const between = (lo: number, hi: number) => Math.round(lo + next() * (hi - lo))
  const assigneeIn = (township: string): Assignee => {
    const r = next()
    if (r < 0.35) return { kind: 'township', code: township }
    if (r < 0.55) return { kind: 'grid', code: pick(TOWNSHIP_GRIDS[township]!) }
    if (r < 0.9) return { kind: 'department', code: pick(DEPARTMENTS_USED) }
    return null
  }

  // A reproducible spread over the 45 days before now: every combination the rules distinguish turns up.
  for (let i = 0; i < 240; i++) {
    const township = pick([LUOYANG, SIQIAN])
    const severity = pick(SEVERITY_IDS)
    const reportedAt = now - between(0, 45 * DAY)
    const dispatchedAt = next() < 0.15 ? null : reportedAt + between(0, 3 * HOUR)
    const limit = signOffLimitMs(severity)
    const signedAt = dispatchedAt === null || next() < 0.25 ? null
      : Math.min(now, dispatchedAt + pick([between(0, limit), limit, limit + 1, between(limit, 4 * limit)]))
    const status = pick(STATUSES)
    const resolveBy = reportedAt + between(DAY, 9 * DAY)
    const resolvedAt = ['resolved', 'archived'].includes(status) ? Math.min(now, pick([resolveBy, reportedAt + between(HOUR, 12 * DAY)])) : null
    const assignee = assigneeIn(township)
    const id = await addIncident(store, { township, severity, status, assignee, reportedAt, dispatchedAt, signedAt, resolvedAt, resolveBy })
    for (let s = 0; s < 3; s++) if (next() < 0.2) await addSupervision(store, id, Math.min(now, reportedAt + between(DAY, 10 * DAY)))
    if (next() < 0.4) {
      // The call-back judges the assignee at verification, which a later transfer does not move: sometimes another one.
      const judged = next() < 0.8 ? assignee : assigneeIn(township)
      const createdAt = reportedAt + between(DAY, 5 * DAY)
      const result = pick([null, 'satisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied'])
      await addCallback(store, id, township, judged, createdAt, result, result === null ? null : Math.min(now, createdAt + between(HOUR, 6 * DAY)))
    }
  }
  for (let i = 0; i < 80; i++) {
    const whistledAt = now - between(0, 45 * DAY)
    // Whole minutes, so medians of an even count fall on ties and halves.
    const ack = next() < 0.25 ? null : whistledAt + between(1, 90) * MIN
    await insertWhistle(store, { whistledAt, township: pick([LUOYANG, SIQIAN]), department: pick(DEPARTMENTS_USED), acknowledgedAt: ack })
  }
})
afterAll(async () => await t.close())

/** The period most tests ask for: 20 days ago up to a day after now, so limits and deadlines not passed yet occur. */
const FROM = () => t.clock.now - 20 * DAY
const TO = () => t.clock.now + DAY
const iso = (ms: number) => new Date(ms).toISOString()
const board = async (query: string, as?: string | null) => await t.json(`/api/scoreboard?${query}`, {}, as)

describe('every value recomputed from the raw rows', () => {
  beforeAll(async () => {
    // The edges, exactly: at `from` counts, at `to` does not; exactly at a limit or deadline is in time.
    const from = FROM()
    const to = TO()
    const base = { township: LUOYANG, severity: 'normal' as const, reportedAt: from - HOUR, resolveBy: from + 5 * DAY }
    const own: Assignee = { kind: 'township', code: LUOYANG }
    await addIncident(t.store, { ...base, status: 'handling', assignee: own, dispatchedAt: from, signedAt: from + 2 * HOUR, resolvedAt: null })
    await addIncident(t.store, { ...base, status: 'handling', assignee: own, dispatchedAt: to, signedAt: to + MIN, resolvedAt: null })
    await addIncident(t.store, { ...base, status: 'resolved', assignee: own, dispatchedAt: from + HOUR, signedAt: null, resolvedAt: from + 5 * DAY })
    await addIncident(t.store, { ...base, status: 'handling', assignee: own, dispatchedAt: null, signedAt: null, resolvedAt: null, resolveBy: from })
    await addIncident(t.store, { ...base, status: 'handling', assignee: own, dispatchedAt: null, signedAt: null, resolvedAt: null, resolveBy: t.clock.now })
    // Dispatched a moment ago, unsigned: not judged yet.
    await addIncident(t.store, { ...base, status: 'dispatched', assignee: own, dispatchedAt: t.clock.now - MIN, signedAt: null, resolvedAt: null })
    const id = await addIncident(t.store, { ...base, status: 'handling', assignee: { kind: 'department', code: 'market' }, dispatchedAt: null, signedAt: null, resolvedAt: null })
    await addSupervision(t.store, id, from)
    await addSupervision(t.store, id, to)
    await addCallback(t.store, id, LUOYANG, { kind: 'department', code: 'market' }, from - DAY, 'dissatisfied', from)
    await addCallback(t.store, id, LUOYANG, { kind: 'department', code: 'market' }, from - DAY, 'satisfied', to)
    await insertWhistle(t.store, { whistledAt: from, township: SIQIAN, department: 'water', acknowledgedAt: from + 7 * MIN })
    await insertWhistle(t.store, { whistledAt: to, township: SIQIAN, department: 'water', acknowledgedAt: to + MIN })
  })

  for (const by of ['township', 'department'] as const) {
    test(`by ${by}: every unit, every metric, equal to the domain's figures from the rows`, async () => {
      const { status, body } = await board(`by=${by}&from=${iso(FROM())}&to=${iso(TO())}`)
      expect(status).toBe(200)
      expect(body).toMatchObject({ by, from: iso(FROM()), to: iso(TO()), now: iso(t.clock.now), metrics: [...SCOREBOARD_METRIC_IDS] })
      expect(body.rows.map((r: Answer['rows'][number]) => r.unit.code)).toEqual(by === 'township' ? townships : [...DEPARTMENT_IDS])
      expectRecomputed(body, await rawRows(t.store), { from: FROM(), to: TO(), now: t.clock.now })
      // The data set gives the units in use real figures, not only empty ones.
      const used = body.rows.filter((r: Answer['rows'][number]) => (by === 'township' ? [LUOYANG, SIQIAN] : DEPARTMENTS_USED).includes(r.unit.code))
      for (const id of SCOREBOARD_METRIC_IDS) expect(used.some((r: Answer['rows'][number]) => r.counts[id]!.denominator > 0), id).toBe(true)
    })
  }

  test('an earlier period, and the default one (the last 30 days up to now)', async () => {
    const from = t.clock.now - 40 * DAY
    const to = t.clock.now - 10 * DAY
    const rows = await rawRows(t.store)
    for (const by of ['township', 'department'] as const) {
      const past = await board(`by=${by}&from=${iso(from)}&to=${iso(to)}`)
      expectRecomputed(past.body, rows, { from, to, now: t.clock.now })
      const recent = await board(`by=${by}`)
      expect(recent.body.to).toBe(iso(t.clock.now))
      // Without `to` the period runs up to and including now.
      expectRecomputed(recent.body, rows, { from: Date.parse(recent.body.from), to: t.clock.now + 1, now: t.clock.now })
    }
  })

  test('units with no work have their row: ratios and medians null, counts 0', async () => {
    const { body } = await board(`by=township&from=${iso(FROM())}&to=${iso(TO())}`)
    const idle = body.rows.find((r: Answer['rows'][number]) => r.unit.code === '330329102')
    expect(idle.unit.name.length).toBeGreaterThan(1)
    expect(idle.values).toEqual({
      signRate: null, onTimeRate: null, overdueCount: 0, supervisedCount: 0, callbackSatisfaction: null, redoRate: null, whistleMedianAckMinutes: null,
    })
    for (const id of SCOREBOARD_METRIC_IDS) expect(idle.counts[id]).toEqual({ numerator: 0, denominator: 0 })
  })
})

describe('who sees which rows', () => {
  test('leaders, county walls and administrators see every row; a township its row; a department its own', async () => {
    const period = `from=${iso(FROM())}&to=${iso(TO())}`
    const all = (await board(`by=township&${period}`)).body
    const wall = await t.token('wall')
    expect((await board(`by=department&${period}`, wall)).body.rows).toHaveLength(17)
    const cookie = await t.adminSession('board-admin', 'board-password-1')
    const admin = await t.json(`/api/scoreboard?by=township&${period}`, { headers: { Cookie: cookie } }, null)
    expect(admin.body.rows).toHaveLength(19)

    for (const token of [await t.token('township', { township: LUOYANG }), await t.token('wall', { township: LUOYANG })]) {
      const own = await board(`by=township&${period}`, token)
      expect(own.status).toBe(200)
      expect(own.body.rows).toEqual(all.rows.filter((r: Answer['rows'][number]) => r.unit.code === LUOYANG))
      expect((await board(period, token)).body.rows.map((r: Answer['rows'][number]) => r.unit.code)).toEqual([LUOYANG])
      const other = await board(`by=department&${period}`, token)
      expect(other.status).toBe(403)
      expect(other.body.error.message).toContain('by=township')
    }

    const market = await t.token('department', { department: 'market' })
    const departments = (await board(`by=department&${period}`)).body.rows
    const mine = await board(period, market)
    expect(mine.body.by).toBe('department')
    expect(mine.body.rows).toEqual(departments.filter((r: Answer['rows'][number]) => r.unit.code === 'market'))
    const townshipRows = await board(`by=township&${period}`, market)
    expect(townshipRows.status).toBe(403)
    expect(townshipRows.body.error.message).toContain('by=department')

    expect((await board('by=township', await t.token('grid', { township: LUOYANG, grids: [GRIDS.luoyangA] }))).status).toBe(403)
    expect((await board('by=township', null)).status).toBe(401)
  })
})

test('bad input is refused, naming what to send', async () => {
  const unknownBy = await board('by=village')
  expect(unknownBy.status).toBe(422)
  expect(unknownBy.body.error.message).toContain('by=township or by=department')
  expect((await board('by=township&from=yesterday')).status).toBe(400)
  const backwards = await board(`by=township&from=${iso(t.clock.now)}&to=${iso(t.clock.now - DAY)}`)
  expect(backwards.status).toBe(400)
  expect(backwards.body.error.code).toBe('invalid_range')
  expect((await board(`by=township&from=${iso(t.clock.now + DAY)}`)).body.error.code).toBe('invalid_range')
})

describe('the township choropleth of the scoreboard\'s figures', () => {
  test('each scoreboard-only id at level=township: the scoreboard\'s value for every township', async () => {
    const period = `from=${iso(FROM())}&to=${iso(TO())}`
    const { body: scores } = await board(`by=township&${period}`)
    expect(TOWNSHIP_CHOROPLETH_METRIC_IDS.length).toBeGreaterThan(0)
    for (const metric of TOWNSHIP_CHOROPLETH_METRIC_IDS) {
      const { status, body } = await t.json(`/api/metrics/choropleth?level=township&metric=${metric}&${period}`)
      expect(status).toBe(200)
      expect(body).toEqual({
        level: 'township', metric, from: iso(FROM()), to: iso(TO()),
        values: Object.fromEntries(scores.rows.map((r: Answer['rows'][number]) => [r.unit.code, r.values[metric]])),
      })
    }
  })

  test('refused at the grid level, with a drawn area or incident filters, and outside the county view', async () => {
    const grid = await t.json(`/api/metrics/choropleth?level=grid&metric=signRate&township=${LUOYANG}`)
    expect(grid.status).toBe(422)
    expect(grid.body.error.message).toContain('level=township')
    const filtered = await t.json('/api/metrics/choropleth?level=township&metric=signRate&category=environment')
    expect(filtered.status).toBe(422)
    expect(filtered.body.error.message).toContain('category')
    const unknown = await t.json('/api/metrics/choropleth?level=township&metric=nonsense')
    expect(unknown.status).toBe(422)
    expect(unknown.body.error.message).toContain('signRate')
    expect((await t.json('/api/metrics/choropleth?level=township&metric=signRate', {}, await t.token('township', { township: LUOYANG }))).status).toBe(403)
  })

  test('the reference lists the scoreboard\'s metrics and which ids the township choropleth takes', async () => {
    const { body } = await t.json('/api/reference', {}, null)
    expect(body.scoreboard.metrics.map((m: { id: string }) => m.id)).toEqual([...SCOREBOARD_METRIC_IDS])
    expect(body.scoreboard.metrics).toEqual(JSON.parse(JSON.stringify(SCOREBOARD_METRICS)))
    expect(body.scoreboard.townshipChoropleth).toEqual([...TOWNSHIP_CHOROPLETH_METRIC_IDS])
  })
})

test('the demo preset: every township and department present, every value in range and equal to the rows\' figures', async () => {
  const demo = await testApp()
  try {
    await seedStore(demo.store, { preset: 'demo', now: demo.clock.now, incidents: 3000 })
    const rows = await rawRows(demo.store)
    const from = demo.clock.now - 90 * DAY
    for (const by of ['township', 'department'] as const) {
      const { status, body } = await demo.json(`/api/scoreboard?by=${by}&from=${iso(from)}`)
      expect(status).toBe(200)
      expect(body.rows).toHaveLength(by === 'township' ? 19 : 17)
      for (const row of body.rows as Answer['rows']) {
        for (const m of SCOREBOARD_METRICS) {
          const v = row.values[m.id]
          const c = row.counts[m.id]!
          expect(c.numerator).toBeGreaterThanOrEqual(0)
          if (m.unit !== 'minutes') expect(c.numerator).toBeLessThanOrEqual(c.denominator)
          if (v === null || v === undefined) continue
          if (m.unit === 'ratio') expect(v >= 0 && v <= 1, `${row.unit.code} ${m.id} ${v}`).toBe(true)
          else expect(v, `${row.unit.code} ${m.id}`).toBeGreaterThanOrEqual(0)
        }
      }
      // The demo's history gives the county real figures: signed, resolved and whistled work somewhere.
      for (const id of ['signRate', 'onTimeRate', 'whistleMedianAckMinutes'] as const) {
        expect(body.rows.some((r: Answer['rows'][number]) => r.values[id] !== null), `${by} ${id}`).toBe(true)
      }
      expectRecomputed(body, rows, { from, to: demo.clock.now + 1, now: demo.clock.now })
    }
  } finally {
    await demo.close()
  }
})
