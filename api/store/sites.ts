// SQL for supervised sites, their inspections and warnings. A site row carries two derived columns, its open
// warning count and its latest inspection result, read through indexed subqueries so lists need no second query.
import type { ActorFields } from './rows'
import { ACTOR_COLUMNS, insertRow, insertText, keysetPage, recordTable } from './rows'
import { siteDueAtSql } from './rule-sql'
import type { Sql } from './sql'
import type { AreaFilter, Keyset, Where } from './where'
import { addArea, addIn, addScope, where, sql as whereSql } from './where'
import type { Dialect } from './dialect'

export interface SiteRow {
  id: number
  category: string; name: string; grade: string; department: string
  lng: number; lat: number
  township: string; village: string; grid: string
  registeredAt: number; lastInspectionAt: number | null; nextInspectionDue: number
  synthetic: number
  updatedAt: number
  /** Derived: warnings not yet cleared. */
  openWarnings: number
  /** Derived: the result of the latest inspection, null if never inspected. */
  lastResult: string | null
}
/** A new row names its county as well (countyOf its township); reads leave it out while one county is stored. */
export type NewSiteRow = Omit<SiteRow, 'id' | 'openWarnings' | 'lastResult'> & { county: string }
export type SitePatch = Partial<Pick<SiteRow, 'lastInspectionAt' | 'nextInspectionDue'>>

export interface InspectionRow extends ActorFields {
  id: number; siteId: number; at: number; result: string; mobile: number; offSite: number; note: string | null
  penaltyYuan: number | null
}
/** actor*: who raised it (null for a device or rows from before); clearedBy*: who cleared it. */
export interface WarningRow extends ActorFields {
  id: number; siteId: number; raisedAt: number; clearedAt: number | null; kind: string; message: string
  clearedBy: string | null; clearedByName: string | null; clearedByRole: string | null
}

export interface SiteFilter {
  scope?: string
  /** Only records whose point lies in this area or on its edge (`within=`). */
  within?: AreaFilter
  category?: string[]
  grade?: string[]
  department?: string[]
  /** Past its next inspection due at `now`. */
  overdue?: { now: number; value: boolean }
  /** Has (true) or has no (false) open warning. */
  warning?: boolean
}

const OPEN_WARNING = 'site_warnings.site_id = sites.id AND site_warnings.cleared_at IS NULL'
const COLUMNS = `id, category, name, grade, department, lng, lat, township, village, grid, registered_at AS registeredAt,
  last_inspection_at AS lastInspectionAt, next_inspection_due AS nextInspectionDue, synthetic, updated_at AS updatedAt,
  (SELECT count(*) FROM site_warnings WHERE ${OPEN_WARNING}) AS openWarnings,
  (SELECT result FROM inspections WHERE inspections.site_id = sites.id ORDER BY at DESC, id DESC LIMIT 1) AS lastResult`
/** COLUMNS as they stood at @now: the warnings open then, the latest result by then. */
const COLUMNS_AT = COLUMNS
  .replace(`WHERE ${OPEN_WARNING})`, 'WHERE site_warnings.site_id = sites.id AND site_warnings.raised_at <= @now AND (site_warnings.cleared_at IS NULL OR site_warnings.cleared_at > @now))')
  .replace('WHERE inspections.site_id = sites.id ORDER', 'WHERE inspections.site_id = sites.id AND inspections.at <= @now ORDER')
export const INSERT_COLUMNS = ['category', 'name', 'grade', 'department', 'lng', 'lat', 'township', 'village', 'grid',
  'registered_at', 'last_inspection_at', 'next_inspection_due', 'synthetic', 'updated_at', 'county'] as const
const INSPECTION_COLUMNS = ['site_id', 'at', 'result', 'mobile', 'off_site', 'note', 'penalty_yuan', ...ACTOR_COLUMNS] as const
const ACTOR_SELECT = 'actor, actor_name AS actorName, actor_role AS actorRole'
const INSPECTION_SELECT = `SELECT id, site_id AS siteId, at, result, mobile, off_site AS offSite, note,
  penalty_yuan AS penaltyYuan, ${ACTOR_SELECT} FROM inspections`
const WARNING_SELECT = `SELECT id, site_id AS siteId, raised_at AS raisedAt, cleared_at AS clearedAt, kind, message, ${ACTOR_SELECT},
  cleared_by AS clearedBy, cleared_by_name AS clearedByName, cleared_by_role AS clearedByRole FROM site_warnings`

/** A site's detail shows this many of its latest inspections and warnings: years of history for a red site. */
export const SITE_HISTORY_LIMIT = 100

export function siteWhere(f: SiteFilter, dialect: Dialect): Where {
  const w = where()
  addScope(w, f.scope)
  addArea(w, dialect, f.within)
  addIn(w, 'category', 'cat', f.category)
  addIn(w, 'grade', 'gr', f.grade)
  addIn(w, 'department', 'dep', f.department)
  if (f.overdue) {
    w.clauses.push(f.overdue.value ? 'next_inspection_due < @now' : 'next_inspection_due >= @now')
    w.params.now = f.overdue.now
  }
  if (f.warning !== undefined) w.clauses.push(`${f.warning ? '' : 'NOT '}EXISTS (SELECT 1 FROM site_warnings WHERE ${OPEN_WARNING})`)
  return w
}

export function siteQueries(db: Sql) {
  const insertInspection = insertText('inspections', INSPECTION_COLUMNS)
  const inspectionById = `${INSPECTION_SELECT} WHERE id = ? AND site_id = ?`
  const inspectionsOf = `${INSPECTION_SELECT} WHERE site_id = ? ORDER BY at DESC, id DESC LIMIT ${SITE_HISTORY_LIMIT}`
  const insertWarning = `INSERT INTO site_warnings (site_id, raised_at, kind, message, actor, actor_name, actor_role)
    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`
  const warningById = `${WARNING_SELECT} WHERE id = ? AND site_id = ?`
  // Open warnings first, however old: they are what the detail panel is for.
  const warningsOf = `${WARNING_SELECT} WHERE site_id = ?
    ORDER BY cleared_at IS NOT NULL, raised_at DESC, id DESC LIMIT ${SITE_HISTORY_LIMIT}`
  const CLEARED = 'cleared_at = ?, cleared_by = ?, cleared_by_name = ?, cleared_by_role = ?'
  const clearWarning = `UPDATE site_warnings SET ${CLEARED} WHERE id = ? AND cleared_at IS NULL`
  const clearOpen = `UPDATE site_warnings SET ${CLEARED} WHERE site_id = ? AND cleared_at IS NULL`
  const by = (a: ActorFields) => [a.actor, a.actorName, a.actorRole]
  // The sites at @now (listAt's instant), with the sites table's column names.
  const geom = db.engine === 'postgres' ? ', s.geom' : ''
  const lastBy = `CASE WHEN coalesce(s.last_inspection_at, s.registered_at) <= @now THEN s.last_inspection_at
    ELSE (SELECT max(x.at) FROM inspections x WHERE x.site_id = s.id AND x.at <= @now) END`
  const sitesAt = `(SELECT s.id, s.category, s.name, s.grade, s.department, s.lng, s.lat, s.township, s.village, s.grid, s.registered_at,
    ${lastBy} AS last_inspection_at, ${siteDueAtSql('s')} AS next_inspection_due, s.synthetic, s.updated_at, s.county${geom}
    FROM sites s WHERE s.registered_at <= @now) AS sites`

  return {
    // Sites are registered by the seed (or a county's import): `insert` is theirs; the API has no create.
    ...recordTable<SiteRow, NewSiteRow, SiteFilter, SitePatch>(db, {
      table: 'sites', columns: COLUMNS, insertColumns: INSERT_COLUMNS,
      // Soonest inspection due first, so a truncated page keeps the most urgent sites.
      list: { where: (f) => siteWhere(f, db.dialect), key: 'next_inspection_due', order: 'ASC' },
    }),
    /**
     * The list as it stood at `asOf`, an earlier instant: the sites registered by then, each with its last
     * inspection, next due and latest result as the inspections made by then set them (overdue judged at asOf),
     * and the warnings open then. The warning filter (`warning=`) reads today's warnings.
     */
    listAt(f: SiteFilter, limit: number, after: Keyset | undefined, asOf: number): Promise<SiteRow[]> {
      const w = siteWhere(f, db.dialect)
      w.params.now = asOf
      return keysetPage<SiteRow>(db, { select: `SELECT ${COLUMNS_AT} FROM ${sitesAt}`, where: w, key: 'next_inspection_due', order: 'ASC', limit, after })
    },
    /** How many rows listAt's filter holds at `asOf`, all pages together (an export counts before it starts). */
    async countAt(f: SiteFilter, asOf: number): Promise<number> {
      const w = siteWhere(f, db.dialect)
      w.params.now = asOf
      return Number((await db.get<{ n: number | string }>(`SELECT count(*) AS n FROM ${sitesAt} ${whereSql(w)}`, w.params))!.n)
    },
    addInspection: (i: Omit<InspectionRow, 'id'>): Promise<number> => insertRow(db, insertInspection, i),
    inspection: (siteId: number, id: number) => db.get<InspectionRow>(inspectionById, [id, siteId]),
    inspections: (siteId: number) => db.all<InspectionRow>(inspectionsOf, [siteId]),
    addWarning: async (siteId: number, at: number, kind: string, message: string, actor: ActorFields): Promise<number> =>
      (await db.get<{ id: number }>(insertWarning, [siteId, at, kind, message, ...by(actor)]))!.id,
    warning: (siteId: number, id: number) => db.get<WarningRow>(warningById, [id, siteId]),
    warnings: (siteId: number) => db.all<WarningRow>(warningsOf, [siteId]),
    /** Clears one warning if it is open (a cleared one keeps its first clearing time). */
    clearWarning: async (id: number, at: number, actor: ActorFields) => (await db.run(clearWarning, [at, ...by(actor), id])) === 1,
    clearOpenWarnings: (siteId: number, at: number, actor: ActorFields): Promise<number> => db.run(clearOpen, [at, ...by(actor), siteId]),
  }
}
export type SiteQueries = ReturnType<typeof siteQueries>
