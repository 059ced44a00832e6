// Fetchers for what the map draws: the records in the view (as GeoJSON features) and choropleth values.
import type { Feature, FeatureCollection, Point } from 'geojson'
import { getJson, query } from './client'

export type PointFeature = Feature<Point, Record<string, unknown>>
interface Page extends FeatureCollection<Point, Record<string, unknown>> { next: string | null }

/** Most features the map takes as raw points; past this it shows the newest and says so (tiles come later). */
export const MAX_POINTS = 20_000

export interface RecordQuery { scope: string; from: string; to: string; [key: string]: string | readonly string[] | boolean | undefined }

/** Follows the cursor until the collection is complete or MAX_POINTS is reached. */
export async function fetchAllPages(path: string, params: RecordQuery, signal: AbortSignal): Promise<{ features: PointFeature[]; truncated: boolean }> {
  const features: PointFeature[] = []
  let cursor: string | null = null
  do {
    const page: Page = await getJson<Page>(`${path}${query({ ...params, limit: 5000, cursor })}`, signal)
    features.push(...page.features)
    cursor = page.next
  } while (cursor && features.length < MAX_POINTS)
  return { features, truncated: cursor !== null }
}

export interface Choropleth { level: 'township' | 'grid'; metric: string; values: Record<string, number> }

/** The same filters as the panels' ranking, so the map's colours and the ranking never disagree. */
export const fetchChoropleth = (level: 'township' | 'grid', metric: string, from: string, to: string, township: string | null,
  filters: Partial<Record<string, readonly string[]>>, signal: AbortSignal) =>
  getJson<Choropleth>(`/api/metrics/choropleth${query({ level, metric, from, to, township, ...filters })}`, signal)
