// The latency targets, through the real HTTP server: sequential requests on one kept-alive connection
// after a warm-up, p50 and p95 per case. The metric cases and their limits are bench/metrics.ts's (the in-process
// metric benchmark), so the two never disagree about what "county summary" means; the incident page is added.
import type { Agent } from 'node:http'
import type { Geometry, Position } from 'geojson'
import { metricCases } from './metrics'
import type { Fetched } from './http-client'
import { get, getJson } from './http-client'
import { quantile } from './stats'
import { cpuSeconds } from './throughput'

const DAY = 86_400_000

export interface LatencyCase { id: string; name: string; path: string; limitMs: number | null }

export interface LatencyRow extends LatencyCase {
  runs: number
  p50: number
  p95: number
  max: number
  /**
   * Server CPU (user + system, from /proc) per timed request, ms: what the request costs the server whatever else
   * runs on the machine, beside the wall-clock p50/p95 that other sessions' load inflates. Null off Linux.
   */
  cpuMs: number | null
  /** Wire bytes of one response (gzip when the server compressed it). */
  bytes: number
  /** Features on the page, for the incident list. */
  features: number | null
  ok: boolean | null
}

/**
 * Where the cases look: the township with most reports in the last 30 days (the worst township figure) and its
 * bounding box (a page that fills its 5,000-row limit), and one of its grids with that grid's box (a zoomed-in
 * view: few matches, so the time goes into finding them, not into sending them).
 */
export interface Focus { township: string; bbox: Bbox; grid: string; gridBbox: Bbox }
type Bbox = [number, number, number, number]

export async function findFocus(base: string, agent: Agent): Promise<Focus> {
  const by = await getJson<{ items: { key: string }[] }>(`${base}/api/metrics/breakdown?metric=reports&by=township`, agent)
  const township = by.items[0]?.key
  if (!township) throw new Error('no township has reports in the last 30 days')
  const grids = await getJson<{ features: { properties: { id: string }; geometry: Geometry }[] }>(`${base}/api/regions/grids?township=${township}`, agent)
  const gridShape = grids.features[0]
  if (!gridShape) throw new Error(`township ${township} has no grids`)
  const townships = await getJson<{ features: { properties: { id: string }; geometry: Geometry }[] }>(`${base}/api/regions/townships`, agent)
  const shape = townships.features.find((f) => f.properties.id === township)
  if (!shape) throw new Error(`township ${township} is not in /api/regions/townships`)
  return { township, bbox: bboxOf(shape.geometry), grid: gridShape.properties.id, gridBbox: bboxOf(gridShape.geometry) }
}

function bboxOf(g: Geometry): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity]
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as Position
      if (x === undefined || y === undefined) return
      box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y); box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y)
    } else if (Array.isArray(c)) c.forEach(visit)
  }
  if (g.type === 'GeometryCollection') g.geometries.forEach((x) => visit(bboxOf(x)))
  else visit(g.coordinates)
  return box.map((v) => Math.round(v * 1e6) / 1e6) as Bbox
}

/** The targeted cases: the four latency targets (the metric ones with bench/metrics.ts's limits). */
export function targetCases(focus: Focus, now: number): LatencyCase[] {
  const metric = metricCases(focus.township, focus.grid).filter((c) => c.limitMs !== undefined)
  const to = new Date(now + 1).toISOString()
  const from = new Date(now - 30 * DAY).toISOString()
  const page = (bbox: Bbox) => `/api/incidents?bbox=${bbox.join(',')}&from=${from}&to=${to}&limit=5000`
  return [
    ...metric.map((c) => ({ id: caseId(c.path), name: c.name, path: c.path, limitMs: c.limitMs ?? null })),
    { id: 'incident-page', name: `incident page: bbox of ${focus.township}, 30 d, limit 5000`, path: page(focus.bbox), limitMs: 150 },
    { id: 'incident-page-grid', name: `incident page: bbox of grid ${focus.grid}, 30 d`, path: page(focus.gridBbox), limitMs: 150 },
  ]
}

/** The rest of bench/metrics.ts's cases: no target, shown for how their cost grows with the data. */
export function otherCases(focus: Focus): LatencyCase[] {
  return metricCases(focus.township, focus.grid).filter((c) => c.limitMs === undefined)
    .map((c) => ({ id: caseId(c.path), name: c.name, path: c.path, limitMs: null }))
}

const caseId = (path: string) => path.replace(/^\/api\//, '').replace(/[?&=,/]+/g, '-').replace(/-+$/, '').slice(0, 80)

/** `pid`: the server process, for its CPU time. */
export async function measureLatency(base: string, pid: number, agent: Agent, c: LatencyCase, runs: number, warmup = 5): Promise<LatencyRow> {
  const times: number[] = []
  let last: Fetched | undefined
  let cpu0: number | null = null
  for (let i = 0; i < warmup + runs; i++) {
    if (i === warmup) cpu0 = cpuSeconds(pid)
    last = await get(base + c.path, agent)
    if (last.status !== 200) throw new Error(`GET ${c.path}: ${last.status} ${last.body.toString().slice(0, 300)}`)
    if (i >= warmup) times.push(last.ms)
  }
  const cpu1 = cpuSeconds(pid)
  const p95 = quantile(times, 0.95)
  return {
    ...c, runs, p50: quantile(times, 0.5), p95, max: quantile(times, 1), bytes: last?.bytes ?? 0,
    cpuMs: cpu0 === null || cpu1 === null ? null : ((cpu1 - cpu0) * 1000) / runs,
    features: c.id.startsWith('incident-page') ? await countFeatures(base, agent, c.path) : null,
    ok: c.limitMs === null ? null : p95 <= c.limitMs,
  }
}

async function countFeatures(base: string, agent: Agent, path: string): Promise<number> {
  return (await getJson<{ features: unknown[] }>(base + path, agent)).features.length
}
