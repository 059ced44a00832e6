// Boundary versions: each import of a level's polygons (npm run import -- boundaries) is a row, never edited. The
// version in force at a moment is the newest valid_from ≤ it, the later import winning a tie.
import type { Sql } from './sql'

export const BOUNDARY_LEVELS = ['township', 'village', 'grid'] as const
export type BoundaryLevel = (typeof BOUNDARY_LEVELS)[number]

export interface BoundaryVersionMeta {
  id: number
  level: BoundaryLevel
  validFrom: number
  features: number
  source: string
  createdAt: number
  createdBy: string
}

export interface BoundaryVersion extends BoundaryVersionMeta {
  /** The FeatureCollection as stored (WGS84). */
  geojson: string
}

export type NewBoundaryVersion = Omit<BoundaryVersion, 'id'> & { report: string }

const META = `id, level, valid_from AS "validFrom", features, source, created_at AS "createdAt", created_by AS "createdBy"`

export function boundaryQueries(db: Sql) {
  return {
    async insert(v: NewBoundaryVersion): Promise<number> {
      const row = await db.get<{ id: number }>(
        `INSERT INTO boundary_versions (level, valid_from, geojson, features, source, report, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [v.level, v.validFrom, v.geojson, v.features, v.source, v.report, v.createdAt, v.createdBy])
      return row!.id
    },
    /** Every version without its polygons, by level and then in the order they take force. */
    list: (): Promise<BoundaryVersionMeta[]> =>
      db.all<BoundaryVersionMeta>(`SELECT ${META} FROM boundary_versions ORDER BY level, valid_from, id`),
    /** Every version with its polygons, in the order they take force: what a server builds its timeline from. */
    all: (): Promise<BoundaryVersion[]> =>
      db.all<BoundaryVersion>(`SELECT ${META}, geojson FROM boundary_versions ORDER BY valid_from, id`),
    /** How many versions are stored: a cheap check a server makes before reading any polygons. */
    async count(): Promise<number> {
      const row = await db.get<{ n: number }>('SELECT count(*) AS n FROM boundary_versions')
      return Number(row?.n ?? 0)
    },
  }
}
export type BoundaryQueries = ReturnType<typeof boundaryQueries>
