// The county view as the map opens it (web/src/map/map-host.ts: fitBounds(COUNTY_BOUNDS, padding 24)) on a
// 1920×1080 screen, and the 512 px vector tiles MapLibre requests to cover it.
import { worldPosition } from '../api/tiles/tile-math'
import type { TileId } from '../api/tiles/tile-math'

export const SCREEN = { width: 1920, height: 1080 }
export const COUNTY_BOUNDS: [[number, number], [number, number]] = [[119.44, 27.299379], [120.244731, 27.811553]]
const PADDING = 24
const TILE_PX = 512

/** The zoom fitBounds picks and the tiles (at floor(zoom), as MapLibre covers a vector source) the view needs. */
export function countyViewport(screen = SCREEN): { zoom: number; tiles: TileId[] } {
  const [[w, s], [e, n]] = COUNTY_BOUNDS
  const [x0, y0] = worldPosition(w, n, 0)
  const [x1, y1] = worldPosition(e, s, 0)
  const zoom = Math.log2(Math.min((screen.width - 2 * PADDING) / ((x1 - x0) * TILE_PX), (screen.height - 2 * PADDING) / ((y1 - y0) * TILE_PX)))
  const z = Math.floor(zoom)
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2
  const halfW = screen.width / 2 / (TILE_PX * 2 ** zoom), halfH = screen.height / 2 / (TILE_PX * 2 ** zoom)
  const tiles: TileId[] = []
  const n2 = 2 ** z
  for (let x = Math.floor((cx - halfW) * n2); x <= Math.floor((cx + halfW) * n2); x++) {
    for (let y = Math.floor((cy - halfH) * n2); y <= Math.floor((cy + halfH) * n2); y++) tiles.push({ z, x, y })
  }
  return { zoom, tiles }
}
