// Assigns a point to its grid (and so village and township) through a spatial index. The index is a uniform
// lattice of cells over the grids' extent. At build time every cell that any grid edge passes through (or comes
// within EDGE_MARGIN of) is marked as a boundary cell; every other cell lies wholly inside one grid, or wholly
// outside all of them, so its answer is stored and a point in it costs two divisions and an array read, with no
// point-in-polygon test at all. Only a point in a boundary cell tests its cell's candidates (the grids with an
// edge in the cell, and any grid holding all of it) with the exact test. (A packed R-tree, flatbush, was tried
// first: its search alone cost more than testing the candidates; a lattice without stored answers tested 1–3
// polygons a point.) The naive loop runs the same exact test over every grid; the equivalence test holds them equal.
import { bbox as turfBbox } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import type { FlatRings } from './point-in-polygon'
import { flattenRings, pointInRings } from './point-in-polygon'
import type { RegionCollection } from './regions'

export interface Location {
  township: string
  village: string
  grid: string
}

export interface Locator {
  locate(lng: number, lat: number): Location | null
  /** The naive reference: every grid in turn, the same exact test. Kept for the benchmark and the equivalence test. */
  locateNaive(lng: number, lat: number): Location | null
}

type Area = Feature<Polygon | MultiPolygon, Record<string, unknown>>

/**
 * Cells per side: ~80 m × 75 m over Taishun, where ~18 % of seeded points fall in boundary cells (the share falls
 * with the cell's side). 800 × 800 costs 2.5 MB of answers and builds in ~0.1–0.3 s, because interior answers are
 * found once per run of unmarked cells, not once per cell; measured at 500 and 640 the boundary share was higher.
 */
const CELLS = 800
/**
 * Degrees (~1 cm) by which each edge's box is grown before marking cells: a point in an unmarked cell is then
 * at least this far from every edge, so the floating-point ray test cannot flip for it and the stored answer is
 * exactly what the naive loop computes.
 */
const EDGE_MARGIN = 1e-7
const OUTSIDE = -1

// The locator is immutable and costs tens of milliseconds to build: one per grid collection (tests build many apps).
const built = new WeakMap<RegionCollection, Locator>()

export function createLocator(grids: RegionCollection): Locator {
  let locator = built.get(grids)
  if (!locator) built.set(grids, (locator = buildLocator(grids)))
  return locator
}

function buildLocator(grids: RegionCollection): Locator {
  const areas = grids.features as Area[]
  // Locations are built once and shared: intake copies what it needs.
  const locations: Location[] = areas.map((f) => ({ township: String(f.properties.township), village: String(f.properties.village), grid: String(f.properties.id) }))
  const boxes = areas.map((f) => turfBbox(f))
  const rings = areas.map((f) => flattenRings(f.geometry))
  const minX = Math.min(...boxes.map((b) => b[0]))
  const minY = Math.min(...boxes.map((b) => b[1]))
  const maxX = Math.max(...boxes.map((b) => b[2]))
  const maxY = Math.max(...boxes.map((b) => b[3]))
  const sx = CELLS / (maxX - minX)
  const sy = CELLS / (maxY - minY)
  // The one cell formula: monotone in the coordinate, so a point inside a box lands in a cell the box was marked in.
  // `| 0` truncates: the same as floor for the non-negative values that matter, and negatives clamp to 0 either way.
  const col = (x: number) => { const c = ((x - minX) * sx) | 0; return c < 0 ? 0 : c >= CELLS ? CELLS - 1 : c }
  const row = (y: number) => { const c = ((y - minY) * sy) | 0; return c < 0 ? 0 : c >= CELLS ? CELLS - 1 : c }

  const index = buildIndex(boxes, rings, col, row, (cy) => [minY + cy / sy, minY + (cy + 1) / sy],
    (cx, cy) => [minX + (cx + 0.5) / sx, minY + (cy + 0.5) / sy])
  const { answers, offsets, items } = index

  return {
    locate(lng, lat) {
      if (!(lng >= minX && lng <= maxX && lat >= minY && lat <= maxY)) return null
      const stored = answers[row(lat) * CELLS + col(lng)]!
      if (stored >= 0) return locations[stored]!
      if (stored === OUTSIDE) return null
      // A boundary cell: its few candidates in feature order, so on a shared edge the naive loop's winner wins.
      for (let k = offsets[-stored - 2]!, end = offsets[-stored - 1]!; k < end; k++) {
        const i = items[k]!
        const b = boxes[i]!
        if (lng >= b[0] && lng <= b[2] && lat >= b[1] && lat <= b[3] && pointInRings(lng, lat, rings[i]!)) return locations[i]!
      }
      return null
    },
    locateNaive(lng, lat) {
      for (let i = 0; i < rings.length; i++) if (pointInRings(lng, lat, rings[i]!)) return locations[i]!
      return null
    },
  }
}

/**
 * Per cell: the grid holding all of it (≥ 0), OUTSIDE, or −2 − s for the s-th boundary cell, whose candidates are
 * items[offsets[s]] … items[offsets[s + 1] − 1]: the grids with an edge in the cell and any grid holding the whole
 * cell, ascending.
 */
interface CellIndex { answers: Int32Array; offsets: Int32Array; items: Int32Array }

type Cell = (v: number) => number

function buildIndex(boxes: number[][], rings: FlatRings[], col: Cell, row: Cell, rowBand: (cy: number) => [number, number],
  centre: (cx: number, cy: number) => [number, number]): CellIndex {
  const answers = new Int32Array(CELLS * CELLS).fill(OUTSIDE)
  const edges = edgeLists(rings, col, row, rowBand)
  const box = boxLists(boxes, col, row)
  const hasEdge = (cell: number) => edges.offsets[cell + 1]! > edges.offsets[cell]!
  /** The first grid by the box lists (ascending) whose polygon holds (x, y), not counting `skip`'s grids. */
  const holding = (cell: number, x: number, y: number, into?: number[], skip?: Int32Array) => {
    for (let k = box.offsets[cell]!; k < box.offsets[cell + 1]!; k++) {
      const i = box.items[k]!
      if (skip?.includes(i) || !pointInRings(x, y, rings[i]!)) continue
      if (!into) return i
      into.push(i)
    }
    return OUTSIDE
  }

  // Interior cells. Two unmarked cells side by side in a row have no edge between their centres, so they share
  // an answer: the exact test runs once per run of unmarked cells, at its first cell's centre.
  for (let cy = 0; cy < CELLS; cy++) {
    let run: number | null = null
    for (let cx = 0; cx < CELLS; cx++) {
      const cell = cy * CELLS + cx
      if (hasEdge(cell)) { run = null; continue }
      if (run === null) { const [x, y] = centre(cx, cy); run = holding(cell, x, y) }
      answers[cell] = run
    }
  }

  // Boundary cells: the grids with an edge in the cell, and those without one that hold all of it (a grid with
  // no edge in the cell holds all of it or none of it, as its centre shows).
  const offsets: number[] = [0]
  const items: number[] = []
  for (let cell = 0; cell < CELLS * CELLS; cell++) {
    if (!hasEdge(cell)) continue
    const withEdge = edges.items.subarray(edges.offsets[cell]!, edges.offsets[cell + 1]!)
    const list = [...withEdge]
    const [x, y] = centre(cell % CELLS, Math.floor(cell / CELLS))
    holding(cell, x, y, list, withEdge)
    if (list.length > withEdge.length) list.sort((p, q) => p - q)
    answers[cell] = -1 - offsets.length
    items.push(...list)
    offsets.push(items.length)
  }
  return { answers, offsets: Int32Array.from(offsets), items: Int32Array.from(items) }
}

/**
 * The grids whose edges pass through or near each cell, ascending, as compressed rows. Each edge marks, row by
 * row, only the cells its stretch within that row (grown by the margin) passes: a long diagonal edge would
 * otherwise mark its whole bounding box. Margins are doubled so that the rounding of the row bounds here and of
 * a point's cell in `row`/`col` cannot leave a point nearer than EDGE_MARGIN to an edge in an unmarked cell.
 */
function edgeLists(rings: FlatRings[], col: Cell, row: Cell, rowBand: (cy: number) => [number, number]): Csr {
  const m = 2 * EDGE_MARGIN
  const last = new Int32Array(CELLS * CELLS).fill(-1)
  const each = (fn: (cell: number, g: number) => void) => {
    last.fill(-1)
    rings.forEach((grid, g) => {
      for (const r of grid) {
        for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
          const ax = r[j]!, ay = r[j + 1]!, bx = r[i]!, by = r[i + 1]!
          for (let cy = row(Math.min(ay, by) - m); cy <= row(Math.max(ay, by) + m); cy++) {
            const [y0, y1] = rowBand(cy)
            const [x0, x1] = xSpan(ax, ay, bx, by, y0 - m, y1 + m)
            for (let cx = col(x0 - m); cx <= col(x1 + m); cx++) {
              const cell = cy * CELLS + cx
              if (last[cell] !== g) { last[cell] = g; fn(cell, g) } // once per grid and cell
            }
          }
        }
      }
    })
  }
  return compressed(each)
}

interface Csr { offsets: Int32Array; items: Int32Array }

/** Rows per cell from a visitor that yields (cell, item) pairs in ascending item order, called twice: count, fill. */
function compressed(each: (fn: (cell: number, item: number) => void) => void): Csr {
  const offsets = new Int32Array(CELLS * CELLS + 1)
  each((cell) => offsets[cell + 1]!++)
  for (let c = 0; c < CELLS * CELLS; c++) offsets[c + 1]! += offsets[c]!
  const items = new Int32Array(offsets[CELLS * CELLS]!)
  const fill = offsets.slice(0, CELLS * CELLS)
  each((cell, i) => { items[fill[cell]!++] = i })
  return { offsets, items }
}

/** The grids whose bounding boxes touch each cell, ascending. */
function boxLists(boxes: number[][], col: Cell, row: Cell): Csr {
  return compressed((fn) => boxes.forEach(([x0, y0, x1, y1], i) => {
    for (let cy = row(y0!); cy <= row(y1!); cy++) for (let cx = col(x0!); cx <= col(x1!); cx++) fn(cy * CELLS + cx, i)
  }))
}

/** The x extent of segment a–b where its y lies in [y0, y1] (the whole segment's when it is horizontal). */
function xSpan(ax: number, ay: number, bx: number, by: number, y0: number, y1: number): [number, number] {
  if (ay === by) return [Math.min(ax, bx), Math.max(ax, bx)]
  const t0 = Math.min(1, Math.max(0, (y0 - ay) / (by - ay)))
  const t1 = Math.min(1, Math.max(0, (y1 - ay) / (by - ay)))
  const xa = ax + (bx - ax) * t0, xb = ax + (bx - ax) * t1
  return [Math.min(xa, xb), Math.max(xa, xb)]
}
