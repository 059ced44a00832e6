// SQL behind the incident vector tiles: the incidents of one tile's box either as points or aggregated into a
// lattice of cells, each with its count and status mix. The aggregation runs in the database (GROUP BY over the
// (lng, lat) or time index), so a county-wide tile at a million incidents never brings a million rows into JS.
import type { IncidentFilter } from './incidents'
import { incidentWhere } from './incidents'
import { OPEN_INCIDENTS_SQL, OVERDUE_SQL } from './rule-sql'
import type { Sql } from './sql'
import { sql } from './where'

/** 0 closed, 1 open, 2 overdue: the status group the map colours by (web/src/map/bind-records.ts statusGroup). */
const GROUP_SQL = `CASE WHEN ${OVERDUE_SQL} THEN 2 WHEN ${OPEN_INCIDENTS_SQL} THEN 1 ELSE 0 END`

export interface TilePointRow { id: number; lng: number; lat: number; status: string; severity: string; category: string; g: number }

export interface TileCellRow {
  cx: number; cy: number
  n: number
  /** Mean position of the cell's incidents: where its disc is drawn. */
  lng: number; lat: number
  open: number; overdue: number
  /** Any one incident of the cell; a cell of one is drawn as that incident's point. */
  id: number
}

export interface LevelCellRow { cx: number; cy: number; n: number; sumLng: number; sumLat: number; open: number; overdue: number; id: number }

/** An n×n lattice over [minLng, maxLng] × [minLat, maxLat]; cell (0, 0) is the north-west corner. */
export interface Lattice { minLng: number; maxLng: number; minLat: number; maxLat: number; n: number }

// Cell indexes are floor()ed, not CAST: CAST truncates in SQLite and rounds in PostgreSQL (the same for the
// non-negative offsets here only with floor).
const cellIndex = (offset: string, max?: string) => {
  const i = `CAST(floor(${offset}) AS INTEGER)`
  return max ? `CASE WHEN ${i} > ${max} THEN ${max} ELSE ${i} END` : i
}

export function incidentTileQueries(db: Sql) {
  const withNow = (f: IncidentFilter, now: number) => {
    const w = incidentWhere(f)
    w.params.now = now
    return w
  }
  const POINT = `SELECT id, lng, lat, status, severity, category, ${GROUP_SQL} AS g FROM incidents`
  return {
    async count(f: IncidentFilter, now: number): Promise<number> {
      const w = withNow(f, now)
      return (await db.get<{ n: number }>(`SELECT count(*) AS n FROM incidents ${sql(w)}`, w.params))!.n
    },
    points(f: IncidentFilter, now: number): Promise<TilePointRow[]> {
      const w = withNow(f, now)
      return db.all<TilePointRow>(`${POINT} ${sql(w)}`, w.params)
    },
    cells(f: IncidentFilter, now: number, l: Lattice): Promise<TileCellRow[]> {
      const w = withNow(f, now)
      Object.assign(w.params, { cellLng: (l.maxLng - l.minLng) / l.n, cellLat: (l.maxLat - l.minLat) / l.n, westLng: l.minLng, northLat: l.maxLat, cellMax: l.n - 1 })
      // Latitude is treated as linear across one tile: the cells are for grouping, not for measuring.
      return db.all<TileCellRow>(`SELECT ${cellIndex('(lng - @westLng) / @cellLng', '@cellMax')} AS cx,
          ${cellIndex('(@northLat - lat) / @cellLat', '@cellMax')} AS cy, count(*) AS n, avg(lng) AS lng, avg(lat) AS lat,
          count(*) FILTER (WHERE g = 1) AS open, count(*) FILTER (WHERE g = 2) AS overdue, min(id) AS id
        FROM (SELECT id, lng, lat, ${GROUP_SQL} AS g FROM incidents ${sql(w)}) AS s GROUP BY cx, cy`, w.params)
    },
    /**
     * Incidents counted per Web-Mercator tile at zoom `level` (cx, cy are that tile's x and y): the base of the
     * cell pyramid (api/tiles/cell-pyramid.ts). One pass over the selection, whatever its size.
     */
    levelCells(f: IncidentFilter, now: number, level: number): Promise<LevelCellRow[]> {
      const w = withNow(f, now)
      w.params.worldSize = 2 ** level
      return db.all<LevelCellRow>(`SELECT ${cellIndex('(lng + 180) / 360 * @worldSize')} AS cx,
          ${cellIndex('(0.5 - ln((1 + sin(radians(lat))) / (1 - sin(radians(lat)))) / (4 * pi())) * @worldSize')} AS cy,
          count(*) AS n, sum(lng) AS sumLng, sum(lat) AS sumLat, count(*) FILTER (WHERE g = 1) AS open,
          count(*) FILTER (WHERE g = 2) AS overdue, min(id) AS id
        FROM (SELECT id, lng, lat, ${GROUP_SQL} AS g FROM incidents ${sql(w)}) AS s GROUP BY cx, cy`, w.params)
    },
    /** The drawn properties of single incidents (cells of one). */
    async byIds(ids: number[], now: number): Promise<TilePointRow[]> {
      if (ids.length === 0) return []
      return db.all<TilePointRow>(`${POINT} WHERE ${db.dialect.inJsonArray('id', 'ids', 'integer')}`, { now, ids: JSON.stringify(ids) })
    },
  }
}
export type IncidentTileQueries = ReturnType<typeof incidentTileQueries>
