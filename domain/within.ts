// `within=`: the area a user drew on the map, as a GeoJSON Polygon geometry in its JSON text. The web checks a
// drawing with this before it puts it in the URL; the API checks the parameter with it before anything reads
// the store. Both therefore count vertices and name problems the same way.
//
// The rules: one ring (no holes), at most WITHIN_MAX_VERTICES corners, [lng, lat] positions of finite WGS84
// numbers, at least three distinct corners enclosing some area, and no edge crossing or touching another. A ring
// that is not closed is closed here (a drawing tool may leave the last position off); repeated consecutive
// positions are dropped. The answer is always closed, so every reader gets one shape.

export const WITHIN_MAX_VERTICES = 200
/** Longer text cannot hold WITHIN_MAX_VERTICES positions written sensibly; refused before it is parsed. */
export const WITHIN_MAX_CHARS = 20_000

export type Position2 = [number, number]
export interface WithinPolygon { type: 'Polygon'; coordinates: [Position2[]] }

export type WithinProblem =
  | 'too_long' | 'not_json' | 'not_polygon' | 'holes' | 'bad_position' | 'out_of_range' | 'too_few_vertices'
  | 'too_many_vertices' | 'no_area' | 'self_intersecting'

export type WithinResult =
  | { ok: true; polygon: WithinPolygon }
  | { ok: false; problem: WithinProblem; message: string }

const refuse = (problem: WithinProblem, message: string): WithinResult => ({ ok: false, problem, message })

/**
 * The corners of a ring: its positions without the closing one, so a closed square has 4 whether or not its
 * first position is repeated at the end. This is what WITHIN_MAX_VERTICES limits.
 */
export function vertexCount(ring: readonly (readonly number[])[]): number {
  const n = ring.length
  if (n > 1 && samePosition(ring[0]!, ring[n - 1]!)) return n - 1
  return n
}

const samePosition = (a: readonly number[], b: readonly number[]) => a[0] === b[0] && a[1] === b[1]

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Parses and checks `within` text; the message names the problem and how to fix it. */
export function parseWithin(text: string): WithinResult {
  if (text.length > WITHIN_MAX_CHARS) {
    return refuse('too_long', `within is ${text.length} characters long; a polygon of at most ${WITHIN_MAX_VERTICES} vertices fits in ${WITHIN_MAX_CHARS}: simplify it or round the coordinates to 6 decimals`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return refuse('not_json', 'within is not JSON: send a GeoJSON Polygon geometry, e.g. {"type":"Polygon","coordinates":[[[119.7,27.5],[119.8,27.5],[119.8,27.6],[119.7,27.5]]]}, URL-encoded')
  }
  return checkWithin(value)
}

/** Checks an already parsed value (the web's drawing) by the same rules as parseWithin. */
export function checkWithin(value: unknown): WithinResult {
  if (isRecord(value) && value.type === 'Feature' && isRecord(value.geometry)) {
    return refuse('not_polygon', 'within is a GeoJSON Feature: send its geometry (the {"type":"Polygon",…} object) alone')
  }
  if (!isRecord(value) || value.type !== 'Polygon' || !Array.isArray(value.coordinates)) {
    const type = isRecord(value) && typeof value.type === 'string' ? `a ${value.type}` : 'not a GeoJSON geometry'
    return refuse('not_polygon', `within is ${type}: send a GeoJSON Polygon geometry {"type":"Polygon","coordinates":[[[lng,lat],…]]}`)
  }
  const rings = value.coordinates as unknown[]
  if (rings.length !== 1) {
    return refuse('holes', rings.length === 0
      ? 'within has no ring: give one ring of [lng, lat] positions'
      : `within has ${rings.length} rings: give one ring (the outline), without holes`)
  }
  const raw = rings[0]
  if (!Array.isArray(raw)) return refuse('bad_position', 'within\'s ring is not a list of [lng, lat] positions')
  const ring: Position2[] = []
  for (let i = 0; i < raw.length; i++) {
    const p: unknown = raw[i]
    if (!Array.isArray(p) || p.length !== 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      return refuse('bad_position', `within's position ${i + 1} is not [lng, lat] (two finite numbers, no altitude)`)
    }
    const [lng, lat] = p as Position2
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
      return refuse('out_of_range', `within's position ${i + 1} [${lng}, ${lat}] is not WGS84 longitude, latitude (lng −180…180, lat −90…90; longitude first)`)
    }
    // Repeated consecutive positions add no corner; a drawing tool's double click leaves them.
    if (ring.length === 0 || !samePosition(ring[ring.length - 1]!, [lng, lat])) ring.push([lng, lat])
  }
  if (ring.length > 1 && samePosition(ring[0]!, ring[ring.length - 1]!)) ring.pop()
  if (ring.length < 3) {
    return refuse('too_few_vertices', `within has ${ring.length} distinct vertices: a polygon needs at least 3`)
  }
  if (ring.length > WITHIN_MAX_VERTICES) {
    return refuse('too_many_vertices', `within has ${ring.length} vertices (the closing position not counted); at most ${WITHIN_MAX_VERTICES}: simplify the outline`)
  }
  if (twiceArea(ring) === 0) return refuse('no_area', 'within encloses no area (its vertices lie on one line): draw an outline around the area')
  const crossing = firstCrossing(ring)
  if (crossing) {
    return refuse('self_intersecting', `within's outline crosses or touches itself (edges ${crossing[0] + 1} and ${crossing[1] + 1}): draw it without crossing its own line`)
  }
  return { ok: true, polygon: { type: 'Polygon', coordinates: [[...ring, [ring[0]![0], ring[0]![1]]]] } }
}

/** Twice the signed area (shoelace). */
function twiceArea(ring: readonly Position2[]): number {
  let s = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1])
  return s
}

/** > 0 left of a→b, < 0 right, 0 on its line. */
const orient = (a: Position2, b: Position2, c: Position2) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

/** c, on the line of a→b, lies within their box (so on the segment). */
const within = (a: Position2, b: Position2, c: Position2) =>
  Math.min(a[0], b[0]) <= c[0] && c[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= c[1] && c[1] <= Math.max(a[1], b[1])

/** Do the closed segments ab and cd share any point? */
function segmentsMeet(a: Position2, b: Position2, c: Position2, d: Position2): boolean {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b)
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true
  return (o1 === 0 && within(a, b, c)) || (o2 === 0 && within(a, b, d)) || (o3 === 0 && within(c, d, a)) || (o4 === 0 && within(c, d, b))
}

/**
 * The first pair of edges (indexes; edge i runs from vertex i to i+1) that meet other than where neighbours
 * share their corner, or null. Neighbours meet wrongly only by folding back along each other. O(n²): at most
 * 200 vertices, so about 20,000 pairs.
 */
function firstCrossing(ring: readonly Position2[]): [number, number] | null {
  const n = ring.length
  const at = (i: number) => ring[i % n]!
  for (let i = 0; i < n; i++) {
    const a = at(i), b = at(i + 1)
    // The next edge shares b: it is wrong only if it runs back over this one (collinear, pointing back).
    const c = at(i + 2)
    if (orient(a, b, c) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0) return [i, (i + 1) % n]
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue // the closing edge shares vertex 0
      if (segmentsMeet(a, b, at(j), at(j + 1))) return [i, j]
    }
  }
  return null
}
