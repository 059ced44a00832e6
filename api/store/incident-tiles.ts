// SQL behind the incident vector tiles: the incidents of one tile's box either as points or aggregated into a
// lattice of cells, each with its count and status mix. The aggregation runs in the database (GROUP BY over the
// (lng, lat) or time index), so a county-wide tile at a million incidents never brings a million rows into JS.
import type { IncidentFilter } from './incidents'
import { incidentWhere } from './incidents'
import { OPEN_INCIDENTS_SQL, OVERDUE_SQL } from './rule-sql'
import type { Sql } from './sql'
import { sql } from './where'
import { EXTENT } from '../tiles/tile-math'
import type { TileId } from '../tiles/tile-math'

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

/** A points tile PostgreSQL encoded itself: `bytes` is absent when the box held more than the limit. */
export interface MvtPoints { n: number; bytes?: Uint8Array }

export interface LevelCellRow { cx: number; cy: number; n: number; sumLng: number; sumLat: number; open: number; overdue: number; id: number }

/** An n×n lattice over [minLng, maxLng] × [minLat, maxLat]; cell (0, 0) is the north-west corner. */
export interface Lattice { minLng: number; maxLng: number; minLat: number; maxLat: number; n: number }

// Cell indexes are floor()ed, not CAST: CAST truncates in SQLite and rounds in PostgreSQL (the same for the
// non-negative offsets here only with floor).
const cellIndex = (offset: string, max?: string) => {
  const i = `CAST(floor(${offset}) AS INTEGER)`
  return max ? `CASE WHEN ${i} > ${max} THEN ${max} ELSE ${i} END` : i
}

/** Web-Mercator y of latitude `lat` (degrees) as a fraction of the world, 0 at the north edge (tile-math.ts worldPosition). */
const MERCATOR_Y = (lat: string) => `(0.5 - ln((1 + sin(radians(${lat}))) / (1 - sin(radians(${lat})))) / (4 * pi()))`

export function incidentTileQueries(db: Sql) {
  const withNow = (f: IncidentFilter, now: number) => {
    const w = incidentWhere(f, db.dialect)
    w.params.now = now
    return w
  }
  const POINT = `SELECT id, lng, lat, status, severity, category, ${GROUP_SQL} AS g FROM incidents`
  return {
    async count(f: IncidentFilter, now: number): Promise<number> {
      const w = withNow(f, now)
      return (await db.get<{ n: number }>(`SELECT count(*) AS n FROM incidents ${sql(w)}`, w.params))!.n
    },
    /** At most `limit` incidents of the selection, as points (which ones, when there are more, is unspecified). */
    points(f: IncidentFilter, now: number, limit: number): Promise<TilePointRow[]> {
      const w = withNow(f, now)
      w.params.limit = limit
      return db.all<TilePointRow>(`${POINT} ${sql(w)} LIMIT @limit`, w.params)
    },
    /**
     * PostgreSQL only: the points of tile `t` encoded by PostGIS (ST_AsMVT) as one layer `layer`, with the
     * properties and feature ids the process's encoder gives (api/tiles/incident-tiles.ts pointFeature), at the
     * same extent. Past `limit` points nothing is encoded and only the count (limit + 1) comes back.
     */
    async mvtPoints(f: IncidentFilter, now: number, t: TileId, layer: string, limit: number): Promise<MvtPoints> {
      const w = withNow(f, now)
      Object.assign(w.params, { limit: limit + 1, max: limit, z: t.z, x: t.x, y: t.y, layer, extent: EXTENT, worldSize: 2 ** t.z })
      // The pixel is computed as the process's encoder computes it (tilePixel: spherical Mercator, rounded), straight
      // from lng/lat: ST_AsMVTGeom over ST_Transform(geom, 3857) gives the same pixels at ~1.6 times the cost.
      const row = await db.get<{ n: number; mvt: Uint8Array | null }>(`WITH p AS (
          SELECT id, lng, lat, status, severity, category, ${GROUP_SQL} AS g FROM incidents ${sql(w)} LIMIT @limit)
        SELECT (SELECT count(*) FROM p) AS n,
          (SELECT ST_AsMVT(m, CAST(@layer AS text), CAST(@extent AS integer), 'geom', 'fid') FROM (
            SELECT id AS fid, id, status, severity, category, g,
              ST_Point(round(((lng + 180) / 360 * @worldSize - @x) * @extent),
                round((${MERCATOR_Y('lat')} * @worldSize - @y) * @extent)) AS geom
            FROM p WHERE (SELECT count(*) FROM p) <= @max) AS m) AS mvt`, w.params)
      return { n: row!.n, bytes: row!.n <= limit ? new Uint8Array(row!.mvt ?? []) : undefined }
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
          ${cellIndex(`${MERCATOR_Y('lat')} * @worldSize`)} AS cy,
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
