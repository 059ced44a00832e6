// The map's classes: five steps of reports per area, from 0 to the largest value, rounded to readable bounds.
export const CLASS_COLORS = ['#eef4fb', '#c6dbef', '#85b5da', '#4187c0', '#124f8c'] as const

const nice = (v: number) => {
  if (v <= 10) return Math.ceil(v)
  const p = 10 ** Math.floor(Math.log10(v))
  return Math.ceil(v / p * 2) / 2 * p
}

/**
 * Upper bounds of the five classes (the last is the maximum), by quintile: one seat township holds a third of the
 * county's reports, and equal steps would paint every other township the same pale colour.
 */
export function classBreaks(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b)
  const max = Math.max(1, sorted.at(-1) ?? 1)
  if (sorted.length < 5) return [0.2, 0.4, 0.6, 0.8, 1].map((f) => nice(max * f))
  const at = (f: number) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]!
  const bounds = [at(0.2), at(0.4), at(0.6), at(0.8)].map(nice)
  // Strictly increasing bounds, the last one the maximum itself.
  const steps: number[] = []
  for (const b of [...bounds, max]) steps.push(Math.max(b, (steps.at(-1) ?? -1) + 1))
  steps[4] = Math.max(steps[4]!, max)
  return steps
}

export function classOf(value: number, breaks: readonly number[]): number {
  const i = breaks.findIndex((b) => value <= b)
  return i === -1 ? breaks.length - 1 : i
}

/** [minLng, minLat, maxLng, maxLat] of every coordinate in a collection. */
export function bboxOf(fc: { features: { geometry: unknown }[] }): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number]
      box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y); box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y)
    } else if (Array.isArray(c)) c.forEach(walk)
  }
  for (const f of fc.features) walk((f.geometry as { coordinates?: unknown } | null)?.coordinates)
  return box
}
