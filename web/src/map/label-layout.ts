// Where each township's name and figure sit, so that none covers another. The labels must all show (they are the
// map's geography), so MapLibre draws them with overlap allowed; left to that, the small townships in the middle
// of the county covered each other on the wall's map. MapLibre's own variable anchors would move them, but they
// keep whichever side a label took during the last camera flight, so the wall's map looked different after every
// tour step. This layout depends on the zoom alone: the same map at the same zoom always reads the same.
//
// Greedy, in the order given (the caller puts the smallest areas first: they are where the crowding is, and a large
// area has room to give): a label stays centred on its point if it is free there, else it takes the first free side,
// else it drops its figure and tries again, else it stays centred and overlaps.

export type LabelAnchor = 'center' | 'top' | 'bottom' | 'left' | 'right' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right'

export interface LabelItem {
  id: string
  /** The label's point on screen, in CSS pixels. */
  at: readonly [number, number]
  /** The name first; what follows (the figure) is dropped where there is no room. */
  lines: readonly string[]
}

export interface LabelPlacement {
  anchor: LabelAnchor
  /** text-offset, in ems. */
  offset: [number, number]
  text: string
}

/** Must match the layer's text-line-height. */
export const LINE_HEIGHT = 1.25
/** A little room around each label for its halo, in ems. */
const PAD = 0.2
/** How far a label moved to a side stands off its point, in ems: close first, then a step further out. */
const GAPS = [0.25, 1.25]

const CENTRE = ['center', 0, 0] as const

/** The sides a label tries, nearest first: as MapLibre names anchors, 'top' puts the label's top at the point. */
const SIDES: readonly [LabelAnchor, number, number][] = [
  ['top', 0, 1], ['bottom', 0, -1], ['left', 1, 0], ['right', -1, 0],
  ['top-left', 1, 1], ['top-right', -1, 1], ['bottom-left', 1, -1], ['bottom-right', -1, -1],
]

/** Width of a line in ems: Han characters are square, digits and Latin letters about 0.6 em in Noto Sans. */
export function lineWidthEm(line: string): number {
  let w = 0
  for (const ch of line) w += ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.6
  return w
}

type Box = [number, number, number, number]

const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]

/** The box (in ems) of a label of w × h ems whose anchor sits at the origin, and its text-offset. */
function candidate(side: readonly [LabelAnchor, number, number], w: number, h: number, gap: number): { box: Box; offset: [number, number] } {
  const [, dx, dy] = side
  // Diagonals stand off by the gap along both axes; straight sides along one.
  const offset: [number, number] = [dx * gap, dy * gap]
  const left = dx === 0 ? -w / 2 : dx > 0 ? offset[0] : offset[0] - w
  const top = dy === 0 ? -h / 2 : dy > 0 ? offset[1] : offset[1] - h
  return { box: [left - PAD, top - PAD, left + w + PAD, top + h + PAD], offset }
}

/** Every place a label tries, in order: centred on its point, then each side close by, then each a step further out. */
const TRIES = [{ side: CENTRE, gap: 0 }, ...GAPS.flatMap((gap) => SIDES.map((side) => ({ side, gap })))]

/** Places the labels for text of `sizePx` CSS pixels; items earlier in the list choose first. */
export function layoutLabels(items: readonly LabelItem[], sizePx: number): Map<string, LabelPlacement> {
  const placed: Box[] = []
  const out = new Map<string, LabelPlacement>()
  const free = (b: Box) => !placed.some((p) => overlaps(p, b))
  /** The label's text set on one side of its point: what MapLibre is told, and the box it covers on screen. */
  const place = (item: LabelItem, lines: readonly string[], { side, gap }: (typeof TRIES)[number]) => {
    const c = candidate(side, Math.max(...lines.map(lineWidthEm)), lines.length * LINE_HEIGHT, gap)
    const [x, y] = item.at
    const box: Box = [x + c.box[0] * sizePx, y + c.box[1] * sizePx, x + c.box[2] * sizePx, y + c.box[3] * sizePx]
    return { placement: { anchor: side[0], offset: c.offset, text: lines.join('\n') }, box }
  }

  for (const item of items) {
    const texts = item.lines.length > 1 ? [item.lines, item.lines.slice(0, 1)] : [item.lines]
    const chosen = texts.flatMap((lines) => TRIES.map((t) => place(item, lines, t))).find((p) => free(p.box))
      ?? place(item, item.lines, TRIES[0]!)
    placed.push(chosen.box)
    out.set(item.id, chosen.placement)
  }
  return out
}
