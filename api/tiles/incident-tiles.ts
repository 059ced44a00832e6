// Incident tiles. Below INCIDENT_CLUSTER_MAX_ZOOM a tile never carries raw points: its incidents are grouped into an 8×8
// lattice of cells (64 px at MapLibre's 512 px tiles, close to the 45 px radius of the GeoJSON clusters), each
// drawn as one disc with the same properties the GeoJSON source's clusterProperties give (point_count, open,
// overdue), so the map's cluster layers draw both sources alike. From INCIDENT_CLUSTER_MAX_ZOOM + 1 a tile carries points
// with the properties the point layer and the drawer need (id, status group, severity).
import type { GeoJSONVTFeature } from '@maplibre/geojson-vt'
import type { IncidentFilter } from '../store/incidents'
import type { IncidentTileQueries, TilePointRow } from '../store/incident-tiles'
import type { CellPyramid } from './cell-pyramid'
import { INCIDENT_CLUSTER_MAX_ZOOM } from '../../domain/incident-tiles'
import { PYRAMID_MAX_ZOOM } from './cell-pyramid'
import { encodeLayers } from './encode'
import type { TileId } from './tile-math'
import { tileBbox, tilePixel } from './tile-math'

export const LATTICE = 8
/** A point tile denser than this (a town centre over years) is still grouped, on a finer lattice, to bound its size. */
export const MAX_POINTS_PER_TILE = 4000
const FINE_LATTICE = 64

export const INCIDENT_LAYER = 'incidents'

/** supercluster's abbreviation, so the count labels read the same in both modes. */
export function abbreviate(n: number): string {
  return n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${Math.round(n / 100) / 10}k` : String(n)
}

const pointFeature = (r: TilePointRow, t: TileId): GeoJSONVTFeature => ({
  type: 1, id: r.id, geometry: [tilePixel(r.lng, r.lat, t)],
  tags: { id: r.id, status: r.status, severity: r.severity, category: r.category, g: r.g },
})

export interface IncidentTile { bytes: Uint8Array; features: number; incidents: number }

interface DrawnCell { n: number; lng: number; lat: number; open: number; overdue: number; id: number }

async function encodeCells(q: IncidentTileQueries, cells: DrawnCell[], t: TileId, now: number): Promise<IncidentTile> {
  const singles = new Map((await q.byIds(cells.filter((c) => c.n === 1).map((c) => c.id), now)).map((r) => [r.id, r]))
  let incidents = 0
  const features: GeoJSONVTFeature[] = cells.map((c) => {
    incidents += c.n
    const single = c.n === 1 ? singles.get(c.id) : undefined
    if (single) return pointFeature(single, t)
    return {
      type: 1, geometry: [tilePixel(c.lng, c.lat, t)],
      tags: { cluster: true, point_count: c.n, point_count_abbreviated: abbreviate(c.n), open: c.open, overdue: c.overdue },
    }
  })
  return { bytes: encodeLayers({ [INCIDENT_LAYER]: features }), features: features.length, incidents }
}

/** Who encodes a points tile: the process (encodeLayers over the rows) or PostgreSQL itself (ST_AsMVT). */
export type PointsEncoder = 'process' | 'database'

/**
 * The process encodes points tiles on both engines: over the same PostgreSQL rows it built them faster than
 * ST_AsMVT (docs/scale.md, "PostGIS: what runs in the database and what in the process", has the figures). The
 * database encoder stays, proven equal feature for feature, for the day a measurement says otherwise.
 */
export const POINTS_ENCODER: PointsEncoder = 'process'

/** The points tile of the box of `t`, or undefined when it holds more than MAX_POINTS_PER_TILE incidents. */
export async function buildPointsTile(q: IncidentTileQueries, f: IncidentFilter, t: TileId, now: number, encoder: PointsEncoder): Promise<IncidentTile | undefined> {
  if (encoder === 'database') {
    const { n, bytes } = await q.mvtPoints(f, now, t, INCIDENT_LAYER, MAX_POINTS_PER_TILE)
    return bytes && { bytes, features: n, incidents: n }
  }
  // One more than the limit tells "too many" without counting the box first.
  const rows = await q.points(f, now, MAX_POINTS_PER_TILE + 1)
  if (rows.length > MAX_POINTS_PER_TILE) return undefined
  return { bytes: encodeLayers({ [INCIDENT_LAYER]: rows.map((r) => pointFeature(r, t)) }), features: rows.length, incidents: rows.length }
}

/**
 * One incident tile. Zooms up to PYRAMID_MAX_ZOOM are summed from the filter's cell pyramid; deeper clustered
 * zooms are grouped by SQL over the tile's box; past INCIDENT_CLUSTER_MAX_ZOOM the tile holds the points themselves.
 */
export async function buildIncidentTile(q: IncidentTileQueries, filter: IncidentFilter, t: TileId, now: number, pyramid: () => Promise<CellPyramid>): Promise<IncidentTile> {
  if (t.z <= PYRAMID_MAX_ZOOM) {
    const cells = (await pyramid()).tileCells(t).map((c) => ({ ...c, lng: c.sumLng / c.n, lat: c.sumLat / c.n }))
    return encodeCells(q, cells, t, now)
  }
  const [minLng, minLat, maxLng, maxLat] = tileBbox(t)
  // A point exactly on an edge shared by two tiles lands in both, at the same pixel, and draws as one.
  const f: IncidentFilter = { ...filter, bbox: [minLng, minLat, maxLng, maxLat] }
  let n = LATTICE
  if (t.z > INCIDENT_CLUSTER_MAX_ZOOM) {
    const points = await buildPointsTile(q, f, t, now, POINTS_ENCODER)
    if (points) return points
    n = FINE_LATTICE
  }
  return encodeCells(q, await q.cells(f, now, { minLng, maxLng, minLat, maxLat, n }), t, now)
}
