// The wall's logical canvas and how it fits the screen. The canvas (1920×1080 by default, ?canvas=3840x2160 or
// 5760x1080) is scaled to the window and letterboxed, never stretched. Nothing is scaled as a bitmap: the wall lays
// itself out at the real pixel size of the box, and every length is a multiple of one unit `u`, the screen pixels
// of one line of a 1080-line grid (the CSS variable --u). Text, charts and the map are therefore drawn at device
// pixels; a 4K wall is sharper, not blurrier.
//
// Sizes are set on the 1080-line grid because legibility from across the room is a matter of the share of the
// screen's height a letter takes: a 3840×2160 canvas is the 1080 layout with twice the pixels (same layout, same
// proportions), while 5760×1080 (three screens side by side) is a wider grid with room for more columns.

export interface Canvas { width: number; height: number }

export const DEFAULT_CANVAS: Canvas = { width: 1920, height: 1080 }
/** Lines of the layout grid, whatever the canvas's pixels. */
export const GRID_LINES = 1080

/** `?canvas=WxH`; anything malformed or absurd falls back to 1920×1080 (a wall must always show something). */
export function parseCanvas(search: string): Canvas {
  const m = /^(\d{3,5})x(\d{3,5})$/i.exec(new URLSearchParams(search).get('canvas') ?? '')
  if (!m) return DEFAULT_CANVAS
  const width = Number(m[1])
  const height = Number(m[2])
  const ok = width >= 640 && height >= 360 && width <= 15360 && height <= 8640 && width / height <= 8 && height / width <= 2
  return ok ? { width, height } : DEFAULT_CANVAS
}

export interface Fit {
  /** The letterboxed box in CSS pixels, centred in the viewport (whole pixels, so edges stay crisp). */
  left: number
  top: number
  width: number
  height: number
  /** CSS pixels per line of the 1080-line grid. */
  unit: number
  /** The layout grid's width in units (1920 for 16:9, 5760 for three 16:9 screens). */
  gridWidth: number
}

export function fitCanvas(canvas: Canvas, viewport: { width: number; height: number }): Fit {
  const scale = Math.min(viewport.width / canvas.width, viewport.height / canvas.height)
  const width = Math.floor(canvas.width * scale)
  const height = Math.floor(canvas.height * scale)
  return {
    left: Math.floor((viewport.width - width) / 2),
    top: Math.floor((viewport.height - height) / 2),
    width,
    height,
    unit: height / GRID_LINES,
    gridWidth: Math.round((canvas.width * GRID_LINES) / canvas.height),
  }
}

/** Three-screen walls (and wider) get two columns of panels on each side of the map. */
export const isWide = (fit: Fit) => fit.gridWidth >= 3000
