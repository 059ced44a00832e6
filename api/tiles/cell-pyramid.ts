// The incidents of one filter counted per cell at BASE_LEVEL (a Web-Mercator tile at zoom 15, about 1 km here),
// from which every clustered tile up to zoom 12 is summed: a tile at zoom z with an 8×8 lattice has cells that are
// tiles at zoom z + 3, and each is an exact union of base cells (shift the index right). So a county view costs
// one pass over the selection per filter, not one per tile.
//
// A change to one incident touches one base cell: `refreshAt` recounts just that cell through the store (a
// bounding-box query over about a square kilometre), so live updates keep the pyramid exact without a rescan.
import type { IncidentFilter } from '../store/incidents'
import type { IncidentTileQueries, LevelCellRow } from '../store/incident-tiles'
import type { TileId } from './tile-math'
import { tileBbox, tileOf } from './tile-math'

export const BASE_LEVEL = 15
/** Cells per tile side: 2^LATTICE_BITS. */
export const LATTICE_BITS = 3
/** The deepest zoom whose tiles the pyramid serves. */
export const PYRAMID_MAX_ZOOM = BASE_LEVEL - LATTICE_BITS

export interface Cell { n: number; sumLng: number; sumLat: number; open: number; overdue: number; id: number }

const key = (cx: number, cy: number) => cx * 2 ** BASE_LEVEL + cy

export class CellPyramid {
  private readonly cells = new Map<number, Cell>()
  readonly builtAt: number

  private constructor(private readonly q: IncidentTileQueries, private readonly filter: IncidentFilter, now: number, rows: LevelCellRow[]) {
    this.builtAt = now
    for (const r of rows) this.cells.set(key(r.cx, r.cy), r)
  }

  static async build(q: IncidentTileQueries, filter: IncidentFilter, now: number): Promise<CellPyramid> {
    return new CellPyramid(q, filter, now, await q.levelCells(filter, now, BASE_LEVEL))
  }

  get size() { return this.cells.size }

  /** Recounts pending, in the order they were asked for: a tile drawn from the pyramid waits for them (settled). */
  private recounts: Promise<void> = Promise.resolve()

  /** Once every recount asked for so far has landed. */
  settled(): Promise<void> {
    return this.recounts
  }

  /** Recounts the base cell holding (lng, lat); a failed recount is the caller's to handle, and blocks no other. */
  refreshAt(lng: number, lat: number, now: number): Promise<void> {
    const next = this.recounts.then(() => this.recount(lng, lat, now))
    this.recounts = next.catch(() => {})
    return next
  }

  private async recount(lng: number, lat: number, now: number): Promise<void> {
    const t = tileOf(lng, lat, BASE_LEVEL)
    const rows: LevelCellRow[] = await this.q.levelCells({ ...this.filter, bbox: tileBbox(t) }, now, BASE_LEVEL)
    const k = key(t.x, t.y)
    this.cells.delete(k)
    // A point on the cell's edge matches the box of its neighbour too: keep only the row of this cell.
    for (const r of rows) if (r.cx === t.x && r.cy === t.y) this.cells.set(k, r)
  }

  /** The 8×8 lattice of tile t (z ≤ PYRAMID_MAX_ZOOM): merged cells with their lattice position. */
  tileCells(t: TileId): (Cell & { ix: number; iy: number })[] {
    if (t.z > PYRAMID_MAX_ZOOM) throw new Error(`the pyramid serves zooms up to ${PYRAMID_MAX_ZOOM}, not ${t.z}`)
    const toLattice = PYRAMID_MAX_ZOOM - t.z
    const toTile = BASE_LEVEL - t.z
    const merged = new Map<number, Cell & { ix: number; iy: number }>()
    const side = 2 ** toTile
    // Walk whichever is smaller: the base cells of this tile's span, or every cell of the pyramid.
    const visit = (cx: number, cy: number, c: Cell) => {
      if (Math.floor(cx / side) !== t.x || Math.floor(cy / side) !== t.y) return
      const ix = Math.floor(cx / 2 ** toLattice) % 8
      const iy = Math.floor(cy / 2 ** toLattice) % 8
      const m = ix * 8 + iy
      const acc = merged.get(m)
      if (!acc) merged.set(m, { ...c, ix, iy })
      else {
        acc.n += c.n; acc.sumLng += c.sumLng; acc.sumLat += c.sumLat; acc.open += c.open; acc.overdue += c.overdue
        acc.id = Math.min(acc.id, c.id)
      }
    }
    if (side * side < this.cells.size) {
      for (let cx = t.x * side; cx < (t.x + 1) * side; cx++) {
        for (let cy = t.y * side; cy < (t.y + 1) * side; cy++) {
          const c = this.cells.get(key(cx, cy))
          if (c) visit(cx, cy, c)
        }
      }
    } else {
      for (const [k, c] of this.cells) visit(Math.floor(k / 2 ** BASE_LEVEL), k % 2 ** BASE_LEVEL, c)
    }
    return [...merged.values()]
  }
}
