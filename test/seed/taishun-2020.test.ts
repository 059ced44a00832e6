// The taishun-2020 preset reproduces the article's table exactly where it holds counts (domain/article-figures.ts).
import { beforeAll, describe, expect, it } from 'vitest'
import { monthlyReportPlan } from '../../domain/article-figures'
import { STATIONED_DOMAINS, STATIONED_DOMAIN_IDS } from '../../domain/departments'
import { OPEN_DISPUTE_STATUSES } from '../../domain/dispute'
import { OPEN_INCIDENT_STATUSES } from '../../domain/incident'
import { TAISHUN_2020_PERIOD } from '../../api/seed/presets/taishun-2020'
import type { Db } from '../../api/store/db'
import { count, seeded } from './helpers'

const { from, to } = TAISHUN_2020_PERIOD
const NANPUXI = '330329111'
const STATIONED_DEPARTMENTS: ReadonlySet<string> = new Set(STATIONED_DOMAINS.map((d) => d.department))
let db: Db
beforeAll(() => { db = seeded({ preset: 'taishun-2020' }) })

const inList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ')

describe('taishun-2020 preset', () => {
  it('covers July–November 2020 in Asia/Shanghai', () => {
    expect(new Date(from).toISOString()).toBe('2020-06-30T16:00:00.000Z')
    expect(new Date(to).toISOString()).toBe('2020-11-30T16:00:00.000Z')
    expect(count(db, 'SELECT count(*) FROM incidents WHERE reported_at < ? OR reported_at >= ?', from, to)).toBe(0)
  })

  it('has 18,356 grid reports split by month as monthlyReportPlan(), November ÷ July = 2.65', () => {
    expect(count(db, 'SELECT count(*) FROM incidents')).toBe(18356)
    const months = db.prepare(`SELECT strftime('%Y-%m', reported_at / 1000 + 28800, 'unixepoch') AS month, count(*) AS reports
      FROM incidents GROUP BY month ORDER BY month`).all()
    expect(months).toEqual(monthlyReportPlan())
    const [jul, nov] = [(months[0] as { reports: number }).reports, (months[4] as { reports: number }).reports]
    expect(Math.round((nov / jul) * 100) / 100).toBe(2.65)
  })

  it('is closed history: nothing open, every whistle rated, every warning cleared', () => {
    expect(count(db, `SELECT count(*) FROM incidents WHERE status IN (${inList(OPEN_INCIDENT_STATUSES)}) OR status = 'resolved'`)).toBe(0)
    expect(count(db, `SELECT count(*) FROM disputes WHERE status IN (${inList([...OPEN_DISPUTE_STATUSES, 'failed'])})`)).toBe(0)
    expect(count(db, "SELECT count(*) FROM whistles WHERE status != 'rated'")).toBe(0)
    expect(count(db, 'SELECT count(*) FROM site_warnings WHERE cleared_at IS NULL')).toBe(0)
  })

  it('has 287 stationed staff in every township for each of the five domains', () => {
    expect(count(db, 'SELECT sum(staff) FROM stationed_staff')).toBe(287)
    expect(count(db, 'SELECT count(DISTINCT township) FROM stationed_staff')).toBe(19)
    expect(db.prepare('SELECT DISTINCT domain FROM stationed_staff ORDER BY domain').pluck().all()).toEqual([...STATIONED_DOMAIN_IDS].sort())
    expect(count(db, 'SELECT min(staff) FROM stationed_staff')).toBeGreaterThanOrEqual(1)
  })

  it('gives 南浦溪镇 26 joint enforcement calls on illegal building and 130 livelihood calls since July', () => {
    const kinds = db.prepare('SELECT kind, count(*) AS n FROM whistles WHERE township = ? AND whistled_at >= ? GROUP BY kind ORDER BY kind').all(NANPUXI, from)
    expect(kinds).toEqual([{ kind: 'joint-enforcement', n: 26 }, { kind: 'livelihood', n: 130 }])
    const livelihoodDepartments = db.prepare("SELECT DISTINCT department FROM whistles WHERE township = ? AND kind = 'livelihood'").pluck().all(NANPUXI) as string[]
    expect(livelihoodDepartments.every((d) => STATIONED_DEPARTMENTS.has(d))).toBe(true)
    expect(count(db, "SELECT count(*) FROM whistles WHERE township = ? AND kind = 'joint-enforcement' AND reason NOT LIKE '%违%'", NANPUXI)).toBe(0)
    expect(count(db, 'SELECT count(*) FROM whistles WHERE township != ?', NANPUXI)).toBeGreaterThan(200)
  })

  it('has 21 flexible posts in 12 townships, among them 罗阳镇, 泗溪镇 and 雅阳镇', () => {
    expect(count(db, 'SELECT sum(posts) FROM flexible_posts')).toBe(21)
    expect(count(db, 'SELECT count(*) FROM flexible_posts WHERE posts > 0')).toBe(12)
    expect(count(db, "SELECT count(*) FROM flexible_posts WHERE township IN ('330329100', '330329104', '330329106')")).toBe(3)
  })

  it('handles exactly 90 % of the period\'s penalty inspections (and of all its inspections) on mobile', () => {
    const share = (where: string) => db.prepare(`SELECT count(*) AS n, sum(mobile) AS m FROM inspections WHERE at >= ? AND at < ? ${where}`).get(from, to) as { n: number; m: number }
    const penalties = share("AND result = 'penalty'")
    expect(penalties.n).toBeGreaterThan(0)
    expect(penalties.m / penalties.n).toBe(0.9)
    const all = share('')
    expect(all.m / all.n).toBe(0.9)
  })

  it('stores the article\'s other figures as indicators for the county and the period', () => {
    const rows = db.prepare('SELECT id, value FROM indicators WHERE scope = ? AND period_from = ? AND period_to = ? AND source = ?')
      .all('330329', from, to, 'article') as { id: string; value: number }[]
    expect(Object.fromEntries(rows.map((r) => [r.id, r.value]))).toEqual({
      cadreMattersOnline: 447, onlineApplicationRate: 0.8, mobilePenaltyRate: 0.9,
      disputeCentreStaff: 39, disputeCentrePlatforms: 10, disputeCentreRotatingUnits: 13,
      gentryMediators: 400, gentryKeyProjects: 32, projectsBroughtBack: 47, hqsReturned: 60,
      stationedAdjustments: 20, stationedMovedForPoorWork: 2, flexiblePostsMovedDown: 3,
    })
    expect(count(db, 'SELECT count(*) FROM indicators')).toBe(rows.length)
  })

  it('records the preset in meta', () => {
    const meta = Object.fromEntries((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]))
    expect(meta).toMatchObject({ preset: 'taishun-2020', period_from: String(from), period_to: String(to) })
    expect(meta.synthetic).toMatch(/模拟数据/)
  })
})
