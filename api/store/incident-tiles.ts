// SQL behind the incident vector tiles: the incidents of one tile's box either as points or aggregated into a
// lattice of cells, each with its count and status mix. The aggregation runs in SQLite (GROUP BY over the
// (lng, lat) or time index), so a county-wide tile at a million incidents never brings a million rows into JS.
import type { Db } from './db'
import type { IncidentFilter } from './incidents'
import { incidentWhere } from './incidents'
import { OPEN_INCIDENTS_SQL, OVERDUE_SQL } from './rule-sql'
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

export function incidentTileQueries(db: Db) {
  const withNow = (f: IncidentFilter, now: number) => {
    const w = incidentWhere(f)
    w.params.now = now
    return w
  }
  return {
    count(f: IncidentFilter, now: number): number {
      const w = withNow(f, now)
      return (db.prepare(`SELECT count(*) AS n FROM incidents ${sql(w)}`).get(w.params) as { n: number }).n
    },
    points(f: IncidentFilter, now: number): TilePointRow[] {
      const w = withNow(f, now)
      return db.prepare(`SELECT id, lng, lat, status, severity, category, ${GROUP_SQL} AS g FROM incidents ${sql(w)}`)
        .all(w.params) as TilePointRow[]
    },
    cells(f: IncidentFilter, now: number, l: Lattice): TileCellRow[] {
      const w = withNow(f, now)
      Object.assign(w.params, { cellLng: (l.maxLng - l.minLng) / l.n, cellLat: (l.maxLat - l.minLat) / l.n, westLng: l.minLng, northLat: l.maxLat, cellMax: l.n - 1 })
      // Latitude is treated as linear across one tile: the cells are for grouping, not for measuring.
      return db.prepare(`SELECT min(CAST((lng - @westLng) / @cellLng AS INTEGER), @cellMax) AS cx,
          min(CAST((@northLat - lat) / @cellLat AS INTEGER), @cellMax) AS cy, count(*) AS n, avg(lng) AS lng, avg(lat) AS lat,
          sum(g = 1) AS open, sum(g = 2) AS overdue, min(id) AS id
        FROM (SELECT id, lng, lat, ${GROUP_SQL} AS g FROM incidents ${sql(w)}) GROUP BY cx, cy`).all(w.params) as TileCellRow[]
    },
    /**
     * Incidents counted per Web-Mercator tile at zoom `level` (cx, cy are that tile's x and y): the base of the
     * cell pyramid (api/tiles/cell-pyramid.ts). One pass over the selection, whatever its size.
     */
    levelCells(f: IncidentFilter, now: number, level: number): LevelCellRow[] {
      const w = withNow(f, now)
      w.params.worldSize = 2 ** level
      return db.prepare(`SELECT CAST((lng + 180) / 360 * @worldSize AS INTEGER) AS cx,
          CAST((0.5 - ln((1 + sin(radians(lat))) / (1 - sin(radians(lat)))) / (4 * pi())) * @worldSize AS INTEGER) AS cy,
          count(*) AS n, sum(lng) AS sumLng, sum(lat) AS sumLat, sum(g = 1) AS open, sum(g = 2) AS overdue, min(id) AS id
        FROM (SELECT id, lng, lat, ${GROUP_SQL} AS g FROM incidents ${sql(w)}) GROUP BY cx, cy`).all(w.params) as LevelCellRow[]
    },
    /** The drawn properties of single incidents (cells of one). */
    byIds(ids: number[], now: number): TilePointRow[] {
      if (ids.length === 0) return []
      const out: TilePointRow[] = []
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500)
        out.push(...db.prepare(`SELECT id, lng, lat, status, severity, category, ${GROUP_SQL} AS g FROM incidents
          WHERE id IN (${chunk.map(() => '?').join(',')})`).all({ now }, ...chunk) as TilePointRow[])
      }
      return out
    },
  }
}
export type IncidentTileQueries = ReturnType<typeof incidentTileQueries>
