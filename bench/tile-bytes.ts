// Bar 5: the bytes a browser fetches for the incidents of the opening county view, as vector tiles ÷ as
// the GeoJSON pages of /api/incidents (what the map loads below the tile threshold), for the same scope, range
// and filters, both gzip as a browser asks. The tiles are fetched cold (the server's tile cache is empty, so the
// first one also pays for the cell pyramid) and then warm; both times are reported beside the bytes.
import type { Agent } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { get, getJson, keepAlive } from './http-client'
import { countyViewport } from './viewport'

export interface TileBytesResult {
  from: string; to: string
  incidents: number
  zoom: number; tiles: number
  tileGzipBytes: number
  geojson: { pages: number; gzipBytes: number; ms: number }
  tilesColdMs: number; tilesWarmMs: number
  /** tiles ÷ GeoJSON bytes (bar: ≤ 0.1). */
  ratio: number
}

const DAY = 86_400_000
/** The range the bar is measured over: a year, which at every scale holds the whole seeded history. */
export const TILE_RANGE_DAYS = 365

async function fetchTiles(base: string, agent: Agent, q: string) {
  const view = countyViewport()
  let bytes = 0
  const t0 = performance.now()
  for (const t of view.tiles) {
    const res = await get(`${base}/api/tiles/incidents/${t.z}/${t.x}/${t.y}.mvt?${q}`, agent)
    if (res.status !== 200) throw new Error(`tile ${t.z}/${t.x}/${t.y}: ${res.status} ${res.body.toString().slice(0, 200)}`)
    bytes += res.bytes
  }
  return { bytes, ms: performance.now() - t0, view }
}

export async function benchTileBytes(base: string, now: number): Promise<TileBytesResult> {
  const agent = keepAlive()
  try {
    const from = new Date(now - TILE_RANGE_DAYS * DAY).toISOString()
    const to = new Date(now + 1000).toISOString()
    const q = `from=${from}&to=${to}`
    const { count } = await getJson<{ count: number }>(`${base}/api/tiles/incidents.json?${q}`, agent)
    const cold = await fetchTiles(base, agent, q)
    const warm = await fetchTiles(base, agent, q)

    let pages = 0, gzipBytes = 0
    const t0 = performance.now()
    let cursor: string | null = null
    do {
      const res = await get(`${base}/api/incidents?${q}&limit=5000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, agent)
      if (res.status !== 200) throw new Error(`incidents page: ${res.status}`)
      pages++
      gzipBytes += res.bytes
      cursor = nextCursor(res.body)
    } while (cursor)
    return {
      from, to, incidents: count, zoom: cold.view.zoom, tiles: cold.view.tiles.length, tileGzipBytes: cold.bytes,
      geojson: { pages, gzipBytes, ms: performance.now() - t0 },
      tilesColdMs: cold.ms, tilesWarmMs: warm.ms,
      ratio: cold.bytes / gzipBytes,
    }
  } finally {
    agent.destroy()
  }
}

/** The page's `next` cursor, read from the end of the unzipped body rather than parsing megabytes of features. */
function nextCursor(body: Buffer): string | null {
  const text = gunzipSync(body).toString()
  const m = /"next":(null|"([^"]*)")\}\s*$/.exec(text.slice(-400))
  if (!m) throw new Error(`no next cursor at the end of an incident page: …${text.slice(-200)}`)
  return m[2] ?? null
}
