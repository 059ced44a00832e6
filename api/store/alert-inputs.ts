// What the warning rules (domain/alerts/) read to judge: counts of incidents by grid and category over windows,
// overdue work, whistle calls left unanswered, supervised sites, recent reports and disputes. Read-only, written once
// for both engines; the services/alerts/ modules turn the rows into the rules' inputs.
import { OPEN_DISPUTE_STATUSES } from '../../domain/dispute'
import { OPEN_INCIDENT_STATUSES } from '../../domain/incident'
import { WHISTLE_SLA } from '../../domain/whistle'
import { inList, OVERDUE_SQL } from './rule-sql'
import type { Sql } from './sql'

export interface WindowCount { township: string; grid: string; category: string; count: number }
/** Reports of one grid and category in each of a list of windows (b0 = the first window). */
export type WindowSeries = { township: string; grid: string; category: string } & Record<`b${number}`, number>
/** Reports of one township and category in a list of windows together, every grid of it. */
export interface WindowTotal { township: string; category: string; total: number | string }
interface Window { from: number; to: number }

/** The bounds of a list of windows as parameters: @lo and @hi around them all, @f0/@t0 … each. */
function windowParams(windows: readonly Window[], categories: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {
    lo: Math.min(...windows.map((w) => w.from)), hi: Math.max(...windows.map((w) => w.to)), categories: JSON.stringify(categories),
  }
  windows.forEach((w, i) => { params[`f${i}`] = w.from; params[`t${i}`] = w.to })
  return params
}
/** One count per window, b0 … (the columns windowParams' parameters bound). */
const windowSums = (windows: readonly Window[]) =>
  windows.map((_, i) => `sum(CASE WHEN reported_at >= @f${i} AND reported_at < @t${i} THEN 1 ELSE 0 END) AS b${i}`).join(', ')

export interface OverdueRow { id: number; township: string; grid: string }
export interface TownshipLoad { township: string; open: number; overdue: number }
export interface WhistleCallRow {
  id: number; township: string; department: string; urgent: number; whistledAt: number; acknowledgedAt: number | null
}
export interface SiteClockRow {
  id: number; name: string; grade: string; township: string; grid: string; lng: number; lat: number
  registeredAt: number; lastInspectionAt: number | null; nextInspectionDue: number
}
export interface OpenWarningRow { id: number; siteId: number; raisedAt: number; kind: string; grade: string; name: string; township: string; grid: string; lng: number; lat: number }
export interface PlacedRow { id: number; category: string; township: string; grid: string; lng: number; lat: number; at: number }
export interface DisputeRow {
  id: number; level: string; risk: string; status: string; township: string; grid: string; lng: number; lat: number
  acceptedAt: number; parties: string
}

export function alertInputQueries(db: Sql) {
  /** `AND grid IN (…)`, or nothing: an incremental evaluation looks at the grids just written to only. */
  const grids = (list: readonly string[] | undefined, params: Record<string, unknown>) => {
    if (list === undefined) return ''
    params.grids = JSON.stringify(list)
    return ` AND ${db.dialect.inJsonArray('grid', 'grids')}`
  }
  return {
    /** Reports per township, grid and category in [from, to), the pairs with at least `min` only. */
    windowCounts(from: number, to: number, min: number, only?: readonly string[]): Promise<WindowCount[]> {
      const params: Record<string, unknown> = { from, to, min }
      return db.all<WindowCount>(`SELECT township, grid, category, count(*) AS count FROM incidents
        WHERE reported_at >= @from AND reported_at < @to${grids(only, params)}
        GROUP BY township, grid, category HAVING count(*) >= @min`, params)
    },
    /**
     * Reports per grid and category in each window (b0, b1 …), for the grids and categories named (the grids a
     * spike could be raised in) and their townships: the township keeps the read on the covering (township,
     * category, reported_at, grid) index, the grid list keeps a busy township's other grids out of the grouping.
     */
    windowSeries(windows: readonly Window[], townships: readonly string[], gridList: readonly string[], categories: readonly string[]): Promise<WindowSeries[]> {
      if (windows.length === 0 || gridList.length === 0 || categories.length === 0) return Promise.resolve([])
      const params = windowParams(windows, categories)
      params.townships = JSON.stringify(townships)
      return db.all<WindowSeries>(`SELECT township, grid, category, ${windowSums(windows)} FROM incidents
        WHERE reported_at >= @lo AND reported_at < @hi AND ${db.dialect.inJsonArray('township', 'townships')}
          AND ${db.dialect.inJsonArray('category', 'categories')}${grids(gridList, params)}
        GROUP BY township, grid, category`, params)
    },
    /**
     * Reports of each township named and category in all the windows together, every grid of the township (the
     * spike's prior is a township's mean per grid). One range count per window, so the (township, category,
     * reported_at) index is walked only inside the windows and nothing is grouped by grid: at 1M incidents the
     * county seat's eight baseline weeks took ~100 ms grouped by grid with a sum per window, ~30 ms this way.
     */
    townshipWindowTotals(windows: readonly Window[], townships: readonly string[], categories: readonly string[]): Promise<WindowTotal[]> {
      if (windows.length === 0 || townships.length === 0 || categories.length === 0) return Promise.resolve([])
      const params = windowParams(windows, categories)
      params.townships = JSON.stringify(townships)
      const counts = windows.map((_, i) => `SELECT township, category, count(*) AS n FROM incidents
        WHERE reported_at >= @f${i} AND reported_at < @t${i} AND ${db.dialect.inJsonArray('township', 'townships')}
          AND ${db.dialect.inJsonArray('category', 'categories')} GROUP BY township, category`)
      return db.all<WindowTotal>(`SELECT township, category, sum(n) AS total FROM (${counts.join(' UNION ALL ')}) per_window
        GROUP BY township, category`, params)
    },
    /** The ids of one grid's reports of one category in [from, to), newest first. */
    reportIds: async (grid: string, category: string, from: number, to: number, limit: number) =>
      (await db.all<{ id: number }>(`SELECT id FROM incidents WHERE grid = ? AND category = ? AND reported_at >= ? AND reported_at < ?
        ORDER BY reported_at DESC, id DESC LIMIT ${Math.trunc(limit)}`, [grid, category, from, to])).map((r) => r.id),

    /** Every incident open and past its deadline at `now`. */
    overdue: (now: number) =>
      db.all<OverdueRow>(`SELECT id, township, grid FROM incidents WHERE ${OVERDUE_SQL} ORDER BY id`, { now }),
    /** Open and overdue incidents per township at `now`. */
    townshipLoad: (now: number) =>
      db.all<TownshipLoad>(`SELECT township, count(*) AS open, sum(CASE WHEN ${OVERDUE_SQL} THEN 1 ELSE 0 END) AS overdue
        FROM incidents WHERE ${inList('status', OPEN_INCIDENT_STATUSES)} GROUP BY township`, { now }),

    /**
     * Calls made by `now` and not signed for by then whose limit has passed, and every call of the week before `now`.
     * As of `now` (a signature after it does not count yet), so the backtest can replay the rule at past instants.
     */
    whistleCalls: (now: number, weekAgo: number) =>
      db.all<WhistleCallRow>(`SELECT id, township, department, urgent, whistled_at AS whistledAt, acknowledged_at AS acknowledgedAt
        FROM whistles WHERE whistled_at <= @now AND (whistled_at < @late AND (acknowledged_at IS NULL AND status = 'whistled' OR acknowledged_at > @now)
          OR whistled_at >= @weekAgo) ORDER BY id`,
      { now, late: now - WHISTLE_SLA.acknowledgeMs, weekAgo }),

    /** Sites of these grades whose next inspection fell due before `now`. */
    lapsedSites: (now: number, grades: readonly string[]) =>
      db.all<SiteClockRow>(`SELECT id, name, grade, township, grid, lng, lat, registered_at AS registeredAt,
        last_inspection_at AS lastInspectionAt, next_inspection_due AS nextInspectionDue
        FROM sites WHERE ${inList('grade', grades)} AND next_inspection_due < ? ORDER BY id`, [now]),
    /** Site warnings not cleared, raised before `before`. */
    openWarnings: (before: number) =>
      db.all<OpenWarningRow>(`SELECT w.id, w.site_id AS siteId, w.raised_at AS raisedAt, w.kind, s.grade, s.name, s.township, s.grid, s.lng, s.lat
        FROM site_warnings w JOIN sites s ON s.id = w.site_id WHERE w.cleared_at IS NULL AND w.raised_at < ? ORDER BY w.id`, [before]),

    /**
     * Reports of [from, to) with their points, less those in a case (一件事) at `to`: the repeat-place rule clusters
     * them, and a merged matter is no longer a candidate. A case as it stood then: merged before `to`, not yet undone.
     */
    placedReports: (from: number, to: number) =>
      db.all<PlacedRow>(`SELECT id, category, township, grid, lng, lat, reported_at AS at FROM incidents
        WHERE reported_at >= @from AND reported_at < @to AND NOT EXISTS (SELECT 1 FROM case_members m
          WHERE m.incident_id = incidents.id AND m.merged_at < @to AND (m.undone_at IS NULL OR m.undone_at >= @to))
        ORDER BY reported_at, id`, { from, to }),

    /** Disputes accepted since `from` or still open, with their parties (JSON text, personal data). */
    disputes: (from: number) =>
      db.all<DisputeRow>(`SELECT id, level, risk, status, township, grid, lng, lat, accepted_at AS acceptedAt, parties FROM disputes
        WHERE accepted_at >= ? OR ${inList('status', OPEN_DISPUTE_STATUSES)} ORDER BY id`, [from]),
  }
}
export type AlertInputQueries = ReturnType<typeof alertInputQueries>
