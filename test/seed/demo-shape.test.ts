// The demo preset looks like a year of a county's work and agrees with its own clock.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { booleanPointInPolygon } from '@turf/turf'
import type { Feature, FeatureCollection, Polygon } from 'geojson'
import { beforeAll, describe, expect, it } from 'vitest'
import { SITE_CATEGORY_IDS, SITE_GRADE_IDS, siteInspectionDue } from '../../domain/sites'
import type { SiteGrade } from '../../domain/sites'
import { WHISTLE_KIND_IDS } from '../../domain/whistle'
import { HOT_SPOTS } from '../../api/seed/grid-sampler'
import { demoIncidentMonths } from '../../api/seed/presets/demo'
import type { Db } from '../../api/store/db'
import { NOW, count, seeded } from './helpers'

const DAY = 86_400_000
const geo = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'geodata', `${name}.geojson`), 'utf8')) as FeatureCollection<Polygon, { id: string; township?: string }>
let db: Db
beforeAll(() => { db = seeded({ preset: 'demo', incidents: 20000 }) })

const monthly = (table: string, column: string) => (db.prepare(`SELECT strftime('%Y-%m', ${column} / 1000 + 28800, 'unixepoch') AS m, count(*) AS n
  FROM ${table} GROUP BY m ORDER BY m`).all() as { m: string; n: number }[]).map((r) => r.n)

describe('demo volumes', () => {
  it('ramp from about 2,000 to about 6,000 incidents a month, fast at first and then flattening', () => {
    const months = demoIncidentMonths(NOW).map((m) => m.count)
    expect(months).toHaveLength(12)
    expect(months[0]).toBeGreaterThanOrEqual(1800)
    expect(months[0]).toBeLessThanOrEqual(2200)
    expect(months[10]).toBeGreaterThanOrEqual(5500)
    expect(months[10]).toBeLessThanOrEqual(6500)
    const growth = months.slice(1, 11).map((n, i) => n / (months[i] ?? 1) - 1)
    expect(growth[0]).toBeGreaterThan(0.2)
    expect(growth[0]).toBeLessThan(0.3)
    growth.slice(1).forEach((g, i) => expect(g).toBeLessThan(growth[i] ?? 1))
    const total = months.reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThan(45000)
    expect(total).toBeLessThan(55000)
  })

  it('a smaller total keeps the same monthly shape', () => {
    expect(count(db, 'SELECT count(*) FROM incidents')).toBe(20000)
    expect(monthly('incidents', 'reported_at')).toEqual(demoIncidentMonths(NOW, 20000).map((m) => m.count))
  })

  it('peaks in the daytime and on working days', () => {
    const daytime = count(db, "SELECT avg(CAST(strftime('%H', reported_at / 1000 + 28800, 'unixepoch') AS INTEGER) BETWEEN 8 AND 17) FROM incidents")
    expect(daytime).toBeGreaterThan(0.7)
    const perDay = (days: string) => count(db, `SELECT count(*) * 1.0 / count(DISTINCT reported_at / ${DAY}) FROM incidents
      WHERE strftime('%w', reported_at / 1000 + 28800, 'unixepoch') IN (${days})`)
    expect(perDay("'0', '6'")).toBeLessThan(perDay("'1', '2', '3', '4', '5'") * 0.85)
  })

  it('falls on grids by households, denser in the hot spots', () => {
    const grids = geo('grids').features as Feature<Polygon, { id: string; village: string; households: number }>[]
    const households = (keep: (v: string) => boolean) => grids.filter((g) => keep(g.properties.village)).reduce((s, g) => s + g.properties.households, 0)
    const hot = [...HOT_SPOTS.keys()]
    const hotRate = count(db, `SELECT count(*) FROM incidents WHERE village IN (${hot.map((v) => `'${v}'`).join(', ')})`) / households((v) => hot.includes(v))
    const rate = 20000 / households(() => true)
    expect(hotRate).toBeGreaterThan(1.4 * rate)
  })

  it('puts every incident inside the grid it is filed under (a sample of 500)', () => {
    const byId = new Map(geo('grids').features.map((f) => [f.properties.id, f]))
    const rows = db.prepare('SELECT lng, lat, grid, village, township FROM incidents WHERE id % 40 = 0').all() as { lng: number; lat: number; grid: string; village: string; township: string }[]
    expect(rows).toHaveLength(500)
    for (const r of rows) {
      const grid = byId.get(r.grid)
      expect(grid && booleanPointInPolygon([r.lng, r.lat], grid), `${r.grid} [${r.lng}, ${r.lat}]`).toBe(true)
      expect(r.grid.startsWith(r.village) && r.village.startsWith(r.township)).toBe(true)
    }
  })

  it('has 100–300 disputes and 50–150 whistle calls in every whole month', () => {
    const within = (ns: number[], lo: number, hi: number) => ns.every((n) => n >= lo && n <= hi)
    expect(within(monthly('disputes', 'accepted_at').slice(0, 11), 100, 300)).toBe(true)
    expect(within(monthly('whistles', 'whistled_at').slice(0, 11), 50, 150)).toBe(true)
  })
})

describe('demo mixes', () => {
  it('severity is about 75 / 20 / 5 % and patrols report most', () => {
    const share = (sql: string) => count(db, `SELECT avg(${sql}) FROM incidents`)
    expect(share("severity = 'normal'")).toBeGreaterThan(0.7)
    expect(share("severity = 'normal'")).toBeLessThan(0.8)
    expect(share("severity = 'urgent'")).toBeGreaterThan(0.15)
    expect(share("severity = 'critical'")).toBeGreaterThan(0.03)
    expect(share("severity = 'critical'")).toBeLessThan(0.07)
    const sources = db.prepare('SELECT source FROM incidents GROUP BY source ORDER BY count(*) DESC').pluck().all()
    expect(sources[0]).toBe('patrol')
    expect(sources).toHaveLength(5)
  })

  it('off-list pushes come mostly from departments and are mostly returned, and fall over the year', () => {
    const off = db.prepare("SELECT avg(source = 'department') AS dept, avg(status = 'returned') AS returned FROM incidents WHERE on_list = 0").get() as { dept: number; returned: number }
    expect(off.dept).toBeGreaterThan(0.7)
    expect(off.returned).toBeGreaterThan(0.8)
    expect(count(db, 'SELECT count(*) FROM incidents WHERE on_list = 0 AND status = ? AND returned_at IS NULL', 'returned')).toBe(0)
    const byMonth = (db.prepare(`SELECT avg(on_list = 0) FROM incidents GROUP BY strftime('%Y-%m', reported_at / 1000 + 28800, 'unixepoch') ORDER BY 1`).pluck().all() as number[])
    expect(byMonth.at(-1)).toBeGreaterThan(1.5 * (byMonth[0] ?? 1))
  })

  it('disputes funnel: mostly settled in the village, few at the county', () => {
    const levels = Object.fromEntries((db.prepare('SELECT level, count(*) AS n FROM disputes GROUP BY level').all() as { level: string; n: number }[]).map((r) => [r.level, r.n]))
    const total = (levels.village ?? 0) + (levels.township ?? 0) + (levels.county ?? 0)
    expect((levels.village ?? 0) / total).toBeGreaterThan(0.6)
    expect((levels.county ?? 0) / total).toBeLessThan(0.1)
    expect(count(db, 'SELECT count(DISTINCT method) FROM disputes')).toBe(4)
    expect(count(db, 'SELECT count(DISTINCT mediator) FROM disputes')).toBe(4)
    expect(count(db, "SELECT avg(risk = 'high') FROM disputes")).toBeLessThan(0.1)
    for (const p of db.prepare('SELECT parties FROM disputes LIMIT 50').pluck().all() as string[]) {
      const parties = JSON.parse(p) as { name: string; phone: string }[]
      expect(parties.length).toBeGreaterThanOrEqual(2)
      expect(parties.every((x) => /^1\d{10}$/.test(x.phone) && x.name.length >= 2)).toBe(true)
    }
  })

  it('whistles: most acknowledged within 30 minutes, ratings mostly 4–5, every kind', () => {
    expect(count(db, 'SELECT avg(acknowledged_at - whistled_at <= 1800000) FROM whistles WHERE acknowledged_at IS NOT NULL')).toBeGreaterThan(0.8)
    expect(count(db, 'SELECT avg(rating >= 4) FROM whistles WHERE rating IS NOT NULL')).toBeGreaterThan(0.7)
    expect(count(db, 'SELECT count(*) FROM whistles WHERE rating NOT BETWEEN 1 AND 5')).toBe(0)
    expect(count(db, 'SELECT count(DISTINCT kind) FROM whistles')).toBe(WHISTLE_KIND_IDS.length)
  })
})

describe('demo sites', () => {
  it('about 600 sites in all five categories and four grades, few red and more blue', () => {
    expect(count(db, 'SELECT count(*) FROM sites')).toBe(600)
    expect(db.prepare('SELECT DISTINCT category FROM sites ORDER BY 1').pluck().all()).toEqual([...SITE_CATEGORY_IDS].sort())
    expect(db.prepare('SELECT DISTINCT grade FROM sites ORDER BY 1').pluck().all()).toEqual([...SITE_GRADE_IDS].sort())
    expect(count(db, "SELECT count(*) FROM sites WHERE grade = 'red'")).toBeLessThan(count(db, "SELECT count(*) FROM sites WHERE grade = 'blue'") / 4)
  })

  it('5–10 % overdue for inspection, 20–40 open warnings, about 90 % of inspections on mobile', () => {
    const overdue = count(db, 'SELECT count(*) FROM sites WHERE next_inspection_due < ?', NOW) / 600
    expect(overdue).toBeGreaterThanOrEqual(0.05)
    expect(overdue).toBeLessThanOrEqual(0.1)
    const open = count(db, 'SELECT count(*) FROM site_warnings WHERE cleared_at IS NULL')
    expect(open).toBeGreaterThanOrEqual(20)
    expect(open).toBeLessThanOrEqual(40)
    const mobile = count(db, 'SELECT avg(mobile) FROM inspections')
    expect(mobile).toBeGreaterThan(0.85)
    expect(mobile).toBeLessThan(0.95)
    expect(db.prepare('SELECT DISTINCT result FROM inspections ORDER BY 1').pluck().all()).toEqual(['pass', 'penalty', 'rectify'])
  })

  it('each site\'s last inspection and due date follow from its inspections', () => {
    const rows = db.prepare(`SELECT s.grade, s.registered_at AS reg, s.last_inspection_at AS last, s.next_inspection_due AS due,
      (SELECT max(at) FROM inspections i WHERE i.site_id = s.id) AS latest FROM sites s`).all() as { grade: SiteGrade; reg: number; last: number | null; due: number; latest: number | null }[]
    for (const r of rows) {
      expect(r.last).toBe(r.latest)
      expect(r.due).toBe(siteInspectionDue({ grade: r.grade, lastInspectionAt: r.last, registeredAt: r.reg }))
    }
  })
})

describe('demo reference records', () => {
  it('287 stationed staff, 21 flexible posts in 12 townships, service points inside their areas', () => {
    expect(count(db, 'SELECT sum(staff) FROM stationed_staff')).toBe(287)
    expect(count(db, 'SELECT sum(posts) FROM flexible_posts')).toBe(21)
    expect(count(db, 'SELECT count(*) FROM flexible_posts')).toBe(12)
    const kinds = Object.fromEntries((db.prepare('SELECT kind, count(*) AS n FROM service_points GROUP BY kind').all() as { kind: string; n: number }[]).map((r) => [r.kind, r.n]))
    expect(kinds).toMatchObject({ 'party-centre': 19, 'village-centre': 289 })
    expect(kinds['agency-point']).toBeGreaterThan(19)
    expect(kinds['self-service']).toBeGreaterThan(19)
    const areas = new Map([...geo('townships').features, ...geo('villages').features].map((f) => [f.properties.id, f]))
    for (const p of db.prepare('SELECT lng, lat, township, village FROM service_points').all() as { lng: number; lat: number; township: string; village: string | null }[]) {
      const area = areas.get(p.village ?? p.township)
      expect(area && booleanPointInPolygon([p.lng, p.lat], area), `${p.village ?? p.township}`).toBe(true)
    }
  })
})
