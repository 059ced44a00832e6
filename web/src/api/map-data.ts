// Fetchers for what the map draws: the records in the view (as GeoJSON features) and choropleth values.
import type { Feature, Point } from 'geojson'
import { INCIDENT_TILES_ABOVE } from '../../../domain/incident-tiles'
import { api, getJson } from './client'
import type { Answer } from './client'
import type { Choropleth } from './metrics'

export type PointFeature = Feature<Point, Record<string, unknown>>
type ListPath = '/api/incidents' | '/api/disputes' | '/api/sites' | '/api/whistles'
type Page = Answer<ListPath>
type ListFeature = Page['features'][number]
/** The map draws points: a record without one (a whistle call of a township whose seat is not on record) stays off it. */
const hasPoint = (f: ListFeature): f is ListFeature & PointFeature => f.geometry !== null

/** Most features the map takes as raw points; past this it shows the newest and says so. */
export const MAX_POINTS = 20_000

export interface RecordQuery { scope: string; from: string; to: string; [key: string]: string | readonly string[] | boolean | undefined }

/** The largest page of a map list (the API's cap); incidents' map fields allow MAX_POINTS, one request. */
const PAGE = 5000

/** Follows the cursor until the collection is complete or MAX_POINTS is reached; `first` is page one if already fetched. */
export async function fetchAllPages(path: ListPath, params: RecordQuery, signal: AbortSignal, first?: Promise<Page>, pageSize = PAGE): Promise<{ features: PointFeature[]; truncated: boolean }> {
  const features: PointFeature[] = []
  let cursor: string | null = null
  let pending = first
  do {
    const page: Page = await (pending ?? getJson(path, { query: { ...params, limit: pageSize, cursor }, signal }))
    pending = undefined
    features.push(...page.features.filter(hasPoint))
    cursor = page.next
  } while (cursor && features.length < MAX_POINTS)
  return { features, truncated: cursor !== null }
}

/** The same filters as the panels' ranking, so the map's colours and the ranking never disagree. */
export const fetchChoropleth = (level: 'township' | 'grid', metric: string, from: string, to: string, township: string | null,
  filters: Partial<Record<string, string | readonly string[]>>, within: string | undefined, signal: AbortSignal) =>
  getJson('/api/metrics/choropleth', { query: { level, metric, from, to, township, ...filters, ...(within ? { within } : {}) }, signal }) as Promise<Choropleth>

/** The incident layer's vector tiles for a query: the URL template and how many incidents the query selects. */
export interface IncidentTiles { url: string; count: number }

/** The server's threshold for tiles (/api/config), its default when the server does not say. */
const tileThreshold = () => api.config().then((c) => c.incidentTilesAbove ?? INCIDENT_TILES_ABOVE, () => INCIDENT_TILES_ABOVE)

/**
 * The incidents of a query, as GeoJSON features when there are few enough to draw as points, else as tiles: the
 * TileJSON's count decides, so a year of a million incidents never travels as GeoJSON. The first page is asked for
 * beside the count, not after it: in the usual case (a range drawn as points) it is needed anyway, and waiting for
 * the count first cost every load a round trip. Above the threshold it is cancelled.
 */
export async function fetchIncidents(params: RecordQuery, signal: AbortSignal): Promise<{ features: PointFeature[]; truncated: boolean; tiles: IncidentTiles | null }> {
  // The first page may be cancelled on its own (tiles), and with the whole load.
  const early = new AbortController()
  // Only what the map draws (the drawer asks for the rest by id): the range usually comes in one request.
  const points = { ...params, fields: 'map' }
  const firstPage = getJson('/api/incidents', { query: { ...points, limit: MAX_POINTS }, signal: AbortSignal.any([signal, early.signal]) })
  firstPage.catch(() => { /* cancelled, or failed: fetchAllPages awaits it and reports the failure */ })
  const [tj, above] = await Promise.all([
    getJson('/api/tiles/incidents.json', { query: params, signal }),
    tileThreshold(),
  ])
  if (tj.count > above && tj.tiles[0]) {
    early.abort()
    // MapLibre fetches tiles from its worker, which needs an absolute URL. Only the template's own {z}/{x}/{y} are
    // unescaped: a selection's JSON in the query has braces too, and they stay encoded.
    return { features: [], truncated: false, tiles: { url: new URL(tj.tiles[0], location.href).href.replace(/%7B([xyz])%7D/g, '{$1}'), count: tj.count } }
  }
  return { ...(await fetchAllPages('/api/incidents', points, signal, firstPage, MAX_POINTS)), tiles: null }
}
