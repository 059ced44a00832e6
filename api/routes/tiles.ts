// /api/tiles: Mapbox Vector Tiles for grids, villages and incidents, and a TileJSON per layer. The incident layer
// takes the scope, time and filter parameters of /api/incidents (parsed by the same functions), and its TileJSON
// carries the number of incidents they select, which the map uses to choose between GeoJSON and tiles.
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { IncidentTileJson } from '../../domain/answers/tiles'
import { INCIDENT_TILE_MAX_ZOOM } from '../../domain/incident-tiles'
import { scopeOf } from '../auth/policy'
import { withinOf } from '../auth/within-area'
import type { SelectionAreas } from '../services/selection-area'
import { ApiError, badRequest } from '../errors'
import { PRIVATE_REVALIDATE } from '../http/cache-control'
import { sendReady } from '../http/conditional'
import { parseIncidentFilters } from '../http/incident-filters'
import { parseBool, parseRange } from '../http/query'
import { REGION_LAYERS } from '../tiles/region-tiles'
import type { RegionLayer } from '../tiles/region-tiles'
import type { IncidentFilter, TileService } from '../tiles/tile-service'
import type { TileId } from '../tiles/tile-math'
import { MAX_ZOOM } from '../tiles/tile-math'

export const TILE_LAYERS = [...REGION_LAYERS, 'incidents'] as const
export const MVT_TYPE = 'application/vnd.mapbox-vector-tile'

function parseTile(zRaw: string, xRaw: string, file: string): TileId {
  const m = /^(\d{1,7})\.mvt$/.exec(file)
  if (!m) throw badRequest(`"${file}" is not a tile: the path is /api/tiles/{layer}/{z}/{x}/{y}.mvt`, 'invalid_tile')
  if (!/^\d{1,2}$/.test(zRaw) || Number(zRaw) > MAX_ZOOM) throw badRequest(`z="${zRaw}" must be a whole number from 0 to ${MAX_ZOOM}`, 'invalid_tile')
  const z = Number(zRaw)
  const n = 2 ** z
  const x = /^\d{1,7}$/.test(xRaw) ? Number(xRaw) : NaN
  const y = Number(m[1])
  if (!(x < n) || !(y < n)) throw badRequest(`tile ${z}/${xRaw}/${m[1]} does not exist: at zoom ${z}, x and y run from 0 to ${n - 1}`, 'invalid_tile')
  return { z, x, y }
}

function layerOf(raw: string): (typeof TILE_LAYERS)[number] {
  const layer = TILE_LAYERS.find((l) => l === raw)
  if (!layer) throw new ApiError(404, 'unknown_layer', `no tile layer "${raw}"; layers: ${TILE_LAYERS.join(', ')}`)
  return layer
}

/** The incident filter and its canonical query string: same parameters in any order share a cache entry. */
function incidentFilter(c: Context, now: number, areas: SelectionAreas): { filter: IncidentFilter; query: string } {
  const { from, to } = parseRange(c)
  const overdue = parseBool(c, 'overdue')
  const filter: IncidentFilter = {
    // The caller's own area by default; another area is 403, as on /api/incidents.
    scope: scopeOf(c), within: withinOf(c, areas), from, to, ...parseIncidentFilters(c),
    ...(overdue === undefined ? {} : { overdue: { now, value: overdue } }),
  }
  // The selection's key is its (cut) GeoJSON text; its box follows from it.
  const canonical = Object.entries({ ...filter, overdue, within: filter.within?.geojson })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? [...v].sort().join(',') : String(v)}`)
    .sort()
  return { filter, query: canonical.join('&') }
}

export function tileRoutes(tiles: TileService, now: () => number, areas: SelectionAreas) {
  return new Hono()
    .get('/incidents.json', async (c) => {
      const { filter, query } = incidentFilter(c, now(), areas)
      const params = new URL(c.req.url).search
      return c.json({
        tilejson: '3.0.0', name: 'incidents',
        tiles: [`/api/tiles/incidents/{z}/{x}/{y}.mvt${params}`],
        minzoom: 0, maxzoom: INCIDENT_TILE_MAX_ZOOM,
        vector_layers: [{ id: 'incidents', fields: { id: 'Number', status: 'String', severity: 'String', category: 'String', g: 'Number', point_count: 'Number', open: 'Number', overdue: 'Number' } }],
        clusterMaxZoom: tiles.clusterMaxZoom,
        count: await tiles.count(filter, query),
      } satisfies IncidentTileJson)
    })
    .get('/:layer/:z/:x/:file', async (c) => {
      const layer = layerOf(c.req.param('layer'))
      const t = parseTile(c.req.param('z'), c.req.param('x'), c.req.param('file'))
      if (layer === 'incidents') {
        const { filter, query } = incidentFilter(c, now(), areas)
        return sendReady(c, await tiles.incidents(filter, query, t), MVT_TYPE, PRIVATE_REVALIDATE)
      }
      // Boundaries never change while the server runs; a day keeps a wall from refetching them all shift long.
      // Private all the same: the route is for signed-in readers, and a shared cache would answer anyone.
      return sendReady(c, await tiles.region(layer as RegionLayer, t), MVT_TYPE, 'private, max-age=86400')
    })
}
