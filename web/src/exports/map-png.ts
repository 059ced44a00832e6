// The map view as a picture: the map as drawn (MapHost.snapshot, at 1× or 2×) under a band naming the area and the
// period, with the legend of the layers shown in a column of its own at the map's right, composed on a 2D canvas and
// saved as PNG. The legend is beside the map, not over it: over the map's lower left it hid the whistle departments'
// column, and no corner of a county map is reliably empty.
// The map registers where its picture comes from (provideMapSnapshot); the layer panel asks for it.

export interface LegendEntry { color: string; name: string }
export interface MapPicture {
  title: string
  subtitle: string
  legend: LegendEntry[]
  /** The choropleth's colour ramp and its name, when regions are coloured. */
  ramp?: { name: string; colors: readonly string[]; low: string; high: string }
}

type Snapshot = (pixelRatio: number) => Promise<HTMLCanvasElement>
let source: Snapshot | null = null

/** The map in view says how to take its picture; the returned function withdraws it (the map is gone). */
export function provideMapSnapshot(snapshot: Snapshot): () => void {
  source = snapshot
  return () => { if (source === snapshot) source = null }
}

export const mapSnapshotReady = () => source !== null

const FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif'

/** The legend's column at the map's right, in CSS pixels (the picture is this much wider than the map). */
export const LEGEND_COLUMN = 254

export async function composeMapPng(pixelRatio: number, picture: MapPicture): Promise<Blob> {
  if (!source) throw new Error('the map is not drawn yet')
  const map = await source(pixelRatio)
  const r = pixelRatio
  const band = 56 * r
  const column = LEGEND_COLUMN * r
  const out = document.createElement('canvas')
  out.width = map.width + column
  // A map shorter than its legend (a small window) gets the column's height.
  out.height = band + Math.max(map.height, legendHeight(picture, r) + 24 * r)
  const ctx = out.getContext('2d')!
  ctx.fillStyle = '#06111f'
  ctx.fillRect(0, 0, out.width, out.height)
  ctx.fillStyle = '#e6f4ff'
  ctx.textBaseline = 'alphabetic'
  ctx.font = `600 ${20 * r}px ${FONT}`
  ctx.fillText(picture.title, 16 * r, 26 * r)
  ctx.fillStyle = '#8fb3d1'
  ctx.font = `${12 * r}px ${FONT}`
  ctx.fillText(picture.subtitle, 16 * r, 46 * r)
  ctx.drawImage(map, 0, band)
  drawLegend(ctx, picture, r, map.width + 12 * r, band + 12 * r)
  return await new Promise<Blob>((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('the picture could not be encoded'))), 'image/png'))
}

const legendRows = (p: MapPicture) => p.legend.length + (p.ramp ? 2 : 0)
const legendHeight = (p: MapPicture, r: number) => (legendRows(p) === 0 ? 0 : legendRows(p) * 18 * r + 20 * r)

function drawLegend(ctx: CanvasRenderingContext2D, p: MapPicture, r: number, x: number, y: number) {
  const line = 18 * r
  if (legendRows(p) === 0) return
  const pad = 10 * r
  const width = (LEGEND_COLUMN - 24) * r
  const height = legendHeight(p, r)
  ctx.fillStyle = 'rgba(6, 17, 31, 0.85)'
  ctx.fillRect(x, y, width, height)
  ctx.strokeStyle = 'rgba(54, 198, 255, 0.5)'
  ctx.lineWidth = r
  ctx.strokeRect(x, y, width, height)
  ctx.font = `${12 * r}px ${FONT}`
  ctx.textBaseline = 'middle'
  let cy = y + pad + line / 2
  for (const e of p.legend) {
    ctx.beginPath()
    ctx.arc(x + pad + 5 * r, cy, 5 * r, 0, Math.PI * 2)
    if (e.color === 'transparent') { ctx.strokeStyle = '#ffffff'; ctx.stroke() } else { ctx.fillStyle = e.color; ctx.fill() }
    ctx.fillStyle = '#e6f4ff'
    ctx.fillText(e.name, x + pad + 16 * r, cy)
    cy += line
  }
  if (p.ramp) {
    ctx.fillStyle = '#8fb3d1'
    ctx.fillText(p.ramp.name, x + pad, cy)
    cy += line
    const barX = x + pad + ctx.measureText(p.ramp.low).width + 6 * r
    const barW = 100 * r
    const gradient = ctx.createLinearGradient(barX, 0, barX + barW, 0)
    p.ramp.colors.forEach((c, i) => gradient.addColorStop(i / Math.max(1, p.ramp!.colors.length - 1), c))
    ctx.fillText(p.ramp.low, x + pad, cy)
    ctx.fillStyle = gradient
    ctx.fillRect(barX, cy - 4 * r, barW, 8 * r)
    ctx.fillStyle = '#8fb3d1'
    ctx.fillText(p.ramp.high, barX + barW + 6 * r, cy)
  }
}

/** Saves a blob under a name through a temporary link (the browser's download). */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
